import AtelierCore
import AtelierMIP
import AtelierSolver
import Testing

@Suite("Timetable soft terms and infeasibility")
struct TimetableObjectiveTests {
  typealias T = Tiny

  /// A 20-person talk; the small room (20 seats, no empty seat) is open only 09:00–10:00, which the
  /// talk avoids; the big room (170 seats) is always open. Small at 09:00 costs w_avoided × 1; big
  /// at 10:00 costs 1 × (170 − 20) / 100 = 1.5; big at 09:00 costs both.
  static func tradeOff(avoidedWeight: Double) -> Instance {
    var weights = T.seatWeights
    weights.avoidedTime = avoidedWeight
    return T.instance(
      rooms: [T.room("small", 20, unavailable: [T.window(0, 10, 11)]), T.room("big", 170)],
      sessions: [T.talk("t", audience: 20, avoided: [T.window(0, 9, 10)])], weights: weights)
  }

  @Test(
    "empty_seats against avoided_time",
    arguments: [
      (1.0, "0@small", 1.0),  // 1 < 1.5: the avoided hour in the small room
      (2.0, "1@big", 1.5),  // 2 > 1.5: the empty seats at 10:00
    ])
  func emptySeatsAgainstAvoidedTime(weight: Double, placement: String, value: Double) throws {
    let instance = Self.tradeOff(avoidedWeight: weight)
    let solution = solve(instance)
    #expect(solution.status == .optimal)
    let timetable = try #require(solution.timetable)
    #expect(Tiny.placements(timetable, in: instance) == ["t": placement])
    let objective = try #require(solution.objective)
    #expect(abs(objective.value - value) < 1e-6)
    let terms = Dictionary(uniqueKeysWithValues: objective.terms.map { ($0.name, $0) })
    let emptySeats = placement.hasSuffix("big") ? 1.5 : 0
    #expect(abs((terms["empty_seats"]?.amount ?? .nan) - emptySeats) < 1e-6)
    #expect(abs((terms["avoided_time"]?.amount ?? .nan) - (placement.hasPrefix("0") ? 1 : 0)) < 1e-6)
  }

  /// Two days of one slot, three rooms. Talks a and b of one track are pinned on d1, so they run in
  /// parallel in two rooms: track_parallel 1 (weight 5) and track_room_change 1 (weight 2). Ada's
  /// talks c and d are pinned on d1 and d2: speaker_makespan 1 (weight 3). Total 5 + 2 + 3 = 10.
  @Test("track and speaker terms count as documented")
  func trackAndSpeakerTerms() throws {
    var weights = Weights()
    weights.emptySeats = 0
    weights.coChoiceConflict = 0
    let instance = T.instance(
      days: 2, slots: 1, rooms: [T.room("r1", 10), T.room("r2", 10), T.room("r3", 10)],
      sessions: [
        T.talk("a", track: 0, pins: [Pin(day: 0)]), T.talk("b", track: 0, pins: [Pin(day: 0)]),
        T.talk("c", speakers: [0], pins: [Pin(day: 0)]), T.talk("d", speakers: [0], pins: [Pin(day: 1)]),
      ],
      speakers: [Speaker(id: "ada", name: "Ada")], tracks: [Track(id: "main", name: "Main")], weights: weights)
    let solution = solve(instance)
    #expect(solution.status == .optimal)
    let objective = try #require(solution.objective)
    #expect(abs(objective.value - 10) < 1e-6, "\(objective.terms)")
    let amounts = Dictionary(uniqueKeysWithValues: objective.terms.map { ($0.name, $0.amount) })
    #expect(amounts["track_parallel"] == 1)
    #expect(amounts["track_room_change"] == 1)
    #expect(amounts["speaker_makespan"] == 1)
  }

