import Foundation

import AtelierCore

/// The renderers' view of the event's clock: local date-times as values (for iCalendar's local
/// forms and the HTML grid) and the zone's transitions (for `VTIMEZONE`). Instants, offsets and
/// civil-date arithmetic are `AtelierCore.EventClock`'s, so every output agrees with `schedule.json`.
struct LocalClock: Sendable {
  /// A local date and time: `minute` may run past midnight; `normalised` folds it into the date.
  struct DateTime: Sendable, Hashable, Comparable {
    var year: Int
    var month: Int
    var day: Int
    /// Minutes after local midnight, 0..<1440 once normalised.
    var minute: Int

    var normalised: DateTime {
      let days = Self.daysFromCivil(year, month, day) + Int((Double(minute) / 1440).rounded(.down))
      let (y, m, d) = Self.civilFromDays(days)
      return DateTime(year: y, month: m, day: d, minute: ((minute % 1440) + 1440) % 1440)
    }

    /// Seconds since 1970-01-01T00:00 of this wall-clock time read as if it were UTC.
    var wallSeconds: Int { (Self.daysFromCivil(year, month, day) * 1440 + minute) * 60 }

    static func < (a: DateTime, b: DateTime) -> Bool { a.wallSeconds < b.wallSeconds }

    /// `YYYY-MM-DD` of the normalised date.
    var dateString: String {
      let n = normalised
      return String(format: "%04d-%02d-%02d", n.year, n.month, n.day)
    }

    /// `HH:MM` of the normalised time.
    var timeString: String {
      let n = normalised
      return String(format: "%02d:%02d", n.minute / 60, n.minute % 60)
    }

    /// `YYYYMMDDTHHMMSS`: iCalendar's local ("floating" or `TZID=`) form.
    var iCalendarLocal: String {
      let n = normalised
      return String(format: "%04d%02d%02dT%02d%02d00", n.year, n.month, n.day, n.minute / 60, n.minute % 60)
    }

    init(year: Int, month: Int, day: Int, minute: Int) {
      self.year = year
      self.month = month
      self.day = day
      self.minute = minute
    }

    /// From `YYYY-MM-DD` and minutes after that day's midnight.
    init?(date: String, minute: Int) {
      let parts = date.split(separator: "-", omittingEmptySubsequences: false)
      guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
        (1...12).contains(m), (1...31).contains(d)
      else { return nil }
      self.init(year: y, month: m, day: d, minute: minute)
    }

    /// From seconds since the epoch, read as wall-clock seconds.
    init(wallSeconds: Int) {
      let minutes = Int((Double(wallSeconds) / 60).rounded(.down))
      let days = Int((Double(minutes) / 1440).rounded(.down))
      let (y, m, d) = Self.civilFromDays(days)
      self.init(year: y, month: m, day: d, minute: minutes - days * 1440)
    }

    static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int { EventClock.daysFromCivil(y, m, d) }
    static func civilFromDays(_ z: Int) -> (Int, Int, Int) { EventClock.civilFromDays(z) }
  }

  let timeZone: TimeZone
  let clock: EventClock

  init?(identifier: String) {
    guard let zone = TimeZone(identifier: identifier) else { return nil }
    timeZone = zone
    clock = EventClock(timeZone: identifier)
  }

  /// UTC offset in seconds at an instant.
  func offset(atInstant seconds: Int) -> Int { clock.offset(atInstant: seconds) }

  /// The instant (seconds since the epoch) of a local time (see `EventClock.instantSeconds(wall:)`).
  func instant(of local: DateTime) -> Int { clock.instantSeconds(wall: local.wallSeconds) }

  /// UTC offset in seconds a local time is read with: for a time a spring-forward skips, the
  /// offset before the gap, so that the written time and offset agree (as in `schedule.json`).
  func offset(at local: DateTime) -> Int { local.wallSeconds - instant(of: local) }

  /// `2022-09-28T10:45:00+02:00`: ISO 8601 with the offset the time is read with (`Z` never used).
  func iso8601(_ local: DateTime) -> String {
    let n = local.normalised
    return String(
      format: "%@T%02d:%02d:00%@", n.dateString, n.minute / 60, n.minute % 60, Self.offsetString(offset(at: n)))
  }

  /// `+02:00`, `-03:30`, `+00:00`.
  static func offsetString(_ seconds: Int, separator: String = ":") -> String {
    let sign = seconds < 0 ? "-" : "+"
    let minutes = abs(seconds) / 60
    return String(format: "%@%02d%@%02d", sign, minutes / 60, separator, minutes % 60)
  }

  /// `YYYYMMDDTHHMMSSZ`: iCalendar's UTC form of an instant.
  static func iCalendarUTC(_ seconds: Int) -> String {
    DateTime(wallSeconds: seconds).iCalendarLocal + "Z"
  }

  /// One change of UTC offset (or of name / daylight-saving flag) of the zone.
  struct Transition: Sendable, Hashable {
    var instant: Int
    var offsetFrom: Int
    var offsetTo: Int
    var isDaylight: Bool
    var abbreviation: String
  }

  /// The transitions in `[from, to)` (instants), plus the last one before `from` so that the
  /// rules in force at `from` are known. Empty for zones that never change.
  func transitions(from: Int, to: Int) -> [Transition] {
    var result: [Transition] = []
    // Start a year early to find the transition in force at `from`.
    var cursor = Date(timeIntervalSince1970: TimeInterval(from - 366 * 86_400))
    var guardCount = 0
    while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), guardCount < 64 {
      guardCount += 1
      let t = Int(next.timeIntervalSince1970.rounded())
      if t >= to { break }
      let transition = Transition(
        instant: t, offsetFrom: offset(atInstant: t - 1), offsetTo: offset(atInstant: t),
        isDaylight: timeZone.isDaylightSavingTime(for: next),
        abbreviation: timeZone.abbreviation(for: next) ?? "")
      if t < from { result = [transition] } else { result.append(transition) }
      cursor = next
    }
    return result
  }
}
