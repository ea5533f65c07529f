import AtelierCheck
import AtelierCore
import AtelierMIP
import Foundation
import Testing

@testable import AtelierSolver

/// `max_workshops: every_slot` (issue 17, item 4), each case with its hand optimum.
@Suite("One workshop in every workshop slot")
struct EverySlotTests {
  typealias T = Tiny

  /// One day, two slots, two rooms. Slot 0 (09:00): A and B; slot 1 (10:00): C and D; each run
  /// seats 2. p1, p2, p3 rank [A, C], p4 ranks [B]; every_slot is the event's default. Default
  /// rank weights with two choices at most: rank 1 = 2, rank 2 = 1; a seat anywhere 0.5.
  static func instance(participants count: Int = 4, p4Limit: Int? = nil) -> (Instance, Timetable) {
    let choices = [[0, 2], [0, 2], [0, 2], [1]] + Array(repeating: [Int](), count: max(0, count - 4))
    var participants = choices.prefix(count).enumerated().map { Participant(id: "p\($0.offset + 1)", days: [0], choices: $0.element) }
    if let p4Limit { participants[3].maxWorkshops = p4Limit }
    var instance = T.instance(
      slots: 2, rooms: [T.room("r1", 10), T.room("r2", 10)],
      sessions: ["a", "b", "c", "d"].map { T.workshop($0, maxSize: 2) }, participants: participants, seatCoverage: 0)
    instance.everySlot = true
    let timetable = Timetable(placements: [
      .init(run: .init(session: 0, run: 1), slot: 0, room: 0), .init(run: .init(session: 1, run: 1), slot: 0, room: 1),
      .init(run: .init(session: 2, run: 1), slot: 1, room: 0), .init(run: .init(session: 3, run: 1), slot: 1, room: 1),
    ])
    return (instance, timetable)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var p4Limit: Int?
    var welfare: Double
    var anywhere: Int
    var testDescription: String { name }
  }

  static let cases = [
    // Slot 0: two of p1–p3 in A (2 + 2), p4 in B (2), the third in B anywhere (0.5) = 6.5.
    // Slot 1: two of p1–p3 in C (1 + 1), the others in D anywhere (0.5 + 0.5) = 3. Optimum 9.5,
    // with 3 seats anywhere. (Without every_slot: 4 + 2 + 2 = 8, nobody in D.)
    Case(name: "everyone fills both slots", p4Limit: nil, welfare: 9.5, anywhere: 3),
    // p4's row says 1: B only (2). Slot 0 as above (6.5); slot 1: two in C (2), the third in D
    // (0.5). Optimum 9, 2 seats anywhere.
    Case(name: "a row's number overrides the event's every_slot", p4Limit: 1, welfare: 9, anywhere: 2),
  ]

