import AtelierCore
import AtelierMIP
import AtelierSolver
import Testing

/// An assignment problem on a hand-made timetable, with its hand optimum: who gets which run
/// (participant id → `session#run` ids), the welfare (Σ rank weights, weight = longest + 1 − rank)
/// and, for `maximin` / `coverage`, the first stage's value.
struct AssignmentCase: Sendable, CustomTestStringConvertible {
  var name: String
  var instance: Instance
  var timetable: Timetable
  var objective: AssignmentObjective
  var coverageTarget = 2
  var expected: [String: Set<String>]
  var welfare: Double
  var stageValue: Double?
  var testDescription: String { name }
}

func assign(_ instance: Instance, _ timetable: Timetable, _ objective: AssignmentObjective, k: Int = 2)
  -> AssignmentSolution
{
  var solver = AssignmentSolver(instance: instance, objective: objective)
  solver.coverageTarget = k
  var options = SolveOptions()
  options.timeLimit = 20
  return solver.solve(timetable, options: options)
}

/// Participant id → the runs they got, as `session#run`.
func received(_ assignments: [Timetable.Assignment], in instance: Instance) -> [String: Set<String>] {
  var result: [String: Set<String>] = [:]
  for a in assignments {
    result[instance.participants[a.participant].id, default: []].insert(
      "\(instance.sessions[a.run.session].id)#\(a.run.run)")
  }
  return result
}

@Suite("Participant assignment")
struct AssignmentTests {
  typealias T = Tiny

  /// Two days of 09:00 and 10:00 (slots 0, 1 on d1; 2, 3 on d2), rooms r1 and r2 of 10.
  /// Workshops A (09:00 d1) and B (10:00 d1) take one person each; X, Y, Z run on d2, when nobody
  /// attends. p1 (d1, at most 2) ranks [A, Z, B]; p2 (d1, at most 2) ranks [X, Y, A, B].
  /// The longest list has 4 choices: rank weights 4, 3, 2, 1. So p1 values A 4, B 2; p2 values A 2, B 1.
  ///   p1 A+B = 6 (p2 nothing: shortfall 2);  p1 A, p2 B = 5;  p1 B, p2 A = 4;  p2 A+B = 3.
  static let fairness: (Instance, Timetable) = {
    let instance = T.instance(
      days: 2, rooms: [T.room("r1", 10), T.room("r2", 10)],
      sessions: [
        T.workshop("a", maxSize: 1), T.workshop("b", maxSize: 1), T.workshop("x", maxSize: 10),
        T.workshop("y", maxSize: 10), T.workshop("z", maxSize: 10),
      ],
      participants: [
        Participant(id: "p1", days: [0], choices: [0, 4, 1], maxWorkshops: 2),
        Participant(id: "p2", days: [0], choices: [2, 3, 0, 1], maxWorkshops: 2),
      ], seatCoverage: 0)
    let timetable = Timetable(placements: [
      .init(run: .init(session: 0, run: 1), slot: 0, room: 0), .init(run: .init(session: 1, run: 1), slot: 1, room: 0),
      .init(run: .init(session: 2, run: 1), slot: 2, room: 0), .init(run: .init(session: 3, run: 1), slot: 3, room: 0),
      .init(run: .init(session: 4, run: 1), slot: 2, room: 1),
    ])
    return (instance, timetable)
  }()

  /// One slot; workshops W1 and W2 of one seat each, in parallel. p1 ranks [W1, W2], p2 ranks [W1]
  /// (weights 2, 1). Serving p1 first gives 2; p2 W1 and p1 W2 gives 2 + 1 = 3.
  static let greedyTrap: (Instance, Timetable) = {
    let instance = T.instance(
      slots: 1, rooms: [T.room("r1", 10), T.room("r2", 10)],
      sessions: [T.workshop("w1", maxSize: 1), T.workshop("w2", maxSize: 1)],
      participants: [
        Participant(id: "p1", days: [0], choices: [0, 1], maxWorkshops: 1),
        Participant(id: "p2", days: [0], choices: [0], maxWorkshops: 1),
      ], seatCoverage: 0)
    let timetable = Timetable(placements: [
      .init(run: .init(session: 0, run: 1), slot: 0, room: 0), .init(run: .init(session: 1, run: 1), slot: 0, room: 1),
    ])
    return (instance, timetable)
  }()

