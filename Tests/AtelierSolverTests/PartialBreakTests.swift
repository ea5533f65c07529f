import AtelierCheck
import AtelierCore
import AtelierMIP
import Foundation
import Testing

@testable import AtelierSolver

/// Breaks that only some rooms or kinds take, and meal slots (issue 16, items 1 and 2): small
/// events written as `event.yaml`, loaded, solved and checked, each with its hand optimum.
@Suite("Breaks some rooms or kinds take; seat coverage per slot")
struct PartialBreakTests {
  /// Talks keep a pause 10:50–11:10 that the codelab (120 minutes) runs through; everyone
  /// lunches 12:00–13:00. `pauseScope` is how the pause says who takes it.
  ///
  ///     slots 10:00–10:50, 11:10–12:00 | lunch | 13:00–13:50
  ///     rooms hall (100 seats, talks only), lab (30 seats, any kind)
  ///
  /// Hand optimum: the codelab can only start at 10:00 (11:10 would cross lunch, 13:00 run past
  /// the day), in the lab (the hall takes talks only), so it holds the lab 10:00–12:00. The three
  /// 50-minute talks expect nobody (no participants): empty_seats is their room's capacity / 100,
  /// 1.00 in the hall, 0.30 in the lab, where only 13:00 is free. So one talk in the lab at 13:00
  /// and two in the hall (any two of its three slots): 1 + 1 + 0.30, and the codelab (max 30) 0:
  /// 2.30. Without the scope the pause ends the block and the codelab fits nowhere.
  static func labEvent(pauseScope: String?) -> String {
    """
    name: Codelabs through pauses
    time_zone: Europe/Paris
    days:
      - id: d1
        date: 2024-06-03
        slots:
          - {start: "10:00", end: "10:50"}
          - {start: "11:10", end: "12:00"}
          - {start: "13:00", end: "13:50"}
        breaks:
          - {title: Pause, start: "10:50", end: "11:10"\(pauseScope.map { ", \($0)" } ?? "")}
          - {title: Lunch, start: "12:00", end: "13:00"}
    rooms:
      - {id: hall, capacity: 100, kinds: [talk]}
      - {id: lab, capacity: 30}
    sessions:
      - {id: t1, title: Talk 1, kind: talk, duration: 50}
      - {id: t2, title: Talk 2, kind: talk, duration: 50}
      - {id: t3, title: Talk 3, kind: talk, duration: 50}
      - {id: codelab, title: Codelab, kind: workshop, duration: 120, max_size: 30}
    """
  }

  static func load(_ event: String, participants: String? = nil) -> InstanceLoadResult {
    InstanceLoader.load(
      eventData: Data(event.utf8), participants: participants.map { Data($0.utf8) }, participantsFile: "participants.csv")
  }

  /// Solves, checks with the independent checker, and returns the placements by session id.
  static func solvedAndChecked(_ instance: Instance) throws -> (TimetableSolution, [String: (slot: Int, room: String)]) {
    let solution = solve(instance)
    let timetable = try #require(solution.timetable)
    let report = Checker(instance: instance).check(timetable)
    #expect(report.isValid, "\(report.violations.map(\.message))")
    #expect(RuleChecker(instance: instance, timetable: timetable).timetableViolations() == [])
    var placed: [String: (slot: Int, room: String)] = [:]
    for p in timetable.placements { placed[instance.sessions[p.run.session].id] = (p.slot, instance.rooms[p.room].id) }
    return (solution, placed)
  }

