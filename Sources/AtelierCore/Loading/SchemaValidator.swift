import Foundation
import Yams

/// A JSON Schema (draft-07 subset) as the validator uses it: `type`, `properties`, `required`,
/// `additionalProperties: false`, `enum`, `pattern`, `minLength`, `minimum`/`maximum`, `minItems`,
/// `items` and `$ref` to `#/definitions/…`.
final class JSONSchema: @unchecked Sendable {
  var types: [String] = []
  var title: String?
  var properties: [String: JSONSchema] = [:]
  var required: [String] = []
  var additionalProperties = true
  var enumValues: [String]?
  var pattern: NSRegularExpression?
  var minLength: Int?
  var minimum: Double?
  var maximum: Double?
  var minItems: Int?
  var items: JSONSchema?
  var ref: String?

  init() {}

  /// Builds the schema tree from its JSON text; `$ref`s stay names resolved through `definitions`.
  static func parse(_ text: String) -> (root: JSONSchema, definitions: [String: JSONSchema])? {
    guard let data = text.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return nil }
    var definitions: [String: JSONSchema] = [:]
    for (name, value) in object["definitions"] as? [String: Any] ?? [:] {
      if let value = value as? [String: Any] { definitions[name] = make(value) }
    }
    return (make(object), definitions)
  }

  private static func make(_ object: [String: Any]) -> JSONSchema {
    let schema = JSONSchema()
    if let type = object["type"] as? String { schema.types = [type] }
    if let types = object["type"] as? [String] { schema.types = types }
    schema.title = object["title"] as? String
    for (name, value) in object["properties"] as? [String: Any] ?? [:] {
      if let value = value as? [String: Any] { schema.properties[name] = make(value) }
    }
    schema.required = object["required"] as? [String] ?? []
    schema.additionalProperties = object["additionalProperties"] as? Bool ?? true
    schema.enumValues = object["enum"] as? [String]
    if let pattern = object["pattern"] as? String { schema.pattern = try? NSRegularExpression(pattern: pattern) }
    schema.minLength = object["minLength"] as? Int
    schema.minimum = (object["minimum"] as? NSNumber)?.doubleValue
    schema.maximum = (object["maximum"] as? NSNumber)?.doubleValue
    schema.minItems = object["minItems"] as? Int
    if let items = object["items"] as? [String: Any] { schema.items = make(items) }
    if let ref = object["$ref"] as? String { schema.ref = ref.replacingOccurrences(of: "#/definitions/", with: "") }
    return schema
  }
}

/// Checks a YAML node tree against the instance schema, collecting every problem, and records the
/// position of every value by key path so later stages can point at them.
struct SchemaValidator {
  let root: JSONSchema
  let definitions: [String: JSONSchema]
  let file: String
  private(set) var diagnostics: [Diagnostic] = []
  /// Line and column of every value visited, by key path (`sessions[3].requires[0]`).
  private(set) var marks: [String: Mark] = [:]
  /// Line and column of every mapping key visited, by the key path of its value.
  private(set) var keyMarks: [String: Mark] = [:]

  /// The instance schema, parsed once.
  static let instance: (root: JSONSchema, definitions: [String: JSONSchema])? = JSONSchema.parse(InstanceSchema.json)

  init?(file: String) {
    guard let schema = Self.instance else { return nil }
    self.root = schema.root
    self.definitions = schema.definitions
    self.file = file
  }

  mutating func validate(_ node: Node) {
    visit(node, root, path: "")
  }

  private func location(_ mark: Mark?, _ path: String) -> Diagnostic.Location {
    Diagnostic.Location(file: file, line: mark?.line, column: mark?.column, path: path)
  }

