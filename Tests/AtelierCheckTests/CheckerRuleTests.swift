import AtelierCheck
import AtelierCore
import Testing

/// One change to the tiny event or its valid timetable that breaks exactly one rule.
struct Mutation: Sendable, CustomTestStringConvertible {
  var rule: String
  var what: String
  var apply: @Sendable (inout Instance, inout Timetable) -> Void

  var testDescription: String { "\(rule): \(what)" }

  init(_ rule: String, _ what: String, _ apply: @escaping @Sendable (inout Instance, inout Timetable) -> Void) {
    self.rule = rule
    self.what = what
    self.apply = apply
  }

  /// Moves one run; everything else stays as in `TinyEvent.timetable`.
  static func move(_ rule: String, _ what: String, _ session: Int, run: Int = 1, slot: Int, room: Int) -> Mutation {
    Mutation(rule, what) { _, timetable in
      timetable = TinyEvent.moving(TinyEvent.run(session, run), toSlot: slot, room: room)
    }
  }

  /// Adds assignments to the valid ones.
  static func adding(_ rule: String, _ what: String, _ extra: [Timetable.Assignment]) -> Mutation {
    Mutation(rule, what) { _, timetable in
      timetable = Timetable(placements: timetable.placements, assignments: timetable.assignments + extra)
    }
  }
}

typealias T = TinyEvent

