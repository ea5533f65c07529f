import AtelierCore
import AtelierGenerator
import Foundation

/// Checks a placement of every run against rules H1–H12, working on the file format only
/// (independent of the generator's construction and of the solver).
struct WitnessChecker {
  struct Run {
    var session: InstanceFile.SessionEntry
    var run: Int
    var day: Int
    var start: Int
    var end: Int
    var room: InstanceFile.RoomEntry
  }

  let file: InstanceFile
  let presentPerDay: [Int]

  static func minutes(_ text: String) -> Int {
    let parts = text.split(separator: ":").compactMap { Int($0) }
    return parts.count == 2 ? parts[0] * 60 + parts[1] : -1
  }

  func dayIndex(_ id: String) -> Int? { file.days.firstIndex { $0.id == id } }

  /// Seats every slot must offer on `day`.
  func demand(_ day: Int) -> Int {
    Int((Double(presentPerDay[day]) * (file.seatCoverage ?? 1)).rounded(.up))
  }

  /// Slots of a day as (start, end, block).
  func slots(_ day: Int) -> [(start: Int, end: Int, block: Int)] {
    let entry = file.days[day]
    let breaks = (entry.breaks ?? []).map { (Self.minutes($0.start), Self.minutes($0.end)) }
    var result: [(Int, Int, Int)] = []
    var block = 0
    for slot in entry.slots {
      let start = Self.minutes(slot.start)
      let end = Self.minutes(slot.end)
      if let previous = result.last, breaks.contains(where: { $0.0 < start && previous.1 < $0.1 }) { block += 1 }
      result.append((start, end, block))
    }
    return result
  }

  func within(_ windows: [InstanceFile.WindowEntry], day: Int, start: Int, end: Int) -> Bool {
    windows.contains { w in
      w.day == file.days[day].id && Self.minutes(w.start ?? "00:00") <= start
        && end <= (w.end.map(Self.minutes) ?? 1440)
    }
  }

  func touches(_ windows: [InstanceFile.WindowEntry], day: Int, start: Int, end: Int) -> Bool {
    windows.contains { w in
      w.day == file.days[day].id && Self.minutes(w.start ?? "00:00") < end && start < (w.end.map(Self.minutes) ?? 1440)
    }
  }

