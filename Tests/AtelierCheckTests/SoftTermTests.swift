import AtelierCheck
import AtelierCore
import Testing

@Suite("Checker: soft terms")
struct SoftTermTests {
  /// The tiny event's valid timetable, by hand (default weights):
  ///
  /// - empty_seats: capacity − expected audience per run: open 100−4 (exclusive: 4 present on d1) = 96,
  ///   talk-a 100−40 = 60, talk-b 100−10 = 90, ws-x 12−10 = 2 twice, ws-y 12−10 = 2, long 100−50 = 50,
  ///   meet 60−5 = 55, ws-v 60−10 = 50: 407 seats → 4.07; weight 1 → 4.07.
  /// - preference_missed: talk-a (d1 10:00–11:00) is inside its d1 09:00–11:00; talk-b (d1) is outside its
  ///   d2 window → 1; weight 3 → 3.
  /// - avoided_time: long (d2 09:00–11:00) touches its avoided d2 08:00–09:30 → 1; weight 10 → 10.
  /// - track_parallel: track Main has talk-a (slot 1), talk-b (2), long (3, 4), ws-v (3), meet (5):
  ///   two runs in slot 3 → C(2, 2) = 1 pair; weight 5 → 5.
  /// - track_room_change: Main uses the hall and the studio → 1; weight 2 → 2.
  /// - speaker_makespan: Ada d1 only 0, Bob d1 and d2 1, Cy 0 → 1; weight 3 → 3.
  /// Objective (the organisers' penalties): 4.07 + 3 + 10 + 5 + 2 + 3 = 27.07.
  /// Welfare: the longest list of choices has 3, so rank k weighs 4 − k: p1, p2, p4 got their first
  /// choice ws-x (3 each), p3 their second (2): 11.
  @Test("amounts, weights and contributions of the tiny event")
  func tinyEvent() {
    let report = Checker(instance: TinyEvent.instance).check(TinyEvent.timetable)
    let amounts = Dictionary(uniqueKeysWithValues: report.softTerms.map { ($0.name, $0.amount) })
    #expect(report.softTerms.map(\.name) == Checker.softTermNames)
    #expect(abs((amounts["empty_seats"] ?? 0) - 4.07) < 1e-9)
    #expect(amounts["preference_missed"] == 1)
    #expect(amounts["avoided_time"] == 1)
    #expect(amounts["track_parallel"] == 1)
    #expect(amounts["track_room_change"] == 1)
    #expect(amounts["speaker_makespan"] == 1)
    #expect(abs(report.objective - 27.07) < 1e-9)
    #expect(report.welfare == 11)
    for term in report.softTerms { #expect(abs(term.contribution - term.weight * term.amount) < 1e-12) }
  }

  /// Moving meet to d2 10:00 (slot 4, studio) adds one more Main run to slot 4, beside long:
  /// track_parallel 1 → 2. Weights scale contributions: track_parallel weight 7 → 14.
  @Test("track_parallel follows the runs, contributions follow the weights")
  func weights() {
    var instance = TinyEvent.instance
    instance.weights.trackParallel = 7
    let timetable = TinyEvent.moving(TinyEvent.run(TinyEvent.meet), toSlot: 4, room: TinyEvent.studio)
    let term = Checker(instance: instance).check(timetable).softTerms.first { $0.name == "track_parallel" }
    #expect(term?.amount == 2)
    #expect(term?.contribution == 14)
  }

  /// Three Main runs in one slot are three pairs, not two runs beyond the first: meet and ws-v
  /// moved beside long into slot 3 (d2 09:00) give slot 3 three runs (long, ws-v, meet: 3 pairs) and
  /// slot 4 one (long): 3.
  @Test("track_parallel counts pairs of same-track runs per slot")
  func trackPairs() {
    let moved = TinyEvent.moving(TinyEvent.run(TinyEvent.meet), toSlot: 3, room: TinyEvent.salon)
    let term = Checker(instance: TinyEvent.instance).check(moved).softTerms.first { $0.name == "track_parallel" }
    #expect(term?.amount == 3)
  }

  /// Welfare counts each assignment once, at the rank of its session in the participant's list;
  /// an assignment to a session the participant did not choose is worth nothing (A-rules report it).
  @Test("welfare is the sum of rank weights over distinct assignments")
  func welfare() {
    var timetable = TinyEvent.timetable
    timetable.assignments += [TinyEvent.assign(TinyEvent.p1, TinyEvent.wsX, run: 1), TinyEvent.assign(TinyEvent.p2, TinyEvent.wsY)]
    // Duplicate p1/ws-x adds nothing; p2 never chose ws-y: 11.
    #expect(Checker(instance: TinyEvent.instance).check(timetable).welfare == 11)
    timetable.assignments.append(TinyEvent.assign(TinyEvent.p1, TinyEvent.wsY))
    // p1's second choice: 4 − 2 = 2 more.
    #expect(Checker(instance: TinyEvent.instance).check(timetable).welfare == 13)
  }
}
