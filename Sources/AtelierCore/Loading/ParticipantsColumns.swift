import Foundation

/// Which columns of a participants file hold the id, the days, the choices and `max_workshops`:
/// named by `participants: {id:, days:, choices:, max_workshops:}` in the event file, else found by
/// their headings (`choice_1`, `Choix 1`, `1er choix`, `Atelier 1`, `Vœu 1`, …).
///
/// `ParticipantsReader` and `ParticipantsTable` both read columns through this one resolution.
public struct ParticipantsColumns: Sendable, Hashable {
  /// The header as read.
  public var header: [String]
  public var id: Int?
  /// The id column is an email column (no id column).
  public var idIsEmail = false
  public var days: Int?
  public var maxWorkshops: Int?
  /// "Seat me anywhere for the rest" (yes/no).
  public var anywhere: Int?
  /// In person or online (issue 17).
  public var attendance: Int?
  /// Choice columns, most wanted first.
  public var choices: [Int] = []
  /// The choice headings are numbered from 0 (`choice_0` is the first choice).
  public var zeroBased = false
  /// The choice columns were named in the event file (`participants.choices`).
  public var declaredChoices = false
  /// `participants.choices: []`: the file says it holds no choices.
  public var declaredNoChoices = false
  /// Columns named after workshops (their id or title), when there is no choice column: each
  /// cell holds the participant's rank or score of that workshop (`preferenceSessions[i]` is the
  /// session of `preferenceColumns[i]`).
  public var preferenceColumns: [Int] = []
  public var preferenceSessions: [Int] = []
  /// The cells of `preferenceColumns` are scores (0–10, `must`, `maybe`), not ranks.
  public var scores = false

  /// Finds the columns named after workshop sessions (id or title, normalised), when no choice
  /// column was found or named.
  mutating func findPreferenceColumns(sessions: [Session]) {
    guard choices.isEmpty, !declaredChoices else { return }
    var byName: [String: Int] = [:]
    for (s, session) in sessions.enumerated().reversed() where session.kind == .workshop && !session.exclusive {
      byName[Self.normalize(session.title)] = s
    }
    for (s, session) in sessions.enumerated().reversed() where session.kind == .workshop && !session.exclusive {
      byName[Self.normalize(session.id)] = s
    }
    var used = Set<Int>()
    for (i, text) in header.enumerated() where i != id && i != days && i != maxWorkshops && i != anywhere && i != attendance {
      let key = Self.normalize(text)
      guard !key.isEmpty, let s = byName[key], used.insert(s).inserted else { continue }
      preferenceColumns.append(i)
      preferenceSessions.append(s)
    }
  }

  /// Column roles, before the email fallback.
  enum Role: Hashable {
    case id, email, days, maxWorkshops, anywhere, attendance
    /// The number in the heading, as written (0 for `choice_0`).
    case choice(Int)
  }

  /// Words a choice heading is made of, normalised (`Vœu` keeps its `œ`, which folding leaves).
  static let choiceWords = [
    "choice", "choices", "choix", "rank", "voeu", "vœu", "voeux", "vœux", "atelier", "workshop", "wish",
    "preference", "pref", "souhait",
  ]
  /// Choice words that also name other things (`Atelier 2022`).
  private static let genericWords: Set<String> = ["atelier", "workshop", "wish", "preference", "pref", "souhait"]
  /// What may stand between the word and the number: `Choix n°1`, `Choix nº 1`, `choice no 1`.
  private static let numberMarks = ["", "n", "no", "nº", "num", "numero", "nr"]
  /// Ordinal suffixes before the word: `1st choice`, `2nd`, `1er choix`, `1re`, `2e`, `2ème`.
  private static let ordinalSuffixes = ["", "st", "nd", "rd", "th", "d", "er", "re", "ere", "e", "eme", "em"]

  /// Headings accepted for choices, as a diagnostic lists them.
  public static let acceptedChoiceHeadings =
    "choice_1, choice 1, Choice #1, 1st choice, choix_1, Choix 1, Choix n°1, 1er choix, 2e choix, 2ème choix, "
    + "Atelier 1, Vœu 1, voeu 1, rank_1, workshop 1 (a series may start at 0: choice_0 is then the first choice)"

