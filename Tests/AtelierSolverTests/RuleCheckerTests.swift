import AtelierCore
import Testing

/// The test target's own rule checker must catch each rule on its own, or the property test proves
/// nothing: a valid timetable, then one change per rule that breaks exactly that rule.
@Suite("Rule checker of the solver tests")
struct RuleCheckerTests {
  typealias T = Tiny

  /// Two days, slots 0 09:00, 1 10:00, 2 11:30 (after lunch) on d1 and 3, 4, 5 likewise on d2.
  /// Rooms: 0 hall 100 {projector}, 1 lab 10 (workshops only, closed d2 09:00–10:00), 2 salle 60, 3 nook 20.
  /// Speakers: 0 Ada (away d2 11:30–12:30), 1 Cy (pause 45). Eleven people on d1 and one on d2: 11 seats
  /// per d1 slot, 1 per d2 slot.
  static let instance: Instance = {
    let participants =
      (1...10).map { Participant(id: "p\($0)", days: [0], choices: [4, 7]) }
      + [
        Participant(id: "p11", days: [1], choices: [4]),
        Participant(id: "p12", days: [0], choices: [4, 7], maxWorkshops: 1),
      ]
    return T.instance(
      days: 2, slots: 3, lunchAfter: 2,
      rooms: [
        T.room("hall", 100, features: ["projector"]),
        T.room("lab", 10, kinds: [.workshop], unavailable: [T.window(1, 9, 10)]),
        T.room("salle", 60), T.room("nook", 20),
      ],
      sessions: [
        T.talk("open", exclusive: true, pins: [Pin(day: 0, start: T.clock(9), room: 0)]),  // 0
        T.talk("a", speakers: [1]),  // 1
        T.talk("b", speakers: [1]),  // 2
        T.talk("long", minutes: 120),  // 3
        T.workshop("w", maxSize: 5, runs: 2),  // 4
        T.talk("p", speakers: [0], requires: ["projector"]),  // 5
        T.talk("big", audience: 50, after: [2]),  // 6
        T.workshop("v", maxSize: 6),  // 7
      ],
      speakers: [
        Speaker(
          id: "ada", name: "Ada", unavailable: [TimeWindow(day: 1, start: T.clock(11, 30), end: T.clock(12, 30))]),
        Speaker(id: "cy", name: "Cy", minPause: 45),
      ],
      participants: participants)
  }()

  static func at(_ session: Int, _ run: Int = 1, _ slot: Int, _ room: Int) -> Timetable.Placement {
    .init(run: .init(session: session, run: run), slot: slot, room: room)
  }

  static let valid = Timetable(
    placements: [
      at(0, 1, 0, 0), at(1, 1, 1, 0), at(2, 1, 3, 2), at(3, 1, 3, 0), at(4, 1, 1, 1), at(4, 2, 2, 1), at(5, 1, 2, 0),
      at(6, 1, 5, 2), at(7, 1, 2, 3),
    ],
    assignments: [
      .init(participant: 0, run: .init(session: 4, run: 1)), .init(participant: 1, run: .init(session: 4, run: 2)),
      .init(participant: 2, run: .init(session: 7, run: 1)),
    ])

  /// `valid` with one run moved.
  static func moving(_ p: Timetable.Placement) -> Timetable {
    Timetable(placements: valid.placements.filter { $0.run != p.run } + [p], assignments: valid.assignments)
  }

  static func assigning(_ extra: [(Int, Int, Int)]) -> Timetable {
    Timetable(
      placements: valid.placements,
      assignments: valid.assignments + extra.map { .init(participant: $0.0, run: .init(session: $0.1, run: $0.2)) })
  }

  @Test("the valid timetable passes")
  func validPasses() {
    let checker = RuleChecker(instance: Self.instance, timetable: Self.valid)
    #expect(checker.timetableViolations() == [])
    #expect(checker.assignmentViolations() == [])
  }

  @Test(
    "each broken rule is caught, and only it",
    arguments: [
      ("H1", Timetable(placements: valid.placements.filter { $0.run.session != 2 })),  // b missing
      ("H1", Timetable(placements: valid.placements + [at(1, 1, 5, 3)])),  // a twice
      ("H2", moving(at(3, 1, 4, 3))),  // long d2 10:00–12:00 across lunch
      ("H3", moving(at(6, 1, 5, 3))),  // 50 people in the nook (20)
      ("H4", moving(at(5, 1, 2, 2))),  // p needs the projector
      ("H4", moving(at(2, 1, 4, 1))),  // a talk in the workshop lab
      ("H5", moving(at(4, 2, 3, 1))),  // lab closed d2 09:00
      ("H6", moving(at(5, 1, 1, 0))),  // p with a in the hall
      ("H7", moving(at(5, 1, 5, 0))),  // Ada away d2 11:30
      ("H7", moving(at(2, 1, 2, 2))),  // Cy: a ends 11:00, b at 11:30 < 45 minutes
      ("H8", moving(at(0, 1, 0, 2))),  // open pinned to the hall
      ("H9", moving(at(4, 1, 0, 1))),  // w#1 beside the exclusive opening
      ("H10", moving(at(2, 1, 5, 0))),  // b at 11:30 d2, when big (after b) starts
      ("H11", moving(at(4, 2, 1, 2))),  // w#2 beside w#1
      ("H12", moving(at(1, 1, 5, 0))),  // a off to d2: d1 10:00 has only w#1's 5 seats for 11
    ])
  func brokenRuleCaught(rule: String, timetable: Timetable) {
    let problems = RuleChecker(instance: Self.instance, timetable: timetable).timetableViolations()
    #expect(!problems.isEmpty)
    #expect(problems.allSatisfy { $0.hasPrefix(rule + " ") }, "\(problems)")
  }

  @Test(
    "each broken assignment rule is caught, and only it",
    arguments: [
      ("A1", assigning([(3, 1, 1)])),  // the talk a: not chosen, not a workshop
      ("A2", assigning((3...7).map { ($0, 4, 1) })),  // 6 people in w#1 (5 seats)
      ("A3", assigning([(3, 4, 2), (3, 7, 1)])),  // w#2 and v both at d1 11:30
      ("A4", assigning([(10, 4, 1)])),  // p11 attends d2 only
      ("A5", assigning([(3, 4, 1), (3, 4, 2)])),  // both runs of w
      ("A5", assigning([(11, 4, 1), (11, 7, 1)])),  // p12 takes one workshop at most
    ])
  func brokenAssignmentCaught(rule: String, timetable: Timetable) {
    let problems = RuleChecker(instance: Self.instance, timetable: timetable).assignmentViolations()
    #expect(!problems.isEmpty)
    #expect(problems.allSatisfy { $0.hasPrefix(rule + " ") }, "\(problems)")
  }
}
