import Foundation

/// `participants.csv` as a table of text cells, for scenarios: copy, drop and edit rows, then write
/// the file again (UTF-8, the original separator, RFC 4180 quoting) for the loader to validate.
/// Column meanings follow `ParticipantsReader` (same header names and aliases).
public struct ParticipantsTable: Sendable, Hashable {
  public var header: [String]
  public var rows: [[String]]
  /// `,`, `;` or tab, as in the original file.
  public var separator: Character

  /// Column of the participant id (the email when there is no id column).
  public private(set) var idColumn: Int?
  public private(set) var daysColumn: Int?
  /// Choice columns in rank order.
  public private(set) var choiceColumns: [Int] = []

  public init(
    header: [String], rows: [[String]], separator: Character = ",", mapping: InstanceFile.ParticipantsEntry? = nil
  ) {
    self.header = header
    self.rows = rows
    self.separator = separator
    let columns = ParticipantsColumns.resolve(header: header, mapping: mapping, at: { _ in .init() }).columns
    idColumn = columns.id
    daysColumn = columns.days
    choiceColumns = columns.choices
  }

  /// Reads the bytes of a participants file (blank records dropped, short records padded).
  public init(data: Data, mapping: InstanceFile.ParticipantsEntry? = nil) {
    let (text, _) = CSVReader.decode(data)
    let separator = CSVReader.sniffSeparator(text)
    let records = CSVReader.records(text, separator: separator).records.filter { !$0.isBlank }
    let header = records.first?.fields.map(\.text) ?? []
    let rows = records.dropFirst().map { record -> [String] in
      var cells = record.fields.map(\.text)
      if cells.count < header.count { cells += Array(repeating: "", count: header.count - cells.count) }
      return cells
    }
    self.init(header: header, rows: rows, separator: Character(separator), mapping: mapping)
  }

  public var ids: [String] {
    guard let idColumn else { return [] }
    return rows.map { idColumn < $0.count ? $0[idColumn].trimmingCharacters(in: .whitespaces) : "" }
  }

  /// The day tokens of row `row` (empty = every day).
  public func dayTokens(ofRow row: Int) -> [String] {
    guard let daysColumn, daysColumn < rows[row].count else { return [] }
    var separators: Set<Character> = ["|", "+"]
    if separator == ";" { separators.insert(",") }
    return rows[row][daysColumn].split { separators.contains($0) || $0.isWhitespace }.map(String.init)
  }

  /// Blanks every choice of the given session (by id or title, as the reader matches them);
  /// returns how many participants had chosen it.
  @discardableResult
  public mutating func removeChoices(of session: InstanceFile.SessionEntry) -> Int {
    let keys: Set<String> = [session.id.lowercased(), session.title.lowercased().trimmingCharacters(in: .whitespaces)]
    var count = 0
    for r in rows.indices {
      var hit = false
      for column in choiceColumns where column < rows[r].count {
        if keys.contains(rows[r][column].trimmingCharacters(in: .whitespaces).lowercased()) {
          rows[r][column] = ""
          hit = true
        }
      }
      if hit { count += 1 }
    }
    return count
  }

  /// Appends copies of `sources` (row indices, repeats allowed) with fresh ids `prefix0001`, …
  /// (skipping ids already taken); returns the new ids.
  @discardableResult
  public mutating func appendCopies(of sources: [Int], idPrefix: String) -> [String] {
    guard let idColumn else { return [] }
    var taken = Set(ids)
    let width = max(4, String(sources.count).count)
    var number = 0
    var added: [String] = []
    for source in sources {
      var id: String
      repeat {
        number += 1
        let digits = String(number)
        id = idPrefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
      } while taken.contains(id)
      taken.insert(id)
      var row = rows[source]
      row[idColumn] = id
      rows.append(row)
      added.append(id)
    }
    return added
  }

  /// The file's bytes: UTF-8, `\n` line ends, cells quoted when they hold the separator, a quote or a line end.
  public func csv() -> Data {
    func cell(_ text: String) -> String {
      guard text.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
      return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    var lines = [header.map(cell).joined(separator: String(separator))]
    for row in rows { lines.append(row.map(cell).joined(separator: String(separator))) }
    return Data((lines.joined(separator: "\n") + "\n").utf8)
  }
}