  private func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar):
      let text = scalar.string
      return text.count > 40 ? "'\(text.prefix(40))…'" : "'\(text)'"
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
  }

  private mutating func visit(_ node: Node, _ given: JSONSchema, path: String, title: String? = nil) {
    var schema = given
    var title = title ?? given.title
    var hops = 0
    var definition: String?
    while let ref = schema.ref, let target = definitions[ref], hops < 16 {
      definition = ref
      schema = target
      title = title ?? target.title
      hops += 1
    }
    if marks[path] == nil, let mark = node.mark { marks[path] = mark }
    let actual = YAMLDocument.type(of: node)
    let mark = node.mark
    if !schema.types.isEmpty {
      let accepted = schema.types.contains(actual.rawValue) || (actual == .integer && schema.types.contains("number"))
      if !accepted {
        let expected = YAMLValueType(rawValue: schema.types[0])?.article ?? schema.types[0]
        var hint: String?
        if schema.types.contains("string"), actual != .object, actual != .array, actual != .null {
          hint = "quote it to make it a string: \"\(node.scalar?.string ?? "")\""
        }
        if actual == .null { hint = "give a value or remove the key" }
        if actual == .number, schema.types.contains("integer") { hint = "write a whole number, such as 10" }
        // `start: 9.30` is the number 9.3 to YAML: quoting it would not make it a time.
        if definition == "time", let text = node.scalar?.string {
          hint = Self.timeHint(text)
        }
        let found =
          actual == .object || actual == .array || actual == .null
          ? actual.article : "\(actual.article) \(describe(node))"
        diagnostics.append(
          .error("type-mismatch", "expected \(expected), found \(found)", at: location(mark, path), hint: hint))
        return
      }
    }
    switch node {
    case .scalar(let scalar):
      checkScalar(scalar.string, actual, schema, title: title, definition: definition, mark: mark, path: path)
    case .sequence(let sequence):
      if let minItems = schema.minItems, sequence.count < minItems {
        diagnostics.append(
          .error(
            "too-few-items",
            "the list needs at least \(minItems) item\(minItems == 1 ? "" : "s"), found \(sequence.count)",
            at: location(mark, path)))
      }
      if let items = schema.items {
        for (index, element) in sequence.enumerated() { visit(element, items, path: "\(path)[\(index)]") }
      }
    case .mapping(let mapping):
      var seen = Set<String>()
      for (key, value) in mapping {
        guard case .scalar(let keyScalar) = key else {
          diagnostics.append(
            .error("invalid-key", "a key must be a name, found \(describe(key))", at: location(key.mark, path)))
          continue
        }
        let name = keyScalar.string
        seen.insert(name)
        let childPath = path.isEmpty ? name : "\(path).\(name)"
        if let mark = key.mark { keyMarks[childPath] = mark }
        if let property = schema.properties[name] {
          visit(value, property, path: childPath)
        } else if !schema.additionalProperties {
          let where_ = path.isEmpty ? "at the top level" : "in \(path)"
          diagnostics.append(
            .error(
              "unknown-key", "unknown key '\(name)' \(where_)", at: location(key.mark, childPath),
              hint: NameSuggester.hint(for: name, among: schema.properties.keys.sorted())
                ?? "known keys: \(schema.properties.keys.sorted().joined(separator: ", "))"))
        }
      }
      for name in schema.required where !seen.contains(name) {
        let childPath = path.isEmpty ? name : "\(path).\(name)"
        diagnostics.append(.error("missing-key", "missing required key '\(name)'", at: location(mark, childPath)))
      }
    case .alias:
      break
    }
  }

  private mutating func checkScalar(
    _ text: String, _ actual: YAMLValueType, _ schema: JSONSchema, title: String?, definition: String? = nil,
    mark: Mark?, path: String
  ) {
    if let values = schema.enumValues, !values.contains(text) {
      diagnostics.append(
        .error(
          "invalid-value", "'\(text)' is not one of \(values.joined(separator: ", "))", at: location(mark, path),
          hint: NameSuggester.hint(for: text, among: values)))
      return
    }
    if actual == .string {
      if let minLength = schema.minLength, text.count < minLength {
        diagnostics.append(.error("invalid-value", "the value must not be empty", at: location(mark, path)))
        return
      }
      if let pattern = schema.pattern {
        let range = NSRange(text.startIndex..., in: text)
        if pattern.firstMatch(in: text, range: range) == nil {
          diagnostics.append(
            .error(
              "invalid-format", "'\(text)' is not \(title ?? "in the expected format")", at: location(mark, path),
              hint: definition == "time"
                ? Self.timeHint(text)
                : nil))
        }
      }
    }
    if actual == .integer || actual == .number, let value = YAMLDocument.number(text) {
      // `.nan` compares false with every bound and `.inf` became 0 when decoded: the rule or
      // term it set vanished silently. No key of the format takes a non-finite number.
      guard value.isFinite else {
        diagnostics.append(
          .error(
            "non-finite-number",
            value.isNaN ? "\(text) is not a number" : "\(text) is not a finite number", at: location(mark, path),
            hint: schema.minimum != nil && schema.maximum != nil
              ? "write a number from \(Self.number(schema.minimum ?? 0)) to \(Self.number(schema.maximum ?? 0))"
              : "write a finite number (.nan, .inf and values beyond ±1.8e308 are refused)"))
        return
      }
      let range = schema.minimum.flatMap { low in schema.maximum.map { "from \(Self.number(low)) to \(Self.number($0))" } }
      if let minimum = schema.minimum, value < minimum {
        diagnostics.append(
          .error(
            "out-of-range", "\(text) is below the minimum \(Self.number(minimum))", at: location(mark, path),
            hint: range.map { "write a number \($0)" }))
      } else if let maximum = schema.maximum, value > maximum {
        diagnostics.append(
          .error(
            "out-of-range", "\(text) is above the maximum \(Self.number(maximum))", at: location(mark, path),
            hint: path.hasPrefix("weights.") || path.contains("set_weights.")
              ? "weights are relative: scale them all down so that the largest is at most \(Self.number(maximum))"
              : range.map { "write a number \($0)" }))
      }
    }
  }

  /// `write 09:30 (HH:MM, hours and minutes)` for `9.30`, `9h30`, `0930`: never "quote it", since a
  /// quoted `"9.30"` is no time either.
  static func timeHint(_ text: String) -> String {
    TimeText.suggestedClock(text).map { "write \($0) (HH:MM, hours and minutes)" } ?? "write a time as HH:MM, such as 09:30"
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
