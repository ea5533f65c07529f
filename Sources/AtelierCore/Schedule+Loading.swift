import Foundation

extension Schedule {
  /// Reads a `schedule.json`. Syntax errors come with their line and column, type errors with their
  /// key path (`runs[3].start`) and position; files over `maxBytes` are refused unread. Never traps.
  public static func load(path: String) -> (schedule: Schedule?, diagnostics: [Diagnostic]) {
    let at = Diagnostic.Location(file: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      return (nil, [.error("not-found", "no such file", at: at)])
    }
    if isDirectory.boolValue {
      return (nil, [.error("unreadable", "expected a schedule file, found a folder", at: at)])
    }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    if let size = (attributes?[.size] as? NSNumber)?.intValue, size > maxBytes {
      return (
        nil,
        [
          .error(
            "file-too-large", "the file is \(size / 1_048_576) MB; the limit is \(maxBytes / 1_048_576) MB", at: at)
        ]
      )
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      return (nil, [.error("unreadable", "cannot open the file", at: at)])
    }
    defer { try? handle.close() }
    let data: Data
    do {
      // At most one byte past the limit, so a growing file or a device cannot exhaust memory.
      data = try handle.read(upToCount: maxBytes + 1) ?? Data()
    } catch {
      return (nil, [.error("unreadable", "cannot read the file: \(error.localizedDescription)", at: at)])
    }
    if data.count > maxBytes {
      return (nil, [.error("file-too-large", "the file is larger than \(maxBytes / 1_048_576) MB", at: at)])
    }
    return load(data: data, file: path)
  }

  /// Decodes a `schedule.json` held in memory; `file` names it in diagnostics.
  public static func load(data: Data, file: String? = nil) -> (schedule: Schedule?, diagnostics: [Diagnostic]) {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // a BOM some editors add
    func at(_ line: Int? = nil, _ column: Int? = nil, path: String? = nil) -> Diagnostic.Location {
      Diagnostic.Location(file: file, line: line, column: column, path: path)
    }
    if bytes.isEmpty { return (nil, [.error("empty-file", "the schedule file is empty", at: at(1, 1))]) }
    if String(validating: bytes, as: UTF8.self) == nil {
      return (nil, [CSVReader.encodingError(in: bytes, file: file, what: "schedule file", hint: "save it as UTF-8")])
    }
    let scanner = JSONScanner(bytes)
    if let error = scanner.firstError() {
      return (
        nil,
        [
          .error(
            "syntax-error", "not valid JSON: \(error.message)", at: at(error.position.line, error.position.column),
            hint: error.message.hasPrefix("number out of range")
              ? "a schedule's numbers are run numbers, minutes and scores: write the number it should be" : nil)
        ]
      )
    }
    let clean = Data(bytes)

    // The format first: a file of another kind should say so, not fail on its first missing key.
    struct Probe: Decodable { var format: String? }
    if let probe = try? decoder().decode(Probe.self, from: clean), let format = probe.format, format != currentFormat {
      let position = scanner.positions(depth: 1)?["format"]
      let newer = format.hasPrefix("atelier-schedule/")
      return (
        nil,
        [
          .error(
            "unsupported-format", "the format is '\(format)'; this version of atelier reads '\(currentFormat)'",
            at: at(position?.line, position?.column, path: "format"),
            hint: newer
              ? "the file was written by another version of atelier: re-run `atelier solve`, or convert it"
              : "an atelier schedule starts with \"format\": \"\(currentFormat)\"")
        ]
      )
    }

    do {
      let schedule = try decoder().decode(Schedule.self, from: clean)
      // "nan" and "inf" strings (and numbers beyond ±1.8e308) decode, but no claim of a schedule
      // is a non-finite number: `check` would print them as measured against, comparisons go wrong.
      let nonFinite = schedule.nonFiniteNumbers.map { path in
        let position = scanner.position(ofPath: path)
        return Diagnostic.error(
          "non-finite-number", path.hasSuffix("bound") || path.hasSuffix("gap") ? "the number is nan" : "the number is not finite (nan or inf)",
          at: at(position?.line, position?.column, path: path),
          hint: "write a finite number, or remove the objective (atelier check measures it again)")
      }
      return nonFinite.isEmpty ? (schedule, []) : (nil, nonFinite)
    } catch let error as DecodingError {
      var diagnostic = describe(error)
      diagnostic.location.file = file
      if let path = diagnostic.location.path, let position = scanner.position(ofPath: path) {
        diagnostic.location.line = position.line
        diagnostic.location.column = position.column
      }
      return (nil, [diagnostic])
    } catch {
      return (nil, [.error("unreadable", "cannot decode the schedule: \(error)", at: at())])
    }
  }

