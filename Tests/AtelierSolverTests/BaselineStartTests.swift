import AtelierCore
import AtelierMIP
import Testing

@testable import AtelierSolver

/// A re-solve starts from the published timetable when it keeps every rule (issue 16: on a fully
/// packed grid the greedy start may find nothing where the published programme is a timetable).
@Suite("The baseline as the search's start")
struct BaselineStartTests {
  /// One room, two one-hour slots, two talks: any timetable puts one talk in each slot.
  let instance = Tiny.instance(slots: 2, rooms: [Tiny.room("hall", 50)], sessions: [Tiny.talk("a"), Tiny.talk("b")])

  func solver(_ places: [Int: (slot: Int, room: Int?)]) -> TimetableSolver {
    var solver = TimetableSolver(instance: instance)
    var baseline: [SessionRun: Baseline.Place] = [:]
    for (session, place) in places {
      let slot = instance.slots[place.slot]
      baseline[SessionRun(session: session, run: 1)] = Baseline.Place(day: slot.day, start: slot.start, room: place.room)
    }
    solver.baseline = Baseline(places: baseline)
    return solver
  }

  @Test("a baseline that keeps every rule is the start, as published")
  func keptBaseline() throws {
    let solver = solver([0: (1, 0), 1: (0, 0)])
    let formulation = TimetableFormulation(instance: instance, baseline: solver.baseline)
    let start = try #require(solver.baselineStart(formulation))
    #expect(Tiny.placements(formulation.timetable(from: start), in: instance) == ["a": "1@hall", "b": "0@hall"])
  }

  @Test(
    "a baseline that breaks a rule or lacks a run is not a start",
    arguments: [
      [0: (0, 0), 1: (0, 0)],  // both talks in the hall at 09:00
      [0: (1, 0)],  // b was never placed
      [0: (1, nil), 1: (0, 0)],  // a's room no longer exists
    ] as [[Int: (slot: Int, room: Int?)]])
  func brokenBaseline(places: [Int: (slot: Int, room: Int?)]) {
    let solver = solver(places)
    let formulation = TimetableFormulation(instance: instance, baseline: solver.baseline)
    #expect(solver.baselineStart(formulation) == nil)
  }

  @Test("solved from a kept baseline, nothing moves: optimal at the baseline")
  func solvedFromBaseline() {
    let solution = solver([0: (1, 0), 1: (0, 0)]).solve(options: SolveOptions())
    #expect(solution.status == Schedule.Status.optimal)
    #expect(solution.timetable.map { Tiny.placements($0, in: instance) } == ["a": "1@hall", "b": "0@hall"])
  }
}
