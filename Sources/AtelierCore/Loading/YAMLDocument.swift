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
    case .scanner(let context, let problem, let mark, let yaml), .parser(let context, let problem, let mark, let yaml),
      .composer(let context, let problem, let mark, let yaml):
      let message = context.map { "\(problem) (\($0.text) at line \($0.mark.line))" } ?? problem
      var diagnostic = Diagnostic.error("syntax", "YAML syntax error: \(message)", at: at(mark))
      explain(&diagnostic, problem: problem, context: context, mark: mark, text: yaml)
      return diagnostic
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

  /// Says in words what libyaml's message means, and where the mistake is when libyaml notices it
  /// later: a tab in the indentation, a quote never closed (at the line it opened), a `: ` inside a
  /// value, a quote inside a quoted value, keys that do not line up.
  static func explain(
    _ diagnostic: inout Diagnostic, problem: String, context: YamlError.Context?, mark: Mark, text: String
  ) {
    // libyaml's line breaks (YAML 1.1): CR LF, CR, LF, NEL, LS, PS.
    let lines = text.split(omittingEmptySubsequences: false) {
      $0 == "\n" || $0 == "\r\n" || $0 == "\r" || $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}"
    }
    func line(_ n: Int) -> Substring? { lines.indices.contains(n - 1) ? lines[n - 1] : nil }
    /// Column (1-based) of the first character that is neither a space nor a `- ` list marker.
    func keyColumn(_ text: Substring) -> Int {
      var column = 1
      var rest = text[...]
      while let first = rest.first {
        if first == " " {
          column += 1
          rest = rest.dropFirst()
        } else if first == "-", rest.dropFirst().first == " " || rest.count == 1 {
          column += 1
          rest = rest.dropFirst()
        } else {
          break
        }
      }
      return column
    }
    func isContent(_ text: Substring) -> Bool {
      let trimmed = text.drop { $0 == " " || $0 == "\t" }
      return !trimmed.isEmpty && !trimmed.hasPrefix("#")
    }

    // A tab in the indentation, at or before the line libyaml stopped at.
    for n in 1...max(1, min(lines.count, mark.line + 1)) {
      guard let text = line(n) else { break }
      let indentation = text.prefix { $0 == " " || $0 == "\t" }
      if let tab = indentation.firstIndex(of: "\t"), isContent(text) {
        diagnostic.message = "a tab character indents line \(n) (\(diagnostic.message))"
        diagnostic.location.line = n
        diagnostic.location.column = text.distance(from: text.startIndex, to: tab) + 1
        diagnostic.hint = "YAML does not allow tabs for indentation; use spaces"
        return
      }
    }

    // A quoted value never closed: libyaml notices at the end of the file, or lines later.
    if let context, context.text.contains("quoted scalar") {
      let quote = line(context.mark.line).flatMap { text -> Character? in
        let index = text.index(text.startIndex, offsetBy: max(0, context.mark.column - 1), limitedBy: text.endIndex)
        return index.flatMap { $0 < text.endIndex ? text[$0] : nil }
      }
      diagnostic.message = "a quoted value opened here is never closed (YAML: \(problem))"
      diagnostic.location.line = context.mark.line
      diagnostic.location.column = context.mark.column
      diagnostic.hint =
        quote == "'"
        ? "close it with ' on the same line; write '' for a quote inside '…'"
        : "close it with \" on the same line; write \\\" for a quote inside \"…\""
      return
    }

    // A quote that a line opens and does not close: libyaml reads on and fails lines later.
    if let (n, column, quote) = unclosedQuote(lines, from: context?.mark.line ?? 1, before: mark.line) {
      diagnostic.message = "a quoted value opened here is not closed on its line (\(diagnostic.message) at line \(mark.line))"
      diagnostic.location.line = n
      diagnostic.location.column = column
      diagnostic.hint =
        quote == "'"
        ? "close it with ' on the same line; write '' for a quote inside '…'"
        : "close it with \" on the same line; write \\\" for a quote inside \"…\""
      return
    }

    guard let errorLine = line(mark.line) else { return }
    // A quote inside a quoted value ends it early: `name: 'it's here'`.
    for quote in ["'", "\""] as [Character] where errorLine.filter({ $0 == quote }).count > 2 {
      diagnostic.hint =
        quote == "'"
        ? "a ' inside a '…' value ends it: write '' (as in 'it''s'), or use double quotes"
        : "a \" inside a \"…\" value ends it: write \\\", or use single quotes"
      return
    }

    let previous = (1..<max(1, mark.line)).reversed().lazy.compactMap { n -> (Int, Substring)? in
      guard let text = line(n), isContent(text) else { return nil }
      return (n, text)
    }.first
    func alignment() -> String? {
      guard let (n, above) = previous else { return nil }
      let here = keyColumn(errorLine)
      let there = keyColumn(above)
      guard here != there else { return nil }
      return "check the indentation: line \(mark.line) starts at column \(here), the keys on line \(n) at column \(there); "
        + "the keys of one mapping must start in the same column (and the `-` of one list)"
    }
    if problem.hasPrefix("mapping values are not allowed") {
      // `title: Atelier: code`: a second `: ` on the line starts a mapping inside the value.
      let key = errorLine.drop { $0 == " " || $0 == "-" }
      if let colon = key.range(of: ": "), key[colon.upperBound...].contains(":") {
        let name = key[..<colon.lowerBound]
        let value = key[colon.upperBound...].trimmingCharacters(in: .whitespaces)
        diagnostic.hint = "a ': ' inside a value starts a mapping: quote the value (\(name): \"\(value)\")"
        return
      }
      diagnostic.hint =
        alignment() ?? "a ': ' inside a value starts a mapping: quote the value, or check the indentation"
      return
    }
    if problem.contains("did not find expected") || problem.contains("expected <block end>") {
      diagnostic.hint = alignment() ?? "check the indentation of this line against the lines above"
    }
  }

  /// The first line in `from..<before` (1-based) where a quoted value opens and does not close:
  /// its number, the quote's column and the quote. A `'` counts only where a value starts (after
  /// `: `, `- `, `[`, `{` or `,`), since `l'atelier` is a plain value.
  static func unclosedQuote(_ lines: [Substring], from: Int, before: Int) -> (Int, Int, Character)? {
    let upper = min(before, lines.count + 1)
    guard from >= 1, upper > from else { return nil }
    for n in from..<upper {
      let text = Array(lines[n - 1])
      var i = 0
      var open: (column: Int, quote: Character)?
      while i < text.count {
        let c = text[i]
        if let current = open {
          if current.quote == "\"", c == "\\" {
            i += 2
            continue
          }
          if c == current.quote {
            if c == "'", i + 1 < text.count, text[i + 1] == "'" {
              i += 2
              continue
            }
            open = nil
          }
        } else if c == "#", i == 0 || text[i - 1] == " " {
          break  // a comment
        } else if c == "\"" {
          open = (i + 1, c)
        } else if c == "'" {
          var j = i - 1
          while j >= 0, text[j] == " " { j -= 1 }
          if j < 0 || ":-[{,".contains(text[j]) { open = (i + 1, c) }
        }
        i += 1
      }
      if let open { return (n, open.column, open.quote) }
    }
    return nil
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
