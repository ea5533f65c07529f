import AtelierCore
import AtelierMIP
import Foundation
import Testing

@testable import AtelierSolver

/// Issue 16, item 5: every stop of the timetable search is reported as what it was.
@Suite("Stop reasons")
struct StopReasonTests {
  /// One slot, two rooms, two workshops of 10 and one participant who chose both: they must run in
  /// parallel, so the clash is unavoidable. Penalties 0 (time terms only) = their bound, so GLPK's
  /// phase one is optimal; the clash guide (0.5 × the smaller rank weight 1 = 0.5) keeps the search
  /// going, and its only neighbourhood (both runs) cannot lower it: two idle rounds.
  static var clashInstance: Instance {
    var weights = Tiny.timeWeights
    weights.coChoiceConflict = 0.5
    return Tiny.instance(
      slots: 1, rooms: [Tiny.room("a", 10), Tiny.room("b", 10)],
      sessions: [Tiny.workshop("w1", maxSize: 10), Tiny.workshop("w2", maxSize: 10)],
      participants: [Participant(id: "p1", days: [0], choices: [0, 1], maxWorkshops: 2)], weights: weights)
  }

  @Test("the search ends idle after two rounds without improvement")
  func idle() {
    let solution = TimetableSolver(instance: Self.clashInstance).solve(options: SolveOptions())
    #expect(solution.status == .optimal)
    #expect(solution.stop == .searchIdle)
  }

  @Test("a time limit too short for any sub-problem (under 0.5 s left) is the stop")
  func timeLimit() {
    var options = SolveOptions()
    options.timeLimit = 0.3
    let solution = TimetableSolver(instance: Self.clashInstance).solve(options: options)
    #expect(solution.timetable != nil)
    #expect(solution.stop == .timeLimit)
  }

  /// The packed grid (PackedGridTests) with one branch-and-bound node and one sub-problem, without
  /// a time limit: 1 node does not prove it (its gap is over 20 % after seconds of search), and the
  /// second neighbourhood finds the budget spent.
  @Test("a work budget of one sub-problem is the stop")
  func workBudget() throws {
    var solver = TimetableSolver(instance: try PackedGridTests.instance())
    solver.phaseOneNodes = 1
    solver.neighbourhoodBudget = 1
    let solution = solver.solve(options: SolveOptions())
    #expect(solution.timetable != nil)
    #expect(solution.stop == .workBudget)
  }

  @Test(
    "what ended the search, from its parts",
    arguments: [
      // proven, termination, search's stop, stopped by time, interrupted → reported
      (true, SolveResult.Termination.completed, nil, false, false, Schedule.StopReason.proven),
      (false, .nodeLimit, nil, false, false, .workBudget),
      (true, .completed, .searchIdle, false, false, .searchIdle),
      (false, .nodeLimit, .workBudget, true, false, .timeLimit),
      (false, .nodeLimit, .searchIdle, false, true, .interrupted),
      (false, .timeLimit, nil, true, false, .timeLimit),
    ] as [(Bool, SolveResult.Termination, Schedule.StopReason?, Bool, Bool, Schedule.StopReason)])
  func fromParts(
    proven: Bool, termination: SolveResult.Termination, searchStop: Schedule.StopReason?, byTime: Bool, interrupted: Bool,
    expected: Schedule.StopReason
  ) {
    #expect(
      TimetableSolver.stopReason(
        proven: proven, termination: termination, searchStop: searchStop, stoppedByTime: byTime, interrupted: interrupted)
        == expected)
  }
}
