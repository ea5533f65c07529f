import Crypto
import Foundation
import Yams

/// What loading an instance gives: the instance when it is valid, and every diagnostic found.
public struct InstanceLoadResult: Sendable {
  /// The resolved instance; `nil` when any diagnostic is an error.
  public var instance: Instance?
  /// Every problem found, sorted for display (file, line, column).
  public var diagnostics: [Diagnostic]
  /// True when the input could not be read at all (missing folder or file, I/O error): exit status 2.
  public var unreadable: Bool
  /// The event file and the participants file actually read, when found.
  public var eventFile: String?
  public var participantsFile: String?
  /// The columns of the participants file read as id, days, choices and max_workshops, once its
  /// header was read (`validate` says which).
  public var participantsColumns: ParticipantsColumns?
  /// The instance when only necessary conditions for a timetable (`FeasibilityCheck`) refused it:
  /// every error is one of those. `check` still checks a schedule against it rule by rule.
  public var refusedByNecessaryConditions: Instance?

  public init(
    instance: Instance?, diagnostics: [Diagnostic], unreadable: Bool = false, eventFile: String? = nil,
    participantsFile: String? = nil
  ) {
    self.instance = instance
    self.diagnostics = diagnostics
    self.unreadable = unreadable
    self.eventFile = eventFile
    self.participantsFile = participantsFile
  }

  public var isValid: Bool { instance != nil }
}

/// Reads, validates and resolves an instance folder (`event.yaml` + `participants.csv`).
///
/// Stages: read (size limits, encoding) → parse YAML/JSON (node budget) → JSON Schema → decode to
/// `InstanceFile` → resolve references and the time grid → participants CSV → necessary feasibility
/// conditions. Each stage collects every problem; a later stage runs only when the earlier ones
/// leave something sound to check. Never traps on any input.
public enum InstanceLoader {
  /// Event files larger than this are refused unread.
  public static let maxEventBytes = 20 * 1024 * 1024
  /// Participants files larger than this are refused unread.
  public static let maxParticipantsBytes = 200 * 1024 * 1024
  /// Participants beyond this number are refused (`too-many-participants`) before they are read
  /// into memory: 3× the largest instance measured (docs/reliability.md).
  public static let maxParticipants = 100_000
  /// A participants row with more fields than this is refused (`csv-too-many-columns`).
  public static let maxColumns = 1_000
  /// The JSON Schema of `event.yaml` (draft-07), as published in `docs/instance.schema.json`.
  public static var schemaJSON: String { InstanceSchema.json }
  /// Event file names looked for in an instance folder, in this order.
  public static let eventFileNames = ["event.yaml", "event.yml", "event.json"]

  /// Loads the instance at `path`: a folder holding an event file, or an event file itself.
  public static func load(path: String) -> InstanceLoadResult {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return unreadable(.error("not-found", "no such file or folder", at: .init(file: path)))
    }
    let paths = InstancePaths(path: path, isDirectory: isDirectory.boolValue)
    var eventPath = path
    if isDirectory.boolValue {
      guard let name = eventFileNames.first(where: { manager.fileExists(atPath: paths.file($0)) }) else {
        return unreadable(
          .error(
            "not-found", "no event file in the folder", at: .init(file: path),
            hint: "an instance folder holds event.yaml (or event.yml, event.json)"))
      }
      eventPath = paths.file(name)
    }
    let eventData: Data
    switch read(eventPath, limit: maxEventBytes) {
    case .failure(let diagnostic): return unreadable(diagnostic, tooLarge: diagnostic.code == "file-too-large")
    case .success(let data): eventData = data
    }

