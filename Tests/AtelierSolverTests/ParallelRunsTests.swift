import AtelierCheck
import AtelierCore
import AtelierMIP
import Foundation
import Testing

@testable import AtelierSolver

/// `parallel_runs` (issue 17, item 5): runs of one session at the same time, in different rooms.
@Suite("Parallel runs of one session")
struct ParallelRunsTests {
  typealias T = Tiny

  /// One day, two slots, rooms r1 and r2 (10 seats). Workshop W (2 runs, 5 seats each) prefers
  /// 09:00 (preference_missed 3); talk T (audience 10) prefers 10:00. Eight participants choose W
  /// (one choice each: weight 1).
  static func instance(parallel: Bool) -> Instance {
    var w = T.workshop("w", maxSize: 5, runs: 2)
    w.preferred = [T.window(0, 9, 10)]
    w.parallelRuns = parallel
    return T.instance(
      slots: 2, rooms: [T.room("r1", 10), T.room("r2", 10)],
      sessions: [w, T.talk("t", preferred: [T.window(0, 10, 11)])],
      participants: (1...8).map { Participant(id: "p\($0)", days: [0], choices: [0]) }, seatCoverage: 0)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var parallel: Bool
    var penalty: Double
    var placements: [String: String]
    var testDescription: String { parallel ? "parallel_runs: true" : "parallel_runs: false" }
  }

  static let cases = [
    // Both runs at 09:00, ordered by room: w#1 in r1, w#2 in r2; t at 10:00. Penalty 0.
    Case(parallel: true, penalty: 0, placements: ["w#1": "0@r1", "w#2": "0@r2", "t": "1@r1"]),
    // Runs apart (H11): one of them at 10:00 misses its window (3); t shares 10:00 in the other
    // room. Run 1 first (ordered by start).
    Case(parallel: false, penalty: 3, placements: ["w#1": "0@r1", "w#2": "1@r1", "t": "1@r2"]),
  ]

  /// Either way the eight are seated, 4 + 4 or 5 + 3: welfare 8.
  @Test("hand optimum, placements and assignment; the checkers agree", arguments: cases)
  func handOptimum(_ c: Case) throws {
    let instance = Self.instance(parallel: c.parallel)
    let (timetable, assignment, _) = solveBoth(instance)
    #expect(timetable.status == .optimal)
    #expect(timetable.objective?.value == c.penalty)
    let placed = try #require(timetable.timetable)
    if c.parallel {
      #expect(T.placements(placed, in: instance) == c.placements)
    } else {
      #expect(T.placements(placed, in: instance)["w#1"]?.hasPrefix("0@") == true)
      #expect(T.placements(placed, in: instance)["w#2"]?.hasPrefix("1@") == true)
    }
    let solution = try #require(assignment)
    #expect(solution.objective?.value == 8)
    let checked = Timetable(placements: placed.placements, assignments: solution.assignments)
    #expect(Checker(instance: instance).check(checked).isValid)
    #expect(RuleChecker(instance: instance, timetable: checked).timetableViolations() == [])
    #expect(RuleChecker(instance: instance, timetable: checked).assignmentViolations() == [])
  }

  /// The two runs in the same slot with their rooms swapped are the same timetable: the model
  /// keeps one of them (runs ordered by slot, then room).
  @Test("symmetry: the permuted copy is not a solution of the model")
  func symmetry() throws {
    let instance = Self.instance(parallel: true)
    let formulation = TimetableFormulation(instance: instance)
    func timetable(_ roomOfRun1: Int) -> Timetable {
      Timetable(placements: [
        .init(run: .init(session: 0, run: 1), slot: 0, room: roomOfRun1),
        .init(run: .init(session: 0, run: 2), slot: 0, room: 1 - roomOfRun1),
        .init(run: .init(session: 1, run: 1), slot: 1, room: 0),
      ])
    }
    let ordered = try #require(formulation.values(for: timetable(0)))
    #expect(formulation.model.isFeasible(ordered))
    #expect(formulation.values(for: timetable(1)).map { formulation.model.isFeasible($0) } != true)
    // And the checker takes both: runs are interchangeable, the order is the model's.
    #expect(Checker(instance: instance).check(timetable(1)).isValid)
  }

  @Test("the greedy timetable places parallel runs at once and numbers them by slot, then room")
  func greedy() throws {
    let formulation = TimetableFormulation(instance: Self.onlyNine())
    let greedy = try #require(GreedyTimetable(formulation: formulation).timetable())
    let values = try #require(formulation.values(for: greedy))
    #expect(formulation.model.isFeasible(values))
    #expect(Set(greedy.placements.filter { $0.run.session == 0 }.map(\.slot)) == [0])
  }

  /// W's two runs can start only at 09:00 (a room open then only): parallel or nothing.
  static func onlyNine() -> Instance {
    var instance = Self.instance(parallel: true)
    instance.rooms = [
      T.room("r1", 10, unavailable: [T.window(0, 10, 11)]), T.room("r2", 10, unavailable: [T.window(0, 10, 11)]),
      T.room("r3", 10),
    ]
    instance.sessions[1].audience = 10
    instance.rooms[2].kinds = [.talk]
    return instance
  }

  @Test("validate: parallel_runs with speakers or exclusive is an error, with one run a warning, and counts allow it")
  func validation() throws {
    func load(_ session: String) -> InstanceLoadResult {
      let event = """
        name: Parallel
        time_zone: Europe/Paris
        days: [{id: d1, date: 2024-06-03, slots: [{start: "09:00", end: "10:00"}]}]
        rooms: [{id: r, capacity: 50}, {id: s, capacity: 50}]
        speakers: [{id: ada}]
        sessions:
          - \(session)
        """
      return InstanceLoader.load(eventData: Data(event.utf8), participants: nil, participantsFile: nil)
    }
    let speakers = load("{id: w, title: W, kind: workshop, duration: 60, runs: 2, parallel_runs: true, speakers: [ada]}")
    let error = try #require(speakers.diagnostics.first { $0.code == "parallel-runs-speakers" })
    #expect(error.location.path == "sessions[0].parallel_runs")
    #expect(error.hint?.contains("one session per speaker") == true)
    let exclusive = load("{id: w, title: W, kind: plenary, duration: 60, runs: 2, parallel_runs: true, exclusive: true}")
    #expect(exclusive.diagnostics.contains { $0.code == "parallel-runs-exclusive" })
    let single = load("{id: w, title: W, kind: workshop, duration: 60, parallel_runs: true}")
    #expect(single.diagnostics.contains { $0.code == "parallel-runs-single" && $0.severity == .warning })
    // One slot, two runs: apart they would be refused (runs-slot-shortage); in parallel they fit.
    let apart = load("{id: w, title: W, kind: workshop, duration: 60, runs: 2}")
    #expect(apart.diagnostics.contains { $0.code == "runs-slot-shortage" })
    let parallel = load("{id: w, title: W, kind: workshop, duration: 60, runs: 2, parallel_runs: true}")
    let instance = try #require(parallel.instance, "\(parallel.diagnostics.map(\.formatted))")
    #expect(instance.sessions[0].parallelRuns)
  }
}
