import AtelierCheck
import AtelierCore
import AtelierGenerator
import AtelierMIP
import Foundation
import Testing

@testable import AtelierSolver

/// Attendance types (issue 17, item 9): online attendees take no room seat, only streamed
/// workshops and their online seats.
@Suite("Online attendance")
struct OnlineAttendanceTests {
  typealias T = Tiny

  /// One slot; A (2 seats, 1 online seat) in r1, B (1 seat, never streamed) in r2; one workshop
  /// each; rank weights (L = 2) 2, 1.
  /// In person: p1 [A], p2 [A], p3 [A, B]. Online: p4 [A], p5 [A, B], p6 [B].
  /// A streamed: A seats p1, p2 (4), B p3 (1; p3 in A instead of p1 loses 2), A's online seat p4
  /// or p5 (2); p6's B is not streamed: W* = 7 (everyone in person: A 4, B p6 2: 6).
  /// A not streamed: no online attendee gets anything: W* = 4 + 1 = 5.
  /// No time conflict binds, so the time-relaxed bound is W* too.
  static func instance(streamed: Bool) -> (Instance, Timetable) {
    var a = T.workshop("a", maxSize: 2)
    a.streamed = streamed
    a.onlineSeats = streamed ? 1 : nil
    func online(_ id: String, _ choices: [Int]) -> Participant {
      var participant = Participant(id: id, days: [0], choices: choices, maxWorkshops: 1)
      participant.attendance = .online
      return participant
    }
    let instance = T.instance(
      slots: 1, rooms: [T.room("r1", 10), T.room("r2", 10)], sessions: [a, T.workshop("b", maxSize: 1)],
      participants: [
        Participant(id: "p1", days: [0], choices: [0], maxWorkshops: 1),
        Participant(id: "p2", days: [0], choices: [0], maxWorkshops: 1),
        Participant(id: "p3", days: [0], choices: [0, 1], maxWorkshops: 1), online("p4", [0]), online("p5", [0, 1]),
        online("p6", [1]),
      ], seatCoverage: 0)
    let timetable = Timetable(placements: [
      .init(run: .init(session: 0, run: 1), slot: 0, room: 0), .init(run: .init(session: 1, run: 1), slot: 0, room: 1),
    ])
    return (instance, timetable)
  }

