import AtelierCore
import Foundation
import Testing

/// A small event for scenario tests: two days of three 1-hour slots, three rooms, two speakers,
/// a talk (pinned to Monday) and two workshops, four participants.
enum ScenarioFixture {
  static var event: InstanceFile {
    let slots = [
      InstanceFile.SlotEntry(start: "09:00", end: "10:00"), .init(start: "10:15", end: "11:15"),
      .init(start: "11:30", end: "12:30"),
    ]
    return InstanceFile(
      // No seat demand (rule H12): four runs cannot fill six slots.
      name: "Scenario fixture", timeZone: "Europe/Paris", seatCoverage: 0,
      days: [.init(id: "mon", date: "2026-03-02", slots: slots), .init(id: "tue", date: "2026-03-03", slots: slots)],
      rooms: [
        .init(id: "hall", name: "Hall", capacity: 100, features: ["projector"]),
        .init(id: "lab", name: "Lab", capacity: 30, features: ["computers"]),
        .init(id: "studio", name: "Studio", capacity: 30),
      ],
      speakers: [.init(id: "ada", name: "Ada"), .init(id: "bob", name: "Bob")],
      sessions: [
        .init(
          id: "talk", title: "Talk", kind: "talk", duration: 60, speakers: ["ada"], requires: ["projector"],
          audience: 80, pin: .init(day: "mon")),
        .init(
          id: "code", title: "Coding workshop", kind: "workshop", duration: 60, speakers: ["ada", "bob"],
          requires: ["computers"], maxSize: 20, runs: 2),
        .init(
          id: "paint", title: "Painting workshop", kind: "workshop", duration: 60, speakers: ["bob"], maxSize: 20,
          after: ["talk"]),
      ])
  }

  /// p3 chooses the painting workshop by its title, as registration forms often do; p4 attends every day.
  static let participants = """
    id,days,choice_1,choice_2
    p1,mon,code,paint
    p2,mon|tue,paint,code
    p3,tue,Painting workshop,
    p4,,code,

    """

  static func base() throws -> ScenarioBase {
    let (base, diagnostics) = ScenarioBase.make(event: event, participantsCSV: Data(participants.utf8))
    #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.formatted))")
    return try #require(base)
  }

  static func scenario(_ yaml: String, file: String = "what-if.yaml") throws -> Scenario {
    let result = ScenarioLoader.load(data: Data(yaml.utf8), file: file)
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.map(\.formatted))")
    return try #require(result.scenario)
  }
}

/// One kind of change: the scenario's single change, and how the file form must differ afterwards.
struct ChangeCase: Sendable, CustomTestStringConvertible {
  var kind: String
  var change: String
  var expect: @Sendable (inout InstanceFile, inout [[String]]) -> Void
  var testDescription: String { kind }
}