  /// Lower-case, accents removed, letters and digits only: `Choix 1` → `choix1`, `Nb_Ateliers` → `nbateliers`.
  public static func normalize(_ header: String) -> String {
    let folded = header.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    return String(String.UnicodeScalarView(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }))
      .lowercased()
  }

  /// The role a heading names, if any.
  static func role(for header: String) -> Role? {
    let name = normalize(header)
    switch name {
    case "id", "identifiant", "participant", "participantid", "idparticipant": return .id
    case "email", "mail", "courriel", "adressemail", "adresseemail", "emailaddress": return .email
    case "days", "day", "jours", "jour": return .days
    case "maxworkshops", "nbateliers", "nombreateliers", "maxateliers": return .maxWorkshops
    case "anywhere", "seatanywhere", "indifferent", "indifferente", "nimportelequel", "peuimporte": return .anywhere
    case "attendance", "attendancetype", "attendancemode", "participation", "modalite", "modaliteparticipation",
      "modalitedeparticipation", "typeparticipation", "typedeparticipation", "presence":
      return .attendance
    default: break
    }
    return choiceNumber(name).map(Role.choice)
  }

  /// The number of a normalised choice heading: `choix1`, `choixn1`, `1erchoix`, `2emechoix`, `choice0`.
  static func choiceNumber(_ name: String) -> Int? {
    func digits(_ text: Substring) -> Int? {
      guard !text.isEmpty, text.count <= 4, text.allSatisfy(\.isASCIIDigitForHeading) else { return nil }
      return Int(text)
    }
    for word in choiceWords where name.hasPrefix(word) {
      let rest = name.dropFirst(word.count)
      for mark in numberMarks where rest.hasPrefix(mark) {
        let number = rest.dropFirst(mark.count)
        // `Atelier 2022`, `Workshop 2026` name a year, not a rank: the words that also name other
        // things take a rank of at most two digits.
        if genericWords.contains(word), number.count > 2 { continue }
        if let n = digits(number) { return n }
      }
    }
    let lead = name.prefix { $0.isASCIIDigitForHeading }
    guard let n = digits(lead) else { return nil }
    let rest = name.dropFirst(lead.count)
    for suffix in ordinalSuffixes where rest.hasPrefix(suffix) {
      let word = String(rest.dropFirst(suffix.count))
      if choiceWords.contains(word), !(genericWords.contains(word) && lead.count > 2) { return n }
    }
    return nil
  }

  /// Headings that mention choices but were not read as a choice column (`Atelier 1 (matin)`).
  public var unreadChoiceLike: [String] {
    header.enumerated().compactMap { i, text in
      guard !choices.contains(i), i != id, i != days, i != maxWorkshops, i != anywhere, i != attendance else { return nil }
      let name = Self.normalize(text)
      let mentions = Self.choiceWords.contains { name.contains($0) } && name.contains(where: \.isASCIIDigitForHeading)
      return mentions ? text : nil
    }
  }

  /// Resolves the header. `mapping` is the event file's `participants:`; `at(i)` locates heading
  /// `i` in the file. Problems with the mapping carry the key path (`participants.choices[2]`) and no file.
  static func resolve(
    header: [String], mapping: InstanceFile.ParticipantsEntry?, at: (Int) -> Diagnostic.Location
  ) -> (columns: ParticipantsColumns, diagnostics: [Diagnostic]) {
    var columns = ParticipantsColumns(header: header)
    var diagnostics: [Diagnostic] = []
    var taken = Set<Int>()

    /// The column a mapping names: the exact heading, else the one heading equal once normalised.
    func find(_ name: String, path: String) -> Int? {
      let trimmed = name.trimmingCharacters(in: .whitespaces)
      if let i = header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == trimmed }) { return i }
      let key = normalize(trimmed)
      let matches = header.indices.filter { normalize(header[$0]) == key }
      if matches.count == 1 { return matches[0] }
      let shown = header.count > 12 ? header.prefix(12).joined(separator: ", ") + ", …" : header.joined(separator: ", ")
      diagnostics.append(
        .error(
          "unknown-column", "the participants file has no column '\(name)'", at: .init(path: path),
          hint: NameSuggester.hint(for: trimmed, among: header) ?? "its header is: \(shown)"))
      return nil
    }
    func claim(_ name: String?, path: String) -> Int? {
      guard let name, let i = find(name, path: path) else { return nil }
      if taken.contains(i) {
        diagnostics.append(
          .error("duplicate-column", "column '\(header[i])' is named twice in `participants`", at: .init(path: path)))
        return nil
      }
      taken.insert(i)
      return i
    }
    columns.id = claim(mapping?.id, path: "participants.id")
    columns.days = claim(mapping?.days, path: "participants.days")
    columns.maxWorkshops = claim(mapping?.maxWorkshops, path: "participants.max_workshops")
    columns.anywhere = claim(mapping?.anywhere, path: "participants.anywhere")
    columns.attendance = claim(mapping?.attendance, path: "participants.attendance")
    if let declared = mapping?.choices {
      columns.declaredChoices = true
      columns.declaredNoChoices = declared.isEmpty
      for (k, name) in declared.enumerated() {
        if let i = claim(name, path: "participants.choices[\(k)]") { columns.choices.append(i) }
      }
    }

    // Headings for whatever the mapping does not name.
    var seen: [Role: Int] = [:]
    var numbered: [(number: Int, index: Int)] = []
    for (i, text) in header.enumerated() where !taken.contains(i) {
      guard let role = role(for: text) else { continue }
      if case .choice = role, columns.declaredChoices { continue }
      if role == .id, mapping?.id != nil { continue }
      if role == .email, mapping?.id != nil { continue }
      if role == .days, mapping?.days != nil { continue }
      if role == .maxWorkshops, mapping?.maxWorkshops != nil { continue }
      if role == .anywhere, mapping?.anywhere != nil { continue }
      if role == .attendance, mapping?.attendance != nil { continue }
      if seen[role] != nil {
        diagnostics.append(
          Diagnostic.error("csv-duplicate-column", "column '\(text)' repeats an earlier column", at: at(i)))
        continue
      }
      seen[role] = i
      switch role {
      case .id: columns.id = i
      case .days: columns.days = i
      case .maxWorkshops: columns.maxWorkshops = i
      case .anywhere: columns.anywhere = i
      case .attendance: columns.attendance = i
      case .choice(let n): numbered.append((n, i))
      case .email: break
      }
    }
    if columns.id == nil, let email = seen[.email] {
      columns.id = email
      columns.idIsEmail = true
    }
    if !numbered.isEmpty {
      // A series numbered from 0 (`choice_0`, `choice_1`, …): rank = number + 1.
      columns.zeroBased = numbered.contains { $0.number == 0 }
      columns.choices = numbered.sorted { ($0.number, $0.index) < ($1.number, $1.index) }.map(\.index)
    }
    return (columns, diagnostics)
  }

  /// `id from column 'Email', days from 'Jours', choices from columns 'Atelier 1' … 'Atelier 5'`.
  public var summary: String {
    func quoted(_ i: Int) -> String { "'\(header[i])'" }
    var parts: [String] = []
    parts.append(id.map { "id from column \(quoted($0))" } ?? "no id column")
    if let days { parts.append("days from \(quoted(days))") } else { parts.append("no days column (everyone attends every day)") }
    switch choices.count {
    case 0 where !preferenceColumns.isEmpty:
      let what = scores ? "scores" : "ranks"
      let first = quoted(preferenceColumns[0])
      parts.append(
        preferenceColumns.count == 1
          ? "\(what) from column \(first) (named after a workshop)"
          : "\(what) from \(preferenceColumns.count) columns named after workshops (\(first) …)")
    case 0: parts.append(declaredNoChoices ? "no choices (participants.choices is empty)" : "no choice column")
    case 1: parts.append("choices from column \(quoted(choices[0]))")
    case 2: parts.append("choices from columns \(quoted(choices[0])), \(quoted(choices[1]))")
    default:
      parts.append("choices from columns \(quoted(choices[0])) … \(quoted(choices[choices.count - 1])) (\(choices.count) columns)")
    }
    if zeroBased, let first = choices.first { parts.append("\(quoted(first)) numbered from 0 is the first choice") }
    if let maxWorkshops { parts.append("max_workshops from \(quoted(maxWorkshops))") }
    if let anywhere { parts.append("seat anywhere from \(quoted(anywhere))") }
    if let attendance { parts.append("attendance from \(quoted(attendance))") }
    return parts.joined(separator: ", ")
  }
}

extension Character {
  fileprivate var isASCIIDigitForHeading: Bool { ("0"..."9").contains(self) }
}
