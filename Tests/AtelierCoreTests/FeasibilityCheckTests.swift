import AtelierCore
import Foundation
import Testing

@Suite("Necessary feasibility conditions")
struct FeasibilityCheckTests {
  /// One day of five slots, two rooms with computers, one without.
  static func event(sessions: String, rooms: String? = nil) -> Data {
    let yaml = """
      name: F
      time_zone: Europe/Paris
      days:
        - id: thu
          date: 2022-09-29
          slots:
            - {start: "09:00", end: "10:00"}
            - {start: "10:00", end: "11:00"}
            - {start: "11:00", end: "12:00"}
            - {start: "14:00", end: "15:00"}
            - {start: "15:00", end: "16:00"}
          breaks: [{start: "12:00", end: "14:00"}]
      rooms:
      \(rooms ?? """
          - {id: a, capacity: 30, features: [computers]}
          - {id: b, capacity: 30, features: [computers]}
          - {id: c, capacity: 300, kinds: [plenary, talk]}
        """)
      speakers:
        - {id: sam, available: [{day: thu, start: "14:00"}]}
      sessions:
      \(sessions)
      """
    return Data(yaml.utf8)
  }

  @Test("runs pinned to a day that need a feature are counted against rooms × slots of that day")
  func featureShortagePerDay() throws {
    let result = InstanceLoader.load(
      eventData: Self.event(
        sessions: """
            - id: w
              title: W
              kind: workshop
              duration: 60
              max_size: 20
              requires: [computers]
              runs: 12
              pins: [{day: thu}, {day: thu}, {day: thu}, {day: thu}, {day: thu}, {day: thu}, {day: thu}, {day: thu}, {day: thu}, {day: thu}, {day: thu}, {day: thu}]
          """))
    let messages = result.diagnostics.filter { $0.code == "feature-shortage" }.map(\.message)
    #expect(messages.contains("12 workshop runs need 'computers' on Thursday 29 Sep; 2 rooms × 5 slots offer 10"))
    #expect(messages.contains("12 workshop runs need 'computers'; 2 rooms × 5 slots offer 10"))
  }

  @Test("a session no room can take, and one whose speaker is never free when it fits")
  func unplaceable() throws {
    let result = InstanceLoader.load(
      eventData: Self.event(
        sessions: """
            - {id: rt, title: RT, kind: round_table, duration: 60, requires: [computers], audience: 50}
            - {id: long, title: L, kind: talk, duration: 180, speakers: [sam]}
          """))
    let codes = result.diagnostics.map(\.code)
    #expect(codes.contains("audience-exceeds-rooms"))
    #expect(codes.contains("session-unplaceable"))
    let unplaceable = try #require(result.diagnostics.first { $0.code == "session-unplaceable" })
    #expect(unplaceable.message.contains("'long'"))
    #expect(unplaceable.message.contains("speakers"))
    #expect(unplaceable.location.line == 21)
  }

  @Test("no room takes the kind and has the features")
  func noSuitableRoom() throws {
    let result = InstanceLoader.load(
      eventData: Self.event(
        sessions: "  - {id: p, title: P, kind: plenary, duration: 60, requires: [computers]}",
        rooms: """
            - {id: a, capacity: 30, features: [computers], kinds: [workshop]}
            - {id: c, capacity: 300, kinds: [plenary, talk]}
          """))
    #expect(result.diagnostics.map(\.code) == ["no-suitable-room"])
    #expect(
      result.diagnostics.first?.message == "no room has 'computers' and takes plenary sessions, as session 'p' needs")
  }

  @Test("checks on an Instance built in code give key paths")
  func checksOnInstance() throws {
    let instance = try #require(
      InstanceLoader.load(eventData: Self.event(sessions: "  - {id: t, title: T, kind: talk, duration: 60}")).instance)
    #expect(FeasibilityCheck.diagnostics(for: instance).isEmpty)
    var crowded = instance
    crowded.participants = (0..<400).map { Participant(id: "p\($0)", days: [0], choices: []) }
    let diagnostics = FeasibilityCheck.diagnostics(for: crowded)
    #expect(diagnostics.count == 5)
    #expect(diagnostics.allSatisfy { $0.code == "seat-shortage" })
    #expect(diagnostics.first?.location.path == "days[0].slots[0]")
  }

  @Test("an exclusive session whose largest suitable room seats fewer than the day's seat demand")
  func exclusiveSeatShortage() throws {
    let instance = try #require(
      InstanceLoader.load(
        eventData: Self.event(
          sessions: """
              - {id: t, title: T, kind: talk, duration: 60}
              - {id: open, title: Opening, kind: talk, duration: 60, exclusive: true, audience: 50}
            """,
          rooms: """
              - {id: a, capacity: 200, kinds: [workshop]}
              - {id: b, capacity: 200, kinds: [workshop]}
              - {id: c, capacity: 150, kinds: [plenary, talk]}
            """)
      ).instance)
    #expect(FeasibilityCheck.diagnostics(for: instance).isEmpty)
    // 160 present, all need a seat: the two rooms a and b seat them in every slot, but the opening
    // runs alone and only c (150 seats) takes talks.
    var crowded = instance
    crowded.participants = (0..<160).map { Participant(id: "p\($0)", days: [0], choices: []) }
    let diagnostics = FeasibilityCheck.diagnostics(for: crowded)
    #expect(diagnostics.map(\.code) == ["exclusive-seat-shortage"])
    #expect(diagnostics.first?.location.path == "sessions[1]")
    #expect(
      diagnostics.first?.message
        == "the exclusive session 'Opening' on Thursday 29 Sep runs alone, so its room must seat the 160 participants who need a seat (100 % of the 160 present), but the largest room it can use, 'c', seats 150")
  }
}