  @Test("hand optimum; the checker, the naive checker and the bound agree", arguments: cases)
  func handOptimum(_ c: Case) throws {
    let (instance, timetable) = Self.instance(p4Limit: c.p4Limit)
    let solution = assign(instance, timetable, .welfare)
    #expect(solution.status == .optimal)
    #expect(abs((solution.objective?.value ?? .nan) - c.welfare) < 1e-6)
    #expect(solution.statistics.seatedAnywhere == c.anywhere)
    let checked = Timetable(placements: timetable.placements, assignments: solution.assignments)
    let report = Checker(instance: instance).check(checked)
    #expect(report.isValid, "\(report.violations.map(\.message))")
    #expect(abs(report.welfare - c.welfare) < 1e-6)
    #expect(RuleChecker(instance: instance, timetable: checked).assignmentViolations() == [])
    let bound = try #require(
      WelfareBound(formulation: TimetableFormulation(instance: instance), weights: WelfareWeights(instance: instance)))
    #expect(bound.value >= c.welfare - 1e-6)
  }

  /// Rank rounds: A p1, p2; B p4; C p1, p2; then seats anywhere: p3 B and D, p4 D:
  /// 2 + 2 + 2 + 1 + 1 + 0.5 × 3 = 9.5, the optimum, keeping every row of the model.
  @Test("the greedy assignment fills every slot and keeps every row")
  func greedy() throws {
    let (instance, timetable) = Self.instance()
    let formulation = AssignmentFormulation(instance: instance, timetable: timetable)
    let values = try #require(formulation.startValues(chosen: GreedyAssignment(formulation: formulation).chosen()))
    #expect(formulation.model.objectiveValue(of: values) == 9.5)
  }

  /// Five participants, four seats in each slot: counting says so before any solver runs.
  @Test("too few workshop seats in a slot is explained in domain terms, without GLPK")
  func tooFewSeats() {
    let (instance, timetable) = Self.instance(participants: 5)
    let solution = assign(instance, timetable, .welfare)
    #expect(solution.status == .infeasible)
    #expect(
      solution.conflicts == [
        "not enough workshop seats at Monday 3 Jun 09:00 for the 5 participants present with max_workshops: every_slot: 4 seats in 2 workshop runs",
        "not enough workshop seats at Monday 3 Jun 10:00 for the 5 participants present with max_workshops: every_slot: 4 seats in 2 workshop runs",
      ])
    #expect(solution.seconds == 0)
  }

  /// p1–p3 online, every run streamed with one online seat: 2 online seats in each slot for 3
  /// online attendees (p4, in person, has 4 seats).
  @Test("too few online seats in a slot is explained in domain terms, without GLPK")
  func tooFewOnlineSeats() {
    var (instance, timetable) = Self.instance()
    for s in instance.sessions.indices {
      instance.sessions[s].streamed = true
      instance.sessions[s].onlineSeats = 1
    }
    for p in 0..<3 { instance.participants[p].attendance = .online }
    let solution = assign(instance, timetable, .welfare)
    #expect(solution.status == .infeasible)
    #expect(
      solution.conflicts == [
        "not enough online seats at Monday 3 Jun 09:00 for the 3 online participants with max_workshops: every_slot: 2 online seats in 2 streamed workshop runs",
        "not enough online seats at Monday 3 Jun 10:00 for the 3 online participants with max_workshops: every_slot: 2 online seats in 2 streamed workshop runs",
      ])
  }

  /// Two runs of A, one per slot, and nothing else: seats add up (2 each for 2 participants), but
  /// one run per workshop leaves each participant a slot without one.
  @Test("one run per workshop leaving a slot empty: GLPK's infeasibility, explained")
  func oncePerSession() throws {
    var instance = T.instance(
      slots: 2, rooms: [T.room("r1", 10)], sessions: [T.workshop("a", maxSize: 2, runs: 2)],
      participants: [Participant(id: "p1", days: [0], choices: [0]), Participant(id: "p2", days: [0], choices: [])],
      seatCoverage: 0)
    instance.everySlot = true
    let timetable = Timetable(placements: [
      .init(run: .init(session: 0, run: 1), slot: 0, room: 0), .init(run: .init(session: 0, run: 2), slot: 1, room: 0),
    ])
    let solution = assign(instance, timetable, .welfare)
    #expect(solution.status == .infeasible)
    let conflict = try #require(solution.conflicts.first)
    #expect(conflict.contains("each workshop once"))
  }

  /// One day, two slots, three rooms; workshops A–D seat 3 each and all prefer 09:00
  /// (preference_missed 3). Five participants fill every slot, so a slot with a workshop needs 5
  /// seats: two runs. 3 + 1 (penalty 3) is out; 2 + 2 costs 2 × 3 = 6, the optimum. Then each
  /// participant sits anywhere in both slots: 10 × 0.5 = 5.
  @Test("the timetable gives every slot with a workshop the seats those who fill every slot need")
  func timetableSeats() throws {
    let preferred = [T.window(0, 9, 10)]
    let sessions = ["a", "b", "c", "d"].map { id -> Session in
      var session = T.workshop(id, maxSize: 3)
      session.preferred = preferred
      return session
    }
    var instance = T.instance(
      slots: 2, rooms: [T.room("r1", 10), T.room("r2", 10), T.room("r3", 10)], sessions: sessions,
      participants: (1...5).map { Participant(id: "p\($0)", days: [0], choices: []) }, seatCoverage: 0)
    instance.everySlot = true
    let timetable = solve(instance)
    #expect(timetable.objective?.value == 6)
    let placed = try #require(timetable.timetable)
    #expect(Dictionary(grouping: placed.placements, by: \.slot).mapValues(\.count) == [0: 2, 1: 2])
    let solution = assign(instance, placed, .welfare)
    #expect(solution.objective?.value == 5)
    let checked = Timetable(placements: placed.placements, assignments: solution.assignments)
    #expect(Checker(instance: instance).check(checked).isValid)
  }

  /// A and B pinned at 09:00 seat 2 each, C (5 seats) at 10:00; 5 participants fill every slot:
  /// validate refuses 09:00 before any solve (4 seats); 10:00 has 5, enough.
  @Test("validate: a slot a pinned workshop holds with too few workshop seats for those who fill every slot")
  func validation() throws {
    let event = """
      name: Every
      time_zone: Europe/Paris
      max_workshops: every_slot
      seat_coverage: 0
      days: [{id: d1, date: 2024-06-03, slots: [{start: "09:00", end: "10:00"}, {start: "10:00", end: "11:00"}]}]
      rooms: [{id: r1, capacity: 10}, {id: r2, capacity: 10}]
      sessions:
        - {id: a, title: A, kind: workshop, duration: 60, max_size: 2, pin: {start: "09:00"}}
        - {id: b, title: B, kind: workshop, duration: 60, max_size: 2, pin: {start: "09:00"}}
        - {id: c, title: C, kind: workshop, duration: 60, max_size: 5, pin: {start: "10:00"}}
      """
    let csv = "id,choice_1\np1,a\np2,a\np3,c\np4,b\np5,\n"
    let result = InstanceLoader.load(eventData: Data(event.utf8), participants: Data(csv.utf8), participantsFile: "participants.csv")
    #expect(result.instance == nil)
    let errors = result.diagnostics.filter { $0.code == "every-slot-seats" }
    #expect(
      errors.map(\.message) == [
        "not enough workshop seats at Monday 3 Jun 09:00 for the 5 participants present with max_workshops: every_slot: "
          + "'a' runs then, and the 2 workshop runs that can be there seat at most 4"
      ])
    #expect(errors.first?.location.path == "sessions[0]")
    #expect(errors.first?.hint?.contains("add workshop runs or seats") == true)
  }

  @Test("participants.csv: max_workshops every_slot, a number, or the event's default")
  func reading() throws {
    let event = """
      name: Every
      time_zone: Europe/Paris
      max_workshops: every_slot
      days: [{id: d1, date: 2024-06-03, slots: [{start: "09:00", end: "10:00"}]}]
      rooms: [{id: r, capacity: 50}, {id: s, capacity: 50}]
      sessions:
        - {id: a, title: A, kind: workshop, duration: 60, max_size: 10}
      """
    let csv = "id,choice_1,max_workshops\np1,a,\np2,a,2\np3,,every_slot\n"
    let result = InstanceLoader.load(eventData: Data(event.utf8), participants: Data(csv.utf8), participantsFile: "participants.csv")
    let instance = try #require(result.instance, "\(result.diagnostics.map(\.formatted))")
    #expect(instance.participants.map { $0.fillsEverySlot(in: instance) } == [true, false, true])
    let bad = InstanceLoader.load(
      eventData: Data(event.utf8), participants: Data("id,choice_1,max_workshops\np1,a,all\n".utf8),
      participantsFile: "participants.csv")
    let diagnostic = try #require(bad.diagnostics.first { $0.code == "invalid-integer" })
    #expect(diagnostic.message == "max_workshops 'all' is not a whole number ≥ 0 or every_slot")
    #expect(diagnostic.hint?.contains("every_slot") == true)
  }
}
