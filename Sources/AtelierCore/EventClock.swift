import Foundation

/// The event's wall clock: a day's date and minutes after its local midnight, to and from
/// ISO 8601 with the UTC offset in force at that moment (`2022-09-28T10:45:00+02:00`).
///
/// Offsets come from Foundation's `TimeZone`, so they follow daylight-saving changes; civil-date
/// arithmetic is done without `Calendar` (no locale, no Gregorian-cutover surprises).
public struct EventClock: Sendable, Hashable {
  /// The IANA identifier asked for (`Europe/Paris`).
  public let identifier: String
  /// False when the identifier names no zone Foundation knows; the clock then reads times as UTC.
  public let isKnownZone: Bool
  private let zone: TimeZone

  /// Why `identifier` is not an IANA time-zone name the file may use (an offset such as `UTC+2`,
  /// an abbreviation such as `CEST`, an unknown name), with what to write instead; `nil` when it is
  /// one. Foundation also accepts `GMT+0200`, `UTC+2` and abbreviations, but they are not zones:
  /// an offset never follows daylight saving, and an abbreviation names no place.
  public static func zoneProblem(_ identifier: String) -> (message: String, hint: String)? {
    let isAreaName = identifier.contains("/") && identifier.first?.isLetter == true && !identifier.contains(" ")
    if identifier == "UTC" || identifier == "GMT" || (isAreaName && TimeZone(identifier: identifier) != nil) {
      return nil
    }
    let examples = "such as Europe/Paris (it follows daylight saving)"
    // `UTC+2`, `GMT+0200`, `UTC+02:00`, `+02:00`.
    var rest = Substring(identifier.uppercased())
    for prefix in ["UTC", "GMT"] where rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
    rest = rest.drop { $0 == " " }
    if let sign = rest.first, sign == "+" || sign == "-" || sign == "\u{2212}" {
      let digits = rest.dropFirst().filter { $0 != ":" }
      if !digits.isEmpty, digits.count <= 4, digits.allSatisfy(\.isASCIIDigitForZone) {
        let hours = digits.count <= 2 ? Int(digits) ?? 0 : Int(digits.dropLast(2)) ?? 0
        let minutes = digits.count <= 2 ? 0 : Int(digits.suffix(2)) ?? 0
        let ahead = sign == "+"
        let message = "'\(identifier)' is a UTC offset, not an IANA time-zone name"
        if minutes == 0, hours <= 14, hours > 0 {
          let etc = "Etc/GMT\(ahead ? "-" : "+")\(hours)"
          return (
            message,
            "write the zone of the event's place, \(examples); for a fixed offset write \(etc) "
              + "(the sign is inverted in Etc names: \(etc) is \(hours) hour\(hours == 1 ? "" : "s") "
              + "\(ahead ? "ahead of" : "behind") UTC)"
          )
        }
        if hours == 0, minutes == 0 { return (message, "write UTC, or the zone of the event's place, \(examples)") }
        return (message, "write the zone of the event's place, \(examples)")
      }
    }
    if let place = TimeZone.abbreviationDictionary[identifier.uppercased()] {
      return (
        "'\(identifier)' is an abbreviation, not an IANA time-zone name",
        "write the zone of the event's place, such as \(place)")
    }
    if let suggestion = NameSuggester.closest(to: identifier, among: TimeZone.knownTimeZoneIdentifiers) {
      return ("unknown time zone '\(identifier)'", "did you mean '\(suggestion)'?")
    }
    if TimeZone(identifier: identifier) != nil {
      return (
        "'\(identifier)' is an old alias, not an Area/City IANA time-zone name",
        "write the zone of the event's place, \(examples)")
    }
    return ("unknown time zone '\(identifier)'", "use an IANA name \(examples)")
  }

  public init(timeZone: String) {
    identifier = timeZone
    if let known = TimeZone(identifier: timeZone) {
      zone = known
      isKnownZone = true
    } else {
      zone = TimeZone(secondsFromGMT: 0) ?? TimeZone.current
      isKnownZone = false
    }
  }

