import AtelierCore

/// What the independent checker found: every broken hard rule, and the soft terms measured exactly.
public struct CheckReport: Sendable, Hashable, Codable {
  /// Sorted by rule (H1…H12, then A1…A5), then message.
  public var violations: [Violation]
  /// The six soft terms (the organisers' penalties), in a fixed order, with the instance's weights.
  public var softTerms: [Schedule.Term]
  /// Σ weight × amount over `softTerms`.
  public var objective: Double
  /// The participants' welfare of the schedule's assignments (Σ rank weights).
  public var welfare: Double = 0

  public var isValid: Bool { violations.isEmpty }

  /// How many violations of each broken rule, in report order (root causes first: H1 … H18, then
  /// A1 … A9; a run left unplaced by H1 often brings the A1 errors of everyone assigned to it).
  public var countsByRule: [RuleCount] {
    var counts: [String: Int] = [:]
    for violation in violations { counts[violation.rule, default: 0] += 1 }
    return counts.keys.sorted(by: Violation.reportOrder).map { RuleCount(rule: $0, count: counts[$0] ?? 0) }
  }

  /// The number of violations of one rule.
  public struct RuleCount: Sendable, Hashable, Codable {
    public var rule: String
    public var count: Int
  }

  public init(violations: [Violation], softTerms: [Schedule.Term], objective: Double, welfare: Double = 0) {
    self.violations = violations
    self.softTerms = softTerms
    self.objective = objective
    self.welfare = welfare
  }

  enum CodingKeys: String, CodingKey {
    case violations
    case softTerms = "soft_terms"
    case objective, welfare
    case isValid = "valid"
    case countsByRule = "counts_by_rule"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    violations = try container.decode([Violation].self, forKey: .violations)
    softTerms = try container.decode([Schedule.Term].self, forKey: .softTerms)
    objective = try container.decode(Double.self, forKey: .objective)
    welfare = try container.decodeIfPresent(Double.self, forKey: .welfare) ?? 0
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(violations, forKey: .violations)
    try container.encode(softTerms, forKey: .softTerms)
    try container.encode(objective, forKey: .objective)
    try container.encode(welfare, forKey: .welfare)
    try container.encode(isValid, forKey: .isValid)
    try container.encode(countsByRule, forKey: .countsByRule)
  }
}

/// One broken hard rule, in the organiser's words (session ids and titles, room names, days, times).
public struct Violation: Sendable, Hashable, Codable {
  /// `H1`…`H15` (timetable) or `A1`…`A5` (participant assignment), as in `docs/schedule-format.md`.
  public var rule: String
  public var message: String
  /// Ids of what is involved, when one session, room or participant is.
  public var session: String?
  public var room: String?
  public var participant: String?

  public init(rule: String, message: String, session: String? = nil, room: String? = nil, participant: String? = nil) {
    self.rule = rule
    self.message = message
    self.session = session
    self.room = room
    self.participant = participant
  }

  /// Every rule the checker knows, in report order.
  public static let rules = (1...18).map { "H\($0)" } + (1...9).map { "A\($0)" }

  /// Report order of two rule names: as in `rules` (H before A, numerically); unknown names last,
  /// by name.
  public static func reportOrder(_ a: String, _ b: String) -> Bool {
    let (x, y) = (rules.firstIndex(of: a) ?? rules.count, rules.firstIndex(of: b) ?? rules.count)
    return x != y ? x < y : a < b
  }
}
