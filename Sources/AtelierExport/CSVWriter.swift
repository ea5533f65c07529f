import Foundation

/// RFC 4180 CSV: comma-separated, CRLF after every record (the last one too), UTF-8 without BOM.
///
/// A field is quoted when it holds `,` `"` CR or LF, with `"` doubled inside. A field that a
/// spreadsheet would run as a formula (first character `=` `+` `-` `@`, TAB or CR, as OWASP lists
/// them) gets a leading `'`, so a participant id from a registration form never runs as one.
struct CSVWriter: Sendable {
  private(set) var text = ""

  mutating func add(_ fields: [String]) {
    text += fields.map(Self.field).joined(separator: ",") + "\r\n"
  }

  static func field(_ value: String) -> String {
    // What a spreadsheet shows must be what was typed: no bidirectional reordering, no NEL.
    var value = DisplayText.neutralised(value)
    if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { value = "'" + value }
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
      return value
    }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
