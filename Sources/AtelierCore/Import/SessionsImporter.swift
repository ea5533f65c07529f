import Foundation

/// Reads a spreadsheet of sessions (CSV as spreadsheets export it, through `CSVReader`: UTF-8,
/// UTF-16 or Windows-1252, `;`, `,` or tab) into an `ImportedEvent`. One row per session:
/// `title` and `duration` required; `id`, `kind`, `speakers`, `track`, `room`, `day`, `start`,
/// `runs`, `max_size`, `description` optional (headings matched ignoring case, accents, spaces and
/// underscores, in English or French). A row with a day, a start and a room is placed there.
public enum SessionsImporter {
  /// Files larger than this are refused unread.
  public static let maxBytes = 20 * 1024 * 1024
  /// Rows beyond this are refused.
  public static let maxRows = 20_000

  /// What the command line adds to the file.
  public struct Options: Sendable {
    /// The event's name (default: the file's name without its extension).
    public var name: String?
    /// IANA time zone (default UTC, with a warning).
    public var timeZone: String?
    /// Dates of days to hold besides those the `day` column names.
    public var days: [String]
    /// The grid of every day, `(start, end)` in minutes; default: made of the rows' times.
    public var slots: [(start: Int, end: Int)]?

    public init(name: String? = nil, timeZone: String? = nil, days: [String] = [], slots: [(start: Int, end: Int)]? = nil) {
      self.name = name
      self.timeZone = timeZone
      self.days = days
      self.slots = slots
    }
  }

  /// A column's role, and the headings (normalised: letters and digits, lower case) that name it.
  enum Column: String, CaseIterable {
    case id, title, duration, kind, speakers, track, room, day, start, runs, maxSize = "max_size", description

    var headings: [String] {
      switch self {
      case .id: ["id", "sessionid", "code", "identifiant"]
      case .title: ["title", "titre", "session", "sessiontitle", "name", "nom", "intitule", "sujet"]
      case .duration: ["duration", "duree", "length", "minutes", "durationminutes", "dureemin", "dureeminutes", "durationmin"]
      case .kind: ["kind", "type", "format", "sessiontype", "typedesession"]
      case .speakers:
        ["speakers", "speaker", "intervenants", "intervenant", "persons", "orateurs", "animateurs", "animateur", "animation"]
      case .track: ["track", "theme", "thematique", "parcours", "filiere"]
      case .room: ["room", "salle", "lieu", "location"]
      case .day: ["day", "date", "jour"]
      case .start: ["start", "starttime", "time", "heure", "debut", "horaire", "heuredebut", "heurededebut"]
      case .runs: ["runs", "repetitions", "nbsessions", "fois"]
      case .maxSize: ["maxsize", "places", "jauge", "maxparticipants", "capacitymax"]
      case .description: ["description", "abstract", "resume"]
      }
    }
  }

