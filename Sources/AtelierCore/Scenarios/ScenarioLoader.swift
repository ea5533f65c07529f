import Foundation
import Yams

/// What reading a scenario file gives: the scenario when it is well formed, and every diagnostic.
public struct ScenarioLoadResult: Sendable {
  public var scenario: Scenario?
  public var diagnostics: [Diagnostic]
  /// True when the file could not be read at all (missing, a folder, I/O error).
  public var unreadable: Bool

  public init(scenario: Scenario?, diagnostics: [Diagnostic], unreadable: Bool = false) {
    self.scenario = scenario
    self.diagnostics = diagnostics
    self.unreadable = unreadable
  }
}

/// Reads and checks the structure of a scenario file with the instance loader's YAML machinery:
/// the same hostile-input guards, the JSON Schema validator (unknown keys with did-you-mean hints),
/// every problem with its line and column. Ids are checked later, against the instance, when the
/// scenario is applied (`Scenario.apply(to:)`), with the positions recorded here.
public enum ScenarioLoader {
  /// Scenario files larger than this are refused unread.
  public static let maxBytes = 4 * 1024 * 1024

  /// The JSON Schema of scenario files, standalone (the instance's definitions merged in).
  public static var schemaJSON: String { ScenarioSchema.standaloneJSON() ?? "" }

  public static func load(path: String) -> ScenarioLoadResult {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return ScenarioLoadResult(
        scenario: nil, diagnostics: [.error("not-found", "no such scenario file", at: .init(file: path))],
        unreadable: true)
    }
    guard !isDirectory.boolValue else {
      return ScenarioLoadResult(
        scenario: nil,
        diagnostics: [.error("unreadable", "expected a scenario file, found a folder", at: .init(file: path))],
        unreadable: true)
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    guard size <= maxBytes else {
      return ScenarioLoadResult(
        scenario: nil,
        diagnostics: [
          .error("file-too-large", "the scenario file is larger than \(maxBytes / 1_048_576) MB", at: .init(file: path))
        ])
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      return ScenarioLoadResult(
        scenario: nil, diagnostics: [.error("unreadable", "cannot read the scenario file", at: .init(file: path))],
        unreadable: true)
    }
    return load(data: data, file: path)
  }

  /// Reads a scenario from bytes; `file` names it in diagnostics and gives the default name.
  public static func load(data: Data, file: String) -> ScenarioLoadResult {
    func failed(_ diagnostics: [Diagnostic]) -> ScenarioLoadResult {
      ScenarioLoadResult(scenario: nil, diagnostics: diagnostics.sortedForDisplay)
    }
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard !bytes.isEmpty else {
      return failed([.error("empty-file", "the scenario file is empty", at: .init(file: file, line: 1, column: 1))])
    }
    guard let text = String(validating: bytes, as: UTF8.self), !text.unicodeScalars.contains(where: { $0.value == 0 })
    else {
      return failed([
        .error(
          "invalid-encoding", "the scenario file is not UTF-8 text", at: .init(file: file), hint: "save it as UTF-8")
      ])
    }
    let (root, parseDiagnostics) = YAMLDocument.parse(text, file: file)
    guard let root else { return failed(parseDiagnostics) }
    guard let schema = ScenarioSchema.parsed else {
      return failed([.error("internal", "the scenario schema does not parse", at: .init(file: file))])
    }
    var validator = SchemaValidator(schema: schema, file: file)
    validator.validate(root)
    var diagnostics = parseDiagnostics + validator.diagnostics
    let marks = validator.marks

    // One kind per change: the schema subset has no `minProperties`/`oneOf`, so count keys here.
    if case .mapping(let top) = root, let changes = top["changes"], case .sequence(let items) = changes {
      for (i, item) in items.enumerated() {
        guard case .mapping(let mapping) = item else { continue }
        let kinds = mapping.keys.compactMap(\.string).filter { ScenarioChange.kinds.contains($0) }
        let location = Diagnostic.Location(
          file: file, line: item.mark?.line, column: item.mark?.column, path: "changes[\(i)]")
        if mapping.count == 0 {
          diagnostics.append(
            .error(
              "missing-change", "the change is empty", at: location,
              hint: "write one of: " + ScenarioChange.kinds.joined(separator: ", ")))
        } else if kinds.count > 1 {
          diagnostics.append(
            .error(
              "several-changes", "one list item holds \(kinds.count) changes (\(kinds.joined(separator: ", ")))",
              at: location, hint: "write each change as its own `- ` item"))
        }
      }
    }
    guard !diagnostics.hasErrors else { return failed(diagnostics) }

    let scenarioFile: ScenarioFile
    do {
      let json = try JSONSerialization.data(withJSONObject: YAMLDocument.foundationValue(root))
      scenarioFile = try JSONDecoder().decode(ScenarioFile.self, from: json)
    } catch {
      return failed(
        diagnostics + [.error("decode-failed", "cannot read the scenario: \(error)", at: .init(file: file))])
    }

    let name: String
    if let given = scenarioFile.name {
      name = given
    } else {
      let base = InstancePaths.stem(of: file)
      guard base.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]*$"#, options: .regularExpression) != nil else {
        return failed(
          diagnostics + [
            .error(
              "missing-name", "the file name '\(base)' cannot name the scenario's output folder",
              at: .init(file: file, line: 1, column: 1), hint: "add `name:` (letters, digits, '.', '_', '-')")
          ])
      }
      name = base
    }
    if name == "baseline" {
      let mark = marks["name"]
      return failed(
        diagnostics + [
          .error(
            "reserved-name", "'baseline' names the published schedule in comparisons",
            at: .init(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, path: "name"),
            hint: "choose another name")
        ])
    }
    let locations = scenarioFile.changes.indices.map { i in
      let mark = marks["changes[\(i)]"]
      return Diagnostic.Location(file: file, line: mark?.line, column: mark?.column, path: "changes[\(i)]")
    }
    var scenario = Scenario(
      name: name, title: scenarioFile.title, description: scenarioFile.description, changes: scenarioFile.changes,
      file: file, changeLocations: locations)
    scenario.marks = ScenarioMarks(marks.mapValues { ScenarioMarks.Position(line: $0.line, column: $0.column) })
    return ScenarioLoadResult(scenario: scenario, diagnostics: diagnostics.sortedForDisplay)
  }
}

/// Line and column of every value of a scenario file by key path (`changes[2].close_room.day`), so
/// that problems found while applying it point at the value at fault.
public struct ScenarioMarks: Sendable, Hashable {
  public struct Position: Sendable, Hashable {
    public var line: Int
    public var column: Int
  }
  public var positions: [String: Position]
  public init(_ positions: [String: Position] = [:]) { self.positions = positions }

  /// The position of `path`, or of its nearest ancestor that has one.
  public func position(of path: String) -> Position? {
    KeyPath.selfAndAncestors(path).lazy.compactMap { positions[$0] }.first
  }
}
