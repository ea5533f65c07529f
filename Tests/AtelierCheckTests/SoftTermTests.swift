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
  ///   two runs in slot 3 → 1; weight 5 → 5.
  /// - track_room_change: Main uses the hall and the studio → 1; weight 2 → 2.
  /// - speaker_makespan: Ada d1 only 0, Bob d1 and d2 1, Cy 0 → 1; weight 3 → 3.
  /// - co_choice_conflict: single-run, non-exclusive sessions chosen together: p1 and p4 both chose ws-y
  ///   and ws-v, which share slot 3 → 2 (ws-x runs twice, so p3's pair does not count); weight 1 → 2.
  /// Objective: 4.07 + 3 + 10 + 5 + 2 + 3 + 2 = 29.07.
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
    #expect(amounts["co_choice_conflict"] == 2)
    #expect(abs(report.objective - 29.07) < 1e-9)
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

  /// Two single-run sessions chosen together and overlapping in two slots count 2 per participant:
  /// long (d2 09:00–11:00, slots 3 and 4) and a workshop at d2 09:00 (slot 3) share one slot; meet moved
  /// to d2 10:00 shares slot 4 with long. p5 chooses long and meet: 1 slot; adding ws-y: ws-y–long 1 more.
  @Test("co_choice_conflict counts shared slots per pair")
  func coChoice() {
    var instance = TinyEvent.instance
    instance.participants[TinyEvent.p5].choices = [TinyEvent.long, TinyEvent.meet, TinyEvent.wsY]
    let timetable = TinyEvent.moving(TinyEvent.run(TinyEvent.meet), toSlot: 4, room: TinyEvent.studio)
    let term = Checker(instance: instance).check(timetable).softTerms.first { $0.name == "co_choice_conflict" }
    // p1, p4: ws-y/ws-v share slot 3 → 2; p5: long/meet slot 4 → 1, long/ws-y slot 3 → 1, meet/ws-y 0 → 2.
    #expect(term?.amount == 4)
  }
}
