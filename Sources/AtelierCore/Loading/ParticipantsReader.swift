import Foundation

/// Reads `participants.csv` (as a registration form exports it) into `Participant`s for a resolved
/// event, with a diagnostic for every bad row, each at its CSV line and column.
struct ParticipantsReader {
  let days: [Day]
  let sessions: [Session]
  let file: String
  /// The event file's `participants:` (the columns it names, if any).
  let mapping: InstanceFile.ParticipantsEntry?
  private(set) var diagnostics: [Diagnostic] = []
  /// The columns read, once the header is read.
  private(set) var columns: ParticipantsColumns?

  init(days: [Day], sessions: [Session], file: String, mapping: InstanceFile.ParticipantsEntry? = nil) {
    self.days = days
    self.sessions = sessions
    self.file = file
    self.mapping = mapping
  }

  private mutating func report(
    _ severity: Diagnostic.Severity, _ code: String, _ message: String, line: Int?, column: Int? = nil,
    hint: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(severity, code: code, message, at: .init(file: file, line: line, column: column), hint: hint))
  }

  /// Participants read from the file's bytes; rows with errors are left out.
  mutating func read(_ data: Data) -> [Participant] {
    if data.isEmpty {
      report(
        .error, "empty-file", "the participants file is empty", line: 1, column: 1,
        hint: "give at least a header line with an `id` column")
      return []
    }
    if data.prefix(4096).contains(0) && !(data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])) {
      report(
        .error, "not-text", "the participants file is not text (it holds NUL bytes)", line: 1, column: 1,
        hint: "export the sheet as CSV")
      return []
    }
    var (text, encoding) = CSVReader.decode(data)
    if encoding == .windows1252, let stray = CSVReader.strayBytes(data) {
      // UTF-8 but for a few bytes: point at them, not at the garbled text a Windows-1252 reading makes.
      var bytes = [UInt8](data)
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
      text = String(decoding: bytes, as: UTF8.self)
      encoding = .utf8
      for offset in stray.offsets.prefix(5) {
        let byte = stray.bytes[offset]
        let (line, column) = CSVReader.position(ofByte: offset, in: stray.bytes)
        let hex = "0x" + String(byte, radix: 16, uppercase: true)
        report(
          .error, "invalid-utf8-byte",
          "byte \(hex) is not UTF-8, though the rest of the file is (it is '\(CSVReader.windows1252([byte][...]))' in Windows-1252)",
          line: line, column: column,
          hint: "save the file as UTF-8 (in Excel: \"CSV UTF-8\"), or retype the character")
      }
      if stray.offsets.count > 5 {
        let (line, _) = CSVReader.position(ofByte: stray.offsets[5], in: stray.bytes)
        report(
          .error, "invalid-utf8-byte", "\(stray.offsets.count - 5) more bytes are not UTF-8, the first on line \(line)",
          line: line, hint: "save the file as UTF-8")
      }
    }
    let separator = CSVReader.sniffSeparator(text)
    // One record more than the limit (the header), so that a file at the limit loads.
    let (records, openQuote, overflow) = CSVReader.records(
      text, separator: separator, maxRecords: InstanceLoader.maxParticipants + 1, maxFields: InstanceLoader.maxColumns)
    if let openQuote {
      report(.error, "csv-unterminated-quote", "a quoted field opened here is never closed", line: openQuote)
    }
    switch overflow?.limit {
    case .records?:
      let limit = FeasibilityCheck.number(InstanceLoader.maxParticipants)
      report(
        .error, "too-many-participants",
        "the participants file has more than \(limit) rows; Atelier takes at most \(limit) participants",
        line: overflow?.line, column: 1, hint: "split the event, or check that this is the right file")
      return []
    case .fields?:
      let limit = FeasibilityCheck.number(InstanceLoader.maxColumns)
      report(
        .error, "csv-too-many-columns", "the row has more than \(limit) fields (separator '\(Character(separator))')",
        line: overflow?.line, column: 1, hint: "export only the id, days, choice and max_workshops columns")
      return []
    case nil: break
    }
    guard let rawHeader = records.first(where: { !$0.isBlank }) else {
      report(.error, "empty-file", "the participants file has no header line", line: 1, column: 1)
      return []
    }
    // A header ending with a separator (an empty last heading) names nothing: rows may end with one
    // too, or not.
    var header = rawHeader
    let headerEndsWithSeparator =
      header.fields.count > 1 && header.fields.last?.text.trimmingCharacters(in: .whitespaces).isEmpty == true
    if headerEndsWithSeparator { header.fields.removeLast() }
    let (resolvedColumns, columnDiagnostics) = ParticipantsColumns.resolve(
      header: header.fields.map(\.text), mapping: mapping,
      at: { [file] i in .init(file: file, line: header.fields[i].line, column: header.fields[i].column) })
    var resolved = resolvedColumns
    resolved.findPreferenceColumns(sessions: sessions)
    switch mapping?.preferences {
    case "scores"?: resolved.scores = true
    case nil, "ranks"?: break
    case let other?:
      diagnostics.append(
        .error(
          "invalid-preferences", "participants.preferences '\(other)' is neither ranks nor scores",
          at: .init(path: "participants.preferences"),
          hint: "ranks: 1 = most wanted, equal numbers tie; scores: 0–10, must, maybe (higher is more wanted)"))
    }
    columns = resolved
    diagnostics += columnDiagnostics
    guard let idIndex = resolved.id else {
      if mapping?.id != nil { return [] }  // reported against the mapping
      let names = header.fields.map(\.text).joined(separator: ", ")
      let shown = names.count > 120 ? String(names.prefix(120)) + "…" : names
      report(
        .error, "csv-missing-column", "no `id` column in the header (\(shown)) read as \(encoding.rawValue)",
        line: header.line, column: 1,
        hint: "name a column id, identifiant, participant or email, or name it in event.yaml: `participants: {file: …, id: …}`")
      return []
    }
    let choiceColumns = resolved.choices
    let hasRows = records.contains { $0 != rawHeader && !$0.isBlank && $0.line > header.line }
    if choiceColumns.isEmpty, resolved.preferenceColumns.isEmpty, !resolved.declaredChoices, hasRows, sessions.contains(where: { $0.kind == .workshop }) {
      let names = header.fields.map(\.text).joined(separator: ", ")
      let shown = names.count > 120 ? String(names.prefix(120)) + "…" : names
      let near = resolved.unreadChoiceLike
      let mapping = "name them in event.yaml: `participants: {file: …, choices: [\"Atelier 1\", \"Atelier 2\"]}`"
      let hint =
        near.isEmpty
        ? "name the columns as one of: \(ParticipantsColumns.acceptedChoiceHeadings); or \(mapping) "
          + "(`choices: []` if the file holds no choices)"
        : "'\(near[0])'\(near.count > 1 ? " and \(near.count - 1) more" : "") look like choices but have no usual "
          + "heading: \(mapping), or rename them choice_1, choice_2 … (also Choix 1, 1er choix, Atelier 1, Vœu 1)"
      report(
        .error, "csv-no-choice-columns",
        "no column of workshop choices in the header (\(shown)): nobody would be assigned to a workshop",
        line: header.line, column: 1, hint: hint)
    }

    var dayByKey: [String: Int] = [:]
    for (d, day) in days.enumerated() {
      dayByKey[day.id.lowercased()] = d
      dayByKey[day.date] = d
      if let (year, month, dayOfMonth) = TimeText.date(day.date) {
        let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        dayByKey["\(pad(dayOfMonth))/\(pad(month))/\(year)"] = d
        dayByKey["\(dayOfMonth)/\(month)/\(year)"] = d
      }
    }
    var sessionByKey: [String: Int] = [:]
    for (s, session) in sessions.enumerated().reversed() {
      sessionByKey[session.title.lowercased().trimmingCharacters(in: .whitespaces)] = s
    }
    for (s, session) in sessions.enumerated().reversed() { sessionByKey[session.id.lowercased()] = s }
    let sessionNames = sessions.map(\.id) + sessions.map(\.title)
    // A file meant for another event repeats the same few unknown names on every row.
    var sessionHints: [String: String?] = [:]
    func sessionHint(_ text: String) -> String? {
      if let known = sessionHints[text] { return known }
      let hint = NameSuggester.hint(for: text, among: sessionNames)
      sessionHints[text] = hint
      return hint
    }

    var participants: [Participant] = []
    var firstLine: [String: Int] = [:]
    let allDays = Set(days.indices)
    let dataRows = records.drop(while: { $0 != rawHeader }).dropFirst().filter { !$0.isBlank }
    // Rows with one more field than the header, empty: a separator at the end of each row (an
    // export quirk). Said once, with the count; the empty field is dropped and the row read.
    let trailing = dataRows.filter { $0.fields.count == header.fields.count + 1 && $0.fields.last?.text.isEmpty == true }
    if let first = trailing.first, !headerEndsWithSeparator {
      let every = trailing.count == dataRows.count
      let sep = Character(separator)
      report(
        .warning, "csv-trailing-separator",
        (every
          ? "every data row (\(trailing.count)) has one more field than the header, empty (a trailing '\(sep)'?)"
          : "\(trailing.count) data rows have one more field than the header, empty (a trailing '\(sep)'?), the first here")
          + "; the empty field is ignored",
        line: first.line, column: first.fields.last?.column,
        hint: "remove the '\(sep)' at the end of the rows, or end the header with '\(sep)' too")
    }
    var fieldCountErrors = 0
    for var record in dataRows {
      if record.fields.count == header.fields.count + 1, record.fields.last?.text.isEmpty == true {
        record.fields.removeLast()
      }
      if record.fields.count != header.fields.count {
        fieldCountErrors += 1
        guard fieldCountErrors <= 20 else { continue }
        report(
          .error, "csv-field-count",
          "the row has \(record.fields.count) field\(record.fields.count == 1 ? "" : "s"), the header \(header.fields.count)",
          line: record.line, column: 1,
          hint: record.fields.count < header.fields.count ? nil : "quote fields that contain '\(Character(separator))'")
        continue
      }
      var valid = true
      let idField = record.fields[idIndex]
      let id = idField.text.trimmingCharacters(in: .whitespaces)
      if id.isEmpty {
        report(.error, "csv-missing-id", "the row has no participant id", line: idField.line, column: idField.column)
        continue
      }
      if let first = firstLine[id] {
        report(
          .error, "duplicate-participant", "participant '\(id)' already appears on line \(first)",
          line: idField.line, column: idField.column)
        continue
      }
      firstLine[id] = record.line

      var attends = allDays
      if let daysIndex = resolved.days {
        let field = record.fields[daysIndex]
        var separators: Set<Character> = ["|", "+"]
        if separator == ";" { separators.insert(",") }
        let tokens = field.text.split { separators.contains($0) || $0.isWhitespace }.map(String.init)
        if !tokens.isEmpty {
          attends = []
          for token in tokens {
            if let d = dayByKey[token.lowercased()] ?? dayByKey[token] {
              attends.insert(d)
            } else {
              valid = false
              report(
                .error, "unknown-day", "unknown day '\(token)'", line: field.line, column: field.column,
                hint: NameSuggester.hint(for: token, among: days.map(\.id))
                  ?? "use day ids (\(days.map(\.id).joined(separator: ", "))) or dates YYYY-MM-DD")
            }
          }
        }
      }

      var choices: [Int] = []
      for index in choiceColumns {
        let field = record.fields[index]
        let text = field.text.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { continue }
        guard let s = sessionByKey[text.lowercased()] else {
          valid = false
          report(
            .error, "unknown-session", "unknown session '\(text)'", line: field.line, column: field.column,
            hint: sessionHint(text))
          continue
        }
        if choices.contains(s) {
          report(
            .warning, "duplicate-choice", "session '\(sessions[s].id)' is chosen twice; the second is ignored",
            line: field.line, column: field.column)
          continue
        }
        if sessions[s].exclusive {
          report(
            .warning, "exclusive-choice",
            "session '\(sessions[s].id)' is exclusive (everyone attends); the choice is ignored",
            line: field.line, column: field.column)
          continue
        }
        choices.append(s)
      }
      var ranks: [Int] = []
      if !resolved.preferenceColumns.isEmpty {
        var marks: [(session: Int, value: Double)] = []  // larger = more wanted
        for (index, s) in zip(resolved.preferenceColumns, resolved.preferenceSessions) {
          let field = record.fields[index]
          let text = field.text.trimmingCharacters(in: .whitespaces)
          guard !text.isEmpty else { continue }
          if let value = Self.preference(text, scores: resolved.scores) {
            if let value { marks.append((s, value)) }
          } else {
            valid = false
            report(
              .error, resolved.scores ? "invalid-score" : "invalid-rank",
              resolved.scores
                ? "score '\(text)' of '\(sessions[s].id)' is not a number from 0 to 10, must or maybe"
                : "rank '\(text)' of '\(sessions[s].id)' is not a whole number ≥ 1",
              line: field.line, column: field.column,
              hint: resolved.scores
                ? "write 0 (or leave the cell empty) for a workshop not wanted, 10 for the most wanted"
                : ["must", "maybe", "0"].contains(text.lowercased()) || Double(text.replacingOccurrences(of: ",", with: ".")) != nil
                  ? "these look like scores: set `participants: {file: …, preferences: scores}` in event.yaml"
                  : "1 is the most wanted; equal numbers tie; leave the cell empty for a workshop not wanted")
          }
        }
        // Most wanted first; equal values tie: competition ranks (1, 1, 3).
        marks.sort { ($0.value, $1.session) > ($1.value, $0.session) }
        choices = marks.map(\.session)
        ranks = marks.map { mark in 1 + marks.filter { $0.value > mark.value }.count }
      }

      var maxWorkshops: Int?
      var everySlot: Bool?
      if let index = resolved.maxWorkshops {
        let field = record.fields[index]
        let text = field.text.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
          if let value = Int(text), value >= 0 {
            maxWorkshops = value
          } else if ["every_slot", "every slot", "everyslot"].contains(text.lowercased()) {
            everySlot = true
          } else {
            valid = false
            report(
              .error, "invalid-integer", "max_workshops '\(text)' is not a whole number ≥ 0 or every_slot",
              line: field.line, column: field.column,
              hint: "write how many workshops at most, or every_slot for one workshop in every slot where one runs")
          }
        }
      }
      var anywhere: Bool?
      if let index = resolved.anywhere {
        let field = record.fields[index]
        let text = field.text.trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "": break
        case "yes", "y", "true", "1", "oui", "o", "x", "anywhere": anywhere = true
        case "no", "n", "false", "0", "non": anywhere = false
        default:
          valid = false
          report(
            .error, "invalid-anywhere", "'\(text)' is not yes or no (seat anywhere for the rest)",
            line: field.line, column: field.column,
            hint: "write yes (or oui, true, 1, x) to seat them in any workshop for the rest of their limit, no otherwise; empty uses seat_anywhere")
        }
      }
      var attendance: Attendance?
      if let index = resolved.attendance {
        let field = record.fields[index]
        let text = field.text.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
          attendance = Attendance(spelling: text)
          if attendance == nil {
            valid = false
            report(
              .error, "invalid-attendance", "'\(text)' is not an attendance (in_person or online)",
              line: field.line, column: field.column,
              hint: NameSuggester.hint(for: text, among: ["in_person", "online", "présentiel", "distanciel"])
                ?? "write in_person (or présentiel, on site) or online (or distanciel, remote); empty uses the event's attendance")
          }
        }
      }
      if valid {
        var participant = Participant(
          id: id, days: attends, choices: choices, ranks: ranks, maxWorkshops: maxWorkshops, line: record.line)
        participant.anywhere = anywhere
        participant.attendance = attendance
        participant.everySlot = everySlot
        participants.append(participant)
      }
    }
    if fieldCountErrors > 20 {
      report(
        .error, "csv-field-count",
        "\(fieldCountErrors - 20) more rows have a number of fields other than the header's \(header.fields.count)",
        line: nil, hint: "check the separator ('\(Character(separator))') and the quotes of those rows")
    }
    // Choice columns found, but not one choice in them: nobody would be assigned either.
    if !choiceColumns.isEmpty, !participants.isEmpty, participants.allSatisfy({ $0.choices.isEmpty }),
      !diagnostics.hasErrors, sessions.contains(where: { $0.kind == .workshop })
    {
      let names = choiceColumns.map { "'\(header.fields[$0].text)'" }
      report(
        .warning, "csv-no-choices",
        "no participant chose a session: the choice columns (\(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? ", …" : "")) are empty in every row",
        line: header.line, column: header.fields[choiceColumns[0]].column,
        hint: "check that these are the columns of the workshop choices; `solve` would assign nobody")
    }
    return participants
  }

  /// A preference cell as a value where larger is more wanted: `.some(nil)` for "not wanted"
  /// (score 0), nil when the text is not a rank (whole number ≥ 1) or score (0–10, `must`, `maybe`).
  /// Ranks become their negation; `must` is above every score, `maybe` below every positive one.
  static func preference(_ text: String, scores: Bool) -> Double?? {
    if scores {
      switch text.lowercased() {
      case "must", "obligatoire", "indispensable": return .some(11)
      case "maybe", "peut-être", "peut-etre", "peutetre": return .some(0.5)
      default: break
      }
      guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value.isFinite, (0...10).contains(value)
      else { return nil }
      return value == 0 ? .some(nil) : .some(value)
    }
    guard let rank = Int(text), rank >= 1 else { return nil }
    return .some(-Double(rank))
  }
}