  /// `2022-09-28T10:45:00+02:00` for `2022-09-28` and 645 minutes; `nil` when the date is not a valid
  /// `YYYY-MM-DD`. Minutes past 1440 or below 0 roll over into the next or previous date.
  public func iso8601(date: String, minutes: Int) -> String? {
    guard let days = Self.days(of: date) else { return nil }
    let wall = Self.wallSeconds(days: days, minutes: minutes)
    let (d, m) = Self.split(wallSeconds: wall)
    // The offset the wall time is read with (the one before the gap for a time a spring-forward skips).
    let offset = wall - instantSeconds(wall: wall)
    return Self.dateString(days: d) + String(format: "T%02d:%02d:00", m / 60, m % 60) + Self.offsetString(offset)
  }

  /// UTC offset in seconds in force at a local time (`7200` for Paris in summer); `nil` for a bad date.
  public func utcOffset(date: String, minutes: Int) -> Int? {
    guard let days = Self.days(of: date) else { return nil }
    let wall = Self.wallSeconds(days: days, minutes: minutes)
    return wall - instantSeconds(wall: wall)
  }

  /// The instant of a local time; `nil` for a bad date.
  public func instant(date: String, minutes: Int) -> Date? {
    guard let days = Self.days(of: date) else { return nil }
    return Date(
      timeIntervalSince1970: TimeInterval(instantSeconds(wall: Self.wallSeconds(days: days, minutes: minutes))))
  }

  /// The event's local date and minutes after midnight of an ISO 8601 date-time
  /// (`YYYY-MM-DDTHH:MM[:SS][.fff](Z|±HH:MM|±HHMM)`; without an offset, read as local time).
  /// A time written with another offset is converted to the event's zone. `nil` when unreadable.
  public func local(iso8601 text: String) -> (date: String, minutes: Int)? {
    guard let parsed = Self.parse(text) else { return nil }
    let wall = Self.wallSeconds(days: parsed.days, minutes: 0) + parsed.seconds
    let localWall: Int
    // Written with the offset we would write for that wall time: take it as written (this keeps a
    // time inside a spring-forward gap, written with the offset before the gap, as it was).
    if let offset = parsed.offset, offset != wall - instantSeconds(wall: wall) {
      let instant = wall - offset
      localWall = instant + zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    } else {
      localWall = wall
    }
    let (d, seconds) = Self.splitSeconds(localWall)
    return (Self.dateString(days: d), seconds / 60)
  }

  /// `+02:00`, `-03:30`, `+00:00` (never `Z`).
  public static func offsetString(_ seconds: Int) -> String {
    let sign = seconds < 0 ? "-" : "+"
    let minutes = abs(seconds) / 60
    return String(format: "%@%02d:%02d", sign, minutes / 60, minutes % 60)
  }

  // MARK: - Instants

  /// Seconds since the epoch of a wall-clock time (seconds since 1970-01-01T00:00 read as if UTC).
  /// In a spring-forward gap the time is read with the offset before the gap; in a fall-back
  /// overlap, as its first occurrence.
  public func instantSeconds(wall: Int) -> Int {
    // Offsets change at most once within a day on either side: try both.
    let before = offset(atInstant: wall - 86_400)
    let after = offset(atInstant: wall + 86_400)
    let valid = [wall - before, wall - after].filter { wall - offset(atInstant: $0) == $0 }
    return valid.min() ?? wall - before
  }

  /// What a local time is on its date: an ordinary time, a time the clocks skip (a spring-forward
  /// gap), or a time they show twice (a fall-back overlap).
  public enum LocalTime: Sendable, Hashable {
    case regular
    /// Clocks go from `from` to `to` (minutes after the date's midnight; `to` may pass 1440).
    case skipped(from: Int, to: Int)
    /// Clocks go back from `from` to `to`; the time is read as its first occurrence, at `firstOffset`.
    case repeated(from: Int, to: Int, firstOffset: Int, secondOffset: Int)
  }