  /// The event, or `nil` when an error was found; every diagnostic either way.
  public static func read(_ data: Data, file: String, options: Options = Options()) -> (
    event: ImportedEvent?, diagnostics: [Diagnostic]
  ) {
    var diagnostics: [Diagnostic] = []
    func report(_ d: Diagnostic) { diagnostics.append(d) }
    func at(_ line: Int?, _ column: Int? = nil) -> Diagnostic.Location { .init(file: file, line: line, column: column) }
    if data.isEmpty { return (nil, [.error("empty-file", "the sessions file is empty", at: at(1, 1))]) }
    if data.prefix(4096).contains(0) && !(data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])) {
      return (nil, [.error("not-text", "the file is not text (it holds NUL bytes)", at: at(1, 1), hint: "export the sheet as CSV")])
    }
    let (text, encoding) = CSVReader.decode(data)
    if encoding == .windows1252, let stray = CSVReader.strayBytes(data), let first = stray.offsets.first {
      let (line, column) = CSVReader.position(ofByte: first, in: stray.bytes)
      report(
        .error(
          "invalid-utf8-byte", "\(stray.offsets.count) byte(s) are not UTF-8, though the rest of the file is",
          at: at(line, column), hint: "save the file as UTF-8 (in Excel: \"CSV UTF-8\"), or retype the character"))
    }
    let separator = CSVReader.sniffSeparator(text)
    let (records, openQuote, overflow) = CSVReader.records(
      text, separator: separator, maxRecords: maxRows + 1, maxFields: InstanceLoader.maxColumns)
    if let openQuote { report(.error("csv-unterminated-quote", "a quoted field opened here is never closed", at: at(openQuote))) }
    if let overflow {
      report(
        .error(
          "csv-too-large", overflow.limit == .records ? "more than \(maxRows) rows" : "a row with too many fields",
          at: at(overflow.line, 1), hint: "check that this is the sessions file"))
      return (nil, diagnostics)
    }
    guard let header = records.first else {
      return (nil, diagnostics + [.error("empty-file", "the sessions file has no header line", at: at(1, 1))])
    }

    // Columns by heading.
    var columns: [Column: Int] = [:]
    for (i, field) in header.fields.enumerated() {
      let name = ParticipantsColumns.normalize(field.text)
      guard let column = Column.allCases.first(where: { $0.headings.contains(name) }) else { continue }
      if columns[column] == nil { columns[column] = i }
    }
    for required in [Column.title, .duration] where columns[required] == nil {
      let shown = header.fields.map(\.text).joined(separator: ", ")
      report(
        .error(
          "csv-missing-column", "no `\(required.rawValue)` column in the header (\(shown.prefix(120)))",
          at: at(header.line, 1),
          hint: "name a column " + required.headings.prefix(4).joined(separator: ", ")
            + "; the other columns are " + Column.allCases.filter { $0 != required }.map(\.rawValue).joined(separator: ", ")))
    }
    guard columns[.title] != nil, columns[.duration] != nil else { return (nil, diagnostics) }
    let read = Column.allCases.compactMap { c in columns[c].map { "\(c.rawValue) from '\(header.fields[$0].text)'" } }
    report(Diagnostic(.note, code: "sessions-columns", "read " + read.joined(separator: ", "), at: at(header.line, 1)))

    let stem = file.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? "Imported event"
    var draft = EventDraft(name: options.name ?? stem, timeZone: options.timeZone ?? "UTC")
    draft.extraDates = options.days
    draft.fixedSlots = options.slots
    if let zone = options.timeZone, let problem = EventClock.zoneProblem(zone) {
      report(.error("bad-time-zone", "--time-zone: " + problem.message, hint: problem.hint))
    }
    if options.timeZone == nil {
      report(
        .warning(
          "import-time-zone-guessed", "a sessions file names no time zone: event.yaml says 'UTC'",
          at: .init(file: "event.yaml", path: "time_zone"),
          hint: "pass --time-zone Europe/Paris (the event's IANA zone), or edit time_zone in event.yaml"))
    }
    var unknownKinds: Set<String> = []
    let slotStarts = options.slots.map { Set($0.map(\.start)) }
    for record in records.dropFirst() {
      func cell(_ column: Column) -> CSVReader.Field? {
        guard let i = columns[column], i < record.fields.count else { return nil }
        let field = record.fields[i]
        let trimmed = field.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : CSVReader.Field(text: trimmed, line: field.line, column: field.column)
      }
      func error(_ code: String, _ message: String, _ field: CSVReader.Field?, hint: String? = nil) {
        report(.error(code, message, at: at(field?.line ?? record.line, field?.column ?? 1), hint: hint))
      }
      let before = diagnostics.errors.count
      guard let title = cell(.title) else {
        error(
          "import-empty-title", "the row has no title", nil,
          hint: "give every session a title (column '\(header.fields[columns[.title] ?? 0].text)')")
        continue
      }
      var duration: Int?
      if let field = cell(.duration) {
        duration = Self.minutes(ofDuration: field.text)
        if duration == nil || !(5...1440).contains(duration ?? 0) {
          error(
            "bad-duration", "'\(field.text)' is not a duration of 5 to 1440 minutes", field,
            hint: "write minutes (90) or hours and minutes (1:30, 1h30)")
          duration = nil
        }
      } else {
        error("missing-duration", "'\(title.text)' has no duration", nil, hint: "write minutes (90) or 1:30")
      }
      var kind = SessionKind.talk
      if let field = cell(.kind) {
        if let known = ImportedKind.kind(field.text) {
          kind = known
        } else if unknownKinds.insert(field.text.lowercased()).inserted {
          report(
            .warning(
              "import-unknown-kind", "kind '\(field.text)' is no Atelier kind: its sessions are read as talks",
              at: at(field.line, field.column), hint: "write one of \(ImportedKind.names)"))
        }
      }
      var date: String?
      if let field = cell(.day) {
        date = Self.date(field.text)
        if date == nil {
          error("bad-date", "'\(field.text)' is not a date", field, hint: "write 2026-06-01 or 01/06/2026")
        }
      }
      var start: Int?
      if let field = cell(.start) {
        start = TimeText.minutes(field.text) ?? TimeText.suggestedClock(field.text).flatMap(TimeText.minutes)
        if start == nil || start == 1440 {
          error("bad-time", "'\(field.text)' is not a time", field, hint: "write HH:MM, as 09:30")
          start = nil
        } else if let start, let slotStarts, !slotStarts.contains(start) {
          error(
            "not-slot-start", "'\(title.text)' starts at \(TimeText.clock(start)), which is no start of --slots", field,
            hint: "slots start at " + (options.slots ?? []).map { TimeText.clock($0.start) }.joined(separator: ", "))
        } else if let start, let duration, start + duration > 1440 {
          error("import-past-midnight", "'\(title.text)' runs past midnight", field, hint: "an Atelier day ends at 24:00")
        }
      }
      func count(_ column: Column, range: ClosedRange<Int>) -> Int? {
        guard let field = cell(column) else { return nil }
        guard let value = Int(field.text), range.contains(value) else {
          error(
            "bad-number", "'\(field.text)' is not a whole number from \(range.lowerBound) to \(range.upperBound)", field,
            hint: column == .runs ? "how many times the session is given (1 when once)" : "the most participants a run takes")
          return nil
        }
        return value
      }
      let runs = count(.runs, range: 1...100)
      let maxSize = count(.maxSize, range: 1...100_000)
      guard diagnostics.errors.count == before, let duration else { continue }

      var item = EventDraft.Item(title: title.text, kind: kind, duration: duration, date: date, start: start)
      item.id = cell(.id)?.text
      item.runs = runs.flatMap { $0 == 1 ? nil : $0 }
      item.maxSize = maxSize
      item.description = cell(.description)?.text
      if let room = cell(.room)?.text {
        draft.addRoom(room)
        item.room = room
      }
      if let track = cell(.track)?.text {
        draft.addTrack(track)
        item.track = track
      }
      if let speakers = cell(.speakers)?.text {
        for name in Self.names(speakers) {
          draft.addSpeaker(key: name.lowercased(), name: name)
          if !item.speakers.contains(name.lowercased()) { item.speakers.append(name.lowercased()) }
        }
      }
      if (item.runs ?? 1) > 1, item.date != nil || item.start != nil || item.room != nil {
        report(
          .warning(
            "import-runs-placed", "'\(title.text)' runs \(item.runs ?? 1) times: its day, start and room pin run 1 only",
            at: at(title.line, title.column)))
      }
      draft.items.append(item)
    }
    if draft.items.isEmpty, !diagnostics.hasErrors {
      report(.error("import-no-sessions", "the file has no session row", at: at(header.line, 1)))
    }
    if diagnostics.hasErrors { return (nil, diagnostics) }
    var imported = draft.build(origin: "atelier import sessions \(file.split(separator: "/").last ?? "")", diagnostics: diagnostics)
    if imported.event.days.isEmpty {
      imported.diagnostics.append(
        .warning(
          "import-no-days", "no row gives a day: event.yaml has `days: []` to complete",
          at: .init(file: "event.yaml", path: "days"),
          hint: "fill the day and start columns, or import again with --days 2026-06-01,2026-06-02 "
            + "--slots 09:00-10:00,10:15-11:15 (or write days: in event.yaml)"))
    }
    let empty = imported.event.days.filter(\.slots.isEmpty).map(\.date)
    if !empty.isEmpty {
      imported.diagnostics.append(
        .warning(
          "import-no-slots", "no row starts at a time on \(empty.joined(separator: ", ")): those days have `slots: []`",
          at: .init(file: "event.yaml", path: "days"), hint: "import again with --slots 09:00-10:00,10:15-11:15"))
    }
    if imported.event.rooms.isEmpty {
      imported.diagnostics.append(
        .warning(
          "import-no-rooms", "no row names a room: event.yaml has `rooms: []` to complete",
          at: .init(file: "event.yaml", path: "rooms"),
          hint: "fill the room column, or write rooms: in event.yaml (id, name, capacity)"))
    }
    return (imported, imported.diagnostics)
  }

  /// Minutes of `90`, `90 min`, `1:30`, `01:30`, `1h30`, `1h`, `2 h`.
  static func minutes(ofDuration text: String) -> Int? {
    let t = text.lowercased().replacingOccurrences(of: " ", with: "")
    for suffix in ["minutes", "minute", "mins", "min", "mn", "m"] where t.hasSuffix(suffix) {
      return Int(t.dropLast(suffix.count)).flatMap { $0 >= 0 ? $0 : nil }
    }
    if let whole = Int(t) { return whole >= 0 ? whole : nil }
    for separator in [":", "h"] {
      let parts = t.split(separator: Character(separator), omittingEmptySubsequences: false)
      guard parts.count == 2, let hours = Int(parts[0]), hours >= 0 else { continue }
      if parts[1].isEmpty, separator == "h" { return hours * 60 }
      guard parts[1].count == 2, let minutes = Int(parts[1]), (0..<60).contains(minutes) else { return nil }
      return hours * 60 + minutes
    }
    return nil
  }

  /// `2026-06-01`, `01/06/2026` or `1/6/2026` (day first, as French and British sheets write it).
  static func date(_ text: String) -> String? {
    if TimeText.date(text) != nil { return text }
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[2].count == 4, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2])
    else { return nil }
    let iso = String(format: "%04d-%02d-%02d", year, month, day)
    return TimeText.date(iso) != nil ? iso : nil
  }

  /// Speaker names in one cell: separated by `|`, `;`, `,`, `/`, ` & ` or ` and ` / ` et `.
  static func names(_ cell: String) -> [String] {
    var text = cell
    for word in [" & ", " and ", " et "] { text = text.replacingOccurrences(of: word, with: "|") }
    return text.split(whereSeparator: { "|;,/\n".contains($0) })
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }
}