  /// Key paths of the numbers of the objective and the proof that are not numbers (`nan`), or
  /// infinite where only a bound or a gap may be (`-inf`: no bound known).
  var nonFiniteNumbers: [String] {
    var paths: [String] = []
    func check(_ value: Double?, _ path: String) { if let value, !value.isFinite { paths.append(path) } }
    func check(bound value: Double?, _ path: String) { if let value, value.isNaN { paths.append(path) } }
    if let objective {
      check(objective.value, "objective.value")
      check(bound: objective.bound, "objective.bound")
      check(bound: objective.gap, "objective.gap")
      for (i, term) in objective.terms.enumerated() {
        check(term.weight, "objective.terms[\(i)].weight")
        check(term.amount, "objective.terms[\(i)].amount")
        check(term.contribution, "objective.terms[\(i)].contribution")
      }
    }
    if let proof {
      for (name, side) in [("participants", proof.participants), ("organisers", proof.organisers), ("score", proof.score)] {
        guard let side else { continue }
        check(side.value, "proof.\(name).value")
        check(bound: side.bound, "proof.\(name).bound")
        check(bound: side.gap, "proof.\(name).gap")
        check(bound: side.relativeGap, "proof.\(name).relative_gap")
      }
    }
    return paths
  }

  /// Adds the line and column of each diagnostic's key path (`runs[3].room`) in the file at `path`,
  /// such as those `timetable(in:)` returns. Diagnostics stay as they are when the file cannot be read.
  public static func locate(_ diagnostics: [Diagnostic], inFile file: String) -> [Diagnostic] {
    guard diagnostics.contains(where: { $0.location.path != nil && $0.location.line == nil }),
      let handle = FileHandle(forReadingAtPath: file)
    else { return diagnostics }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: maxBytes + 1), data.count <= maxBytes else { return diagnostics }
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard let positions = JSONScanner(bytes).positions(depth: 3) else { return diagnostics }
    return diagnostics.map { diagnostic in
      var located = diagnostic
      if located.location.line == nil, let path = located.location.path,
        let position = JSONScanner.nearest(path, in: positions)
      {
        located.location.line = position.line
        located.location.column = position.column
        if located.location.file == nil { located.location.file = file }
      }
      return located
    }
  }

  /// `schedule.json`'s bytes: pretty-printed, keys sorted, slashes unescaped, one trailing newline,
  /// so equal schedules always give identical files.
  public func encoded() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = Self.nonFinite
    var data = (try? encoder.encode(self)) ?? Data("{}".utf8)
    data.append(0x0A)
    return data
  }

  /// Infinite or undefined numbers (a bound before any is known) are written as strings, not refused.
  private static let nonFinite = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
    positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

  private static func decoder() -> JSONDecoder {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return decoder
  }

  /// `runs[3].start` of a coding path.
  static func keyPath(_ codingPath: [any CodingKey]) -> String {
    var path = ""
    for key in codingPath {
      if let index = key.intValue {
        path += "[\(index)]"
      } else {
        path += path.isEmpty ? key.stringValue : "." + key.stringValue
      }
    }
    return path
  }

  private static func typeName(_ type: Any.Type) -> String {
    switch type {
    case is String.Type: "a string"
    case is Int.Type: "an integer"
    case is Double.Type: "a number"
    case is Bool.Type: "true or false"
    default:
      String(describing: type).hasPrefix("Array") ? "a list" : "an object"
    }
  }

  private static func describe(_ error: DecodingError) -> Diagnostic {
    switch error {
    case .typeMismatch(let type, let context):
      let path = keyPath(context.codingPath)
      return .error(
        "type-error", path.isEmpty ? "the schedule must be a JSON object" : "expected \(typeName(type)) here",
        at: .init(path: path))
    case .valueNotFound(let type, let context):
      return .error(
        "type-error", "expected \(typeName(type)), found null", at: .init(path: keyPath(context.codingPath)))
    case .keyNotFound(let key, let context):
      let parent = keyPath(context.codingPath)
      return .error(
        "missing-key", "required key '\(key.stringValue)' is missing", at: .init(path: parent),
        hint: key.stringValue == "format" ? "an atelier schedule starts with \"format\": \"\(currentFormat)\"" : nil)
    case .dataCorrupted(let context):
      let path = keyPath(context.codingPath)
      if context.codingPath.last?.stringValue == "status" {
        return .error(
          "bad-value", "unknown status", at: .init(path: path),
          hint: "status is optimal, feasible, infeasible or manual")
      }
      return .error("bad-value", "unreadable value: \(context.debugDescription)", at: .init(path: path))
    @unknown default:
      return .error("unreadable", "cannot decode the schedule: \(error)")
    }
  }
}

extension JSONScanner {
  /// Line and column of the value at `path`, or of its nearest enclosing value that was recorded.
  func position(ofPath path: String) -> Position? {
    let depth = path.reduce(1) { $0 + ($1 == "." || $1 == "[" ? 1 : 0) }
    guard let positions = positions(depth: min(depth, 6)) else { return nil }
    return Self.nearest(path, in: positions)
  }

  static func nearest(_ path: String, in positions: [String: Position]) -> Position? {
    var path = Substring(path)
    while !path.isEmpty {
      if let position = positions[String(path)] { return position }
      guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
      path = path[..<cut]
    }
    return nil
  }
}