  /// Whether a local time exists once, never or twice; `nil` for a bad date.
  public func localTime(date: String, minutes: Int) -> LocalTime? {
    guard let days = Self.days(of: date) else { return nil }
    let wall = Self.wallSeconds(days: days, minutes: minutes)
    let before = offset(atInstant: wall - 86_400)
    let after = offset(atInstant: wall + 86_400)
    let valid = Set([wall - before, wall - after].filter { wall - offset(atInstant: $0) == $0 })
    if valid.count == 1 || before == after { return .regular }
    // The change: the first instant with the later offset (offsets change at most once a day).
    var low = wall - 86_400
    var high = wall + 86_400
    while high - low > 1 {
      let mid = low + (high - low) / 2
      if offset(atInstant: mid) == before { low = mid } else { high = mid }
    }
    let midnight = Self.wallSeconds(days: days, minutes: 0)
    let from = (high + before - midnight) / 60
    let to = (high + after - midnight) / 60
    if valid.isEmpty { return .skipped(from: from, to: to) }
    return .repeated(from: from, to: to, firstOffset: before, secondOffset: after)
  }

  /// UTC offset in seconds at an instant (seconds since the epoch).
  public func offset(atInstant seconds: Int) -> Int {
    zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
  }

  // MARK: - Civil dates (Howard Hinnant's algorithms, proleptic Gregorian calendar)

  private static func days(of date: String) -> Int? {
    guard let (y, m, d) = TimeText.date(date) else { return nil }
    return daysFromCivil(y, m, d)
  }

  private static func wallSeconds(days: Int, minutes: Int) -> Int { (days * 1440 + minutes) * 60 }

  /// Days since the epoch and minutes into that day of wall-clock seconds.
  private static func split(wallSeconds: Int) -> (days: Int, minutes: Int) {
    let (days, seconds) = splitSeconds(wallSeconds)
    return (days, seconds / 60)
  }

  private static func splitSeconds(_ wall: Int) -> (days: Int, seconds: Int) {
    let days = Int((Double(wall) / 86_400).rounded(.down))
    return (days, wall - days * 86_400)
  }

  private static func dateString(days: Int) -> String {
    let (y, m, d) = civilFromDays(days)
    return String(format: "%04d-%02d-%02d", y, m, d)
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date.
  public static func daysFromCivil(_ y: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y - 1 : y
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// (year, month, day) of a count of days since 1970-01-01.
  public static func civilFromDays(_ z: Int) -> (Int, Int, Int) {
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

  // MARK: - Parsing

  /// Days since the epoch, seconds after midnight, and the written offset (nil when none).
  private static func parse(_ text: String) -> (days: Int, seconds: Int, offset: Int?)? {
    let chars = Array(text.utf8)
    guard chars.count >= 16,
      chars[10] == UInt8(ascii: "T") || chars[10] == UInt8(ascii: "t")
        || chars[10] == UInt8(ascii: " ")
    else { return nil }
    let dateText = String(decoding: chars[0..<10], as: UTF8.self)
    guard let days = days(of: dateText) else { return nil }
    var i = 11
    func number(_ count: Int) -> Int? {
      guard i + count <= chars.count else { return nil }
      var value = 0
      for c in chars[i..<(i + count)] {
        guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + Int(c - UInt8(ascii: "0"))
      }
      i += count
      return value
    }
    func skip(_ c: Character) -> Bool {
      guard i < chars.count, chars[i] == c.asciiValue else { return false }
      i += 1
      return true
    }
    guard let hours = number(2), skip(":"), let minutes = number(2), hours <= 24, minutes <= 59 else { return nil }
    var seconds = 0
    if skip(":") {
      guard let s = number(2), s <= 60 else { return nil }
      seconds = s
      if skip(".") || skip(",") {
        let start = i
        while i < chars.count, chars[i] >= UInt8(ascii: "0"), chars[i] <= UInt8(ascii: "9") { i += 1 }
        guard i > start else { return nil }
      }
    }
    let total = hours * 3600 + minutes * 60 + seconds
    guard total <= 86_400 else { return nil }
    if i == chars.count { return (days, total, nil) }
    if skip("Z") || skip("z") { return i == chars.count ? (days, total, 0) : nil }
    let sign: Int
    if skip("+") {
      sign = 1
    } else if skip("-") {
      sign = -1
    } else {
      return nil
    }
    guard let offsetHours = number(2), offsetHours <= 23 else { return nil }
    _ = skip(":")
    guard let offsetMinutes = number(2), offsetMinutes <= 59, i == chars.count else { return nil }
    return (days, total, sign * (offsetHours * 3600 + offsetMinutes * 60))
  }
}

extension Character {
  fileprivate var isASCIIDigitForZone: Bool { ("0"..."9").contains(self) }
}