  /// Every broken rule, as readable lines; empty when the placement keeps H1–H12.
  func violations(_ placements: [GeneratedInstance.Placement]) -> [String] {
    var problems: [String] = []
    let sessions = Dictionary(file.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let rooms = Dictionary(file.rooms.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let speakers = Dictionary((file.speakers ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var runs: [Run] = []
    var seen = Set<String>()
    for p in placements {
      guard let session = sessions[p.session], let room = rooms[p.room], let day = dayIndex(p.day) else {
        problems.append("H1 unknown id in \(p)")
        continue
      }
      if !seen.insert("\(p.session)#\(p.run)").inserted { problems.append("H1 \(p.session) run \(p.run) placed twice") }
      let start = Self.minutes(p.start)
      runs.append(Run(session: session, run: p.run, day: day, start: start, end: start + session.duration, room: room))
    }
    for session in file.sessions {
      for run in 1...max(1, session.runs ?? 1) where !seen.contains("\(session.id)#\(run)") {
        problems.append("H1 \(session.id) run \(run) not placed")
      }
    }
    for r in runs {
      let name = "\(r.session.id)#\(r.run)"
      // H2
      let daySlots = slots(r.day)
      if let first = daySlots.firstIndex(where: { $0.start == r.start }) {
        var last = first
        while daySlots[last].end < r.end {
          let next = last + 1
          if next >= daySlots.count || daySlots[next].block != daySlots[first].block {
            problems.append("H2 \(name) leaves its block")
            break
          }
          if daySlots[next].start >= r.end { break }
          last = next
        }
      } else {
        problems.append("H2 \(name) does not start at a slot start")
      }
      // H3
      let audience =
        r.session.maxSize ?? r.session.audience ?? ((r.session.exclusive ?? false) ? presentPerDay[r.day] : 0)
      if r.room.capacity < audience {
        problems.append("H3 \(name) audience \(audience) > \(r.room.id) \(r.room.capacity)")
      }
      // H4
      if !Set(r.session.requires ?? []).isSubset(of: Set(r.room.features ?? [])) {
        problems.append("H4 features \(name)")
      }
      if let kinds = r.room.kinds, !kinds.contains(r.session.kind) {
        problems.append("H4 kind \(name) in \(r.room.id)")
      }
      // H5
      if let available = r.room.available, !within(available, day: r.day, start: r.start, end: r.end) {
        problems.append("H5 \(name) outside \(r.room.id)'s availability")
      }
      if touches(r.room.unavailable ?? [], day: r.day, start: r.start, end: r.end) {
        problems.append("H5 \(name) while \(r.room.id) is closed")
      }
      // H7 availability
      for id in r.session.speakers ?? [] {
        guard let speaker = speakers[id] else {
          problems.append("H1 unknown speaker \(id)")
          continue
        }
        if let available = speaker.available, !within(available, day: r.day, start: r.start, end: r.end) {
          problems.append("H7 \(id) unavailable for \(name)")
        }
        if touches(speaker.unavailable ?? [], day: r.day, start: r.start, end: r.end) {
          problems.append("H7 \(id) unavailable for \(name)")
        }
      }
      // H8
      let pins = r.session.pins ?? (r.session.pin.map { [$0] } ?? [])
      if r.run - 1 < pins.count {
        let pin = pins[r.run - 1]
        if let day = pin.day, day != file.days[r.day].id { problems.append("H8 day of \(name)") }
        if let start = pin.start, Self.minutes(start) != r.start { problems.append("H8 start of \(name)") }
        if let room = pin.room, room != r.room.id { problems.append("H8 room of \(name)") }
      }
    }
    let changeover = file.changeoverMinutes ?? 0
    for (i, a) in runs.enumerated() {
      for b in runs[(i + 1)...] where a.day == b.day {
        let overlap = a.start < b.end && b.start < a.end
        // H6
        if a.room.id == b.room.id && a.start < b.end + changeover && b.start < a.end + changeover {
          problems.append("H6 \(a.session.id)#\(a.run) and \(b.session.id)#\(b.run) in \(a.room.id)")
        }
        // H7 overlap and pause
        for id in Set(a.session.speakers ?? []).intersection(b.session.speakers ?? []) {
          let pause = speakers[id]?.minPauseMinutes ?? 0
          if a.start < b.end + pause && b.start < a.end + pause {
            problems.append("H7 \(id) in \(a.session.id)#\(a.run) and \(b.session.id)#\(b.run)")
          }
        }
        // H9
        if overlap && ((a.session.exclusive ?? false) || (b.session.exclusive ?? false)) {
          problems.append("H9 \(a.session.id) overlaps \(b.session.id)")
        }
        // H11
        if overlap && a.session.id == b.session.id { problems.append("H11 runs of \(a.session.id) overlap") }
      }
    }
    // H10
    for r in runs {
      for before in r.session.after ?? [] {
        for p in runs where p.session.id == before && (p.day, p.end) > (r.day, r.start) {
          problems.append("H10 \(before)#\(p.run) ends after \(r.session.id)#\(r.run) starts")
        }
      }
    }
    // H12
    for day in file.days.indices {
      for slot in slots(day) {
        let seats = runs.filter { $0.day == day && $0.start < slot.end && slot.start < $0.end }.reduce(0) { sum, run in
          sum + (run.session.maxSize.map { min($0, run.room.capacity) } ?? run.room.capacity)
        }
        if seats < demand(day) {
          problems.append("H12 day \(file.days[day].id) \(slot.start): \(seats) seats < \(demand(day))")
        }
      }
    }
    return problems
  }
}

/// Participants per day, read back from a participants CSV.
func presentPerDay(csv: String, days: [String]) -> [Int] {
  var counts = [Int](repeating: 0, count: days.count)
  for line in csv.split(separator: "\n").dropFirst() {
    let cells = line.split(separator: ",", omittingEmptySubsequences: false)
    guard cells.count > 1 else { continue }
    for day in cells[1].split(separator: "|") { if let d = days.firstIndex(of: String(day)) { counts[d] += 1 } }
  }
  return counts
}
