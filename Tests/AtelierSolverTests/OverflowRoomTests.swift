import AtelierCheck
import AtelierCore
import Foundation
import Testing

@testable import AtelierSolver

/// Overflow rooms (issue 16, item 3): a keynote streamed into a second room takes both rooms while
/// it runs, and the seats of both count for its audience.
@Suite("Overflow rooms")
struct OverflowRoomTests {
  /// One day, two slots (09:00, 10:00), no participants: every talk expects nobody, so empty_seats
  /// is its room's capacity / 100; the keynote expects 120.
  ///
  ///     rooms hall 100, b 40, c 30
  ///
  /// Hand optimum with `overflow_rooms: [b]`: only hall + b seat 120 (140; hall + c, 130, is not
  /// its overflow), so the keynote is in the hall, streamed into b: (140 − 120) / 100 = 0.20. In
  /// its slot hall and b are taken, so the four talks have c there and hall, b, c in the other
  /// slot, exactly four room-slots: 0.30 + 1.00 + 0.40 + 0.30 = 2.00. Total 2.20. A model that
  /// forgot the stream's occupancy would put a talk in b beside the keynote (c, c, b, b: 1.40,
  /// total 1.60), which H6 refuses. Without the overflow no room seats 120: validate refuses it.
  static func event(overflow: String? = "[b]", extra: String = "") -> String {
    """
    name: Streamed keynote
    time_zone: Europe/Paris
    days:
      - id: d1
        date: 2024-06-03
        slots:
          - {start: "09:00", end: "10:00"}
          - {start: "10:00", end: "11:00"}
    rooms:
      - {id: hall, capacity: 100}
      - {id: b, capacity: 40}
      - {id: c, capacity: 30}
    sessions:
      - {id: keynote, title: Keynote, kind: keynote, duration: 60, audience: 120\(overflow.map { ", overflow_rooms: \($0)" } ?? "")\(extra)}
      - {id: t1, title: Talk 1, kind: talk, duration: 60}
      - {id: t2, title: Talk 2, kind: talk, duration: 60}
      - {id: t3, title: Talk 3, kind: talk, duration: 60}
      - {id: t4, title: Talk 4, kind: talk, duration: 60}
    """
  }

  static func load(_ event: String) -> InstanceLoadResult {
    InstanceLoader.load(eventData: Data(event.utf8), participants: nil, participantsFile: "participants.csv")
  }

  @Test("a keynote streamed into b takes hall and b: hand optimum 2.20, a talk in the hall")
  func streamedKeynoteOptimum() throws {
    let loaded = Self.load(Self.event())
    let instance = try #require(loaded.instance, "\(loaded.diagnostics.map(\.formatted))")
    #expect(instance.sessions[0].overflowRooms == [1])
    #expect(instance.capacity(ofSession: 0, inRoom: 0) == 140)
    let solution = solve(instance)
    let timetable = try #require(solution.timetable)
    let report = Checker(instance: instance).check(timetable)
    #expect(report.isValid, "\(report.violations.map(\.message))")
    #expect(solution.status == .optimal)
    #expect(abs((solution.objective?.value ?? .nan) - 2.20) < 1e-6)
    let keynote = try #require(timetable.placements.first { $0.run.session == 0 })
    #expect(keynote.room == 0)
    let beside = timetable.placements.filter { $0.run.session != 0 && $0.slot == keynote.slot }
    #expect(beside.map(\.room) == [2])
    #expect(timetable.placements.filter { $0.run.session != 0 && $0.room == 0 }.count == 1)
  }

  @Test("the greedy start keeps the overflow room free too")
  func greedyKeepsOverflowFree() throws {
    let instance = try #require(Self.load(Self.event()).instance)
    let timetable = try #require(GreedyTimetable(formulation: TimetableFormulation(instance: instance)).timetable())
    let report = Checker(instance: instance).check(timetable)
    #expect(report.isValid, "\(report.violations.map(\.message))")
  }

  @Test("without the overflow room no room seats the keynote's 120")
  func withoutOverflow() throws {
    let loaded = Self.load(Self.event(overflow: nil))
    #expect(loaded.instance == nil)
    #expect(loaded.diagnostics.contains { $0.code == "audience-exceeds-rooms" && $0.location.path == "sessions[0].audience" })
  }

