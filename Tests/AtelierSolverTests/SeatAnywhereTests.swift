import AtelierCheck
import AtelierCore
import AtelierGenerator
import AtelierMIP
import Foundation
import Testing

@testable import AtelierSolver

/// Participants who sit anywhere for the rest (issue 17, item 1), with the hand optimum.
@Suite("Seat me anywhere")
struct SeatAnywhereTests {
  typealias T = Tiny

  /// One slot; A (2 seats), B (2 seats), C (1 seat) in parallel; one workshop each.
  /// p1, p2 [A]; p3 [A] and anywhere; p4 no choice, anywhere; p5 [C, B].
  /// Rank weights (L = 2): 2, 1; a seat anywhere 0.5.
  /// Seats ranked choices leave free: A 2 − 3 → 0; B 2 − 1 (p5) → 1; C 1 − 1 → 0.
  /// Optimum: A two of p1–p3 (4), p5 C (2), one of p3/p4 anywhere in B (0.5): 6.5. (p5 in B
  /// instead: 4 + 1 + 0.5 = 5.5.) The second anywhere seat in B would break the free-seat row,
  /// which the time-relaxed bound leaves out: W_UB = 4 + 2 + 0.5 + 0.5 = 7 ≥ 6.5.
  static func instance(anywhereWeight: Double = 0.5) -> (Instance, Timetable) {
    var weights = T.timeWeights
    weights.anywhere = anywhereWeight
    var p3 = Participant(id: "p3", days: [0], choices: [0], maxWorkshops: 1)
    p3.anywhere = true
    var p4 = Participant(id: "p4", days: [0], choices: [], maxWorkshops: 1)
    p4.anywhere = true
    let instance = T.instance(
      slots: 1, rooms: [T.room("r1", 10), T.room("r2", 10), T.room("r3", 10)],
      sessions: [T.workshop("a", maxSize: 2), T.workshop("b", maxSize: 2), T.workshop("c", maxSize: 1)],
      participants: [
        Participant(id: "p1", days: [0], choices: [0], maxWorkshops: 1),
        Participant(id: "p2", days: [0], choices: [0], maxWorkshops: 1), p3, p4,
        Participant(id: "p5", days: [0], choices: [2, 1], maxWorkshops: 1),
      ], weights: weights, seatCoverage: 0)
    let timetable = Timetable(placements: [
      .init(run: .init(session: 0, run: 1), slot: 0, room: 0), .init(run: .init(session: 1, run: 1), slot: 0, room: 1),
      .init(run: .init(session: 2, run: 1), slot: 0, room: 2),
    ])
    return (instance, timetable)
  }

