import Foundation

/// A small RFC 4180 reader for what spreadsheets and registration forms export.
///
/// Our own rather than a package: we need the line and column of every field for diagnostics,
/// encoding detection (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252 as a fallback) and
/// separator sniffing (`;` in French exports, `,`, tab), which the packages on this machine do not give.
struct CSVReader {
  struct Field: Sendable, Hashable {
    var text: String
    var line: Int
    var column: Int
  }

  struct Record: Sendable, Hashable {
    /// Line the record starts on (1-based).
    var line: Int
    var fields: [Field]
    var isBlank: Bool {
      fields.allSatisfy { $0.text.isEmpty || $0.text.trimmingCharacters(in: .whitespaces).isEmpty }
    }
  }

  enum Encoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 with BOM"
    case utf16 = "UTF-16"
    case windows1252 = "Windows-1252"
  }

  /// Decodes bytes: BOMs first, then strict UTF-8, else Windows-1252 (which maps every byte).
  static func decode(_ data: Data) -> (text: String, encoding: Encoding) {
    let bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      if let text = String(validating: bytes.dropFirst(3), as: UTF8.self) { return (text, .utf8BOM) }
      return (windows1252(bytes.dropFirst(3)), .windows1252)
    }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let little = bytes[0] == 0xFF
      var units: [UInt16] = []
      units.reserveCapacity(bytes.count / 2)
      var i = 2
      while i + 1 < bytes.count {
        units.append(
          little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
        i += 2
      }
      return (String(decoding: units, as: UTF16.self), .utf16)
    }
    if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
    return (windows1252(bytes[...]), .windows1252)
  }

  /// The offsets of the bytes that are not UTF-8 in text that is otherwise UTF-8 (at least as many
  /// valid multi-byte characters as stray bytes: `é` saved as UTF-8, one `é` pasted as Windows-1252),
  /// and the bytes read (without a UTF-8 BOM); `nil` when the text is valid UTF-8 or reads as Windows-1252.
  static func strayBytes(_ data: Data) -> (offsets: [Int], bytes: [UInt8])? {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    var stray: [Int] = []
    var multiByte = 0
    var i = 0
    while i < bytes.count {
      let lead = bytes[i]
      let length: Int
      switch lead {
      case 0x00...0x7F: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: length = 0
      }
      if length == 1 {
        i += 1
        continue
      }
      if length > 1, i + length <= bytes.count,
        String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil
      {
        multiByte += 1
        i += length
        continue
      }
      stray.append(i)
      i += 1
    }
    guard !stray.isEmpty, multiByte >= stray.count else { return nil }
    return (stray, bytes)
  }

  /// `invalid-encoding` at the first byte of `bytes` that is not UTF-8, with the character it is in
  /// Windows-1252 (the usual culprit): "the event file is not valid UTF-8 text: byte 0xE9 here ('é'
  /// in Windows-1252)". Shared by every loader of a text file.
  static func encodingError(in bytes: [UInt8], file: String?, what: String, hint: String) -> Diagnostic {
    let offset = firstInvalidUTF8(bytes) ?? 0
    let (line, column) = position(ofByte: min(offset, bytes.count), in: bytes)
    let byte = offset < bytes.count ? bytes[offset] : 0
    return .error(
      "invalid-encoding",
      "the \(what) is not valid UTF-8 text: byte 0x\(String(byte, radix: 16, uppercase: true)) here "
        + "('\(windows1252([byte][...]))' in Windows-1252)",
      at: .init(file: file, line: line, column: column), hint: hint)
  }

  /// The offset of the first byte that does not begin a valid UTF-8 character; `nil` when all do.
  static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var i = 0
    while i < bytes.count {
      let lead = bytes[i]
      if lead < 0x80 {
        i += 1
        continue
      }
      let length: Int
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: return i
      }
      guard i + length <= bytes.count, String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil else {
        return i
      }
      i += length
    }
    return nil
  }

  /// Line and column (in characters) of the byte at `offset`, as the UTF-8 reading counts them.
  static func position(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    let before = bytes[..<offset]
    let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    let start = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
    let column = String(decoding: bytes[start..<offset], as: UTF8.self).unicodeScalars.count + 1
    return (line, column)
  }

  /// Windows-1252's 0x80–0x9F block; the rest of the bytes are Latin-1 (undefined bytes kept as C1 controls).
  private static let high: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
    0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x9D, 0x017E, 0x0178,
  ]

  static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
    var scalars = String.UnicodeScalarView()
    for byte in bytes {
      let value = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
      if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
    }
    return String(scalars)
  }

  /// The separator of the header line: the most frequent of `;`, `,` and tab outside quotes (`,` on a tie),
  /// counted over its first 64 K characters (a header without a line end may be the whole file).
  static func sniffSeparator(_ text: String) -> Unicode.Scalar {
    var counts: [Unicode.Scalar: Int] = [";": 0, ",": 0, "\t": 0]
    var quoted = false
    for scalar in text.unicodeScalars.prefix(65_536) {
      if scalar == "\"" { quoted.toggle() }
      if !quoted, scalar == "\n" || scalar == "\r" { break }
      if !quoted, counts[scalar] != nil { counts[scalar, default: 0] += 1 }
    }
    let best = counts.max { ($0.value, $0.key == "," ? 1 : 0) < ($1.value, $1.key == "," ? 1 : 0) }
    return (best?.value ?? 0) > 0 ? (best?.key ?? ",") : ","
  }

  /// Where `records` stopped reading, when a limit was reached: memory stays proportional to the
  /// limits, not to the file (a 100 MB line of commas would otherwise make 100 million fields).
  struct Overflow: Sendable, Hashable {
    enum Limit: Sendable, Hashable { case records, fields }
    var limit: Limit
    var line: Int
  }

  /// Splits text into records. Quoted fields may hold separators, quotes (`""`) and newlines;
  /// CRLF, LF and lone CR end records. A stray quote inside an unquoted field is kept as text.
  /// Blank records (empty or spaces only) are left out. Reading stops after `maxRecords` records,
  /// or at a record of more than `maxFields` fields.
  static func records(
    _ text: String, separator: Unicode.Scalar, maxRecords: Int = .max, maxFields: Int = .max
  ) -> (records: [Record], unterminatedQuoteLine: Int?, overflow: Overflow?) {
    var records: [Record] = []
    var fields: [Field] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var column = 1
    var fieldLine = 1
    var fieldColumn = 1
    var recordLine = 1
    var quoted = false
    var wasQuoted = false
    var quoteLine: Int?
    var pendingCR = false
    func endField() {
      fields.append(Field(text: String(field), line: fieldLine, column: fieldColumn))
      field = String.UnicodeScalarView()
      wasQuoted = false
    }
    var iterator = text.unicodeScalars.makeIterator()
    var lookahead: Unicode.Scalar? = iterator.next()
    while let scalar = lookahead {
      lookahead = iterator.next()
      if pendingCR {
        pendingCR = false
        if scalar == "\n" { continue }
      }
      if quoted {
        if scalar == "\"" {
          if lookahead == "\"" {
            field.append("\"")
            lookahead = iterator.next()
            column += 2
            continue
          }
          quoted = false
          column += 1
          continue
        }
        field.append(scalar)
        if scalar == "\n" || scalar == "\r" {
          if scalar == "\r", lookahead == "\n" {
            field.append("\n")
            lookahead = iterator.next()
          }
          line += 1
          column = 1
        } else {
          column += 1
        }
        continue
      }
      switch scalar {
      case "\"" where field.isEmpty && !wasQuoted:
        quoted = true
        wasQuoted = true
        quoteLine = line
        column += 1
      case separator:
        endField()
        if fields.count >= maxFields { return (records, nil, Overflow(limit: .fields, line: recordLine)) }
        column += 1
        fieldLine = line
        fieldColumn = column
      case "\n", "\r":
        endField()
        let record = Record(line: recordLine, fields: fields)
        if !record.isBlank {
          if records.count >= maxRecords { return (records, nil, Overflow(limit: .records, line: recordLine)) }
          records.append(record)
        }
        fields = []
        pendingCR = scalar == "\r"
        line += 1
        column = 1
        fieldLine = line
        fieldColumn = 1
        recordLine = line
      default:
        field.append(scalar)
        column += 1
      }
    }
    if quoted { return (records, quoteLine, nil) }
    if !field.isEmpty || !fields.isEmpty {
      endField()
      let record = Record(line: recordLine, fields: fields)
      if !record.isBlank {
        if records.count >= maxRecords { return (records, nil, Overflow(limit: .records, line: recordLine)) }
        records.append(record)
      }
    }
    return (records, nil, nil)
  }
}
