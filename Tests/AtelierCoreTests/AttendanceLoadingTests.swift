import AtelierCore
import Foundation
import Testing

/// Attendance types (issue 17, item 9): the attendance column and default, streamed sessions.
@Suite("Attendance types: loading and validation")
struct AttendanceLoadingTests {
  /// One day of one slot, one room; workshops a (streamed unless `extra` says otherwise) and b.
  static func event(top: String = "", a: String = "streamed: true") -> Data {
    Data(
      """
      name: O
      time_zone: Europe/Paris
      \(top)
      days:
        - id: d1
          date: 2024-06-03
          slots:
            - {start: "09:00", end: "10:00"}
      rooms:
        - {id: r1, capacity: 30}
        - {id: r2, capacity: 30}
      sessions:
        - {id: a, title: A, kind: workshop, duration: 60, max_size: 10, \(a)}
        - {id: b, title: B, kind: workshop, duration: 60, max_size: 10}
      """.utf8)
  }

  static func load(top: String = "", a: String = "streamed: true", csv: String) -> InstanceLoadResult {
    InstanceLoader.load(eventData: event(top: top, a: a), participants: Data(csv.utf8), participantsFile: "p.csv")
  }

  @Test(
    "attendance cells: English and French spellings; empty uses the event's default",
    arguments: [
      ("in_person", false), ("In person", false), ("présentiel", false), ("Sur place", false), ("on-site", false),
      ("online", true), ("Distanciel", true), ("à distance", true), ("en ligne", true), ("remote", true), ("", false),
    ])
  func spellings(cell: String, online: Bool) throws {
    let result = Self.load(csv: "id,choice_1,attendance\np1,a,\(cell)\n")
    let instance = try #require(result.instance, "\(result.diagnostics.map(\.formatted))")
    #expect(instance.participants[0].isOnline(in: instance) == online)
  }

  @Test("the event's attendance: online is the default of empty cells; a cell wins")
  func eventDefault() throws {
    let result = Self.load(top: "attendance: online", csv: "id,choice_1,Modalité\np1,a,\np2,a,présentiel\n")
    let instance = try #require(result.instance)
    #expect(instance.participants.map { $0.isOnline(in: instance) } == [true, false])
    #expect(result.participantsColumns?.summary.contains("attendance from 'Modalité'") == true)
  }

  @Test("a mapped attendance column; an unknown value is an error at its cell with a hint")
  func unknownValue() throws {
    let result = Self.load(
      top: "participants: {file: p.csv, attendance: Mode}", csv: "id,choice_1,Mode\np1,a,onlin\np2,a,hybride\n")
    let errors = result.diagnostics.errors
    #expect(errors.map(\.code) == ["invalid-attendance", "invalid-attendance"])
    #expect(errors.map { $0.location.line } == [2, 3])
    #expect(errors.first?.location.column == 6)
    #expect(errors.first?.hint == "did you mean 'online'?")
    #expect(errors.last?.hint?.contains("présentiel") == true)
  }

  @Test("an unknown attendance default is refused by the schema")
  func unknownDefault() {
    let result = Self.load(top: "attendance: remote", csv: "id,choice_1\np1,a\n")
    #expect(result.instance == nil)
    #expect(result.diagnostics.errors.map { $0.location.path } == ["attendance"])
  }

  @Test("online choices of a workshop that is not streamed: one warning per workshop, at the first row")
  func choicesNotStreamed() throws {
    let result = Self.load(csv: "id,choice_1,choice_2,attendance\np1,a,b,in_person\np2,b,a,online\np3,b,,online\n")
    let instance = try #require(result.instance)
    let warnings = result.diagnostics.filter { $0.code == "online-choice-not-streamed" }
    #expect(warnings.map(\.message) == ["workshop 'b' is not streamed: 2 online participants chose it and cannot attend (the choice is ignored)"])
    #expect(warnings.first?.location.line == 3)
    // The choices stay as written (ranks too); the assignment leaves them out.
    #expect(instance.participants[1].choices == [1, 0])
  }

  @Test(
    "online_seats needs a streamed workshop; stream_url a streamed session",
    arguments: [
      ("online_seats: 5", "online-seats-not-streamed", true),
      ("stream_url: https://x.example", "stream-url-not-streamed", false),
      ("streamed: true, online_seats: 5", nil, false),
    ] as [(String, String?, Bool)])
  func sessionKeys(a: String, code: String?, error: Bool) throws {
    let result = Self.load(a: a, csv: "id,choice_1\np1,a\n")
    let found = result.diagnostics.filter { $0.code.contains("online-seats") || $0.code.contains("stream-url") }
    #expect(found.map(\.code) == (code.map { [$0] } ?? []))
    #expect(found.allSatisfy { $0.location.path?.hasPrefix("sessions[0].") == true })
    #expect((result.instance == nil) == error)
    if code == nil { #expect(result.instance?.sessions[0].onlineSeats == 5) }
  }

  @Test("online attendees need no seat: not in the seats of a slot nor in a room's audience")
  func seatDemand() throws {
    let result = Self.load(csv: "id,choice_1,attendance\np1,a,online\np2,a,online\np3,b,\n")
    let instance = try #require(result.instance)
    #expect(instance.participantsPresent(onDay: 0) == 1)
    #expect(instance.seatDemand(inSlot: 0) == 1)
    #expect(instance.choiceCounts == [0, 1])
  }
}
