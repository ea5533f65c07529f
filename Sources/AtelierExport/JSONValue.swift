import Foundation

/// A JSON value whose objects keep their keys in the order written, for readable, stable output.
enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int)
  case string(String)
  case array([JSONValue])
  case object([Pair])

  struct Pair: Sendable, Hashable {
    var key: String
    var value: JSONValue
  }

  static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
    .object(pairs.map { Pair(key: $0.key, value: $0.value) })
  }

  static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

  /// Pretty-printed with two-space indentation and a final newline.
  var text: String {
    var out = ""
    write(to: &out, indent: "")
    return out + "\n"
  }

  private func write(to out: inout String, indent: String) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .int(let value): out += String(value)
    case .string(let value): Self.writeString(value, to: &out)
    case .array(let values):
      if values.isEmpty {
        out += "[]"
        return
      }
      out += "[\n"
      for (index, value) in values.enumerated() {
        out += indent + "  "
        value.write(to: &out, indent: indent + "  ")
        out += index + 1 < values.count ? ",\n" : "\n"
      }
      out += indent + "]"
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (index, pair) in pairs.enumerated() {
        out += indent + "  "
        Self.writeString(pair.key, to: &out)
        out += ": "
        pair.value.write(to: &out, indent: indent + "  ")
        out += index + 1 < pairs.count ? ",\n" : "\n"
      }
      out += indent + "}"
    }
  }

  /// A JSON string of what apps will display: bidirectional controls removed, NEL as a space
  /// (`DisplayText`).
  private static func writeString(_ value: String, to out: inout String) {
    out += "\""
    for scalar in DisplayText.neutralised(value).unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
          out += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
