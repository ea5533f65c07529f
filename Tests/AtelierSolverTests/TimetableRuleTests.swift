import AtelierCore
import AtelierMIP
import AtelierSolver
import Testing

/// One tiny instance whose soft terms pull the optimum across a hard rule, with the hand optimum
/// of the constrained problem: exact placements (session id or `id#run` → `slot@room`, or → slot
/// when the room is free) and the objective value.
struct RuleCase: Sendable, CustomTestStringConvertible {
  var name: String
  var instance: Instance
  var placements: [String: String] = [:]
  var starts: [String: Int] = [:]
  var objective: Double
  var testDescription: String { name }
}

func solve(_ instance: Instance, seconds: Double = 20, modelledPairs: Int = 400) -> TimetableSolution {
  var options = SolveOptions()
  options.timeLimit = seconds
  var solver = TimetableSolver(instance: instance)
  solver.clashPairsModelled = modelledPairs
  return solver.solve(options: options)
}

@Suite("Timetable hard rules on tiny instances")
struct TimetableRuleTests {
  typealias T = Tiny
  static let hall = T.room("hall", 100)

  // MARK: - H2 within one block

  static let h2: [RuleCase] = [
    // Slots 0 09:00, 1 10:00, lunch 11:00–11:30, 2 11:30–12:30. The 2-hour talk avoids 09:00–10:00, so
    // 10:00 (across lunch) or 11:30 (past the day's end) would cost 0; only 09:00 keeps it in a block: 10.
    RuleCase(
      name: "H2 never across lunch or past the day's end",
      instance: T.instance(
        slots: 3, lunchAfter: 2, rooms: [hall],
        sessions: [T.talk("long", minutes: 120, avoided: [T.window(0, 9, 10)])]),
      placements: ["long": "0@hall"], objective: 10),
    // Two days of 09:00 and 10:00. Only 10:00–12:00 on d1 is inside the preferred window but it
    // leaves the day; d2 09:00 is avoided (3 + 10); d1 09:00 misses the preference only: 3.
    RuleCase(
      name: "H2 never past the last slot of a day",
      instance: T.instance(
        days: 2, rooms: [hall],
        sessions: [T.talk("long", minutes: 120, preferred: [T.window(0, 10, 12)], avoided: [T.window(1, 9, 10)])]),
      placements: ["long": "0@hall"], objective: 3),
  ]

  // MARK: - H3 capacity, H4 features and kinds (empty_seats prefers the small room)

  static let participants12 = (1...12).map { Participant(id: "p\($0)", days: [0], choices: [0]) }
  static let participants15 = (1...15).map { Participant(id: "p\($0)", days: [0], choices: [0]) }
  static let small = T.room("small", 10)
  static let big = T.room("big", 100)

  static let h3h4: [RuleCase] = [
    // Audience 50 fits only the big room: empty seats (100 − 50) / 100 = 0.5.
    RuleCase(
      name: "H3 stated audience",
      instance: T.instance(
        slots: 1, rooms: [small, big], sessions: [T.talk("t", audience: 50)], weights: T.seatWeights),
      placements: ["t": "0@big"], objective: 0.5),
    // A workshop of 20 seats its maximum size: (100 − 20) / 100 = 0.8.
    RuleCase(
      name: "H3 workshop max size",
      instance: T.instance(
        slots: 1, rooms: [small, big], sessions: [T.workshop("w", maxSize: 20)], weights: T.seatWeights),
      placements: ["w": "0@big"], objective: 0.8),
    // No stated audience: the 12 who chose it; (100 − 12) / 100 = 0.88. Seat coverage 0: no H12 demand.
    RuleCase(
      name: "H3 audience from choices",
      instance: T.instance(
        slots: 1, rooms: [small, big], sessions: [T.talk("t", audience: nil)], participants: participants12,
        weights: T.seatWeights, seatCoverage: 0),
      placements: ["t": "0@big"], objective: 0.88),
    // An exclusive session seats everyone present: 12 people; 0.88.
    RuleCase(
      name: "H3 exclusive seats everyone present",
      instance: T.instance(
        slots: 1, rooms: [small, big], sessions: [T.talk("open", audience: nil, exclusive: true)],
        participants: participants12.map { Participant(id: $0.id, days: [0], choices: []) }, weights: T.seatWeights,
        seatCoverage: 0),
      placements: ["open": "0@big"], objective: 0.88),
    // Two runs share the 15 choosers: ⌈15 / 2⌉ = 8 per run, so the small room is allowed for both;
    // runs ordered, different slots (H11): 2 × (10 − 8) / 100 = 0.04.
    RuleCase(
      name: "H3 repeated session splits its audience",
      instance: T.instance(
        rooms: [small, big], sessions: [T.talk("t", audience: nil, runs: 2)], participants: participants15,
        weights: T.seatWeights, seatCoverage: 0),
      placements: ["t#1": "0@small", "t#2": "1@small"], objective: 0.04),
    // Needs a projector: only the 50-seat room has one; (50 − 10) / 100 = 0.4.
    RuleCase(
      name: "H4 required feature",
      instance: T.instance(
        slots: 1, rooms: [T.room("plain", 10), T.room("beamer", 50, features: ["projector"])],
        sessions: [T.talk("t", requires: ["projector"])], weights: T.seatWeights),
      placements: ["t": "0@beamer"], objective: 0.4),
    // The lab takes workshops only: the talk goes to the 50-seat room; 0.4.
    RuleCase(
      name: "H4 room kinds",
      instance: T.instance(
        slots: 1, rooms: [T.room("lab", 10, kinds: [.workshop]), T.room("salle", 50)], sessions: [T.talk("t")],
        weights: T.seatWeights),
      placements: ["t": "0@salle"], objective: 0.4),
  ]

