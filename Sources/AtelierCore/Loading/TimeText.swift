import Foundation

/// Reading and writing the file format's times (`HH:MM`) and dates (`YYYY-MM-DD`).
public enum TimeText {
  /// Minutes after midnight of `H:MM` / `HH:MM` (`24:00` is 1440), or `nil`.
  public static func minutes(_ text: String) -> Int? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
      let hours = Int(parts[0]), let minutes = Int(parts[1]),
      parts[0].allSatisfy(\.isNumber), parts[1].allSatisfy(\.isNumber),
      (0...24).contains(hours), (0...59).contains(minutes), hours * 60 + minutes <= 1440
    else { return nil }
    return hours * 60 + minutes
  }

  /// `09:30` for the ways people write a time that the format does not take: `9h30`, `9h`,
  /// `9.30`, `9,30`, `0930`, `9:30:00`, `9H30`; `nil` when the text is no time of day at all.
  public static func suggestedClock(_ text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    var hours = Substring(trimmed.prefix { $0.isASCIIHourDigit })
    var rest = trimmed.dropFirst(hours.count)
    var minutes: Substring = "00"
    if hours.count == 4, rest.isEmpty {  // 0930
      minutes = hours.suffix(2)
      hours = hours.prefix(2)
    } else if let separator = rest.first, "h.,:".contains(separator) {
      rest = rest.dropFirst()
      let digits = rest.prefix { $0.isASCIIHourDigit }
      rest = rest.dropFirst(digits.count)
      if rest == ":00" { rest = "" }  // 9:30:00
      guard rest.isEmpty, digits.count == 2 || (digits.isEmpty && separator == "h") else { return nil }
      if !digits.isEmpty { minutes = digits }
    } else {
      return nil
    }
    guard (1...2).contains(hours.count), let h = Int(hours), let m = Int(minutes), h * 60 + m <= 1440, m < 60
    else { return nil }
    return clock(h * 60 + m)
  }

  /// `HH:MM` of minutes after midnight.
  public static func clock(_ minutes: Int) -> String {
    let hours = minutes / 60
    let rest = minutes % 60
    return (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
  }

  /// Year, month and day of a valid `YYYY-MM-DD` calendar date, or `nil`.
  public static func date(_ text: String) -> (year: Int, month: Int, day: Int)? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
    else { return nil }
    return (year, month, day)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  private static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
  private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

  /// `Thursday 29 Sep` for `2022-09-29`, in English whatever the machine's locale; `nil` if invalid.
  public static func dayName(_ text: String) -> String? {
    guard let (year, month, day) = date(text) else { return nil }
    // Days since 1970-01-01 (a Thursday), by the civil-from-days inverse (Howard Hinnant's algorithm).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    let days = era * 146097 + doe - 719468
    let weekday = ((days % 7) + 7 + 3) % 7  // 0 = Monday
    return "\(weekdays[weekday]) \(day) \(months[month - 1])"
  }
}

extension Character {
  fileprivate var isASCIIHourDigit: Bool { ("0"..."9").contains(self) }
}

extension Instance {
  /// `Thursday 29 Sep` (or the day's id when its date is unusable), for messages.
  public func dayName(_ day: Int) -> String {
    guard days.indices.contains(day) else { return "day \(day)" }
    return TimeText.dayName(days[day].date) ?? days[day].id
  }
}