@Suite("Scenarios: changes, diagnostics")
struct ScenarioTests {
  static let cases: [ChangeCase] = [
    // A window on one day becomes an `unavailable` window of the room.
    ChangeCase(kind: "close_room (window)", change: #"close_room: {room: lab, day: mon, start: "10:15", end: "11:15"}"#)
    {
      event, _ in event.rooms[1].unavailable = [.init(day: "mon", start: "10:15", end: "11:15")]
    },
    // No day: closed for the whole event, one whole-day window per day.
    ChangeCase(kind: "close_room (whole event)", change: "close_room: {room: studio}") { event, _ in
      event.rooms[2].unavailable = [.init(day: "mon"), .init(day: "tue")]
    },
    ChangeCase(kind: "shrink_room", change: "shrink_room: {room: hall, capacity: 90}") { event, _ in
      event.rooms[0].capacity = 90
    },
    ChangeCase(
      kind: "add_session",
      change: #"add_session: {id: clay, title: Clay, kind: workshop, duration: 60, speakers: [ada], max_size: 12}"#
    ) { event, _ in
      event.sessions.append(
        .init(id: "clay", title: "Clay", kind: "workshop", duration: 60, speakers: ["ada"], maxSize: 12))
    },
    // The session goes, so do the choices of it (by id or title): p1's second, p2's and p3's first.
    ChangeCase(kind: "remove_session", change: "remove_session: {session: paint}") { event, rows in
      event.sessions.remove(at: 2)
      rows[0][3] = ""
      rows[1][2] = ""
      rows[2][2] = ""
    },
    ChangeCase(kind: "change_session", change: "change_session: {session: code, runs: 1, max_size: 25}") { event, _ in
      event.sessions[1].runs = 1
      event.sessions[1].maxSize = 25
    },
    // Relations (issue 17) replace the session's own list.
    ChangeCase(kind: "change_session (relations)", change: "change_session: {session: code, different_slot: [paint], same_day: [talk]}") {
      event, _ in
      event.sessions[1].differentSlot = ["paint"]
      event.sessions[1].sameDay = ["talk"]
    },
    // Removing the talk also removes it from paint's `after`.
    ChangeCase(kind: "remove_session (precedence)", change: "remove_session: {session: talk}") { event, _ in
      event.sessions.remove(at: 0)
      event.sessions[1].after = []
    },
    // Bob leaves the coding workshop (Ada stays) and the painting workshop is cancelled (nobody left).
    ChangeCase(kind: "cancel_speaker", change: "cancel_speaker: {speaker: bob}") { event, rows in
      event.speakers = [.init(id: "ada", name: "Ada")]
      event.sessions[1].speakers = ["ada"]
      event.sessions.remove(at: 2)
      rows[0][3] = ""
      rows[1][2] = ""
      rows[2][2] = ""
    },
    ChangeCase(
      kind: "speaker_unavailable",
      change: #"speaker_unavailable: {speaker: ada, day: tue, start: "09:00", end: "10:00"}"#
    ) { event, _ in
      event.speakers?[0].unavailable = [.init(day: "tue", start: "09:00", end: "10:00")]
    },
    ChangeCase(
      kind: "speaker_available", change: #"speaker_available: {speaker: bob, windows: [{day: tue}]}"#
    ) { event, _ in
      // Bob's three runs (coding ×2, painting) need three of Tuesday's three slots.
      event.speakers?[1].available = [.init(day: "tue")]
    },
    // Run 2 pinned: run 1 gets an empty pin so that pins[1] is run 2.
    ChangeCase(kind: "pin_session", change: #"pin_session: {session: code, run: 2, start: "11:30", room: lab}"#) {
      event, _ in event.sessions[1].pins = [.init(), .init(start: "11:30", room: "lab")]
    },
    // A start only: the talk's day pin is kept (fields given replace, the others stay).
    ChangeCase(kind: "pin_session (merge)", change: #"pin_session: {session: talk, start: "10:15"}"#) { event, _ in
      event.sessions[0].pin = nil
      event.sessions[0].pins = [.init(day: "mon", start: "10:15")]
    },
    ChangeCase(kind: "unpin_session", change: "unpin_session: {session: talk}") { event, _ in
      event.sessions[0].pin = nil
    },
    ChangeCase(kind: "set_weights", change: "set_weights: {co_choice_conflict: 5, workshops_per_participant: 1}") {
      event, _ in
      var weights = InstanceFile.WeightsEntry()
      weights.coChoiceConflict = 5
      weights.workshopsPerParticipant = 1
      event.weights = weights
    },
  ]

  @Test(
    "each kind of change alters the file form exactly as expected, and the changed instance loads", arguments: cases)
  func change(_ test: ChangeCase) throws {
    let base = try ScenarioFixture.base()
    let scenario = try ScenarioFixture.scenario("changes:\n  - \(test.change)\n")
    let applied = scenario.apply(to: base)
    #expect(applied.status == .valid, "\(applied.diagnostics.map(\.formatted))")
    #expect(applied.descriptions.count == 1)
    var expected = base.event
    expected.participants = "participants.csv"
    var rows = try #require(base.participants).rows
    test.expect(&expected, &rows)
    #expect(applied.event == expected)
    #expect(applied.participants?.rows == rows)
    #expect(applied.instance != nil)
  }

  @Test(
    "add_participants copies existing participants (only those attending the given days) under new ids, deterministically"
  )
  func addParticipants() throws {
    let base = try ScenarioFixture.base()
    let scenario = try ScenarioFixture.scenario("changes:\n  - add_participants: {count: 5, seed: 3, days: [tue]}\n")
    let first = scenario.apply(to: base)
    let second = scenario.apply(to: base)
    let rows = try #require(first.participants?.rows)
    #expect(rows.count == 9)
    #expect(rows.prefix(4) == (base.participants?.rows ?? [])[...])
    #expect(rows.dropFirst(4).map { $0[0] } == ["extra-0001", "extra-0002", "extra-0003", "extra-0004", "extra-0005"])
    // Tuesday's participants are p2 (mon|tue), p3 (tue) and p4 (every day): each copy is one of them.
    let tuesday = Set(
      (base.participants?.rows ?? []).filter { ["p2", "p3", "p4"].contains($0[0]) }.map { Array($0.dropFirst()) })
    for row in rows.dropFirst(4) { #expect(tuesday.contains(Array(row.dropFirst()))) }
    #expect(first.participantsData == second.participantsData)
    #expect(first.instance?.participants.count == 9)
    #expect(first.event == base.event.with(participants: "participants.csv"))
  }

  @Test("scale_demand below 1 keeps a seeded subset of the rows unchanged and scales stated audiences")
  func scaleDown() throws {
    let base = try ScenarioFixture.base()
    let scenario = try ScenarioFixture.scenario("changes:\n  - scale_demand: {factor: 0.5, seed: 7}\n")
    let applied = scenario.apply(to: base)
    #expect(applied.status == .valid, "\(applied.diagnostics.map(\.formatted))")
    // 0.5 × 4 participants = 2 remain, in their original order; the talk's audience 80 becomes 40.
    let rows = try #require(applied.participants?.rows)
    let original = try #require(base.participants?.rows)
    #expect(rows.count == 2)
    let positions = rows.compactMap { original.firstIndex(of: $0) }
    #expect(positions.count == 2 && positions == positions.sorted())
    var expected = base.event.with(participants: "participants.csv")
    expected.sessions[0].audience = 40
    #expect(applied.event == expected)
    #expect(scenario.apply(to: base).participantsData == applied.participantsData)
  }

  @Test(
    "scale_demand above 1 adds copies; a stated audience above every room makes the scenario infeasible, not invalid")
  func scaleUpInfeasible() throws {
    let base = try ScenarioFixture.base()
    let applied = try ScenarioFixture.scenario("changes:\n  - scale_demand: {factor: 1.5}\n").apply(to: base)
    // 4 × 1.5 = 6 participants; the talk's 80 × 1.5 = 120 exceeds the hall's 100 seats.
    #expect(applied.participants?.rows.count == 6)
    #expect(applied.event?.sessions[0].audience == 120)
    #expect(applied.status == .infeasible)
    #expect(applied.infeasibility.contains { $0.contains("Talk") || $0.contains("talk") }, "\(applied.infeasibility)")
  }

  @Test("more participants than an exclusive session's largest room seats: infeasible, with the reason in words")
  func exclusiveSeats() throws {
    var event = ScenarioFixture.event
    event.seatCoverage = 1
    event.sessions[0].exclusive = true
    let (base, diagnostics) = ScenarioBase.make(event: event, participantsCSV: Data(ScenarioFixture.participants.utf8))
    #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.formatted))")
    let applied = try ScenarioFixture.scenario("changes:\n  - add_participants: {count: 120, days: [mon]}\n")
      .apply(to: try #require(base))
    // Monday: p1, p2, p4 and 120 copies of them = 123 present, all need a seat; the hall seats 100 (the three
    // rooms 160: enough for the loader's per-slot seat check).
    #expect(applied.status == .infeasible)
    #expect(
      applied.infeasibility == [
        "the exclusive session 'Talk' on Monday 2 Mar runs alone, so its room must seat the 123 participants who "
          + "need a seat (100 % of the 123 present), but the largest room it can use, 'Hall', seats 100"
      ])
  }

  @Test("structural problems: every one, each at its line and column, with did-you-mean hints")
  func structuralDiagnostics() {
    let yaml = """
      name: bad scenario
      changes:
        - close_rom: {room: hall}
        - shrink_room: {room: hall}
        - close_room: {room: lab, day: mon, start: "9h"}
        - {close_room: {room: lab}, shrink_room: {room: lab, capacity: 3}}
      extra: 1
      """
    let result = ScenarioLoader.load(data: Data(yaml.utf8), file: "bad.yaml")
    #expect(result.scenario == nil)
    let found = result.diagnostics.map { "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.code)" }
    // Line 1: the name has a space; line 3: a misspelt kind; line 4: no capacity (at the mapping's
    // `{`); line 5: not HH:MM (at the opening quote, column 46); line 6: two changes in one item;
    // line 7: an unknown top-level key.
    #expect(
      found == [
        "1:7 invalid-format", "3:5 unknown-key", "4:18 missing-key", "5:46 invalid-format", "6:5 several-changes",
        "7:1 unknown-key",
      ], "\(result.diagnostics.map(\.formatted))")
    #expect(result.diagnostics[1].hint == "did you mean 'close_room'?")
    #expect(result.diagnostics[2].message == "missing required key 'capacity'")
  }

  @Test("unknown ids are found when applying, at their line, with the closest id as a hint; all are reported")
  func referenceDiagnostics() throws {
    let yaml = """
      changes:
        - close_room: {room: hal, day: mon}
        - remove_session: {session: paint}
        - pin_session: {session: paint, start: "09:00"}
        - speaker_unavailable: {speaker: adda, day: wed}
      """
    let applied = try ScenarioFixture.scenario(yaml).apply(to: try ScenarioFixture.base())
    #expect(applied.status == .invalid)
    let found = applied.diagnostics.map {
      "\($0.location.line ?? 0):\($0.location.column ?? 0) \($0.code) \($0.hint ?? "")"
    }
    // Columns of the values: `hal` at 24, `paint` at 28, `adda` at 36, `wed` at 47 (no day is close).
    #expect(
      found == [
        "2:24 unknown-room did you mean 'hall'?",
        "4:28 unknown-session it was cancelled by changes[1]",
        "5:36 unknown-speaker did you mean 'ada'?",
        "5:47 unknown-day ",
      ], "\(applied.diagnostics.map(\.formatted))")
  }