  // MARK: - H5 room availability, H6 one run per room, H7 speakers, H8 pins

  static let h5to8: [RuleCase] = [
    // The only room is closed 09:00–10:00; the talk avoids 10:00–11:00 but must go there: 10.
    RuleCase(
      name: "H5 room closed",
      instance: T.instance(
        rooms: [T.room("hall", 100, unavailable: [T.window(0, 9, 10)])],
        sessions: [T.talk("t", avoided: [T.window(0, 10, 11)])]),
      placements: ["t": "1@hall"], objective: 10),
    // One room: a avoids 10:00 (10), b prefers 09:00 (3); both at 09:00 would cost 0; a first: 3.
    RuleCase(
      name: "H6 one run per room",
      instance: T.instance(
        rooms: [hall],
        sessions: [T.talk("a", avoided: [T.window(0, 10, 11)]), T.talk("b", preferred: [T.window(0, 9, 10)])]),
      placements: ["a": "0@hall", "b": "1@hall"], objective: 3),
    // Changeover 15: after a (pinned 09:00–10:00) the room is free from 10:15, so b cannot take
    // 10:00 and goes to its avoided 11:00: 10.
    RuleCase(
      name: "H6 changeover",
      instance: T.instance(
        slots: 3, rooms: [hall],
        sessions: [T.talk("a", pins: [Pin(start: T.clock(9))]), T.talk("b", avoided: [T.window(0, 11, 12)])],
        changeover: 15),
      placements: ["a": "0@hall", "b": "2@hall"], objective: 10),
    // The speaker is away 09:00–10:00: 10:00, avoided: 10.
    RuleCase(
      name: "H7 speaker away",
      instance: T.instance(
        rooms: [hall], sessions: [T.talk("t", speakers: [0], avoided: [T.window(0, 10, 11)])],
        speakers: [Speaker(id: "ada", name: "Ada", unavailable: [T.window(0, 9, 10)])]),
      placements: ["t": "1@hall"], objective: 10),
    // One speaker, two rooms: a avoids 10:00, b prefers 09:00; in parallel 0; a first: 3.
    RuleCase(
      name: "H7 speaker in one place at a time",
      instance: T.instance(
        rooms: [T.room("r1", 10), T.room("r2", 10)],
        sessions: [
          T.talk("a", speakers: [0], avoided: [T.window(0, 10, 11)]),
          T.talk("b", speakers: [0], preferred: [T.window(0, 9, 10)]),
        ],
        speakers: [Speaker(id: "ada", name: "Ada")]),
      starts: ["a": 0, "b": 1], objective: 3),
    // Pause 30: after a at 09:00–10:00, b cannot start at 10:00; 11:00 is avoided: 10.
    RuleCase(
      name: "H7 speaker pause",
      instance: T.instance(
        slots: 3, rooms: [T.room("r1", 10), T.room("r2", 10)],
        sessions: [
          T.talk("a", speakers: [0], pins: [Pin(start: T.clock(9))]),
          T.talk("b", speakers: [0], avoided: [T.window(0, 11, 12)]),
        ],
        speakers: [Speaker(id: "cy", name: "Cy", minPause: 30)]),
      starts: ["a": 0, "b": 2], objective: 10),
    // Pinned to the big room although the small one leaves fewer empty seats: (100 − 10) / 100 = 0.9.
    RuleCase(
      name: "H8 pinned room",
      instance: T.instance(
        slots: 1, rooms: [small, big], sessions: [T.talk("t", pins: [Pin(room: 1)])], weights: T.seatWeights),
      placements: ["t": "0@big"], objective: 0.9),
    // Pinned at 10:00, which it avoids: 10.
    RuleCase(
      name: "H8 pinned start",
      instance: T.instance(
        rooms: [hall], sessions: [T.talk("t", pins: [Pin(start: T.clock(10))], avoided: [T.window(0, 10, 11)])]),
      placements: ["t": "1@hall"], objective: 10),
    // Pinned on d2 (slot 1 of a 2-day, 1-slot grid), which it avoids: 10.
    RuleCase(
      name: "H8 pinned day",
      instance: T.instance(
        days: 2, slots: 1, rooms: [hall], sessions: [T.talk("t", pins: [Pin(day: 1)], avoided: [T.window(1, 9, 10)])]),
      placements: ["t": "1@hall"], objective: 10),
    // Run 1 pinned 11:00, run 2 pinned 09:00 (against run order), both miss the 10:00 preference: 6.
    RuleCase(
      name: "H8 pins per run",
      instance: T.instance(
        slots: 3, rooms: [hall],
        sessions: [
          T.talk(
            "t", runs: 2, pins: [Pin(start: T.clock(11)), Pin(start: T.clock(9))], preferred: [T.window(0, 10, 11)])
        ]),
      placements: ["t#1": "2@hall", "t#2": "0@hall"], objective: 6),
  ]

