import AtelierCore
import Foundation

/// Synthesises registrations for an event: who attends which days, and their ranked choices.
///
/// Choices are drawn among the workshops (and, less often, the talks and round tables) pinned to
/// the days a participant attends, with a Zipf-like popularity: a few sessions are wanted by many,
/// most by few (Zipf–Mandelbrot). Repeated workshops are a little more popular (organisers repeat what is wanted).
/// Deterministic for a seed.
public struct ParticipantSynthesizer: Sendable {
  /// A group of participants who attend the same days.
  public struct AttendancePattern: Sendable, Hashable {
    public var days: [String]
    public var count: Int
    public init(days: [String], count: Int) {
      self.days = days
      self.count = count
    }
  }

  /// One row of `participants.csv`.
  public struct Row: Sendable, Hashable {
    public var id: String
    public var days: [String]
    public var choices: [String]
    public var maxWorkshops: Int?
    public init(id: String, days: [String], choices: [String], maxWorkshops: Int? = nil) {
      self.id = id
      self.days = days
      self.choices = choices
      self.maxWorkshops = maxWorkshops
    }
  }

  public let event: InstanceFile
  public let seed: UInt64
  /// Zipf–Mandelbrot popularity 1 / (rank + offset)^skew: the offset keeps the favourite workshop
  /// at about half of those present rather than nearly all of them.
  public var skew: Double = 1
  public var offset: Double = 8
  /// Choices per participant (fewer when fewer sessions are on offer).
  public var choices: ClosedRange<Int> = 4...6

  public init(event: InstanceFile, seed: UInt64) {
    self.event = event
    self.seed = seed
  }

  /// The days each session can take place on: its pinned days, else every day.
  static func sessionDays(_ session: InstanceFile.SessionEntry, allDays: [String]) -> Set<String> {
    let pins = (session.pins ?? []) + (session.pin.map { [$0] } ?? [])
    let days = Set(pins.compactMap(\.day))
    return days.isEmpty ? Set(allDays) : days
  }

  /// A default attendance for `count` people over the event's days: most attend one to three
  /// consecutive days (30 % one, 45 % two, 25 % three), starting on any day.
  public static func defaultAttendance(count: Int, days: [String], rng: inout SplitMix64) -> [AttendancePattern] {
    guard !days.isEmpty, count > 0 else { return [] }
    var counts: [Int: Int] = [:]  // key = start * 100 + length
    for _ in 0..<count {
      let u = rng.unit()
      let length = min(days.count, u < 0.30 ? 1 : (u < 0.75 ? 2 : 3))
      let start = rng.int(below: days.count - length + 1)
      counts[start * 100 + length, default: 0] += 1
    }
    return counts.keys.sorted().compactMap { key in
      guard let n = counts[key] else { return nil }
      let start = key / 100
      let length = key % 100
      return AttendancePattern(days: Array(days[start..<(start + length)]), count: n)
    }
  }

  /// Participants for the given attendance, ids `p0001`, … in a shuffled order of patterns.
  public func participants(attendance: [AttendancePattern]) -> [Row] {
    var rng = SplitMix64(seed: seed ^ 0x5041_5254_4943_4950)  // "PARTICIP"
    let allDays = event.days.map(\.id)
    // Eligible sessions and their popularity weights.
    struct Candidate {
      var id: String
      var days: Set<String>
      var weight: Double
      var isWorkshop: Bool
    }
    var candidates: [Candidate] = []
    for session in event.sessions where !(session.exclusive ?? false) {
      let factor: Double
      switch session.kind {
      case "workshop": factor = 1
      case "talk", "round_table": factor = 0.25
      default: continue
      }
      let runs = Double(max(1, session.runs ?? 1))
      candidates.append(
        Candidate(
          id: session.id, days: Self.sessionDays(session, allDays: allDays),
          weight: factor * (1 + 0.5 * (runs - 1)), isWorkshop: session.kind == "workshop"))
    }
    var ranks = Array(candidates.indices)
    rng.shuffle(&ranks)
    for (rank, index) in ranks.enumerated() {
      candidates[index].weight *= 1 / pow(Double(rank + 1) + offset, skew)
    }

    var people: [[String]] = []
    for pattern in attendance { for _ in 0..<max(0, pattern.count) { people.append(pattern.days) } }
    rng.shuffle(&people)
    let width = max(4, String(people.count).count)

    var rows: [Row] = []
    rows.reserveCapacity(people.count)
    var eligibleByDays: [[String]: [Int]] = [:]
    for (number, days) in people.enumerated() {
      let attended = Set(days)
      // Weighted sampling without replacement (Efraimidis–Spirakis): keep the k largest log(u)/w.
      let eligible: [Int]
      if let cached = eligibleByDays[days] {
        eligible = cached
      } else {
        eligible = candidates.indices.filter { !candidates[$0].days.isDisjoint(with: attended) }
        eligibleByDays[days] = eligible
      }
      var keyed: [(key: Double, index: Int)] = []
      keyed.reserveCapacity(eligible.count)
      for index in eligible {
        let u = max(rng.unit(), 0x1p-60)
        keyed.append((log(u) / candidates[index].weight, index))
      }
      let k = min(keyed.count, rng.int(in: choices))
      // Partial selection of the k best (key descending, then index): k is small, the candidates many.
      var chosen: [Candidate] = []
      for _ in 0..<k {
        var best = 0
        for j in keyed.indices.dropFirst()
        where keyed[j].key > keyed[best].key || (keyed[j].key == keyed[best].key && keyed[j].index < keyed[best].index)
        {
          best = j
        }
        chosen.append(candidates[keyed[best].index])
        keyed.swapAt(best, keyed.count - 1)
        keyed.removeLast()
      }
      let workshops = chosen.filter(\.isWorkshop).count
      let wanted = min(2 + min(days.count, 3) - 1 + rng.int(below: 2), max(1, workshops))
      let id = "p" + String(repeating: "0", count: max(0, width - String(number + 1).count)) + String(number + 1)
      rows.append(
        Row(id: id, days: days.sorted { dayOrder($0) < dayOrder($1) }, choices: chosen.map(\.id), maxWorkshops: wanted))
    }
    return rows
  }

  private func dayOrder(_ day: String) -> Int { event.days.firstIndex { $0.id == day } ?? Int.max }

  /// `participants.csv`: `id,days,choice_1…choice_N,max_workshops`, `,`-separated, `|` between days.
  public static func csv(_ rows: [Row], choiceColumns: Int = 6) -> String {
    let columns = max(choiceColumns, rows.map(\.choices.count).max() ?? 0)
    var header = ["id", "days"]
    header += (1...max(1, columns)).map { "choice_\($0)" }
    header.append("max_workshops")
    var lines = [header.joined(separator: ",")]
    for row in rows {
      var cells = [row.id, row.days.joined(separator: "|")]
      cells += (0..<max(1, columns)).map { $0 < row.choices.count ? row.choices[$0] : "" }
      cells.append(row.maxWorkshops.map(String.init) ?? "")
      lines.append(cells.joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
