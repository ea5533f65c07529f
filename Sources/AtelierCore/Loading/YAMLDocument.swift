import Foundation
import Yams

/// The JSON type of a YAML node. Plain scalars are typed by the YAML 1.2 core schema, as JSON and
/// editors' schema checkers see them, so `10:45` and `2022-09-27` are strings, not numbers or dates.
enum YAMLValueType: String, Sendable {
  case object, array, string, integer, number, boolean, null

  /// How a diagnostic names the type (`expected an integer, found a string`).
  var article: String {
    switch self {
    case .object: "a mapping"
    case .array: "a list"
    case .string: "a string"
    case .integer: "an integer"
    case .number: "a number"
    case .boolean: "a boolean"
    case .null: "nothing (null)"
    }
  }
}

/// Parses YAML or JSON text into a Yams `Node` tree with guards against hostile input.
enum YAMLDocument {
  /// Nodes a document may expand to, aliases included (a "billion laughs" expands exponentially).
  static let nodeBudget = 2_000_000
  /// Nesting deeper than this is refused before parsing: the composer recurses once per level.
  static let maxNesting = 200

  /// The document's root, or the diagnostics that explain why there is none.
  static func parse(_ text: String, file: String) -> (root: Node?, diagnostics: [Diagnostic]) {
    if let problem = prescan(text, file: file) { return (nil, [problem]) }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      return (nil, [diagnostic(for: error, file: file)])
    } catch {
      return (nil, [.error("syntax", "cannot parse the file: \(error)", at: .init(file: file))])
    }
    guard let root else {
      return (nil, [.error("empty-file", "the file holds no document", at: .init(file: file, line: 1, column: 1))])
    }
    if let count = expandedSize(of: root, limit: nodeBudget), count > nodeBudget {
      let location = Diagnostic.Location(file: file, line: root.mark?.line, column: root.mark?.column)
      return (
        nil,
        [
          .error(
            "document-too-large",
            "the document expands to more than 2,000,000 values (repeated YAML aliases?)", at: location,
            hint: "write the values out, or use fewer nested aliases")
        ]
      )
    }
    return (root, [])
  }

  /// Cheap checks on the raw text that keep hostile input away from the recursive composer and its
  /// key hashing: nesting depth, and aliases used as mapping keys (hashing such a key walks the
  /// whole aliased tree, exponentially in a YAML bomb).
  static func prescan(_ text: String, file: String) -> Diagnostic? {
    var depth = 0
    var line = 1
    var column = 0
    var lineStart = true
    var indent = 0
    var hasAnchor = false
    var aliasKeyLine: Int?
    var lineBytes: [UInt8] = []
    func checkLine() {
      // `*alias :` or `? ` at the start of a line (after indentation and `- ` markers).
      var i = 0
      while i < lineBytes.count, lineBytes[i] == UInt8(ascii: " ") || lineBytes[i] == UInt8(ascii: "-") { i += 1 }
      guard i < lineBytes.count else { return }
      if lineBytes[i] == UInt8(ascii: "?"), i + 1 == lineBytes.count || lineBytes[i + 1] == UInt8(ascii: " ") {
        aliasKeyLine = aliasKeyLine ?? line
      } else if lineBytes[i] == UInt8(ascii: "*") {
        var j = i + 1
        while j < lineBytes.count, lineBytes[j] != UInt8(ascii: " "), lineBytes[j] != UInt8(ascii: ":") { j += 1 }
        while j < lineBytes.count, lineBytes[j] == UInt8(ascii: " ") { j += 1 }
        if j > i + 1, j < lineBytes.count, lineBytes[j] == UInt8(ascii: ":") { aliasKeyLine = aliasKeyLine ?? line }
      }
    }
    for byte in text.utf8 {
      column += 1
      switch byte {
      case UInt8(ascii: "\n"):
        checkLine()
        lineBytes.removeAll(keepingCapacity: true)
        line += 1
        column = 0
        lineStart = true
        indent = 0
        continue
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
        if depth > maxNesting {
          return .error(
            "nesting-too-deep", "values are nested more than \(maxNesting) levels deep",
            at: .init(file: file, line: line, column: column))
        }
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        depth = max(0, depth - 1)
      case UInt8(ascii: "&"):
        hasAnchor = true
      default:
        break
      }
      if lineBytes.count < 256 { lineBytes.append(byte) }
      if lineStart {
        if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") {
          indent += 1
          if indent > maxNesting * 4 {
            return .error(
              "nesting-too-deep", "values are indented more than \(maxNesting * 4) columns deep",
              at: .init(file: file, line: line, column: column))
          }
        } else {
          lineStart = false
        }
      }
    }
    checkLine()
    if hasAnchor, let aliasKeyLine {
      return .error(
        "complex-key", "a mapping key must be a plain name, not an alias or a `?` complex key",
        at: .init(file: file, line: aliasKeyLine, column: 1))
    }
    return nil
  }

  /// Counts the values of the tree as it expands (aliases counted each time), stopping past `limit`.
  static func expandedSize(of root: Node, limit: Int) -> Int? {
    var count = 0
    var stack = [root]
    while let node = stack.popLast() {
      count += 1
      if count > limit { return count }
      switch node {
      case .mapping(let mapping):
        for (key, value) in mapping {
          stack.append(key)
          stack.append(value)
        }
      case .sequence(let sequence):
        stack.append(contentsOf: sequence)
      case .scalar, .alias:
        break
      }
    }
    return count
  }

  static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
    func at(_ mark: Mark) -> Diagnostic.Location { .init(file: file, line: mark.line, column: mark.column) }
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let message = context.map { "\(problem) (\($0.text) at line \($0.mark.line))" } ?? problem
      return .error("syntax", "YAML syntax error: \(message)", at: at(mark))
    case .reader(let problem, let offset, _, let yaml):
      var location = Diagnostic.Location(file: file)
      if let offset, offset >= 0 {
        let prefix = yaml.utf8.prefix(offset)
        location.line = prefix.reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        location.column =
          (prefix.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).last?.count ?? 0) + 1
      }
      return .error("syntax", "cannot read the file: \(problem)", at: location)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      return .error("duplicate-key", "key \(names) appears more than once in one mapping", at: at(context.mark))
    default:
      return .error("syntax", "cannot parse the file: \(error)", at: .init(file: file))
    }
  }

  /// The JSON type of a node (YAML 1.2 core schema for plain scalars; quoted scalars are strings).
  static func type(of node: Node) -> YAMLValueType {
    switch node {
    case .mapping: return .object
    case .sequence: return .array
    case .alias: return .null
    case .scalar(let scalar):
      if scalar.style != .plain && scalar.style != .any { return .string }
      if scalar.tag.description == Tag.Name.str.rawValue { return .string }
      return plainType(scalar.string)
    }
  }

  static func plainType(_ text: String) -> YAMLValueType {
    switch text {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE", "false", "False", "FALSE": return .boolean
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
      return .number
    default: break
    }
    if Int(text) != nil || (text.first == "+" && Int(text.dropFirst()) != nil) { return .integer }
    if looksLikeFloat(text) { return .number }
    return .string
  }

  /// The value of a plain scalar typed `.integer` or `.number`, as YAML 1.2 reads it: `.inf`,
  /// `-.Inf` and `.nan` included, and a decimal too large for a `Double` as infinity.
  static func number(_ text: String) -> Double? {
    switch text {
    case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
    case "-.inf", "-.Inf", "-.INF": return -.infinity
    case ".nan", ".NaN", ".NAN": return .nan
    default: return Double(text.hasPrefix("+") ? String(text.dropFirst()) : text)
    }
  }

  private static func looksLikeFloat(_ text: String) -> Bool {
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    var s = Substring(text)
    if s.first == "+" || s.first == "-" { s = s.dropFirst() }
    let mantissaEnd = s.firstIndex { $0 == "e" || $0 == "E" } ?? s.endIndex
    let mantissa = s[..<mantissaEnd]
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, !mantissa.isEmpty, mantissa != "." else { return false }
    guard parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitForYAML) }) else { return false }
    if mantissaEnd < s.endIndex {
      var exponent = s[s.index(after: mantissaEnd)...]
      if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
      return !exponent.isEmpty && exponent.allSatisfy(\.isASCIIDigitForYAML)
    }
    return true
  }

  /// The node as a JSON-compatible Foundation value (for `JSONDecoder` after validation).
  static func foundationValue(_ node: Node) -> Any {
    switch node {
    case .mapping(let mapping):
      var dictionary: [String: Any] = [:]
      for (key, value) in mapping { dictionary[key.string ?? ""] = foundationValue(value) }
      return dictionary
    case .sequence(let sequence):
      return sequence.map(foundationValue)
    case .alias:
      return NSNull()
    case .scalar(let scalar):
      let text = scalar.string
      switch type(of: node) {
      case .null: return NSNull()
      case .boolean: return text.lowercased() == "true"
      case .integer: return Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) ?? 0
      // Non-finite numbers were refused by the schema validator (`non-finite-number`).
      case .number: return number(text).map { $0.isFinite ? $0 : 0 } ?? 0
      default: return text
      }
    }
  }
}

extension Character {
  fileprivate var isASCIIDigitForYAML: Bool { ("0"..."9").contains(self) }
}
