import Foundation
import Testing

@testable import AtelierCore

/// `EventClock.localTime` and `EventClock.zoneProblem` (issue 15, item 8).
@Suite("Local times on the nights the clocks change")
struct LocalTimeTests {
  @Test(
    "times the clocks skip, show twice, or show once",
    arguments: [
      // Paris: 02:00 → 03:00 on 29 March 2026, 03:00 → 02:00 on 25 October 2026.
      ("Europe/Paris", "2026-03-29", "02:30", EventClock.LocalTime.skipped(from: 120, to: 180)),
      ("Europe/Paris", "2026-03-29", "02:00", .skipped(from: 120, to: 180)),
      ("Europe/Paris", "2026-03-29", "03:00", .regular),
      ("Europe/Paris", "2026-03-29", "01:59", .regular),
      ("Europe/Paris", "2026-10-25", "02:30", .repeated(from: 180, to: 120, firstOffset: 7200, secondOffset: 3600)),
      ("Europe/Paris", "2026-10-25", "03:00", .regular),
      ("Europe/Paris", "2026-07-01", "02:30", .regular),
      // Lord Howe Island moves by 30 minutes: 02:00 → 02:30 on 4 October 2026.
      ("Australia/Lord_Howe", "2026-10-04", "02:15", .skipped(from: 120, to: 150)),
      ("Australia/Lord_Howe", "2026-10-04", "02:30", .regular),
      // Santiago de Chile skips midnight: 00:00 → 01:00 on 6 September 2026.
      ("America/Santiago", "2026-09-06", "00:00", .skipped(from: 0, to: 60)),
      ("UTC", "2026-03-29", "02:30", .regular),
    ])
  func localTimes(zone: String, date: String, time: String, expected: EventClock.LocalTime) throws {
    let minutes = try #require(TimeText.minutes(time))
    #expect(EventClock(timeZone: zone).localTime(date: date, minutes: minutes) == expected)
  }

  @Test(
    "IANA names pass; offsets, abbreviations and aliases do not",
    arguments: [
      ("Europe/Paris", true), ("UTC", true), ("GMT", true), ("Etc/GMT-2", true), ("Etc/UTC", true),
      ("America/Argentina/Buenos_Aires", true), ("UTC+2", false), ("GMT+0200", false), ("GMT+2", false),
      ("UTC+02:00", false), ("+02:00", false), ("CEST", false), ("CET", false), ("EST", false), ("JST", false),
      ("Z", false), ("Japan", false), ("Zulu", false), ("EST5EDT", false), ("Europe/Pariss", false),
      ("Europe/Paris ", false), ("", false),
    ])
  func zoneNames(name: String, accepted: Bool) {
    #expect((EventClock.zoneProblem(name) == nil) == accepted, "\(String(describing: EventClock.zoneProblem(name)))")
  }
}
