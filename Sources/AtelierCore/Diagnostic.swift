/// One problem found in a user's input or result, with where it is and how to fix it.
///
/// Every stage (loading, validation, checking) reports through this one type; the command line
/// prints it as `file:line:column: error: message` for people and as JSON for machines.
public struct Diagnostic: Codable, Hashable, Sendable {
  public enum Severity: String, Codable, Hashable, Sendable, Comparable {
    case error, warning, note

    private var rank: Int {
      switch self {
      case .error: 0
      case .warning: 1
      case .note: 2
      }
    }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
  }

  /// Where a diagnostic points: a file, a position in it when known, and a key path in the document.
  public struct Location: Codable, Hashable, Sendable {
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// Key path in the document, such as `sessions[12].requires[0]`.
    public var path: String?

    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, path: String? = nil) {
      self.file = file
      self.line = line
      self.column = column
      self.path = path
    }
  }

  public var severity: Severity
  /// A stable, machine-readable name of the kind of problem (`unknown-key`, `room-too-small`, …).
  public var code: String
  public var message: String
  public var location: Location
  /// How to fix it, when we can tell (`did you mean 'projector'?`).
  public var hint: String?

  public init(
    _ severity: Severity, code: String, _ message: String, at location: Location = Location(),
    hint: String? = nil
  ) {
    self.severity = severity
    self.code = code
    self.message = message
    self.location = location
    self.hint = hint
  }

  public static func error(
    _ code: String, _ message: String, at location: Location = Location(), hint: String? = nil
  ) -> Diagnostic {
    Diagnostic(.error, code: code, message, at: location, hint: hint)
  }

  public static func warning(
    _ code: String, _ message: String, at location: Location = Location(), hint: String? = nil
  ) -> Diagnostic {
    Diagnostic(.warning, code: code, message, at: location, hint: hint)
  }

  /// `file:line:column: error: message [path]` then an indented hint, as compilers print.
  public var formatted: String {
    var prefix = ""
    if let file = location.file {
      prefix = file
      if let line = location.line {
        prefix += ":\(line)"
        if let column = location.column { prefix += ":\(column)" }
      }
      prefix += ": "
    }
    var text = "\(prefix)\(severity.rawValue): \(message)"
    if let path = location.path, !path.isEmpty { text += " [\(path)]" }
    if let hint { text += "\n  hint: \(hint)" }
    return text
  }
}

extension Array where Element == Diagnostic {
  public var hasErrors: Bool { contains { $0.severity == .error } }
  public var errors: [Diagnostic] { filter { $0.severity == .error } }

  /// Sorted by file, line, column, then message: the order people read them in, stable across runs.
  public var sortedForDisplay: [Diagnostic] {
    sorted { a, b in
      let ka = (a.location.file ?? "", a.location.line ?? 0, a.location.column ?? 0)
      let kb = (b.location.file ?? "", b.location.line ?? 0, b.location.column ?? 0)
      if ka != kb { return ka < kb }
      if a.severity != b.severity { return a.severity < b.severity }
      return a.message < b.message
    }
  }
}

/// Thrown when input cannot be turned into a usable value; carries every problem found.
public struct DiagnosticsError: Error, Sendable {
  public var diagnostics: [Diagnostic]
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// Suggests the closest known name for a misspelt one (`projecter` → `projector`).
public enum NameSuggester {
  public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
    let lowered = name.lowercased()
    let length = lowered.unicodeScalars.count
    var best: (String, Int)?
    for candidate in candidates {
      let other = candidate.lowercased()
      let limit = max(1, min(3, candidate.count / 3))
      // The distance is at least the difference in length: most candidates (and every candidate of
      // a megabyte-long name) are ruled out without the quadratic computation.
      guard abs(other.unicodeScalars.count - length) <= limit else { continue }
      let distance = editDistance(lowered, other)
      guard distance <= limit else { continue }
      if let current = best, (distance, candidate) >= (current.1, current.0) { continue }
      best = (candidate, distance)
    }
    return best?.0
  }

  public static func hint(for name: String, among candidates: some Sequence<String>) -> String? {
    closest(to: name, among: candidates).map { "did you mean '\($0)'?" }
  }

  /// Levenshtein distance over Unicode scalars (two rows of memory).
  public static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}

/// Key paths as diagnostics name them (`sessions[12].pins[0].room`).
public enum KeyPath {
  /// The path and each of its ancestors, nearest first, ending with the root `""`:
  /// `a[1].b` → `a[1].b`, `a[1]`, `a`, `""`. For finding the nearest part of a document that has a
  /// recorded position.
  public static func selfAndAncestors(_ path: String) -> [String] {
    var result = [path]
    var path = path
    while !path.isEmpty {
      if path.hasSuffix("]"), let open = path.lastIndex(of: "[") {
        path = String(path[..<open])
      } else if let dot = path.lastIndex(of: ".") {
        path = String(path[..<dot])
      } else {
        path = ""
      }
      result.append(path)
    }
    return result
  }
}
