import AtelierCore
import Testing

@Suite("EventClock")
struct EventClockTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var zone: String
    var date: String
    var minutes: Int
    var iso: String
    var testDescription: String { "\(zone) \(date) \(minutes) → \(iso)" }
  }

  static let cases: [Case] = [
    // Paris in summer: CEST, +02:00.
    Case(zone: "Europe/Paris", date: "2022-09-28", minutes: 645, iso: "2022-09-28T10:45:00+02:00"),
    // Summer time ends 2022-10-30 at 03:00 CEST: 01:00 is still +02:00, 10:00 is +01:00.
    Case(zone: "Europe/Paris", date: "2022-10-30", minutes: 60, iso: "2022-10-30T01:00:00+02:00"),
    Case(zone: "Europe/Paris", date: "2022-10-30", minutes: 600, iso: "2022-10-30T10:00:00+01:00"),
    // Summer time starts 2022-03-27 at 02:00 CET: 01:30 is +01:00, 04:00 is +02:00.
    Case(zone: "Europe/Paris", date: "2022-03-27", minutes: 90, iso: "2022-03-27T01:30:00+01:00"),
    Case(zone: "Europe/Paris", date: "2022-03-27", minutes: 240, iso: "2022-03-27T04:00:00+02:00"),
    // 02:30 does not exist that night: written with the offset before the gap, and read back as written.
    Case(zone: "Europe/Paris", date: "2022-03-27", minutes: 150, iso: "2022-03-27T02:30:00+01:00"),
    // Half-hour offsets, west and east of Greenwich.
    Case(zone: "America/St_Johns", date: "2022-01-10", minutes: 540, iso: "2022-01-10T09:00:00-03:30"),
    Case(zone: "Asia/Kolkata", date: "2022-09-28", minutes: 600, iso: "2022-09-28T10:00:00+05:30"),
    Case(zone: "UTC", date: "2024-02-29", minutes: 0, iso: "2024-02-29T00:00:00+00:00"),
  ]

  @Test("local time to ISO 8601 with the offset in force, and back", arguments: cases)
  func roundTrip(_ c: Case) throws {
    let clock = EventClock(timeZone: c.zone)
    #expect(clock.isKnownZone)
    #expect(clock.iso8601(date: c.date, minutes: c.minutes) == c.iso)
    let local = try #require(clock.local(iso8601: c.iso))
    #expect(local.date == c.date)
    #expect(local.minutes == c.minutes)
  }

  @Test(
    "times written with another offset are read in the event's zone",
    arguments: [
      "2022-09-28T08:45:00Z",  // 08:45 UTC = 10:45 CEST
      "2022-09-28T10:45+02:00",  // no seconds
      "2022-09-28T04:45:00-04:00",  // 08:45 UTC
      "2022-09-28T10:45:00.000+0200",  // fractions, offset without colon
      "2022-09-28T10:45:00",  // no offset: local time
      "2022-09-28 10:45:00+02:00",  // a space for the T (RFC 3339 allows it)
    ])
  func otherOffsets(_ text: String) throws {
    let local = try #require(EventClock(timeZone: "Europe/Paris").local(iso8601: text))
    #expect(local.date == "2022-09-28")
    #expect(local.minutes == 645)
  }

  @Test(
    "unreadable times give nil",
    arguments: [
      "10:45", "2022-13-01T10:45:00+02:00", "2022-02-30T10:45:00Z", "2022-09-28T25:00:00Z",
      "2022-09-28T10:45:00+02:00x",
      "2022-09-28T10:4:00Z", "", "2022-09-28T10:45:00+2:00",
    ])
  func unreadable(_ text: String) {
    #expect(EventClock(timeZone: "Europe/Paris").local(iso8601: text) == nil)
  }

  @Test("an unknown zone is reported and read as UTC")
  func unknownZone() {
    let clock = EventClock(timeZone: "Mars/Olympus_Mons")
    #expect(!clock.isKnownZone)
    #expect(clock.iso8601(date: "2022-09-28", minutes: 600) == "2022-09-28T10:00:00+00:00")
    #expect(clock.iso8601(date: "2022-09-31", minutes: 600) == nil)
  }

  @Test("minutes past midnight roll over into the next date")
  func rollover() {
    #expect(
      EventClock(timeZone: "Europe/Paris").iso8601(date: "2022-12-31", minutes: 1440 + 30)
        == "2023-01-01T00:30:00+01:00")
    #expect(EventClock(timeZone: "Europe/Paris").utcOffset(date: "2022-12-31", minutes: 0) == 3600)
  }
}