@Suite("Checker: one test per rule")
struct CheckerRuleTests {
  static let mutations: [Mutation] = [
    Mutation("H1", "talk-b is not placed") { _, t in
      t = Timetable(placements: t.placements.filter { $0.run.session != T.talkB }, assignments: t.assignments)
    },
    Mutation("H1", "ws-y is placed twice") { _, t in
      t = Timetable(placements: t.placements + [T.place(T.wsY, slot: 3, room: T.lab)], assignments: t.assignments)
    },
    Mutation("H1", "ws-y run 2 does not exist") { _, t in
      t = Timetable(
        placements: t.placements + [T.place(T.wsY, run: 2, slot: 4, room: T.salon)], assignments: t.assignments)
    },
    Mutation("H1", "a room index that does not exist") { _, t in
      t = T.moving(T.run(T.wsY), toSlot: 3, room: 9)
    },
    // long lasts 120 minutes: from d2 10:00 it would end at 12:00, past its block's end at 11:00.
    .move("H2", "long leaves its block", T.long, slot: 4, room: T.hall),
    // long (a talk) holds the hall d2 09:00–11:00, through a 10:00–10:15 pause that talks take;
    // the workshops beside it end at 10:00.
    Mutation("H2", "long through a pause talks take") { instance, _ in
      instance.days[1].breaks.append(Break(title: "Pause", start: T.minutes(10), end: T.minutes(10, 15), kinds: [.talk]))
    },
    Mutation("H2", "long through a pause the hall takes") { instance, _ in
      instance.days[1].breaks.append(Break(title: "Pause", start: T.minutes(10), end: T.minutes(10, 15), rooms: [T.hall]))
    },
    // talk-a expects 40; the salon seats 30.
    .move("H3", "talk-a in a room too small", T.talkA, slot: 1, room: T.salon),
    // talk-b needs sound; the studio has only a projector.
    .move("H4", "talk-b without its feature", T.talkB, slot: 2, room: T.studio),
    // The lab takes workshops only.
    .move("H4", "a round table in the lab", T.meet, slot: 5, room: T.lab),
    // The salon is closed d1 11:30–12:30.
    .move("H5", "ws-x run 2 in the closed salon", T.wsX, run: 2, slot: 2, room: T.salon),
    // long holds the hall d2 09:00–11:00.
    .move("H6", "ws-y in the hall during long", T.wsY, slot: 3, room: T.hall),
    // open ends at 10:00 and talk-a starts at 10:00 in the hall: 0 < 15 minutes of changeover.
    Mutation("H6", "no time for the changeover") { instance, _ in instance.changeoverMinutes = 15 },
    // Swap the talks: Bob (talk-a) is away d1 11:30–12:30.
    Mutation("H7", "Bob is away") { _, t in
      t = Timetable(
        placements: t.placements.map {
          $0.run.session == T.talkA
            ? T.place(T.talkA, slot: 2, room: T.hall)
            : $0.run.session == T.talkB ? T.place(T.talkB, slot: 1, room: T.hall) : $0
        }, assignments: t.assignments)
    },
    // Ada gives open (to 10:00) then talk-a (from 10:00): 0 < 15 minutes of pause.
    Mutation("H7", "Ada's pause") { instance, _ in instance.speakers[0].minPause = 15 },
    // Ada would give talk-a and ws-x run 1 both at d1 10:00.
    Mutation("H7", "Ada in two places") { instance, _ in instance.sessions[T.wsX].speakers = [0] },
    // open is pinned to the hall.
    .move("H8", "open in the studio", T.open, slot: 0, room: T.studio),
    Mutation("H8", "open pinned to d2") { instance, _ in instance.sessions[T.open].pins = [Pin(day: 1)] },
    // open is exclusive, d1 09:00–10:00.
    .move("H9", "ws-y alongside open", T.wsY, slot: 0, room: T.salon),
    // ws-v must follow both runs of ws-x (which end d1 11:00 and 12:30).
    .move("H10", "ws-v before ws-x", T.wsV, slot: 1, room: T.salon),
    // Both runs of ws-x at d1 10:00.
    .move("H11", "ws-x runs at once", T.wsX, run: 2, slot: 1, room: T.salon),
    // meet was the only session d2 11:30–12:30, where p5 needs a seat.
    .move("H12", "no seat for p5", T.meet, slot: 4, room: T.studio),
    // The same, with the slot's own seat coverage: half of one present is still one seat.
    Mutation("H12", "no seat for p5 at the slot's coverage 0.5") { instance, t in
      instance.slots[5].seatCoverage = 0.5
      t = T.moving(T.run(T.meet), toSlot: 4, room: T.studio)
    },
    // talk-a starts d1 10:00, talk-b d1 11:30.
    Mutation("H13", "talk-a and talk-b in the same slot") { instance, _ in
      instance.relations = [SessionRelation(.sameSlot, T.talkA, T.talkB)]
    },
    // ws-x runs d1 10:00 and 11:30; talk-a only at 10:00, so ws-x run 2 has no partner.
    Mutation("H13", "ws-x run 2 without talk-a") { instance, _ in
      instance.relations = [SessionRelation(.sameSlot, T.wsX, T.talkA)]
    },
    // ws-y (lab) and long (hall) both run d2 from 09:00.
    Mutation("H14", "ws-y and long in different slots") { instance, _ in
      instance.relations = [SessionRelation(.differentSlot, T.long, T.wsY)]
    },
    // talk-a is on d1, ws-y on d2.
    Mutation("H15", "talk-a and ws-y on the same day") { instance, _ in
      instance.relations = [SessionRelation(.sameDay, T.wsY, T.talkA)]
    },
    // talk-a is a talk, and p3 did not choose it.
    .adding("A1", "p3 in a talk", [T.assign(T.p3, T.talkA)]),
    .adding("A1", "p2 in an unknown run", [T.assign(T.p2, T.wsY, run: 3)]),
    // Two participants in each run of ws-x, now limited to 1.
    Mutation("A2", "groups of one") { instance, _ in instance.sessions[T.wsX].maxSize = 1 },
    // ws-y and ws-v both at d2 09:00.
    Mutation("A3", "p1 in two places") { instance, t in
      instance.participants[T.p1].days = [0, 1]
      t = Timetable(
        placements: t.placements, assignments: t.assignments + [T.assign(T.p1, T.wsY), T.assign(T.p1, T.wsV)])
    },
    // ws-y is on d2; p1 comes on d1 only.
    .adding("A4", "p1 on a day away", [T.assign(T.p1, T.wsY)]),
    Mutation("A5", "p1 wants none") { instance, _ in instance.participants[T.p1].maxWorkshops = 0 },
    .adding("A5", "p1 in both runs of ws-x", [T.assign(T.p1, T.wsX, run: 2)]),
    .adding("A5", "p1 twice in one run", [T.assign(T.p1, T.wsX, run: 1)]),
    // Each run of ws-x has two participants; a minimum of 3 (policy cancel) allows 0 or 3 and more.
    Mutation("A6", "ws-x below its minimum") { instance, _ in instance.sessions[T.wsX].minSize = 3 },
    // p1 now comes on d2 too and chose ws-y (one seat): the seat is theirs to fill, none is free
    // for p5, who sits anywhere.
    Mutation("A7", "p5 seated anywhere in a seat p1 could fill") { instance, t in
      instance.participants[T.p1].days = [0, 1]
      instance.participants[T.p5].anywhere = true
      instance.sessions[T.wsY].maxSize = 1
      t = Timetable(placements: t.placements, assignments: t.assignments + [T.assign(T.p5, T.wsY)])
    },
    // Parallel runs of ws-x at d1 10:00 (lab, salon), but Cy gives both: H11 does not apply, H7 does.
    Mutation("H7", "parallel runs of ws-x share Cy") { instance, t in
      instance.sessions[T.wsX].parallelRuns = true
      instance.sessions[T.wsX].speakers = [2]
      t = T.moving(T.run(T.wsX, 2), toSlot: 1, room: T.salon)
    },
    // p2 fills every slot: d1 10:00 has ws-x#1 (theirs), d1 11:30 ws-x#2, a run of a workshop they
    // already have, so nothing there (09:00 has only the exclusive opening).
    Mutation("A8", "p2 without a workshop at d1 11:30") { instance, _ in instance.participants[T.p2].everySlot = true },
    // The same with max_workshops: every_slot as the event's default; p5 (d2) then needs a
    // workshop at d2 09:00 (ws-y and ws-v), and every d1 participant at one of 10:00 or 11:30.
    Mutation("A8", "every_slot by default") { instance, _ in instance.everySlot = true },
    // ws-y has nobody: under cancel it is cancelled (valid); a hard minimum of 1 breaks.
    Mutation("A6", "ws-y empty under a hard minimum") { instance, _ in
      instance.sessions[T.wsY].minSize = 1
      instance.minSizePolicy = .hard
    },
    // Session blocks (issue 16). The hall's first block holds open (no track) and talk-a (main).
    Mutation("H16", "main in blocks: open beside talk-a in the hall d1 09:00–11:00") { instance, _ in
      instance.tracks[0].blocks = true
    },
    // ws-y (lab, d2 09:00) and ws-v moved to the studio at 10:00: one block, two rooms, both Ada's.
    Mutation("H17", "Ada gives ws-y and ws-v of track side (in blocks) in two rooms of d2's first block") { instance, t in
      instance.tracks.append(Track(id: "side", name: "Side"))
      instance.tracks[1].blocks = true
      for s in [T.wsY, T.wsV] {
        instance.sessions[s].track = 1
        instance.sessions[s].speakers = [0]
      }
      t = T.moving(T.run(T.wsV), toSlot: 4, room: T.studio)
    },
    // ws-y (side) at d2 09:00 shares d2's first block with long and ws-v (main).
    Mutation("H18", "ws-y of track side, similar to main, in a block with long") { instance, _ in
      instance.tracks.append(Track(id: "side", name: "Side"))
      instance.sessions[T.wsY].track = 1
      instance.similarTracks = [TrackPair(0, 1)]
    },
  ]

