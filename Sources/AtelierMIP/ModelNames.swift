/// Names for a model file that every common reader accepts (CPLEX LP and free MPS in GLPK, HiGHS,
/// CBC, CPLEX): ASCII letters, digits, `_` and `.` only, never starting like a number, never a
/// keyword, at most 200 characters, and unique (case-insensitively, for readers that fold case).
/// Deterministic: the same names in the same order give the same result.
struct ModelNames {
  private var used = Set<String>()

  init(reserved: [String] = []) {
    for name in reserved { used.insert(name.lowercased()) }
  }

  /// A legal, unique name derived from `name`; `fallback` is the prefix for names that cannot start
  /// as they are (empty, or starting with a digit, `.`, or an exponent-like `e1`).
  mutating func claim(_ name: String, fallback: String) -> String {
    let base = Self.legal(name, fallback: fallback)
    var candidate = base
    var suffix = 2
    while used.contains(candidate.lowercased()) {
      candidate = "\(base)_\(suffix)"
      suffix += 1
    }
    used.insert(candidate.lowercased())
    return candidate
  }

  static let keywords: Set<String> = [
    "bin", "binaries", "binary", "bound", "bounds", "end", "free", "gen", "general", "generals", "inf",
    "infinity", "integer", "integers", "max", "maximise", "maximize", "maximum", "min", "minimise",
    "minimize", "minimum", "s.t.", "semi", "semis", "semi-continuous", "sos", "st", "st.", "subject",
    "such", "that", "to",
  ]

  static func legal(_ name: String, fallback: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in name.unicodeScalars.prefix(200) {
      let keep =
        scalar.isASCII
        && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == ".")
      scalars.append(keep ? scalar : "_")
    }
    let legal = String(scalars)
    guard let first = legal.unicodeScalars.first else { return fallback }
    let second = legal.unicodeScalars.dropFirst().first
    let looksNumeric =
      ("0"..."9").contains(first) || first == "."
      || ((first == "e" || first == "E") && (second.map { ("0"..."9").contains($0) || $0 == "." } ?? true))
    if looksNumeric { return "\(fallback)_\(legal)" }
    if keywords.contains(legal.lowercased()) { return "\(legal)_" }
    return legal
  }

  /// A number as readers parse it back exactly: integers without a fraction, others in Swift's
  /// shortest round-trip form (`0.1`, `1e-07`).
  static func number(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}
