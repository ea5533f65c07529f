import AtelierCheck
import AtelierCore
import AtelierMIP
import Foundation
import Testing

@testable import AtelierSolver

/// Minimum sizes per run (issue 17, item 3), each case with its hand optimum.
@Suite("Minimum size per run")
struct MinimumSizeTests {
  typealias T = Tiny

  /// One slot; workshops A and B (one run each, four seats) in parallel; one workshop each.
  /// Default rank weights with two choices at most: rank 1 = 2, rank 2 = 1.
  static func instance(_ choices: [[Int]], minSize: Int?, policy: MinSizePolicy) -> (Instance, Timetable) {
    var a = T.workshop("a", maxSize: 4)
    var b = T.workshop("b", maxSize: 4)
    a.minSize = minSize
    b.minSize = minSize
    var instance = T.instance(
      slots: 1, rooms: [T.room("r1", 10), T.room("r2", 10)], sessions: [a, b],
      participants: choices.enumerated().map { Participant(id: "p\($0.offset + 1)", days: [0], choices: $0.element, maxWorkshops: 1) },
      seatCoverage: 0)
    instance.minSizePolicy = policy
    let timetable = Timetable(placements: [
      .init(run: .init(session: 0, run: 1), slot: 0, room: 0), .init(run: .init(session: 1, run: 1), slot: 0, room: 1),
    ])
    return (instance, timetable)
  }

  /// p1 [A, B], p2 [A, B], p3 [B, A], p4 [B].
  static let crowdB = [[0, 1], [0, 1], [1, 0], [1]]
  /// p1, p2, p3 [A, B], p4 [B].
  static let crowdA = [[0, 1], [0, 1], [0, 1], [1]]

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var choices: [[Int]]
    var minSize: Int?
    var policy: MinSizePolicy
    var welfare: Double
    var cancelled: [String]?
    var testDescription: String { name }
  }

  static let cases = [
    // Everyone's first choice: A p1, p2; B p3, p4: 2 × 4 = 8.
    Case(name: "no minimum", choices: crowdB, minSize: nil, policy: .cancel, welfare: 8, cancelled: nil),
    // Minimum 3: both runs would need 6 of the 4. B open: p1 1 + p2 1 + p3 2 + p4 2 = 6; A open:
    // p1 2 + p2 2 + p3 1 (p4 only wants B) = 5. A is cancelled, its two re-seated in B: 6.
    Case(name: "cancel: A below 3 is cancelled, p1 and p2 re-seated in B", choices: crowdB, minSize: 3, policy: .cancel, welfare: 6, cancelled: ["a#1"]),
    // Minimum 2, hard: first choices give A three, B one (p4): 8 but B < 2. Moving one of p1–p3 to B
    // (2 → 1) gives 7; cancelling is not allowed.
    Case(name: "hard: B reaches 2 with one of A's participants", choices: crowdA, minSize: 2, policy: .hard, welfare: 7, cancelled: nil),
    // The same with cancel: keeping B with two (7) beats cancelling it (p1–p3 in A, p4 nothing: 6).
    Case(name: "cancel: keeping B with two beats cancelling it", choices: crowdA, minSize: 2, policy: .cancel, welfare: 7, cancelled: nil),
  ]

  @Test("hand optimum; the checker and the bound agree", arguments: cases)
  func handOptimum(_ c: Case) throws {
    let (instance, timetable) = Self.instance(c.choices, minSize: c.minSize, policy: c.policy)
    let solution = assign(instance, timetable, .welfare)
    #expect(solution.status == .optimal)
    #expect(abs((solution.objective?.value ?? .nan) - c.welfare) < 1e-6)
    #expect(solution.statistics.cancelledRuns == c.cancelled)
    let checked = Timetable(placements: timetable.placements, assignments: solution.assignments)
    #expect(Checker(instance: instance).check(checked).isValid)
    #expect(RuleChecker(instance: instance, timetable: checked).assignmentViolations() == [])
    // A minimum only lowers the optimum: the time-relaxed bound (which ignores minimums) stays above.
    let bound = try #require(
      WelfareBound(formulation: TimetableFormulation(instance: instance), weights: WelfareWeights(instance: instance)))
    #expect(bound.value >= c.welfare)
  }

  /// A and B both need 3 of 4 participants at once under a hard minimum: no assignment.
  @Test("a hard minimum no assignment can reach is infeasible")
  func hardInfeasible() {
    let (instance, timetable) = Self.instance(Self.crowdB, minSize: 3, policy: .hard)
    #expect(assign(instance, timetable, .welfare).status == .infeasible)
  }

  /// Rank rounds give A p1, p2 and B p3, p4 (both below 3); A (the emptiest, first by order) is
  /// cancelled and the rounds run again: all four in B, 1 + 1 + 2 + 2 = 6, the optimum here, and a
  /// start that keeps every row of the model.
  @Test("the greedy assignment cancels runs below their minimum and keeps every row")
  func greedy() throws {
    let (instance, timetable) = Self.instance(Self.crowdB, minSize: 3, policy: .cancel)
    let formulation = AssignmentFormulation(instance: instance, timetable: timetable)
    let chosen = GreedyAssignment(formulation: formulation).chosen()
    let values = try #require(formulation.startValues(chosen: chosen))
    #expect(formulation.model.objectiveValue(of: values) == 6)
    #expect(Set(formulation.assignments(from: values).map(\.run.session)) == [1])
  }

  @Test("validate: a hard minimum above the choosers, and a minimum above the maximum, are errors with hints")
  func validation() throws {
    let event = """
      name: Min
      time_zone: Europe/Paris
      min_size_policy: hard
      days: [{id: d1, date: 2024-06-03, slots: [{start: "09:00", end: "10:00"}, {start: "10:00", end: "11:00"}]}]
      rooms: [{id: r, capacity: 50}]
      sessions:
        - {id: a, title: A, kind: workshop, duration: 60, max_size: 10, min_size: 3}
        - {id: b, title: B, kind: workshop, duration: 60, max_size: 2, min_size: 3}
      """
    let csv = "id,choice_1\np1,a\np2,a\np3,b\np4,b\np5,b\n"
    let result = InstanceLoader.load(eventData: Data(event.utf8), participants: Data(csv.utf8), participantsFile: "participants.csv")
    #expect(result.instance == nil)
    let above = try #require(result.diagnostics.first { $0.code == "min-size-above-max" })
    #expect(above.location.path == "sessions[1].min_size")
    #expect(above.hint?.contains("at most max_size (2)") == true)
    // Resolution errors stop before the counts: fix b, then a's two choosers are too few for 3.
    let fixed = InstanceLoader.load(
      eventData: Data(event.replacingOccurrences(of: "max_size: 2, min_size: 3", with: "max_size: 5, min_size: 3").utf8),
      participants: Data(csv.utf8), participantsFile: "participants.csv")
    let unreachable = try #require(fixed.diagnostics.first { $0.code == "min-size-unreachable" }, "\(fixed.diagnostics.map(\.formatted))")
    #expect(unreachable.location.path == "sessions[0]")
    #expect(unreachable.hint?.contains("min_size_policy: cancel") == true)
  }
}