  @Test("check: a talk put by hand into b while the keynote streams there breaks H6")
  func checkerRefusesTalkInOverflowRoom() throws {
    let instance = try #require(Self.load(Self.event()).instance)
    // keynote hall@09:00 (streamed into b); t1 in b at 09:00 (the hand edit), t2 c@09:00, t3, t4 at 10:00.
    let timetable = Timetable(placements: [
      .init(run: SessionRun(session: 0, run: 1), slot: 0, room: 0),
      .init(run: SessionRun(session: 1, run: 1), slot: 0, room: 1),
      .init(run: SessionRun(session: 2, run: 1), slot: 0, room: 2),
      .init(run: SessionRun(session: 3, run: 1), slot: 1, room: 0),
      .init(run: SessionRun(session: 4, run: 1), slot: 1, room: 1),
    ])
    let report = Checker(instance: instance).check(timetable)
    let h6 = report.violations.filter { $0.rule == "H6" }
    #expect(h6.count == 1)
    #expect(h6.first?.room == "b")
    #expect(h6.first?.message.contains("streamed from hall") == true, "\(h6.map(\.message))")
    // Moving t1 to the hall at 10:00 and t3 to c keeps every rule.
    let fixed = Timetable(placements: [
      .init(run: SessionRun(session: 0, run: 1), slot: 0, room: 0),
      .init(run: SessionRun(session: 1, run: 1), slot: 1, room: 0),
      .init(run: SessionRun(session: 2, run: 1), slot: 0, room: 2),
      .init(run: SessionRun(session: 3, run: 1), slot: 1, room: 2),
      .init(run: SessionRun(session: 4, run: 1), slot: 1, room: 1),
    ])
    #expect(Checker(instance: instance).check(fixed).isValid)
  }

  @Test("check: the keynote placed in its own overflow room, or streamed into a closed room, is refused")
  func checkerOtherOverflowRules() throws {
    var instance = try #require(Self.load(Self.event()).instance)
    let inOwnOverflow = Timetable(placements: [
      .init(run: SessionRun(session: 0, run: 1), slot: 0, room: 1),
      .init(run: SessionRun(session: 1, run: 1), slot: 0, room: 2),
      .init(run: SessionRun(session: 2, run: 1), slot: 1, room: 0),
      .init(run: SessionRun(session: 3, run: 1), slot: 1, room: 1),
      .init(run: SessionRun(session: 4, run: 1), slot: 1, room: 2),
    ])
    let rules = Checker(instance: instance).check(inOwnOverflow).violations
    #expect(rules.contains { $0.rule == "H6" && $0.message.contains("one of the rooms it is streamed into") })
    // b closes at 09:00–10:00 (a scenario's close_room): the stream cannot be there.
    instance.rooms[1].unavailable = [TimeWindow(day: 0, start: 540, end: 600)]
    let streamedIntoClosed = Timetable(placements: [
      .init(run: SessionRun(session: 0, run: 1), slot: 0, room: 0),
      .init(run: SessionRun(session: 1, run: 1), slot: 0, room: 2),
      .init(run: SessionRun(session: 2, run: 1), slot: 1, room: 0),
      .init(run: SessionRun(session: 3, run: 1), slot: 1, room: 1),
      .init(run: SessionRun(session: 4, run: 1), slot: 1, room: 2),
    ])
    let closed = Checker(instance: instance).check(streamedIntoClosed).violations
    #expect(closed.map(\.rule) == ["H5"], "\(closed.map(\.message))")
    // The solve must then stream it at 10:00 (hall + b), leaving the talks hall and c at 09:00
    // (b is closed) and c at 10:00: three room-slots for four talks, so none keeps every rule.
    let solution = solve(instance)
    #expect(solution.timetable == nil)
    #expect(solution.status == .infeasible)
    #expect(!solution.conflicts.isEmpty)
  }

  @Test(
    "validate: overflow rooms are checked at their key path",
    arguments: [
      // An unknown room, with the nearest id as a hint.
      ("[bb]", "", "unknown-room", "sessions[0].overflow_rooms[0]"),
      // A run pinned to a room it also streams into.
      ("[b]", ", pin: {room: b}", "overflow-room-pinned", "sessions[0].overflow_rooms[0]"),
      // Parallel runs would all take the overflow room at once.
      ("[c]", ", runs: 2, parallel_runs: true", "overflow-parallel-runs", "sessions[0].overflow_rooms"),
      // Pinned to 09:00, when b is closed: no start leaves b open.
      ("[b]", ", pin: {start: \"09:00\"}", "overflow-room-unavailable", "sessions[0].overflow_rooms[0]"),
    ])
  func validation(_ overflow: String, _ extra: String, _ code: String, _ path: String) throws {
    var event = Self.event(overflow: overflow, extra: extra)
    if code == "overflow-room-unavailable" {
      event = event.replacingOccurrences(
        of: "{id: b, capacity: 40}", with: "{id: b, capacity: 40, unavailable: [{day: d1, end: \"10:00\"}]}")
    }
    let loaded = Self.load(event)
    let diagnostic = try #require(loaded.diagnostics.first { $0.code == code }, "\(loaded.diagnostics.map(\.formatted))")
    #expect(diagnostic.severity == .error)
    #expect(diagnostic.location.path == path)
    if code == "unknown-room" { #expect(diagnostic.hint?.contains("'b'") == true, "\(diagnostic.hint ?? "")") }
    #expect(diagnostic.location.line == 14)  // the keynote's line
  }
}