  @Test("hand optimum: one seat anywhere, from the seat ranked choices leave free")
  func handOptimum() throws {
    let (instance, timetable) = Self.instance()
    let solution = assign(instance, timetable, .welfare)
    #expect(solution.status == .optimal)
    #expect(abs((solution.objective?.value ?? .nan) - 6.5) < 1e-6)
    #expect(solution.statistics.seatedAnywhere == 1)
    let inB = solution.assignments.filter { $0.run.session == 1 }.map { instance.participants[$0.participant].id }
    #expect(inB.count == 1 && ["p3", "p4"].contains(inB[0]))
    let checked = Timetable(placements: timetable.placements, assignments: solution.assignments)
    let report = Checker(instance: instance).check(checked)
    #expect(report.isValid, "\(report.violations.map(\.message))")
    #expect(abs(report.welfare - 6.5) < 1e-6)
    #expect(RuleChecker(instance: instance, timetable: checked).assignmentViolations() == [])
    let bound = try #require(
      WelfareBound(formulation: TimetableFormulation(instance: instance), weights: WelfareWeights(instance: instance)))
    #expect(abs(bound.value - 7) < 1e-6)
  }

  /// Both p3 and p4 in B: the checker's A7 (B leaves one seat free), and the model refuses it.
  @Test("a second seat anywhere in B breaks A7 and the model's row")
  func secondSeatBreaks() throws {
    let (instance, timetable) = Self.instance()
    let run = { (s: Int) in SessionRun(session: s, run: 1) }
    let assignments: [Timetable.Assignment] = [
      .init(participant: 0, run: run(0)), .init(participant: 1, run: run(0)), .init(participant: 2, run: run(1)),
      .init(participant: 3, run: run(1)), .init(participant: 4, run: run(2)),
    ]
    let report = Checker(instance: instance).check(Timetable(placements: timetable.placements, assignments: assignments))
    #expect(report.violations.map(\.rule) == ["A7"])
    let formulation = AssignmentFormulation(instance: instance, timetable: timetable)
    let chosen = formulation.candidates.filter { c in assignments.contains { $0.participant == c.participant && $0.run == c.run } }
    #expect(chosen.count == 5)
    #expect(formulation.startValues(chosen: chosen.map(\.variable)) == nil)
  }

  /// Rank rounds: p1, p2 get A, p5 C (first choices), then seats anywhere: p3 B (the one free seat);
  /// p4 finds none. 2 + 2 + 2 + 0.5 = 6.5, and it keeps every row.
  @Test("the greedy assignment seats anywhere last, within the free seats")
  func greedy() throws {
    let (instance, timetable) = Self.instance()
    let formulation = AssignmentFormulation(instance: instance, timetable: timetable)
    let values = try #require(formulation.startValues(chosen: GreedyAssignment(formulation: formulation).chosen()))
    #expect(formulation.model.objectiveValue(of: values) == 6.5)
  }

  static let event = """
    name: CSV
    time_zone: Europe/Paris
    days: [{id: tue, date: 2022-09-27, slots: [{start: "09:00", end: "10:00"}]}]
    rooms: [{id: r, capacity: 500}]
    sessions:
      - {id: w1, title: "Atelier données", kind: workshop, duration: 60, max_size: 30}
    """

  @Test("participants.csv: the anywhere column, seat_anywhere as the default, and a bad value")
  func format() throws {
    let event = Self.event + "\nseat_anywhere: true\nweights: {anywhere: 0.25}\n"
    let csv = "id,choice_1,anywhere\np1,w1,no\np2,w1,\np3,,oui\n"
    let result = InstanceLoader.load(eventData: Data(event.utf8), participants: Data(csv.utf8), participantsFile: "participants.csv")
    let instance = try #require(result.instance, "\(result.diagnostics.map(\.formatted))")
    #expect(instance.participants.map { $0.seatsAnywhere(in: instance) } == [false, true, true])
    #expect(instance.weights.anywhere == 0.25)
    let bad = InstanceLoader.load(
      eventData: Data(event.utf8), participants: Data("id,choice_1,anywhere\np1,w1,perhaps\n".utf8), participantsFile: "participants.csv")
    let diagnostic = try #require(bad.diagnostics.first { $0.code == "invalid-anywhere" })
    #expect(diagnostic.location.line == 2 && diagnostic.location.column == 7)
    let high = InstanceLoader.load(
      eventData: Data((Self.event + "\nweights: {anywhere: 2}\n").utf8), participants: Data(csv.utf8),
      participantsFile: "participants.csv")
    #expect(high.diagnostics.map(\.code) == ["anywhere-weight-high"])
  }
}

/// The time-relaxed bound with seats anywhere is computed by column generation (issue 14: most of
/// those arcs are at 0 at the optimum); it must equal the LP over every arc.
@Suite("Welfare bound by column generation")
struct WelfareBoundColumnGenerationTests {
  static func expectEqual(_ instance: Instance) throws {
    #expect(instance.participants.contains { $0.takesUnchosen(in: instance) })
    let formulation = TimetableFormulation(instance: instance)
    let weights = WelfareWeights(instance: instance)
    let generatedBound = try #require(WelfareBound(formulation: formulation, weights: weights))
    let whole = try #require(WelfareBound(formulation: formulation, weights: weights, columnGeneration: false))
    #expect(abs(generatedBound.value - whole.value) < 1e-6, "\(generatedBound.value) vs \(whole.value)")
    // The relaxed optimum found is an assignment of that value (integral: the rows are laminar).
    var given = 0.0
    for (p, runs) in generatedBound.runsByParticipant.enumerated() {
      for u in runs {
        let run = formulation.runs[u]
        given += weights.weight(participant: p, run: run, rank: instance.participants[p].rank(ofSession: run.session) ?? 0)
      }
    }
    #expect(abs(given - generatedBound.value) < 1e-6)
  }

  /// nec2022 (1,500 participants, all seated anywhere for the rest): the ranked choices alone
  /// give 14,074, the LP over all 101,500 arcs 14,152; the first master misses arcs of positive
  /// reduced cost, so this case needs the pricing rounds.
  @Test("equals the LP over every arc on nec2022")
  func nec2022() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let instance = try #require(InstanceLoader.load(path: root.appendingPathComponent("Instances/nec2022").path).instance)
    try Self.expectEqual(instance)
  }

  /// Generated one-day instances (every run on that day, so the bound is an LP), half of the
  /// participants sitting anywhere.
  @Test("equals the LP over every arc on generated instances", arguments: [(UInt64(1), 120), (2, 200), (3, 300)])
  func generatedInstances(seed: UInt64, participants: Int) throws {
    var generator = InstanceGenerator(participants: participants, days: 1, seed: seed)
    generator.options.anywhereShare = 0.5
    let generated = generator.generate()
    let loaded = InstanceLoader.load(
      eventData: Data(try generated.yaml().utf8), participants: Data(generated.participantsCSV.utf8),
      participantsFile: "participants.csv")
    try Self.expectEqual(try #require(loaded.instance))
  }
}