  @Test(
    "a codelab runs through a pause only talks (or the hall) take: hand optimum 2.30",
    arguments: ["kinds: [talk]", "rooms: [hall]", "rooms: [hall], kinds: [talk, keynote]"])
  func codelabThroughPause(_ scope: String) throws {
    let loaded = Self.load(Self.labEvent(pauseScope: scope))
    let instance = try #require(loaded.instance, "\(loaded.diagnostics.map(\.formatted))")
    // The pause splits no block: all three slots before and after it are one block until lunch.
    #expect(instance.slots.map(\.block) == [0, 0, 1])
    let (solution, placed) = try Self.solvedAndChecked(instance)
    #expect(solution.status == .optimal)
    #expect(abs((solution.objective?.value ?? .nan) - 2.30) < 1e-6)
    #expect(placed["codelab"]?.slot == 0 && placed["codelab"]?.room == "lab")
    let talks = ["t1", "t2", "t3"].compactMap { placed[$0] }
    #expect(talks.filter { $0.room == "lab" }.map(\.slot) == [2])
    #expect(Set(talks.filter { $0.room == "hall" }.map(\.slot)).count == 2)
  }

  @Test("a pause every room and kind takes ends the block: the codelab fits nowhere")
  func generalPause() throws {
    let loaded = Self.load(Self.labEvent(pauseScope: nil))
    #expect(loaded.instance == nil)
    let diagnostic = try #require(loaded.diagnostics.first { $0.code == "duration-fits-no-block" })
    #expect(diagnostic.location.path == "sessions[3].duration")
  }

  @Test("a talk never runs through a pause talks take, even where the slots would allow it")
  func talkStopsAtItsPause() throws {
    // A 70-minute talk from 10:00 would end at 11:10, in the next slot of the block.
    let event = Self.labEvent(pauseScope: "kinds: [talk]").replacingOccurrences(
      of: "title: Talk 3, kind: talk, duration: 50", with: "title: Talk 3, kind: talk, duration: 70")
    let loaded = Self.load(event)
    #expect(loaded.instance == nil)
    let diagnostic = try #require(loaded.diagnostics.first { $0.code == "duration-fits-no-block" })
    #expect(diagnostic.location.path == "sessions[2].duration")
    #expect(diagnostic.hint?.contains("breaks that talk sessions take end their blocks") == true)
  }

  @Test("a break naming an unknown room is an error with a did-you-mean hint; a named break may overlap a slot")
  func breakValidation() throws {
    let loaded = Self.load(Self.labEvent(pauseScope: "rooms: [hal]"))
    let unknown = try #require(loaded.diagnostics.first { $0.code == "unknown-room" })
    #expect(unknown.location.path == "days[0].breaks[0].rooms[0]")
    #expect(unknown.location.line == 11)
    #expect(unknown.hint?.contains("hall") == true)
    // Talks lunch 12:00–13:00 while the lab uses a 12:00 slot: fine once the break names talks.
    let overlapping = Self.labEvent(pauseScope: "kinds: [talk]")
      .replacingOccurrences(of: "- {start: \"13:00\", end: \"13:50\"}", with: "- {start: \"12:00\", end: \"12:50\"}")
    #expect(Self.load(overlapping).diagnostics.contains { $0.code == "break-overlaps-slot" })
    let named = overlapping.replacingOccurrences(
      of: "{title: Lunch, start: \"12:00\", end: \"13:00\"}", with: "{title: Lunch, start: \"12:00\", end: \"13:00\", kinds: [talk]}")
    #expect(!Self.load(named).diagnostics.contains { $0.code == "break-overlaps-slot" })
    // A misspelt key is caught by the schema with a suggestion.
    let misspelt = Self.load(Self.labEvent(pauseScope: "kind: [talk]"))
    #expect(misspelt.diagnostics.contains { $0.hint?.contains("kinds") == true })
  }