  static let cases: [AssignmentCase] = [
    AssignmentCase(
      name: "welfare beats first come, first served", instance: greedyTrap.0, timetable: greedyTrap.1,
      objective: .welfare,
      expected: ["p1": ["w2#1"], "p2": ["w1#1"]], welfare: 3),
    // Welfare alone gives p1 both (6) and p2 nothing.
    AssignmentCase(
      name: "welfare", instance: fairness.0, timetable: fairness.1, objective: .welfare,
      expected: ["p1": ["a#1", "b#1"]], welfare: 6),
    // Largest shortfall: 0 would need 4 seats, so 1 (one each); then the best welfare of those: 5.
    AssignmentCase(
      name: "maximin", instance: fairness.0, timetable: fairness.1, objective: .maximin,
      expected: ["p1": ["a#1"], "p2": ["b#1"]], welfare: 5, stageValue: 1),
    // k = 1: both can have one: 2 covered; then welfare 5.
    AssignmentCase(
      name: "coverage k=1", instance: fairness.0, timetable: fairness.1, objective: .coverage, coverageTarget: 1,
      expected: ["p1": ["a#1"], "p2": ["b#1"]], welfare: 5, stageValue: 2),
    // k = 2: only one can have two: 1 covered; p1 (6) rather than p2 (3).
    AssignmentCase(
      name: "coverage k=2", instance: fairness.0, timetable: fairness.1, objective: .coverage, coverageTarget: 2,
      expected: ["p1": ["a#1", "b#1"]], welfare: 6, stageValue: 1),
  ]

  @Test("hand optimum of each objective", arguments: cases)
  func handOptimum(_ c: AssignmentCase) throws {
    let solution = assign(c.instance, c.timetable, c.objective, k: c.coverageTarget)
    #expect(solution.status == .optimal)
    #expect(!solution.usedGreedy)
    #expect(received(solution.assignments, in: c.instance) == c.expected)
    #expect(abs((solution.objective?.value ?? .nan) - c.welfare) < 1e-6)
    #expect(solution.stageValue == c.stageValue)
    let checked = Timetable(placements: c.timetable.placements, assignments: solution.assignments)
    #expect(RuleChecker(instance: c.instance, timetable: checked).assignmentViolations() == [])
  }

  /// Rules A1–A5 all in play. Two days of 09:00 and 10:00 (slots 0, 1 on d1; 2, 3 on d2).
  ///   ws    workshop, max 5, 2 runs: #1 d1 09:00 in the lab (2 seats), #2 d1 10:00 in the hall (5 seats: max size)
  ///   talk  a talk, d1 09:00 in the salle (never assigned: A1)
  ///   par   workshop, max 10, d1 09:00 in r4 (parallel to ws#1: A3)
  ///   late  workshop, max 10, d2 09:00 (only p6 attends d2: A4)
  ///   ghost workshop, not placed (A1)
  ///   extra workshop, max 10, d1 10:00 (parallel to ws#2)
  /// Everyone ranks [ghost, talk, ws, par, late, extra]: weights 6 5 4 3 2 1 (ws 4, par 3, late 2, extra 1).
  /// p1 takes at most 1 workshop; others the default 3; never both runs of ws (A5).
  /// On d1 a participant can have one run per hour: ws#2 + par = 7 is the best pair, ws#1 + extra = 5.
  /// Upper bound: p1 4 (ws), p2–p5 7, p6 7 + late 2 = 9: 4 + 28 + 9 = 41, reached by p2–p6 filling
  /// ws#2's 5 seats with par, p1 in ws#1, p6 also in late. Unique: p1 in ws#2 would push one of p2–p6
  /// down to ws#1 + extra (−2). Shortfalls are then 0 (p1, p6) and 1 (p2–p5, who wanted 3), the least
  /// possible with 2 hours on d1; everyone has ≥ 2 or all they asked: every objective agrees.
  static let crowd: (Instance, Timetable) = {
    let participants = (1...6).map { i in
      Participant(
        id: "p\(i)", days: i == 6 ? [0, 1] : [0], choices: [4, 1, 0, 2, 3, 5], maxWorkshops: i == 1 ? 1 : nil)
    }
    let instance = T.instance(
      days: 2, rooms: [T.room("lab", 2), T.room("hall", 10), T.room("salle", 10), T.room("r4", 10)],
      sessions: [
        T.workshop("ws", maxSize: 5, runs: 2), T.talk("talk"), T.workshop("par", maxSize: 10),
        T.workshop("late", maxSize: 10), T.workshop("ghost", maxSize: 10), T.workshop("extra", maxSize: 10),
      ],
      participants: participants, seatCoverage: 0)
    let timetable = Timetable(placements: [
      .init(run: .init(session: 0, run: 1), slot: 0, room: 0), .init(run: .init(session: 0, run: 2), slot: 1, room: 1),
      .init(run: .init(session: 1, run: 1), slot: 0, room: 2), .init(run: .init(session: 2, run: 1), slot: 0, room: 3),
      .init(run: .init(session: 3, run: 1), slot: 2, room: 1), .init(run: .init(session: 5, run: 1), slot: 1, room: 2),
    ])
    return (instance, timetable)
  }()

  static let crowdOptimum: [String: Set<String>] = [
    "p1": ["ws#1"], "p2": ["ws#2", "par#1"], "p3": ["ws#2", "par#1"], "p4": ["ws#2", "par#1"],
    "p5": ["ws#2", "par#1"], "p6": ["ws#2", "par#1", "late#1"],
  ]