  @Test("two sessions pinned in one room at one time: infeasible, and the conflict names the room and the sessions")
  func pinnedClash() throws {
    let pin = Pin(day: 0, start: T.clock(9), room: 0)
    let instance = T.instance(
      rooms: [T.room("hall", 100)], sessions: [T.talk("alpha", pins: [pin]), T.talk("beta", pins: [pin])])
    let solution = solve(instance)
    #expect(solution.status == .infeasible)
    #expect(solution.timetable == nil)
    // Either the room is named as doubly used, or the run left out is named with its pin and the
    // run it clashes with.
    #expect(
      solution.conflicts.contains {
        $0.contains("'Hall'") && ($0.contains("two sessions") || ($0.contains("'Alpha'") && $0.contains("'Beta'")))
      }, "\(solution.conflicts)")
  }

  @Test("more runs than room-slots: infeasible, with a conflict in domain terms")
  func tooManyRuns() throws {
    // 3 talks, 1 room, 2 slots.
    let instance = T.instance(rooms: [T.room("hall", 100)], sessions: [T.talk("a"), T.talk("b"), T.talk("c")])
    let solution = solve(instance)
    #expect(solution.status == .infeasible)
    #expect(solution.timetable == nil)
    // One run is left out, and with every run placed the room is named.
    #expect(solution.conflicts.contains { $0.hasSuffix("cannot be placed with the other rules holding") })
    #expect(
      solution.conflicts.contains { $0.contains("room 'Hall' would need to host two sessions") },
      "\(solution.conflicts)")
  }

  /// Infeasible for one reason each; the conflicts must name the rule that clashes, even when the
  /// relaxed model first prefers to leave a run out (then it asks again with every run placed).
  @Test(
    "each kind of infeasibility is explained in domain terms",
    arguments: [
      // A after B and B after A.
      (
        T.instance(rooms: [T.room("hall", 100)], sessions: [T.talk("a", after: [1]), T.talk("b", after: [0])]),
        ["'A' cannot start after 'B' ends", "'B' cannot start after 'A' ends"]
      ),
      // One speaker, two talks pinned at 09:00 in two rooms.
      (
        T.instance(
          rooms: [T.room("r1", 100), T.room("r2", 100)],
          sessions: [
            T.talk("a", speakers: [0], pins: [Pin(start: T.clock(9))]),
            T.talk("b", speakers: [0], pins: [Pin(start: T.clock(9))]),
          ], speakers: [Speaker(id: "ada", name: "Ada")]),
        ["speaker 'Ada' would have to be in two sessions"]
      ),
      // 30 people need 30 seats in both slots; one 20-seat room and one talk.
      (
        T.instance(
          rooms: [T.room("hall", 20)], sessions: [T.talk("a", audience: 5)],
          participants: (1...30).map { Participant(id: "p\($0)", days: [0], choices: []) }),
        ["seat only 20 of the 30 participants"]
      ),
      // Two runs of one session, one slot, two rooms.
      (
        T.instance(slots: 1, rooms: [T.room("r1", 100), T.room("r2", 100)], sessions: [T.talk("a", runs: 2)]),
        ["two runs of 'A' would overlap"]
      ),
      // An exclusive talk and another one, one slot, two rooms: the exclusive one is named.
      (
        T.instance(
          slots: 1, rooms: [T.room("r1", 100), T.room("r2", 100)],
          sessions: [T.talk("a", exclusive: true), T.talk("b")]),
        ["the exclusive 'A'", "the exclusive session 'A'"]
      ),
    ])
  func explained(instance: Instance, anyOf phrases: [String]) {
    let solution = solve(instance)
    #expect(solution.status == .infeasible)
    #expect(solution.conflicts.contains { c in phrases.contains { c.contains($0) } }, "\(solution.conflicts)")
  }

  @Test("a run with no possible start and room is named without calling the solver")
  func unplaceable() {
    // Needs 200 seats; the only room has 100.
    let instance = T.instance(rooms: [T.room("hall", 100)], sessions: [T.talk("huge", audience: 200)])
    let solution = solve(instance)
    #expect(solution.status == .infeasible)
    #expect(solution.conflicts.count == 1)
    #expect(solution.conflicts.first?.contains("'Huge'") == true, "\(solution.conflicts)")
  }
}
