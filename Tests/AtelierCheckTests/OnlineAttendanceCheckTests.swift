import AtelierCheck
import AtelierCore
import Testing

/// Attendance types (issue 17, item 9) on the tiny event: rule A9, and A2, A6, A8 counting the right
/// attendees. ws-x runs twice (10 seats each): p1, p2 in run 1, p3, p4 in run 2.
@Suite("Checker: online attendees")
struct OnlineAttendanceCheckTests {
  static func online(_ instance: inout Instance, _ participants: [Int]) {
    for p in participants { instance.participants[p].attendance = .online }
  }

  static let mutations: [Mutation] = [
    // p1 follows ws-x online, but ws-x is not streamed.
    Mutation("A9", "p1 online in ws-x, not streamed") { instance, _ in online(&instance, [T.p1]) },
    // Streamed with one online seat: p1 and p2 both follow run 1 online.
    Mutation("A9", "two online attendees for one online seat") { instance, _ in
      instance.sessions[T.wsX].streamed = true
      instance.sessions[T.wsX].onlineSeats = 1
      online(&instance, [T.p1, T.p2])
    },
    // Online attendees take no seat: with groups of one, p2 and p4 online, each run seats one in
    // person; p2 back in person makes run 1 two in one seat.
    Mutation("A2", "p2 in person in a run that seats one") { instance, _ in
      instance.sessions[T.wsX].maxSize = 1
      instance.sessions[T.wsX].streamed = true
      online(&instance, [T.p4])
    },
    // A minimum of 2: each run has one in person and one online, who does not count.
    Mutation("A6", "online attendees do not make a minimum") { instance, _ in
      instance.sessions[T.wsX].minSize = 2
      instance.sessions[T.wsX].streamed = true
      online(&instance, [T.p2, T.p4])
    },
    // p5 (d2) online with every_slot: ws-y at d2 09:00 is streamed, and p5 follows nothing there.
    Mutation("A8", "an online attendee without a streamed workshop") { instance, _ in
      instance.participants[T.p5].everySlot = true
      instance.sessions[T.wsY].streamed = true
      online(&instance, [T.p5])
    },
  ]

  @Test("a mutation breaks exactly its rule", arguments: mutations)
  func mutation(_ mutation: Mutation) {
    var instance = T.instance
    var timetable = T.timetable
    mutation.apply(&instance, &timetable)
    let report = Checker(instance: instance).check(timetable)
    #expect(
      Set(report.violations.map(\.rule)) == [mutation.rule], "\(report.violations.map { "\($0.rule) \($0.message)" })")
  }

  @Test("online attendees in a streamed run take no seat and keep every rule")
  func streamedRun() {
    var instance = T.instance
    instance.sessions[T.wsX].maxSize = 1
    instance.sessions[T.wsX].streamed = true
    instance.sessions[T.wsX].onlineSeats = 1
    Self.online(&instance, [T.p2, T.p4])
    let report = Checker(instance: instance).check(T.timetable)
    #expect(report.violations == [], "\(report.violations.map(\.message))")
  }

  @Test("an online attendee with every_slot needs nothing where no run is streamed")
  func everySlotWithoutStream() {
    var instance = T.instance
    instance.participants[T.p5].everySlot = true
    Self.online(&instance, [T.p5])
    #expect(Checker(instance: instance).check(T.timetable).violations == [])
  }

  @Test("A9's messages name the run and the limit")
  func messages() {
    var instance = T.instance
    instance.sessions[T.wsX].streamed = true
    instance.sessions[T.wsX].onlineSeats = 1
    Self.online(&instance, [T.p1, T.p2])
    #expect(
      Checker(instance: instance).check(T.timetable).violations.map(\.message) == [
        "'ws-x' run 1 (Workshop X) has 2 online attendees; it takes 1 (online_seats)"
      ])
  }
}
