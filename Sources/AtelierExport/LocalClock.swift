import Foundation

/// Wall-clock times of the event in its time zone, and their instants.
///
/// Stand-in until `AtelierCore.EventClock` lands: the same arithmetic (civil dates without
/// `Calendar`, offsets from Foundation's `TimeZone`), private to the renderers.
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

    // Howard Hinnant's civil-date algorithms (proleptic Gregorian calendar).
    static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
      let y = m <= 2 ? y - 1 : y
      let era = (y >= 0 ? y : y - 399) / 400
      let yoe = y - era * 400
      let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
      let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
      return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ z: Int) -> (Int, Int, Int) {
      let z = z + 719468
      let era = (z >= 0 ? z : z - 146096) / 146097
      let doe = z - era * 146097
      let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
      let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
      let mp = (5 * doy + 2) / 153
      let d = doy - (153 * mp + 2) / 5 + 1
      let m = mp + (mp < 10 ? 3 : -9)
      return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
  }

  let timeZone: TimeZone

  init?(identifier: String) {
    guard let zone = TimeZone(identifier: identifier) else { return nil }
    timeZone = zone
  }

  /// UTC offset in seconds at an instant.
  func offset(atInstant seconds: Int) -> Int {
    timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
  }

  /// The instant (seconds since the epoch) of a local time. In a spring-forward gap the time is
  /// read with the offset before the gap; in a fall-back overlap, the first occurrence.
  func instant(of local: DateTime) -> Int {
    let wall = local.wallSeconds
    // Offsets change at most once within a day on either side: try both.
    let before = offset(atInstant: wall - 86_400)
    let after = offset(atInstant: wall + 86_400)
    let valid = [wall - before, wall - after].filter { wall - offset(atInstant: $0) == $0 }
    return valid.min() ?? wall - before
  }

  /// UTC offset in seconds in force at a local time.
  func offset(at local: DateTime) -> Int { offset(atInstant: instant(of: local)) }

  /// `2022-09-28T10:45:00+02:00`: ISO 8601 with the offset in force (`Z` never used).
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
