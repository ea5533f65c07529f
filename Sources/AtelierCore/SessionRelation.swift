/// A hard relation between two sessions (issue 17), given in event.yaml as `same_slot`,
/// `different_slot` or `same_day` on either session. The relations are symmetric, so each is kept
/// once, with `first < second`, however many times and on whichever side the file gives it.
///
/// For sessions with several runs (and any durations), with "A's starts" the set of (day, start)
/// of A's runs and "A's days" the set of their days:
/// - `sameSlot` (rule H13): A's starts and B's starts are the same set: every run of A starts at
///   the same time as a run of B, and every run of B as a run of A (in another room).
/// - `differentSlot` (rule H14): no run of A overlaps a run of B in time.
/// - `sameDay` (rule H15): A's days and B's days are the same set.
public struct SessionRelation: Sendable, Hashable, Codable {
  public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
    case sameSlot = "same_slot"
    case differentSlot = "different_slot"
    case sameDay = "same_day"

    /// The checker's rule for this relation.
    public var rule: String {
      switch self {
      case .sameSlot: "H13"
      case .differentSlot: "H14"
      case .sameDay: "H15"
      }
    }
  }

  public var kind: Kind
  /// Indices into `Instance.sessions`, `first < second`.
  public var first: Int
  public var second: Int

  /// The relation between `a` and `b` (`a != b`), in its stored order.
  public init(_ kind: Kind, _ a: Int, _ b: Int) {
    self.kind = kind
    self.first = min(a, b)
    self.second = max(a, b)
  }

  /// The other session of the pair, when `s` is one of them.
  public func partner(of s: Int) -> Int? { s == first ? second : s == second ? first : nil }
}
