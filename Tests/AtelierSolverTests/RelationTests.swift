import AtelierCheck
import AtelierCore
import AtelierMIP
import Testing

@testable import AtelierSolver

/// Same slot, different slot and same day between sessions (issue 17, item 10; rules H13–H15).
@Suite("Relations between sessions")
struct RelationTests {
  typealias T = Tiny

  /// Two days of three one-hour slots (09:00, 10:00, 11:00: slots 0–2 on d1, 3–5 on d2), rooms r1
  /// and r2, no seat demand; only preference_missed (3) counts. a prefers d1 09:00; b prefers d1
  /// 11:00 and avoids d1 09:00 (10); c prefers d1 09:00; e prefers d2 (any time).
  static func instance(_ relations: [SessionRelation]) -> Instance {
    var instance = T.instance(
      days: 2, slots: 3, rooms: [T.room("r1", 100), T.room("r2", 100)],
      sessions: [
        T.talk("a", preferred: [T.window(0, 9, 10)]),
        T.talk("b", preferred: [T.window(0, 11, 12)], avoided: [T.window(0, 9, 10)]),
        T.talk("c", preferred: [T.window(0, 9, 10)]),
        T.talk("e", preferred: [T.window(1, 9, 12)]),
      ], seatCoverage: 0)
    instance.relations = relations
    return instance
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var relations: [SessionRelation]
    var penalty: Double
    /// Slots the optimum must use (the ones the hand optimum fixes).
    var starts: [String: Int]
    var testDescription: String { name }
  }

  static let cases = [
    // a and c at d1 09:00 (two rooms), b at 11:00, e on d2: nothing missed.
    Case(name: "no relation", relations: [], penalty: 0, starts: ["a": 0, "b": 2, "c": 0]),
    // a and b start together: at 09:00 b misses and is avoided (3 + 10), at 10:00 both miss (6),
    // at 11:00 only a misses (3): both at slot 2, penalty 3.
    Case(name: "same_slot a b", relations: [SessionRelation(.sameSlot, 0, 1)], penalty: 3, starts: ["a": 2, "b": 2]),
    // a and c both want d1 09:00 but may not overlap: one of them misses (3).
    Case(name: "different_slot a c", relations: [SessionRelation(.differentSlot, 2, 0)], penalty: 3, starts: ["b": 2]),
    // e wants d2, a d1 09:00: on one day, one of them misses (3).
    Case(name: "same_day a e", relations: [SessionRelation(.sameDay, 0, 3)], penalty: 3, starts: ["b": 2]),
    // All three: a and b at d1 11:00 (3 for a), c at 09:00 apart from a, e on d1 with b (3): 6;
    // a and b on d2 with e instead miss both (3 + 3): 6 as well, so only c's start is fixed.
    Case(
      name: "all three",
      relations: [SessionRelation(.sameSlot, 0, 1), SessionRelation(.differentSlot, 0, 2), SessionRelation(.sameDay, 1, 3)],
      penalty: 6, starts: ["c": 0]),
  ]

  @Test("hand optimum reached, and the checkers agree", arguments: cases)
  func handOptimum(_ c: Case) throws {
    let instance = Self.instance(c.relations)
    let solution = solve(instance)
    #expect(solution.status == .optimal)
    #expect(solution.objective?.value == c.penalty)
    let placed = try #require(solution.timetable)
    let starts = T.starts(placed, in: instance)
    for (id, slot) in c.starts { #expect(starts[id] == slot, "\(id)") }
    #expect(Checker(instance: instance).check(placed).isValid)
  }

  @Test("the greedy start keeps the relations", arguments: cases)
  func greedy(_ c: Case) throws {
    let instance = Self.instance(c.relations)
    let formulation = TimetableFormulation(instance: instance)
    let timetable = try #require(GreedyTimetable(formulation: formulation).timetable())
    #expect(Checker(instance: instance).check(timetable).isValid)
    let values = try #require(formulation.values(for: timetable))
    #expect(formulation.model.isFeasible(values))
  }

  /// Same slot with several runs: w and v run twice each; every start of one is a start of the
  /// other. The model refuses the timetable where v's second run starts alone.
  @Test("same_slot with two runs each: starts must match one to one")
  func twoRuns() throws {
    var instance = T.instance(
      slots: 3, rooms: [T.room("r1", 100), T.room("r2", 100)],
      sessions: [T.talk("w", runs: 2), T.talk("v", runs: 2)], seatCoverage: 0)
    instance.relations = [SessionRelation(.sameSlot, 0, 1)]
    let formulation = TimetableFormulation(instance: instance)
    func timetable(_ v2: Int) -> Timetable {
      Timetable(placements: [
        .init(run: .init(session: 0, run: 1), slot: 0, room: 0), .init(run: .init(session: 0, run: 2), slot: 1, room: 0),
        .init(run: .init(session: 1, run: 1), slot: 0, room: 1), .init(run: .init(session: 1, run: 2), slot: v2, room: 1),
      ])
    }
    let model = formulation.model
    let matched = formulation.values(for: timetable(1))
    let alone = formulation.values(for: timetable(2))
    #expect(matched.map { model.isFeasible($0) } == true)
    #expect(alone.map { model.isFeasible($0) } != true)
    #expect(Checker(instance: instance).check(timetable(1)).isValid)
    #expect(Checker(instance: instance).check(timetable(2)).violations.map(\.rule) == ["H13", "H13"])
  }

  /// Two talks that must start together with one room: the relaxed model names the relation it
  /// breaks, or the room that would have to host both (breaking one room row costs less than the
  /// two same_slot rows of a and b in different slots). validate says it first (same-slot-rooms).
  @Test("an infeasible relation is explained")
  func explained() {
    var instance = T.instance(
      slots: 2, rooms: [T.room("r1", 100)], sessions: [T.talk("a"), T.talk("b")], seatCoverage: 0)
    instance.relations = [SessionRelation(.sameSlot, 0, 1)]
    let messages = InfeasibilityExplainer(instance: instance).explain(options: SolveOptions())
    #expect(messages.contains { $0.contains("same_slot") || $0.contains("room 'R1' would need to host two sessions") })
  }
}
