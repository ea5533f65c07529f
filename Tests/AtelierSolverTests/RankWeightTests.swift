import AtelierCheck
import AtelierCore
import AtelierMIP
import Testing

@testable import AtelierSolver

/// Rank weights from `weights.ranks` and tied ranks (issue 17, item 2), each with its hand optimum.
@Suite("Rank weights and ties")
struct RankWeightTests {
  typealias T = Tiny

  /// One slot; workshops A and B of one seat each, in parallel; one workshop each. Table [10, 4].
  /// p1 ties A and B (ranks 1, 1: 10 each); p2 ranks A then B (10, 4).
  ///   p1 A, p2 B = 10 + 4 = 14;  p1 B, p2 A = 10 + 10 = 20.  Optimum 20, and W_UB = 20 too.
  /// Without the tie (p1 ranks A 1, B 2) both give 14.
  static func tiedPair(ranks: [Int] = [1, 1], table: [Double]? = [10, 4]) -> (Instance, Timetable) {
    var weights = T.timeWeights
    weights.ranks = table
    let instance = T.instance(
      slots: 1, rooms: [T.room("r1", 10), T.room("r2", 10)],
      sessions: [T.workshop("a", maxSize: 1), T.workshop("b", maxSize: 1)],
      participants: [
        Participant(id: "p1", days: [0], choices: [0, 1], ranks: ranks, maxWorkshops: 1),
        Participant(id: "p2", days: [0], choices: [0, 1], maxWorkshops: 1),
      ], weights: weights, seatCoverage: 0)
    let timetable = Timetable(placements: [
      .init(run: .init(session: 0, run: 1), slot: 0, room: 0), .init(run: .init(session: 1, run: 1), slot: 0, room: 1),
    ])
    return (instance, timetable)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var ranks: [Int]
    var table: [Double]?
    /// The hand optimum (and the bound, equal here).
    var welfare: Double
    var testDescription: String { name }
  }

  static let cases = [
    // Above: 20 (p1 B, p2 A).
    Case(name: "a tie with the table [10, 4]", ranks: [1, 1], table: [10, 4], welfare: 20),
    // p1 A (10) + p2 B (4), or p1 B (4) + p2 A (10): 14.
    Case(name: "no tie with the table [10, 4]", ranks: [1, 2], table: [10, 4], welfare: 14),
    // Default weights L + 1 − k, L = 2: tie 2 + 2 = 4; no tie 2 + 1 = 3.
    Case(name: "a tie with the default weights", ranks: [1, 1], table: nil, welfare: 4),
    Case(name: "no tie with the default weights", ranks: [], table: nil, welfare: 3),
    // Decimal weights [2.5, 0.5]: tie 2.5 + 2.5 = 5; the bound is not rounded down to a whole number.
    Case(name: "decimal weights", ranks: [1, 1], table: [2.5, 0.5], welfare: 5),
  ]

  @Test("hand optimum, bound and checker agree", arguments: cases)
  func handOptimum(_ c: Case) throws {
    let (instance, timetable) = Self.tiedPair(ranks: c.ranks, table: c.table)
    let solution = assign(instance, timetable, .welfare)
    #expect(solution.status == .optimal)
    #expect(abs((solution.objective?.value ?? .nan) - c.welfare) < 1e-6)
    let bound = try #require(
      WelfareBound(formulation: TimetableFormulation(instance: instance), weights: WelfareWeights(instance: instance)))
    #expect(abs(bound.value - c.welfare) < 1e-6)
    // The checker's own copy of the rule gives the same welfare.
    let checked = Timetable(placements: timetable.placements, assignments: solution.assignments)
    let report = Checker(instance: instance).check(checked)
    #expect(report.isValid)
    #expect(abs(report.welfare - c.welfare) < 1e-6)
  }

  /// The checker measures the assignment it is given: p1 A, p2 B is 14 even with the tie, and the
  /// tied rank is the one a schedule must state (rank 1 for p1's second column).
  @Test("the checker's welfare of a worse assignment, and the tied rank in schedule.json")
  func checkerMeasures() throws {
    let (instance, timetable) = Self.tiedPair()
    let worse = Timetable(
      placements: timetable.placements,
      assignments: [.init(participant: 0, run: .init(session: 0, run: 1)), .init(participant: 1, run: .init(session: 1, run: 1))])
    #expect(Checker(instance: instance).check(worse).welfare == 14)
    let best = Timetable(
      placements: timetable.placements,
      assignments: [.init(participant: 0, run: .init(session: 1, run: 1)), .init(participant: 1, run: .init(session: 0, run: 1))])
    #expect(Checker(instance: instance).check(best).welfare == 20)
    #expect(instance.participants[0].rank(ofSession: 1) == 1)
    #expect(instance.participants[1].rank(ofSession: 1) == 2)
  }

  /// A rank beyond the table weighs its last entry: [5] gives every rank 5.
  @Test("ranks beyond the table weigh its last entry")
  func beyondTable() {
    let (instance, _) = Self.tiedPair(ranks: [], table: [5])
    let weights = WelfareWeights(instance: instance)
    #expect(weights.rankWeight(1) == 5)
    #expect(weights.rankWeight(7) == 5)
    #expect(weights.integral)
  }
}
