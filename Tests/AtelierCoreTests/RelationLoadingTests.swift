import AtelierCore
import Foundation
import Testing

/// `same_slot`, `different_slot`, `same_day` and `before` in event.yaml (issue 17, item 10).
@Suite("Relations between sessions: loading and validation")
struct RelationLoadingTests {
  /// One day of three slots, two rooms; sessions a, b, c, d given by `sessions` (YAML list items).
  static func event(_ sessions: String) -> Data {
    let yaml = """
      name: R
      time_zone: Europe/Paris
      days:
        - id: thu
          date: 2022-09-29
          slots:
            - {start: "09:00", end: "10:00"}
            - {start: "10:00", end: "11:00"}
            - {start: "11:00", end: "12:00"}
        - id: fri
          date: 2022-09-30
          slots:
            - {start: "09:00", end: "10:00"}
      rooms:
        - {id: r1, capacity: 30}
        - {id: r2, capacity: 30}
      speakers:
        - {id: sam}
      sessions:
      \(sessions)
      """
    return Data(yaml.utf8)
  }

  static func diagnostics(_ sessions: String) -> [(code: String, path: String, message: String, hint: String?)] {
    InstanceLoader.load(eventData: event(sessions)).diagnostics.map {
      ($0.code, $0.location.path ?? "", $0.message, $0.hint)
    }
  }

  @Test("relations are stored once per pair, whichever side gives them; before folds into after")
  func storedOnce() throws {
    let result = InstanceLoader.load(
      eventData: Self.event(
        """
          - {id: a, title: A, kind: talk, duration: 60, same_slot: [b], different_slot: [c], before: [c]}
          - {id: b, title: B, kind: talk, duration: 60, same_slot: [a], same_day: [c]}
          - {id: c, title: C, kind: talk, duration: 60, same_day: [b], different_slot: [a]}
        """))
    #expect(result.diagnostics.errors.map(\.message) == [])
    let instance = try #require(result.instance)
    #expect(
      Set(instance.relations)
        == [SessionRelation(.sameSlot, 0, 1), SessionRelation(.differentSlot, 2, 0), SessionRelation(.sameDay, 1, 2)])
    #expect(instance.relations.count == 3)
    #expect(instance.sessions[2].after == [0])
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var what: String
    var sessions: String
    var code: String
    var path: String
    var testDescription: String { "\(code): \(what)" }
  }

  static let cases = [
    Case(
      what: "unknown id", sessions: "  - {id: a, title: A, kind: talk, duration: 60, same_slot: [bb]}\n  - {id: b, title: B, kind: talk, duration: 60}",
      code: "unknown-session", path: "sessions[0].same_slot[0]"),
    Case(
      what: "itself", sessions: "  - {id: a, title: A, kind: talk, duration: 60, different_slot: [a]}",
      code: "relation-self", path: "sessions[0].different_slot[0]"),
    Case(
      what: "same and different slot",
      sessions: "  - {id: a, title: A, kind: talk, duration: 60, same_slot: [b]}\n  - {id: b, title: B, kind: talk, duration: 60, different_slot: [a]}",
      code: "relation-contradiction", path: "sessions[1].different_slot[0]"),
    Case(
      what: "same slot through a chain, and after",
      sessions: "  - {id: a, title: A, kind: talk, duration: 60, same_slot: [b]}\n  - {id: b, title: B, kind: talk, duration: 60, same_slot: [c]}\n  - {id: c, title: C, kind: talk, duration: 60, after: [a]}",
      code: "relation-contradiction", path: "sessions[2].after"),
    Case(
      what: "a shared speaker",
      sessions: "  - {id: a, title: A, kind: talk, duration: 60, speakers: [sam], same_slot: [b]}\n  - {id: b, title: B, kind: talk, duration: 60, speakers: [sam]}",
      code: "same-slot-speaker", path: "sessions[0].same_slot[0]"),
    // Three sessions start together; two rooms.
    Case(
      what: "more rooms than the venue has",
      sessions: "  - {id: a, title: A, kind: talk, duration: 60, same_slot: [b, c]}\n  - {id: b, title: B, kind: talk, duration: 60}\n  - {id: c, title: C, kind: talk, duration: 60}",
      code: "same-slot-rooms", path: "sessions[0].same_slot[0]"),
    Case(
      what: "runs that cannot line up",
      sessions: "  - {id: a, title: A, kind: talk, duration: 60, runs: 2, same_slot: [b]}\n  - {id: b, title: B, kind: talk, duration: 60}",
      code: "same-slot-runs", path: "sessions[0].same_slot[0]"),
    Case(
      what: "pins to different starts",
      sessions: "  - {id: a, title: A, kind: talk, duration: 60, pin: {day: thu, start: \"09:00\"}, same_slot: [b]}\n  - {id: b, title: B, kind: talk, duration: 60, pin: {day: thu, start: \"10:00\"}}",
      code: "relation-pins", path: "sessions[0].same_slot[0]"),
    Case(
      what: "pins to overlapping times",
      sessions: "  - {id: a, title: A, kind: talk, duration: 120, pin: {day: thu, start: \"09:00\"}, different_slot: [b]}\n  - {id: b, title: B, kind: talk, duration: 60, pin: {day: thu, start: \"10:00\"}}",
      code: "relation-pins", path: "sessions[0].different_slot[0]"),
    Case(
      what: "pins to different days",
      sessions: "  - {id: a, title: A, kind: talk, duration: 60, pin: {day: fri}}\n  - {id: b, title: B, kind: talk, duration: 60, pin: {day: thu}, same_day: [a]}",
      code: "relation-pins", path: "sessions[1].same_day[0]"),
    // a after b, and a before b (b after a): the cycle is reported at the before entry it comes from.
    Case(
      what: "before makes a cycle with after",
      sessions: "  - {id: a, title: A, kind: talk, duration: 60, after: [b], before: [b]}\n  - {id: b, title: B, kind: talk, duration: 60}",
      code: "precedence-cycle", path: "sessions[0].before[0]"),
    Case(
      what: "before itself", sessions: "  - {id: a, title: A, kind: talk, duration: 60, before: [a]}",
      code: "precedence-self", path: "sessions[0].before[0]"),
  ]

  @Test("each impossible relation is an error at its key path", arguments: cases)
  func refused(_ c: Case) {
    let found = Self.diagnostics(c.sessions)
    #expect(found.contains { $0.code == c.code && $0.path == c.path }, "\(found.map { "\($0.code) \($0.path): \($0.message)" })")
  }

  @Test("an unknown id gets a did-you-mean hint; a cycle through before is found")
  func hints() {
    let unknown = Self.diagnostics(
      "  - {id: a, title: A, kind: talk, duration: 60, same_day: [keynote-b]}\n  - {id: keynote, title: K, kind: talk, duration: 60}")
    #expect(unknown.first { $0.code == "unknown-session" }?.hint?.contains("keynote") == true)
    let folded = Self.diagnostics(
      "  - {id: a, title: A, kind: talk, duration: 60, after: [b]}\n  - {id: b, title: B, kind: talk, duration: 60}\n  - {id: c, title: C, kind: talk, duration: 60, before: [b], after: [a]}")
    // c before b, b before a (a after b), a before c (c after a): a cycle, found on the folded edge.
    #expect(folded.contains { $0.code == "precedence-cycle" }, "\(folded.map(\.code))")
  }
}
