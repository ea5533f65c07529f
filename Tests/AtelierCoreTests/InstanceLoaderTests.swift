import AtelierCore
import Foundation
import Testing

@Suite("Instance loader")
struct InstanceLoaderTests {
  @Test("a small valid instance loads with its grid, rooms, sessions and participants resolved")
  func validSmallInstance() throws {
    let result = InstanceLoader.load(path: Fixtures.path("valid/small"))
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
    let instance = try #require(result.instance)
    #expect(instance.name == "Petit forum")
    #expect(instance.timeZone == "Europe/Paris")
    #expect(instance.days.map(\.id) == ["thu"])
    // Two blocks: 09–11 and 14–16, split by lunch.
    #expect(instance.slots.map(\.block) == [0, 0, 1, 1])
    #expect(instance.slots.map(\.start) == [540, 600, 840, 900])
    #expect(instance.rooms.map(\.id) == ["amphi", "salle-a", "salle-b"])
    #expect(instance.rooms[1].kinds == [.workshop, .talk])
    #expect(instance.rooms[2].unavailable == [TimeWindow(day: 0, start: 900, end: 960)])
    // `available: 09:00–12:00` becomes its complement on the day.
    #expect(
      instance.speakers[1].unavailable == [
        TimeWindow(day: 0, start: 0, end: 540), TimeWindow(day: 0, start: 720, end: 1440),
      ])
    #expect(instance.speakers[0].minPause == 15)
    let opening = instance.sessions[0]
    #expect(opening.exclusive)
    #expect(opening.pins == [Pin(day: 0, start: 540, room: 0)])
    #expect(instance.sessions[1].runs == 2)
    #expect(instance.sessions[1].requires == ["computers"])
    #expect(instance.sessions[1].track == 0)
    #expect(instance.sessions[2].after == [0])
    #expect(instance.features == ["computers", "projector"])
    #expect(instance.weights.trackParallel == 4)
    #expect(instance.weights.emptySeats == Weights().emptySeats)
    // participants.csv: `;`, CRLF, French headers, titles and ids in any case as choices.
    #expect(instance.participants.map(\.id) == ["p1", "p2", "p3"])
    #expect(instance.participants[0].choices == [1, 2])
    #expect(instance.participants[0].maxWorkshops == 2)
    #expect(instance.participants[0].line == 2)
    #expect(instance.participants[1].days == [0])
    #expect(instance.participants[2].choices == [1])
    #expect(instance.hash.count == 64)
    #expect(instance.hash.allSatisfy { "0123456789abcdef".contains($0) })
  }

  @Test("the hash is SHA-256 over the event bytes then the participants bytes")
  func hashCoversBothFiles() throws {
    let folder = Fixtures.path("valid/small")
    let event = try Data(contentsOf: URL(fileURLWithPath: folder + "/event.yaml"))
    let participants = try Data(contentsOf: URL(fileURLWithPath: folder + "/participants.csv"))
    let fromDisk = try #require(InstanceLoader.load(path: folder).instance)
    let inMemory = try #require(InstanceLoader.load(eventData: event, participants: participants).instance)
    #expect(fromDisk.hash == inMemory.hash)
    let eventOnly = try #require(InstanceLoader.load(eventData: event).instance)
    #expect(eventOnly.hash != fromDisk.hash)
    #expect(eventOnly.hash == "\(eventOnly.hash)".lowercased())
  }

  @Test("an event file can be given directly, and JSON reads like YAML")
  func jsonEvent() throws {
    let json = """
      {"name": "J", "time_zone": "UTC",
       "days": [{"id": "d1", "date": "2024-01-02", "slots": [{"start": "09:00", "end": "10:00"}]}],
       "rooms": [{"id": "r", "capacity": 10}],
       "sessions": [{"id": "s", "title": "S", "kind": "talk", "duration": 60, "bogus": 1}]}
      """
    let result = InstanceLoader.load(eventData: Data(json.utf8), eventFile: "event.json")
    #expect(result.instance == nil)
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.code == "unknown-key")
    #expect(diagnostic.location.line == 4)
    #expect(diagnostic.location.path == "sessions[0].bogus")
    let fixed = InstanceLoader.load(eventData: Data(json.replacingOccurrences(of: ", \"bogus\": 1", with: "").utf8))
    #expect(fixed.instance?.sessions.first?.durationMinutes == 60)
  }

  /// One folder per kind of error under `Fixtures/broken/`: the file, the code and the line of the
  /// first diagnostic (diagnostics are sorted by file, line, column).
  static let broken: [(folder: String, file: String, code: String, line: Int?)] = [
    ("unknown-key", "event.yaml", "unknown-key", 29),  // `trak:` for `track:`
    ("type-error", "event.yaml", "type-mismatch", 14),  // capacity: lots
    ("missing-key", "event.yaml", "missing-key", 30),  // session without a title
    ("duplicate-id", "event.yaml", "duplicate-id", 16),  // two rooms 'amphi'
    ("dangling-room", "event.yaml", "unknown-room", 30),  // pin to 'amphy'
    ("dangling-speaker", "event.yaml", "unknown-speaker", 28),  // 'mari'
    ("dangling-track", "event.yaml", "unknown-track", 29),  // 'inclusoin'
    ("dangling-feature", "event.yaml", "unknown-feature", 35),  // 'computer'
    ("bad-time", "event.yaml", "invalid-format", 8),  // 11h00
    ("overlapping-slots", "event.yaml", "slot-overlap", 8),  // 09:30 starts before 10:00
    ("break-overlaps-slot", "event.yaml", "break-overlaps-slot", 11),  // lunch from 10:30
    ("duration-no-block", "event.yaml", "duration-fits-no-block", 27),  // 180 min, blocks of 120
    ("bad-time-zone", "event.yaml", "unknown-time-zone", 2),  // Europe/Pariss
    ("audience-too-large", "event.yaml", "audience-exceeds-rooms", 34),  // max_size 40, room of 20
    ("speaker-overbooked", "event.yaml", "speaker-overbooked", 20),  // 4 × 60 min in a 180-min day
    ("pinned-collision", "event.yaml", "pinned-collision", 38),  // a pin beside an exclusive plenary
    ("pin-not-slot-start", "event.yaml", "pin-not-slot-start", 30),  // 09:30
    ("too-many-pins", "event.yaml", "too-many-pins", 31),  // 2 pins, 1 run
    ("precedence-cycle", "event.yaml", "precedence-cycle", 37),  // talk after lab after talk
    ("feature-shortage", "event.yaml", "feature-shortage", 35),  // 4 runs, 1 room × 3 slots
    ("seat-shortage", "event.yaml", "seat-shortage", 7),  // 130 participants, 120 seats
    ("syntax-error", "event.yaml", "syntax", 27),  // unclosed `[`
    ("csv-semicolon", "participants.csv", "unknown-session", 3),  // 'labb'
    ("csv-windows-1252", "participants.csv", "unknown-day", 3),  // 'fri'
    ("csv-bom", "participants.csv", "duplicate-choice", 2),  // a warning; the error follows
    ("random-bytes", "event.yaml", "invalid-encoding", 1),
    ("empty-file", "event.yaml", "empty-file", 1),
    ("yaml-bomb", "event.yaml", "document-too-large", 1),
  ]

  @Test("each broken fixture gives its diagnostic at the right line", arguments: broken)
  func brokenFixture(folder: String, file: String, code: String, line: Int?) throws {
    let result = InstanceLoader.load(path: Fixtures.path("broken/\(folder)"))
    #expect(result.instance == nil)
    #expect(!result.unreadable)
    #expect(result.diagnostics.hasErrors)
    let first = try #require(result.diagnostics.first)
    #expect(first.code == code, "\(result.diagnostics.map(\.formatted))")
    #expect(first.location.line == line, "\(first.formatted)")
    #expect(first.location.file?.hasSuffix("broken/\(folder)/\(file)") == true)
  }

  @Test("every fixture folder under broken/ is covered by a test case")
  func everyBrokenFolderIsTested() throws {
    let folders = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("broken"))
    #expect(Set(folders) == Set(Self.broken.map(\.folder)))
  }

  @Test("messages name the cause in domain terms, with did-you-mean hints")
  func messages() throws {
    func diagnostics(_ folder: String) -> [Diagnostic] {
      InstanceLoader.load(path: Fixtures.path("broken/\(folder)")).diagnostics
    }
    #expect(diagnostics("unknown-key").first?.hint == "did you mean 'track'?")
    #expect(diagnostics("unknown-key").first?.location.path == "sessions[0].trak")
    #expect(diagnostics("dangling-room").first?.hint == "did you mean 'amphi'?")
    #expect(diagnostics("dangling-speaker").first?.hint == "did you mean 'marie'?")
    #expect(diagnostics("dangling-track").first?.hint == "did you mean 'inclusion'?")
    #expect(diagnostics("dangling-feature").first?.hint == "did you mean 'computers'?")
    #expect(diagnostics("dangling-feature").first?.location.path == "sessions[1].requires[0]")
    #expect(diagnostics("bad-time-zone").first?.hint == "did you mean 'Europe/Paris'?")
    #expect(
      diagnostics("feature-shortage").first?.message == "4 workshop runs need 'computers'; 1 room × 3 slots offer 3")
    #expect(diagnostics("seat-shortage").count == 3)
    #expect(diagnostics("seat-shortage").first?.message.contains("120 seats") == true)
    #expect(diagnostics("audience-too-large").first?.message.contains("expects 40 people") == true)
    #expect(diagnostics("speaker-overbooked").first?.message.contains("240 minutes") == true)
    let csv = diagnostics("csv-semicolon")
    #expect(csv.map(\.code) == ["unknown-session", "csv-field-count"])
    #expect(csv.first?.location.column == 8)
    #expect(csv.first?.hint == "did you mean 'lab'?")
    let cp1252 = diagnostics("csv-windows-1252")
    #expect(cp1252.map(\.code) == ["unknown-day", "invalid-integer"])
    #expect(cp1252.map(\.location.line) == [3, 4])
    let bom = diagnostics("csv-bom")
    #expect(bom.map(\.code) == ["duplicate-choice", "duplicate-participant"])
    #expect(bom.map(\.severity) == [.warning, .error])
    #expect(bom.last?.location.line == 4)
  }

  @Test("a missing folder is unreadable; a folder without an event file too")
  func unreadable() throws {
    let missing = InstanceLoader.load(path: "/nonexistent/atelier-instance")
    #expect(missing.unreadable)
    #expect(missing.diagnostics.first?.code == "not-found")
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-empty-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: empty) }
    let noEvent = InstanceLoader.load(path: empty.path)
    #expect(noEvent.unreadable)
    #expect(noEvent.instance == nil)
  }

  @Test("every problem is reported, not just the first")
  func collectsEveryProblem() throws {
    let yaml = """
      name: Many
      time_zone: Europe/Paris
      days:
        - id: d
          date: 2024-02-30
          slots: [{start: "09:00", end: "08:00"}]
      rooms:
        - {id: r, capacity: 0, colour: red}
      sessions:
        - {id: s, title: S, kind: worshop, duration: 60}
        - {id: s, title: T, kind: talk, duration: "60"}
      """
    let result = InstanceLoader.load(eventData: Data(yaml.utf8))
    let codes = result.diagnostics.map(\.code)
    #expect(codes == ["out-of-range", "unknown-key", "invalid-value", "type-mismatch"])
    #expect(result.diagnostics.map(\.location.line) == [8, 8, 10, 11])
    #expect(result.diagnostics[2].hint == "did you mean 'workshop'?")
  }

  @Test("semantic checks run together once the structure is sound")
  func semanticChecks() throws {
    let yaml = """
      name: Grid
      time_zone: Europe/Paris
      days:
        - id: d
          date: 2024-02-30
          slots: [{start: "09:00", end: "08:00"}, {start: "10:00", end: "11:00"}]
        - id: d
          date: 2024-03-01
          slots: [{start: "09:00", end: "10:00"}]
      rooms:
        - {id: r, capacity: 10}
      sessions:
        - {id: s, title: S, kind: talk, duration: 60, after: [s], pins: [{day: x}]}
      """
    let result = InstanceLoader.load(eventData: Data(yaml.utf8))
    #expect(
      result.diagnostics.map(\.code) == [
        "invalid-date", "slot-end-before-start", "duplicate-id", "precedence-self", "unknown-day",
      ])
  }
}