  // MARK: - H9 exclusive, H10 precedence, H11 repeated runs, H12 seats

  static let open = T.talk("open", exclusive: true, pins: [Pin(day: 0, start: T.clock(9), room: 0)])
  static let participants10 = (1...10).map { Participant(id: "p\($0)", days: [0], choices: []) }

  static let h9to12: [RuleCase] = [
    // The opening is exclusive at 09:00; b prefers 09:00 but must wait: 3.
    RuleCase(
      name: "H9 exclusive",
      instance: T.instance(rooms: [hall, small], sessions: [open, T.talk("b", preferred: [T.window(0, 9, 10)])]),
      starts: ["open": 0, "b": 1], objective: 3),
    // Same with changeover 10: b at 10:00 must also avoid the hall (free from 10:10): the small room.
    RuleCase(
      name: "H9 exclusive with changeover",
      instance: T.instance(
        rooms: [hall, small], sessions: [open, T.talk("b", preferred: [T.window(0, 9, 10)])], changeover: 10),
      placements: ["open": "0@hall", "b": "1@small"], objective: 3),
    // Two exclusive sessions and nothing else, changeover 10: both prefer 09:00 and two rooms are
    // free, but they may not run in parallel; e1 avoids 10:00 (10), so e2 waits: 3.
    RuleCase(
      name: "H9 two exclusive sessions with changeover",
      instance: T.instance(
        rooms: [hall, small],
        sessions: [
          T.talk("e1", exclusive: true, preferred: [T.window(0, 9, 10)], avoided: [T.window(0, 10, 11)]),
          T.talk("e2", exclusive: true, preferred: [T.window(0, 9, 10)]),
        ], changeover: 10),
      starts: ["e1": 0, "e2": 1], objective: 3),
    // The same without changeover.
    RuleCase(
      name: "H9 two exclusive sessions",
      instance: T.instance(
        rooms: [hall, small],
        sessions: [
          T.talk("e1", exclusive: true, preferred: [T.window(0, 9, 10)], avoided: [T.window(0, 10, 11)]),
          T.talk("e2", exclusive: true, preferred: [T.window(0, 9, 10)]),
        ]),
      starts: ["e1": 0, "e2": 1], objective: 3),
    // b after a; a prefers 10:00, b 09:00: swapped would cost 0; a first: 3 + 3 = 6.
    RuleCase(
      name: "H10 precedence",
      instance: T.instance(
        rooms: [hall, small],
        sessions: [
          T.talk("a", preferred: [T.window(0, 10, 11)]), T.talk("b", after: [0], preferred: [T.window(0, 9, 10)]),
        ]),
      starts: ["a": 0, "b": 1], objective: 6),
    // Across days: a prefers d2, b prefers d1; b after a: a on d1, b on d2: 6.
    RuleCase(
      name: "H10 precedence across days",
      instance: T.instance(
        days: 2, slots: 1, rooms: [hall, small],
        sessions: [
          T.talk("a", preferred: [T.window(1, 9, 10)]), T.talk("b", after: [0], preferred: [T.window(0, 9, 10)]),
        ]),
      starts: ["a": 0, "b": 1], objective: 6),
    // b after both runs of a (which never overlap, run 1 first): a#1 09:00, a#2 10:00, b 11:00; b
    // misses its 09:00 preference: 3.
    RuleCase(
      name: "H10 precedence after every run",
      instance: T.instance(
        slots: 3, rooms: [hall, small],
        sessions: [T.talk("a", runs: 2), T.talk("b", after: [0], preferred: [T.window(0, 9, 10)])]),
      starts: ["a#1": 0, "a#2": 1, "b": 2], objective: 3),
    // Both runs prefer 09:00 and two rooms are free; run 2 must go to 10:00: 3.
    RuleCase(
      name: "H11 runs of one session apart",
      instance: T.instance(rooms: [hall, small], sessions: [T.talk("t", runs: 2, preferred: [T.window(0, 9, 10)])]),
      starts: ["t#1": 0, "t#2": 1], objective: 3),
    // 10 present, coverage 1: each slot needs 10 seats; both rooms seat 10. a avoids 10:00, b prefers
    // 09:00: together at 09:00 (0) leaves 10:00 empty; a at 09:00, b at 10:00: 3.
    RuleCase(
      name: "H12 seats in every slot",
      instance: T.instance(
        rooms: [T.room("r1", 10), T.room("r2", 10)],
        sessions: [
          T.talk("a", audience: 5, avoided: [T.window(0, 10, 11)]),
          T.talk("b", audience: 5, preferred: [T.window(0, 9, 10)]),
        ],
        participants: participants10),
      starts: ["a": 0, "b": 1], objective: 3),
    // 5 present: 5 seats per slot. Workshops seat their maximum (4) even in a 10-seat room, so a slot
    // needs the talk (10) or both workshops (8). The talk avoids 10:00; all prefer 09:00.
    // t@09:00 + both workshops @10:00: 3 + 3 = 6 (counting room capacity instead, one workshop
    // could stay at 09:00 for 3).
    RuleCase(
      name: "H12 workshop seats are their maximum size",
      instance: T.instance(
        rooms: [T.room("r1", 10), T.room("r2", 10)],
        sessions: [
          T.talk("t", audience: 5, preferred: [T.window(0, 9, 10)], avoided: [T.window(0, 10, 11)]),
          T.talk("w", kind: .workshop, audience: nil, maxSize: 4, preferred: [T.window(0, 9, 10)]),
          T.talk("x", kind: .workshop, audience: nil, maxSize: 4, preferred: [T.window(0, 9, 10)]),
        ],
        participants: Array(participants10.prefix(5))),
      starts: ["t": 0, "w": 1, "x": 1], objective: 6),
  ]

  @Test("the optimum keeps the rule", arguments: h2 + h3h4 + h5to8 + h9to12)
  func ruleHolds(_ rule: RuleCase) throws {
    let solution = solve(rule.instance)
    #expect(solution.status == .optimal)
    let timetable = try #require(solution.timetable)
    #expect(RuleChecker(instance: rule.instance, timetable: timetable).timetableViolations() == [])
    if !rule.placements.isEmpty { #expect(Tiny.placements(timetable, in: rule.instance) == rule.placements) }
    if !rule.starts.isEmpty { #expect(Tiny.starts(timetable, in: rule.instance) == rule.starts) }
    let value = try #require(solution.objective?.value)
    #expect(abs(value - rule.objective) < 1e-6, "objective \(value), by hand \(rule.objective)")
    // The reported terms add up to the objective.
    let sum = solution.objective?.terms.reduce(0) { $0 + $1.contribution } ?? .nan
    #expect(abs(sum - value) < 1e-6)
  }
}