    // The participants file: named by `participants:`, else participants.csv when present.
    var participantsPath: String?
    var participantsData: Data?
    var diagnostics: [Diagnostic] = []
    let (named, namedPath) = participantsKey(in: eventData)
    let candidate = paths.file(named ?? "participants.csv")
    if manager.fileExists(atPath: candidate) {
      participantsPath = candidate
      switch read(candidate, limit: maxParticipantsBytes) {
      case .failure(let diagnostic):
        var result = load(eventData: eventData, eventFile: eventPath, participants: nil, participantsFile: nil)
        result.diagnostics = (result.diagnostics + [diagnostic]).sortedForDisplay
        result.instance = nil
        result.unreadable = diagnostic.code == "unreadable"
        return result
      case .success(let data): participantsData = data
      }
    } else if let named {
      diagnostics.append(
        .error(
          "not-found", "participants file '\(named)' not found", at: .init(file: eventPath, path: namedPath)))
    }
    var result = load(
      eventData: eventData, eventFile: eventPath, participants: participantsData, participantsFile: participantsPath)
    if !diagnostics.isEmpty {
      result.diagnostics = (result.diagnostics + diagnostics).sortedForDisplay
      result.instance = nil
    }
    return result
  }

  /// Loads an instance from bytes already in memory. `eventFile` and `participantsFile` name the
  /// files in diagnostics; `participants` is the CSV's bytes, when there is one.
  public static func load(
    eventData: Data, eventFile: String = "event.yaml", participants: Data? = nil,
    participantsFile: String? = nil
  ) -> InstanceLoadResult {
    var stage = Stage(eventFile: eventFile)
    let instance = stage.run(
      eventData: eventData, participants: participants, participantsFile: participantsFile ?? "participants.csv")
    var hasher = SHA256()
    hasher.update(data: eventData)
    if let participants { hasher.update(data: participants) }
    let hash = hasher.finalize().map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }.joined()
    let diagnostics = stage.diagnostics.sortedForDisplay
    var valid = instance
    valid?.hash = hash
    var result = InstanceLoadResult(
      instance: diagnostics.hasErrors ? nil : valid, diagnostics: diagnostics, eventFile: eventFile,
      participantsFile: participants == nil ? nil : participantsFile)
    result.participantsColumns = stage.participantsColumns
    result.refusedByNecessaryConditions = stage.refused.map { refused in
      var instance = refused
      instance.hash = hash
      return instance
    }
    return result
  }

  // MARK: - Files

  private static func unreadable(_ diagnostic: Diagnostic, tooLarge: Bool = false) -> InstanceLoadResult {
    // A file too large was found and refused: that is invalid input (1), not unreadable (2).
    InstanceLoadResult(instance: nil, diagnostics: [diagnostic], unreadable: !tooLarge)
  }

  enum ReadOutcome {
    case success(Data)
    case failure(Diagnostic)
  }

  private static func read(_ path: String, limit: Int) -> ReadOutcome {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let size = (attributes?[.size] as? NSNumber)?.intValue, size > limit {
      return .failure(
        .error(
          "file-too-large", "the file is \(size / 1_048_576) MB; the limit is \(limit / 1_048_576) MB",
          at: .init(file: path)))
    }
    if (attributes?[.type] as? FileAttributeType) == .typeDirectory {
      return .failure(.error("unreadable", "expected a file, found a folder", at: .init(file: path)))
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      return .failure(.error("unreadable", "cannot open the file", at: .init(file: path)))
    }
    defer { try? handle.close() }
    do {
      // Read at most one byte past the limit, so a file that grows (or a device) cannot exhaust memory.
      let data = try handle.read(upToCount: limit + 1) ?? Data()
      if data.count > limit {
        return .failure(
          .error("file-too-large", "the file is larger than \(limit / 1_048_576) MB", at: .init(file: path)))
      }
      return .success(data)
    } catch {
      return .failure(
        .error("unreadable", "cannot read the file: \(error.localizedDescription)", at: .init(file: path)))
    }
  }

  /// The participants file named by `participants:` (or by its `file:`) and the key path naming it,
  /// read cheaply before full validation (the file is needed for the hash).
  private static func participantsKey(in data: Data) -> (name: String?, path: String) {
    guard data.count <= maxEventBytes, let text = String(validating: [UInt8](data), as: UTF8.self) else {
      return (nil, "participants")
    }
    guard YAMLDocument.prescan(text, file: "") == nil, let root = try? Yams.compose(yaml: text),
      case .mapping(let mapping) = root, let value = mapping["participants"]
    else { return (nil, "participants") }
    switch value {
    case .scalar(let scalar):
      return (scalar.string.isEmpty ? nil : scalar.string, "participants")
    case .mapping(let entry):
      guard case .scalar(let scalar)? = entry["file"], !scalar.string.isEmpty else { return (nil, "participants") }
      return (scalar.string, "participants.file")
    default:
      return (nil, "participants")
    }
  }
}