  /// Ten participants; the hall (10 seats) serves lunch 12:00–13:00, when only the small room (2)
  /// is open. Every slot must seat everyone (seat_coverage 1) except the lunch slot, `seat_coverage: 0`.
  ///
  /// Hand optimum: talks expect nobody, so empty_seats is 0.10 in the hall and 0.02 in the small
  /// room. 11:00 and 13:00 need 10 seats: a talk in the hall each (0.10 + 0.10); the third talk in
  /// the small room, in any slot (0.02): 0.22. Without the slot's coverage the lunch slot needs 10
  /// seats of 2, and validate refuses the event (seat-shortage).
  static func mealEvent(lunchCoverage: String?) -> String {
    """
    name: Meal slot
    time_zone: Europe/Paris
    seat_coverage: 1
    days:
      - id: d1
        date: 2024-06-03
        slots:
          - {start: "11:00", end: "12:00"}
          - {start: "12:00", end: "13:00"\(lunchCoverage.map { ", seat_coverage: \($0)" } ?? "")}
          - {start: "13:00", end: "14:00"}
    rooms:
      - {id: hall, capacity: 10, unavailable: [{day: d1, start: "12:00", end: "13:00"}]}
      - {id: small, capacity: 2}
    sessions:
      - {id: a, title: A, kind: talk, duration: 60}
      - {id: b, title: B, kind: talk, duration: 60}
      - {id: q, title: Quickie, kind: talk, duration: 60}
    """
  }

  static let tenParticipants = "id,days\n" + (1...10).map { "p\($0),d1\n" }.joined()

  @Test("a meal slot with seat_coverage 0 needs no seats: hand optimum 0.22")
  func mealSlot() throws {
    let loaded = Self.load(Self.mealEvent(lunchCoverage: "0"), participants: Self.tenParticipants)
    let instance = try #require(loaded.instance, "\(loaded.diagnostics.map(\.formatted))")
    #expect(instance.slots.indices.map { instance.seatDemand(inSlot: $0) } == [10, 0, 10])
    let (solution, placed) = try Self.solvedAndChecked(instance)
    #expect(solution.status == .optimal)
    #expect(abs((solution.objective?.value ?? .nan) - 0.22) < 1e-6)
    #expect(["a", "b", "q"].filter { placed[$0]?.room == "hall" }.map { placed[$0]?.slot ?? -1 }.sorted() == [0, 2])
  }

  @Test("without it validate refuses the lunch slot, and says how to mark a meal slot")
  func mealSlotShortage() throws {
    let loaded = Self.load(Self.mealEvent(lunchCoverage: nil), participants: Self.tenParticipants)
    #expect(loaded.instance == nil)
    let shortage = try #require(loaded.diagnostics.first { $0.code == "seat-shortage" })
    #expect(shortage.location.path == "days[0].slots[1]")
    #expect(shortage.hint?.contains("seat_coverage: 0") == true)
    // Half the people at lunch would need 5 seats of the 2: still refused, with the slot's own hint.
    let half = Self.load(Self.mealEvent(lunchCoverage: "0.5"), participants: Self.tenParticipants)
    #expect(half.diagnostics.first { $0.code == "seat-shortage" }?.hint == "add rooms, or lower this slot's seat_coverage")
  }
}

/// Issue 16, item 7: a side without a bound says why.
@Suite("Bound notes")
struct BoundNoteTests {
  @Test("an interrupted solve names the bounds it could not compute, and the organisers keep the counting bound")
  func interrupted() throws {
    let loaded = PartialBreakTests.load(
      PartialBreakTests.mealEvent(lunchCoverage: "0"), participants: PartialBreakTests.tenParticipants)
    let instance = try #require(loaded.instance)
    var options = SolveOptions()
    let flag = CancellationFlag()
    flag.cancel()
    options.cancellation = flag
    let solution = TimetableSolver(instance: instance).solve(options: options)
    #expect(solution.timetable != nil)
    #expect(solution.objective?.bound != nil)
    #expect(solution.boundNotes.contains { $0.hasPrefix("the organisers' bound is the counting bound only") }, "\(solution.boundNotes)")
  }

  @Test("a solve that finishes has no notes")
  func finished() throws {
    let loaded = PartialBreakTests.load(PartialBreakTests.labEvent(pauseScope: "kinds: [talk]"))
    #expect(solve(try #require(loaded.instance)).boundNotes == [])
  }
}