  @Test("a participant who sits anywhere may have a workshop they did not choose, worth weights.anywhere")
  func seatAnywhere() {
    var instance = T.instance
    instance.participants[T.p5].anywhere = true
    let timetable = Timetable(placements: T.placements, assignments: T.assignments + [T.assign(T.p5, T.wsY)])
    let report = Checker(instance: instance).check(timetable)
    #expect(report.isValid, "\(report.violations.map(\.message))")
    // Four first choices of ws-x: p1, p2, p4 rank 1 (3 each, L = 3), p3 rank 2 (2); p5 anywhere 0.5.
    #expect(report.welfare == 3 + 3 + 2 + 3 + 0.5)
  }

  @Test("parallel_runs: both runs of ws-x at d1 10:00 in two rooms keep every rule")
  func parallelRuns() {
    var instance = T.instance
    instance.sessions[T.wsX].parallelRuns = true
    let report = Checker(instance: instance).check(T.moving(T.run(T.wsX, 2), toSlot: 1, room: T.salon))
    #expect(report.violations == [], "\(report.violations.map(\.message))")
  }

  @Test("every_slot: p5 in ws-y, which they did not choose, fills d2 09:00 from any seat, worth weights.anywhere")
  func everySlot() throws {
    var instance = T.instance
    instance.participants[T.p5].everySlot = true
    // ws-y seats one, and p1 (now on d2 too) chose it: no seat is free for A7, which does not apply.
    instance.participants[T.p1].days = [0, 1]
    instance.sessions[T.wsY].maxSize = 1
    let timetable = Timetable(placements: T.placements, assignments: T.assignments + [T.assign(T.p5, T.wsY)])
    let report = Checker(instance: instance).check(timetable)
    #expect(report.isValid, "\(report.violations.map(\.message))")
    #expect(report.welfare == 3 + 3 + 2 + 3 + 0.5)
    // Without it, A8 names the slot.
    let missing = Checker(instance: instance).check(T.timetable)
    let violation = try #require(missing.violations.first)
    #expect(missing.violations.map(\.rule) == ["A8"])
    #expect(violation.message == "participant p5 attends no workshop at Thursday 29 Sep 09:00, where 2 workshop runs take place (max_workshops: every_slot)")
  }