  @Test("a problem the loader finds in the changed instance is reported at the change that caused it")
  func attributedDiagnostics() throws {
    let yaml = """
      title: Talk at ten
      changes:
        - set_weights: {empty_seats: 2}
        - pin_session: {session: talk, start: "10:00"}
      """
    let applied = try ScenarioFixture.scenario(yaml, file: "ten.yaml").apply(to: try ScenarioFixture.base())
    #expect(applied.status == .invalid)
    let diagnostic = try #require(applied.diagnostics.first)
    #expect(diagnostic.code == "pin-not-slot-start")
    #expect(diagnostic.location.file == "ten.yaml")
    #expect(diagnostic.location.line == 4)
    #expect(diagnostic.location.path == "changes[1]")
    #expect(diagnostic.hint?.contains("10:15") == true)
  }

  @Test("a scenario file without `name:` is named after its file; `baseline` is reserved")
  func names() throws {
    #expect(
      try ScenarioFixture.scenario("changes: [{shrink_room: {room: hall, capacity: 9}}]", file: "dir/small-hall.yml")
        .name == "small-hall")
    let reserved = ScenarioLoader.load(
      data: Data("name: baseline\nchanges: [{unpin_session: {session: talk}}]".utf8), file: "x.yaml")
    #expect(reserved.diagnostics.map(\.code) == ["reserved-name"])
  }

  @Test("the published scenario schema (docs/scenario.schema.json) is the loader's")
  func publishedSchema() throws {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let url = repository.appendingPathComponent("docs/scenario.schema.json")
    // ATELIER_UPDATE_SCHEMA=1 rewrites the copy after a change to the schema.
    if ProcessInfo.processInfo.environment["ATELIER_UPDATE_SCHEMA"] == "1" {
      try ScenarioLoader.schemaJSON.write(to: url, atomically: true, encoding: .utf8)
    }
    let published = try String(contentsOf: url, encoding: .utf8)
    #expect(!ScenarioLoader.schemaJSON.isEmpty)
    #expect(published == ScenarioLoader.schemaJSON)
  }
}

extension InstanceFile {
  func with(participants: String?) -> InstanceFile {
    var copy = self
    copy.participants = participants.map(InstanceFile.ParticipantsEntry.init(stringLiteral:))
    return copy
  }
}
