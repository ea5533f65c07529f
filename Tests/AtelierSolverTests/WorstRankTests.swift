import AtelierCheck
import AtelierCore
import AtelierSolver
import Testing

/// `--assignment-objective worst-rank`: the largest shortfall first (as maximin), then the smallest
/// worst rank, then welfare.
@Suite("Worst rank first")
struct WorstRankTests {
  typealias T = Tiny

  /// One slot; workshops A, B, C of one seat each, in parallel rooms; everyone takes at most one.
  /// p1 ranks [B, A], p2 [C, B], p3 [X, C, A] (X runs on day 2, when nobody attends). The longest
  /// list has 3 choices: weights 3, 2, 1. Everyone can have one (shortfall 0) in two ways only:
  ///   p1 B, p2 C, p3 A: welfare 3 + 3 + 1 = 7, worst rank 3 (p3's A);
  ///   p1 A, p2 B, p3 C: welfare 2 + 2 + 2 = 6, worst rank 2.
  /// Leaving someone out gives at most 6 (p1 B, p2 C). So welfare: 7 at worst rank 3;
  /// worst-rank: shortfall 0, worst rank 2, welfare 6.
  static let deepRank: (Instance, Timetable) = {
    let instance = T.instance(
      days: 2, rooms: [T.room("r1", 10), T.room("r2", 10), T.room("r3", 10)],
      sessions: [
        T.workshop("a", maxSize: 1), T.workshop("b", maxSize: 1), T.workshop("c", maxSize: 1),
        T.workshop("x", maxSize: 10),
      ],
      participants: [
        Participant(id: "p1", days: [0], choices: [1, 0], maxWorkshops: 1),
        Participant(id: "p2", days: [0], choices: [2, 1], maxWorkshops: 1),
        Participant(id: "p3", days: [0], choices: [3, 2, 0], maxWorkshops: 1),
      ], seatCoverage: 0)
    let timetable = Timetable(placements: [
      .init(run: .init(session: 0, run: 1), slot: 0, room: 0), .init(run: .init(session: 1, run: 1), slot: 0, room: 1),
      .init(run: .init(session: 2, run: 1), slot: 0, room: 2), .init(run: .init(session: 3, run: 1), slot: 2, room: 0),
    ])
    return (instance, timetable)
  }()

  @Test("welfare alone reaches worst rank 3 (welfare 7); worst-rank first reaches 2 (welfare 6)")
  func deepRankOptimum() {
    let (instance, timetable) = Self.deepRank
    let checker = Checker(instance: instance)

    let welfare = assign(instance, timetable, .welfare)
    #expect(welfare.status == .optimal)
    #expect(received(welfare.assignments, in: instance) == ["p1": ["b#1"], "p2": ["c#1"], "p3": ["a#1"]])
    #expect(abs((welfare.objective?.value ?? .nan) - 7) < 1e-6)
    #expect(checker.worstRank(welfare.assignments) == 3)

    let first = assign(instance, timetable, .worstRank)
    #expect(first.status == .optimal)
    #expect(!first.usedGreedy)
    #expect(received(first.assignments, in: instance) == ["p1": ["a#1"], "p2": ["b#1"], "p3": ["c#1"]])
    #expect(abs((first.objective?.value ?? .nan) - 6) < 1e-6)
    #expect(first.stageValue == 2)
    #expect(first.keptShortfall == 0)
    #expect(checker.worstRank(first.assignments) == 2)
    let checked = Timetable(placements: timetable.placements, assignments: first.assignments)
    #expect(checker.check(checked).isValid)
  }

  /// One slot; workshops W1 and W2 of one seat each; p1 and p2 both rank [W1, W2], at most one.
  /// Counting allows worst rank 1 (each has W1 first), but W1 has one seat: rank 1 is infeasible
  /// with shortfall 0, so the search goes up to 2. Weights 2, 1: welfare 3 whoever gets W1.
  @Test("worst rank above what counting allows: found by trying the next rank")
  func beyondCounting() {
    let instance = T.instance(
      slots: 1, rooms: [T.room("r1", 10), T.room("r2", 10)],
      sessions: [T.workshop("w1", maxSize: 1), T.workshop("w2", maxSize: 1)],
      participants: [
        Participant(id: "p1", days: [0], choices: [0, 1], maxWorkshops: 1),
        Participant(id: "p2", days: [0], choices: [0, 1], maxWorkshops: 1),
      ], seatCoverage: 0)
    let timetable = Timetable(placements: [
      .init(run: .init(session: 0, run: 1), slot: 0, room: 0), .init(run: .init(session: 1, run: 1), slot: 0, room: 1),
    ])
    let solution = assign(instance, timetable, .worstRank)
    #expect(solution.status == .optimal)
    #expect(solution.stageValue == 2)
    #expect(solution.keptShortfall == 0)
    #expect(solution.assignments.count == 2)
    #expect(abs((solution.objective?.value ?? .nan) - 3) < 1e-6)
  }

  @Test("the option's name on the command line")
  func name() {
    #expect(AssignmentObjective(rawValue: "worst-rank") == .worstRank)
    #expect(AssignmentObjective.allCases.map(\.rawValue) == ["welfare", "maximin", "coverage", "worst-rank"])
  }
}