  /// Issue 16: a break that names rooms or kinds stops only those; a meal slot needs no seats.
  @Test(
    "runs of other kinds or rooms may run through a break; a slot with seat_coverage 0 needs no seat",
    arguments: [
      Break(title: "Lab pause", start: T.minutes(10), end: T.minutes(10, 15), kinds: [.workshop]),
      Break(title: "Lab pause", start: T.minutes(10), end: T.minutes(10, 15), rooms: [T.lab]),
      Break(title: "Talks in the studio", start: T.minutes(10), end: T.minutes(10, 15), rooms: [T.studio], kinds: [.talk]),
    ])
  func partialBreaks(_ pause: Break) {
    var instance = T.instance
    instance.days[1].breaks.append(pause)
    // meet moved off d2 11:30 leaves that slot empty: valid once it is a meal slot.
    instance.slots[5].seatCoverage = 0
    let report = Checker(instance: instance).check(T.moving(T.run(T.meet), toSlot: 4, room: T.studio))
    #expect(report.violations == [], "\(report.violations.map(\.message))")
  }

  @Test("H2 names the break and who takes it; H12 names the slot's own coverage")
  func breakMessages() throws {
    var instance = T.instance
    instance.days[1].breaks.append(Break(title: "Pause", start: T.minutes(10), end: T.minutes(10, 15), kinds: [.talk]))
    instance.slots[5].seatCoverage = 0.5
    let report = Checker(instance: instance).check(T.moving(T.run(T.meet), toSlot: 4, room: T.studio))
    #expect(
      report.violations.map(\.message) == [
        "'long' (Long talk) runs on Thursday 29 Sep 09:00–11:00, through the break 'Pause' 10:00–10:15, which talk sessions take",
        "Thursday 29 Sep 11:30–12:30 offers 0 seats; 1 are needed (those present that day × the slot's seat coverage 0.5)",
      ])
  }

  @Test("an empty run with a minimum is cancelled, not a violation, under min_size_policy: cancel")
  func cancelledRun() {
    var instance = T.instance
    instance.sessions[T.wsY].minSize = 5
    #expect(Checker(instance: instance).check(T.timetable).isValid)
  }

  @Test("the tiny event's timetable keeps every rule")
  func validTimetable() {
    let report = Checker(instance: T.instance).check(T.timetable)
    #expect(report.violations == [], "\(report.violations.map(\.message))")
    #expect(report.isValid)
  }

  @Test("a mutation breaks exactly its rule", arguments: mutations)
  func mutation(_ mutation: Mutation) {
    var instance = T.instance
    var timetable = T.timetable
    mutation.apply(&instance, &timetable)
    let report = Checker(instance: instance).check(timetable)
    #expect(!report.violations.isEmpty)
    #expect(
      Set(report.violations.map(\.rule)) == [mutation.rule], "\(report.violations.map { "\($0.rule) \($0.message)" })")
    #expect(!report.isValid)
  }

  @Test("relations the timetable keeps report nothing (H13–H15)")
  func relationsKept() {
    var instance = T.instance
    // ws-y and long both start d2 09:00; ws-y and ws-v are both on d2; talk-a (d1 10:00–11:00)
    // and talk-b (d1 11:30) do not overlap.
    instance.relations = [
      SessionRelation(.sameSlot, T.long, T.wsY), SessionRelation(.sameDay, T.wsY, T.wsV),
      SessionRelation(.differentSlot, T.talkA, T.talkB),
    ]
    #expect(Checker(instance: instance).check(T.timetable).violations.map(\.message) == [])
  }

  @Test("every rule has a mutation")
  func coverage() {
    // A9 (online attendees) has its mutations in OnlineAttendanceCheckTests.
    #expect(Set((Self.mutations + OnlineAttendanceCheckTests.mutations).map(\.rule)) == Set(Violation.rules))
  }

  @Test("messages speak the organiser's language")
  func messages() throws {
    var timetable = T.timetable
    timetable = T.moving(T.run(T.wsY), toSlot: 3, room: T.hall)
    let report = Checker(instance: T.instance).check(timetable)
    let violation = try #require(report.violations.first)
    #expect(
      violation.message
        == "'ws-y' (Workshop Y, Thursday 29 Sep 09:00–10:00) and 'long' (Long talk, Thursday 29 Sep 09:00–11:00) "
        + "overlap in Main hall")
    #expect(violation.rule == "H6")
    #expect(violation.room == "hall")
    #expect(violation.session == "long")
  }

  @Test("violations are sorted by rule, then message")
  func order() {
    var instance = T.instance
    instance.changeoverMinutes = 15  // H6
    instance.sessions[T.wsX].maxSize = 1  // A2
    let timetable = Timetable(
      placements: T.placements.filter { $0.run.session != T.meet }, assignments: T.assignments)  // H1, H12
    let rules = Checker(instance: instance).check(timetable).violations.map(\.rule)
    #expect(rules == ["H1", "H6", "H12", "A2", "A2"])
  }
}
