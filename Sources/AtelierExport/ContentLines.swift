/// RFC 5545 content lines: TEXT escaping, parameter quoting, folding at 75 octets, CRLF endings.
struct ContentLines: Sendable {
  private(set) var text = ""

  /// Appends `NAME;PARAM=value:value`, folded. `value` must already be in its value type's syntax.
  mutating func add(_ name: String, _ parameters: [(String, String)] = [], raw value: String) {
    var line = name
    for (key, parameter) in parameters { line += ";\(key)=\(Self.parameterValue(parameter))" }
    line += ":" + value
    text += Self.fold(line)
  }

  /// Appends a TEXT property, escaped.
  mutating func add(_ name: String, _ parameters: [(String, String)] = [], text value: String) {
    add(name, parameters, raw: Self.escapeText(value))
  }

  /// Appends a multi-valued TEXT property (`CATEGORIES:a,b`), each value escaped.
  mutating func add(_ name: String, texts values: [String]) {
    add(name, raw: values.map(Self.escapeText).joined(separator: ","))
  }

  /// TEXT escaping (RFC 5545 §3.3.11): `\` `;` `,` escaped, line breaks (NEL and U+2028 too) as
  /// `\n`, other control characters (not allowed in TEXT) replaced by a space, bidirectional
  /// controls removed (`DisplayText`).
  static func escapeText(_ value: String) -> String {
    var out = ""
    var scalars = Array(value.unicodeScalars)[...]
    while let scalar = scalars.popFirst() {
      if DisplayText.isBidiControl(scalar) { continue }
      switch scalar {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\r":
        if scalars.first == "\n" { scalars.removeFirst() }
        out += "\\n"
      case "\n", "\u{85}", "\u{2028}", "\u{2029}": out += "\\n"
      case "\t": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
          out += " "
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// A parameter value: DQUOTE, control and bidirectional control characters dropped; quoted when it holds `:` `;` `,`.
  static func parameterValue(_ value: String) -> String {
    let cleaned = String(
      String.UnicodeScalarView(
        value.unicodeScalars.filter {
          $0 != "\"" && $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) && !DisplayText.isBidiControl($0)
        }))
    return cleaned.contains(where: { ":;,".contains($0) }) ? "\"\(cleaned)\"" : cleaned
  }

  /// Folds one logical line into physical lines of at most 75 octets each (CRLF not counted),
  /// continuation lines starting with a space, never splitting a UTF-8 sequence. Ends with CRLF.
  static func fold(_ line: String) -> String {
    var out = ""
    var width = 0
    for scalar in line.unicodeScalars {
      let size = String(scalar).utf8.count
      if width + size > 75 {
        out += "\r\n "
        width = 1
      }
      out.unicodeScalars.append(scalar)
      width += size
    }
    return out + "\r\n"
  }

  /// Percent-encodes everything outside `A-Z a-z 0-9 . _ ~ -`, so ids with any character make
  /// distinct, plain UIDs.
  static func uidComponent(_ id: String) -> String {
    var out = ""
    for byte in id.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
        UInt8(ascii: "-"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return out
  }
}

extension String {
  func leftPadded(to width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