  @Test("hand optimum: online attendees only in the streamed workshop, within its online seats", arguments: [true, false])
  func handOptimum(streamed: Bool) throws {
    let (instance, timetable) = Self.instance(streamed: streamed)
    let solution = assign(instance, timetable, .welfare)
    #expect(solution.status == .optimal)
    #expect(abs((solution.objective?.value ?? .nan) - (streamed ? 7 : 5)) < 1e-6)
    let got = received(solution.assignments, in: instance)
    #expect(got["p1"] == ["a#1"] && got["p2"] == ["a#1"] && got["p3"] == ["b#1"])
    #expect(got["p6"] == nil)
    let online = ["p4", "p5"].filter { got[$0] == ["a#1"] }
    #expect(online.count == (streamed ? 1 : 0))
    #expect(solution.statistics.onlineAssignments == (streamed ? 1 : nil))
    // p5's B and p6's B are not streamed; p4's and p5's A too when A is not.
    #expect(solution.statistics.onlineChoicesIgnored == (streamed ? 2 : 4))
    let checked = Timetable(placements: timetable.placements, assignments: solution.assignments)
    let report = Checker(instance: instance).check(checked)
    #expect(report.isValid, "\(report.violations.map(\.message))")
    #expect(abs(report.welfare - (streamed ? 7 : 5)) < 1e-6)
    let bound = try #require(
      WelfareBound(formulation: TimetableFormulation(instance: instance), weights: WelfareWeights(instance: instance)))
    #expect(abs(bound.value - (streamed ? 7 : 5)) < 1e-6)
  }

  /// Both p4 and p5 in A: the checker's A9 (one online seat) and the model's row refuse it; p6 in
  /// B (not streamed) likewise.
  @Test("a second online attendee in A, or one in B, breaks A9 and the model's rows")
  func onlineSeatsBreak() throws {
    let (instance, timetable) = Self.instance(streamed: true)
    let run = { (s: Int) in SessionRun(session: s, run: 1) }
    let valid: [Timetable.Assignment] = [
      .init(participant: 0, run: run(0)), .init(participant: 1, run: run(0)), .init(participant: 2, run: run(1)),
      .init(participant: 3, run: run(0)),
    ]
    let check = { (assignments: [Timetable.Assignment]) in
      Checker(instance: instance).check(Timetable(placements: timetable.placements, assignments: assignments))
    }
    #expect(check(valid).isValid)
    #expect(check(valid + [.init(participant: 4, run: run(0))]).violations.map(\.rule) == ["A9"])
    let inB = check(valid + [.init(participant: 5, run: run(1))])
    // B's one seat is p3's: p6 takes no seat (no A2), but B is not streamed.
    #expect(inB.violations.map(\.rule) == ["A9"])
    #expect(inB.violations.first?.message == "participant p6 attends online and is assigned to 'b' (B), which is not streamed")
    let formulation = AssignmentFormulation(instance: instance, timetable: timetable)
    let pairs = formulation.candidates.map { (instance.participants[$0.participant].id, $0.run.session) }
    #expect(!pairs.contains { $0 == ("p6", 1) } && !pairs.contains { $0 == ("p5", 1) })
    let both = formulation.candidates.filter { [3, 4].contains($0.participant) || $0.participant < 2 }
    #expect(formulation.startValues(chosen: both.map(\.variable)) == nil)
  }

  /// A (minimum 2, cancel) has one candidate in person, p1, and one online, p4: online attendees do
  /// not count towards the minimum, so A is cancelled and nobody gets it: W* = 0 (2 + 2 if they did).
  @Test("online attendees do not count towards min_size")
  func minimumSize() throws {
    var (instance, timetable) = Self.instance(streamed: true)
    instance.sessions[0].minSize = 2
    instance.participants = [instance.participants[0], instance.participants[3]]
    let solution = assign(instance, timetable, .welfare)
    #expect(solution.status == .optimal)
    #expect(solution.assignments.isEmpty)
    let both = Timetable(
      placements: timetable.placements,
      assignments: [.init(participant: 0, run: .init(session: 0, run: 1)), .init(participant: 1, run: .init(session: 0, run: 1))])
    #expect(Checker(instance: instance).check(both).violations.map(\.rule) == ["A6"])
  }

  @Test("the greedy assignment keeps online seats and streams")
  func greedy() throws {
    let (instance, timetable) = Self.instance(streamed: true)
    let formulation = AssignmentFormulation(instance: instance, timetable: timetable)
    let chosen = GreedyAssignment(formulation: formulation).chosen()
    #expect(formulation.startValues(chosen: chosen) != nil)
    let assignments = formulation.assignments(from: formulation.startValues(chosen: chosen) ?? [])
    #expect(Checker(instance: instance).check(Timetable(placements: timetable.placements, assignments: assignments)).isValid)
    #expect(assignments.filter { instance.participants[$0.participant].isOnline(in: instance) }.count == 1)
  }

  /// Generated: 120 participants, a third online, two online seats per streamed workshop, some who
  /// sit anywhere and some every_slot; the solve keeps every rule and W ≤ W_UB.
  @Test("a generated instance with online attendees: every rule holds and W ≤ W_UB", arguments: [UInt64(4), 7])
  func generatedInstance(seed: UInt64) throws {
    var generator = InstanceGenerator(participants: 120, days: 1, seed: seed)
    generator.options.onlineShare = 0.35
    generator.options.onlineSeats = 2
    generator.options.anywhereShare = 0.3
    let generated = generator.generate()
    let loaded = InstanceLoader.load(
      eventData: Data(try generated.yaml().utf8), participants: Data(generated.participantsCSV.utf8),
      participantsFile: "participants.csv")
    #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.prefix(5).map(\.formatted))")
    let instance = try #require(loaded.instance)
    #expect(instance.hasOnlineAttendees && instance.sessions.contains { $0.kind == .workshop && $0.streamed })
    let solution = solve(instance, seconds: 20)
    let timetable = try #require(solution.timetable)
    let assignment = assign(instance, timetable, .welfare)
    let assigned = Timetable(placements: timetable.placements, assignments: assignment.assignments)
    let report = Checker(instance: instance).check(assigned)
    #expect(report.isValid, "\(report.violations.prefix(5).map(\.message))")
    #expect(assignment.statistics.onlineAssignments.map { $0 > 0 } == true)
    let bound = try #require(solution.welfareBound)
    #expect(report.welfare <= bound + 1e-6)
  }
}