/// One load, stage by stage, accumulating diagnostics.
private struct Stage {
  let eventFile: String
  var diagnostics: [Diagnostic] = []
  var marks: [String: Mark] = [:]
  var participantsColumns: ParticipantsColumns?
  /// Set when only `FeasibilityCheck` found errors.
  var refused: Instance?

  init(eventFile: String) { self.eventFile = eventFile }

  mutating func run(eventData: Data, participants: Data?, participantsFile: String) -> Instance? {
    let file = eventFile
    if eventData.isEmpty {
      diagnostics.append(.error("empty-file", "the event file is empty", at: .init(file: file, line: 1, column: 1)))
      return nil
    }
    var bytes = [UInt8](eventData)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      diagnostics.append(CSVReader.encodingError(in: bytes, file: file, what: "event file", hint: "save it as UTF-8"))
      return nil
    }
    if text.unicodeScalars.contains(where: { $0.value == 0 }) {
      diagnostics.append(
        .error("not-text", "the event file is not text (it holds NUL bytes)", at: .init(file: file, line: 1, column: 1))
      )
      return nil
    }
    let (root, parseDiagnostics) = YAMLDocument.parse(text, file: file)
    diagnostics += parseDiagnostics
    guard let root else { return nil }
    guard var validator = SchemaValidator(file: file) else {
      diagnostics.append(.error("internal", "the instance schema does not parse", at: .init(file: file)))
      return nil
    }
    validator.validate(root)
    marks = validator.marks
    diagnostics += validator.diagnostics
    guard !validator.diagnostics.hasErrors else { return nil }

    let instanceFile: InstanceFile
    do {
      let json = try JSONSerialization.data(withJSONObject: YAMLDocument.foundationValue(root))
      instanceFile = try JSONDecoder().decode(InstanceFile.self, from: json)
    } catch {
      diagnostics.append(.error("decode-failed", "cannot read the event: \(error)", at: .init(file: file)))
      return nil
    }

    var resolver = InstanceResolver()
    var instance = resolver.resolve(instanceFile)
    diagnostics += resolver.diagnostics.map(locate)
    let eventErrors = resolver.diagnostics.hasErrors

    if let participants {
      var reader = ParticipantsReader(
        days: instance.days, sessions: instance.sessions, file: participantsFile, mapping: instanceFile.participants)
      instance.participants = reader.read(participants)
      diagnostics += reader.diagnostics.map(locate)
      participantsColumns = reader.columns
      diagnostics += AttendanceCheck.diagnostics(for: instance, file: participantsFile)
    }
    guard !diagnostics.hasErrors, !eventErrors else { return nil }
    diagnostics += FeasibilityCheck.diagnostics(for: instance).map(locate)
    if diagnostics.hasErrors { refused = instance }
    return diagnostics.hasErrors ? nil : instance
  }

  /// Adds the event file and the line and column of the diagnostic's key path (or its nearest
  /// recorded ancestor) to a diagnostic that has only a path.
  func locate(_ diagnostic: Diagnostic) -> Diagnostic {
    guard diagnostic.location.file == nil else { return diagnostic }
    var located = diagnostic
    located.location.file = eventFile
    var path = diagnostic.location.path ?? ""
    // `pin:` is the one-run shorthand of `pins:`; checks on an `Instance` name `pins[0]`.
    if marks[path] == nil, path.contains(".pins[0]") {
      let shorthand = path.replacingOccurrences(of: ".pins[0]", with: ".pin")
      if marks[shorthand] != nil || marks[String(shorthand.prefix { $0 != "." })] != nil { path = shorthand }
    }
    if let mark = KeyPath.selfAndAncestors(path).lazy.compactMap({ marks[$0] }).first {
      located.location.line = mark.line
      located.location.column = mark.column
    }
    return located
  }
}