  @Test(
    "A1–A5 hold and every objective finds the crowd's unique optimum",
    arguments: [(AssignmentObjective.welfare, 2), (.maximin, 2), (.coverage, 1), (.coverage, 2), (.coverage, 3)])
  func crowdRules(objective: AssignmentObjective, k: Int) throws {
    let (instance, timetable) = Self.crowd
    let solution = assign(instance, timetable, objective, k: k)
    #expect(solution.status == .optimal)
    let checked = Timetable(placements: timetable.placements, assignments: solution.assignments)
    #expect(RuleChecker(instance: instance, timetable: checked).assignmentViolations() == [])
    #expect(received(solution.assignments, in: instance) == Self.crowdOptimum)
    #expect(abs((solution.objective?.value ?? .nan) - 41) < 1e-6)
    // Stage values: largest shortfall 1; covered with k = 1 or 2: all 6; with k = 3: p1 (needs 1) and p6.
    switch (objective, k) {
    case (.maximin, _): #expect(solution.stageValue == 1)
    case (.coverage, 3): #expect(solution.stageValue == 2)
    case (.coverage, _): #expect(solution.stageValue == 6)
    default: #expect(solution.stageValue == nil)
    }
  }

  /// A workshop of at most 5 in a room of 2: four want it, two get it (welfare 2 × 1), whatever the objective.
  @Test("a run seats the smaller of its maximum size and its room", arguments: AssignmentObjective.allCases)
  func roomSmallerThanMaxSize(objective: AssignmentObjective) {
    let instance = T.instance(
      slots: 1, rooms: [T.room("nook", 2)], sessions: [T.workshop("w", maxSize: 5)],
      participants: (1...4).map { Participant(id: "p\($0)", days: [0], choices: [0]) }, seatCoverage: 0)
    let timetable = Timetable(placements: [.init(run: .init(session: 0, run: 1), slot: 0, room: 0)])
    let solution = assign(instance, timetable, objective, k: 1)
    #expect(solution.status == .optimal)
    #expect(solution.assignments.count == 2)
    #expect(solution.objective?.value == 2)
    let checked = Timetable(placements: timetable.placements, assignments: solution.assignments)
    #expect(RuleChecker(instance: instance, timetable: checked).assignmentViolations() == [])
  }

  /// GLPK stopped before any assignment (here: cancelled before it starts): the stage keeps the
  /// greedy one, by rank rounds. Rank 3 (ws): p1, p2 fill ws#1's 2 seats, p3–p6 get ws#2. Rank 4
  /// (par, 09:00): p3–p6 (p1 is at its limit, p2 is in ws#1 at 09:00). Rank 5 (late, d2): p6.
  /// Rank 6 (extra, 10:00): p2 only. Welfare 4 + (4 + 1) + 3 × 7 + 9 = 39; largest shortfall 1
  /// (p2–p5); with k = 2 all six are covered (p1 needs 1).
  @Test("a search stopped before any assignment keeps the greedy one", arguments: AssignmentObjective.allCases)
  func greedyFallback(objective: AssignmentObjective) {
    let (instance, timetable) = Self.crowd
    var solver = AssignmentSolver(instance: instance, objective: objective)
    solver.coverageTarget = 2
    var options = SolveOptions()
    options.cancellation = CancellationFlag()
    options.cancellation?.cancel()
    let solution = solver.solve(timetable, options: options)
    #expect(solution.status == .feasible)
    #expect(solution.termination == .interrupted)
    #expect(solution.usedGreedy)
    #expect(solution.objective?.value == 39)
    #expect(solution.objective?.bound == nil)
    let expected: [String: Set<String>] = [
      "p1": ["ws#1"], "p2": ["ws#1", "extra#1"], "p3": ["ws#2", "par#1"], "p4": ["ws#2", "par#1"],
      "p5": ["ws#2", "par#1"], "p6": ["ws#2", "par#1", "late#1"],
    ]
    #expect(received(solution.assignments, in: instance) == expected)
    let checked = Timetable(placements: timetable.placements, assignments: solution.assignments)
    #expect(RuleChecker(instance: instance, timetable: checked).assignmentViolations() == [])
    switch objective {
    case .welfare: #expect(solution.stageValue == nil)
    case .maximin: #expect(solution.stageValue == 1)
    case .coverage: #expect(solution.stageValue == 6)
    // GLPK stopped before trying any worst rank: the greedy's own, p2's extra at rank 6.
    case .worstRank: #expect(solution.stageValue == 6)
    }
  }

  @Test("statistics of the crowd's optimum")
  func crowdStatistics() {
    let (instance, timetable) = Self.crowd
    let solution = assign(instance, timetable, .welfare)
    let stats = solution.statistics
    // Ranks received: ws 3 (six times), par 4 (five), late 5 (once); only p1 has nothing below rank 3.
    #expect(stats.participants == 6)
    #expect(stats.gotFirstChoice == 0)
    #expect(stats.gotTopThree == 1)
    #expect(stats.gotAllAsked == 2)  // p1 (1 of 1) and p6 (3 of 3); p2–p5 asked 3, got 2
    #expect(stats.rankHistogram == [0, 0, 6, 5, 1, 0])
    #expect(stats.worstOff == ["p2", "p3", "p4", "p5"])
  }
}
