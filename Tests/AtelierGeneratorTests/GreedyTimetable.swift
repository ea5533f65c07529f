import AtelierCore
import AtelierGenerator

/// A randomised greedy search for one timetable of a day-pinned instance that keeps H1–H12, used to show
/// that a hand-written instance (Instances/nec2022) is feasible. Not a solver: it may fail on hard instances.
struct GreedyTimetable {
  struct Run {
    var session: InstanceFile.SessionEntry
    var run: Int
    var pin: InstanceFile.PinEntry
  }
  struct Option {
    var day: Int
    var slot: Int
    var start: Int
    var end: Int
    var room: InstanceFile.RoomEntry
  }

  let file: InstanceFile
  let checker: WitnessChecker

  init(file: InstanceFile, presentPerDay: [Int]) {
    self.file = file
    checker = WitnessChecker(file: file, presentPerDay: presentPerDay)
  }

  func options(_ run: Run) -> [Option] {
    var result: [Option] = []
    let speakers = Dictionary((file.speakers ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for day in file.days.indices where run.pin.day == nil || run.pin.day == file.days[day].id {
      let slots = checker.slots(day)
      for (index, slot) in slots.enumerated() {
        if let start = run.pin.start, WitnessChecker.minutes(start) != slot.start { continue }
        let end = slot.start + run.session.duration
        // Stays within its block.
        var last = index
        var fits = true
        while slots[last].end < end {
          let next = last + 1
          if next >= slots.count || slots[next].block != slot.block {
            fits = false
            break
          }
          if slots[next].start >= end { break }
          last = next
        }
        guard fits else { continue }
        let speakersFree = (run.session.speakers ?? []).allSatisfy { id in
          guard let speaker = speakers[id] else { return false }
          if let available = speaker.available, !checker.within(available, day: day, start: slot.start, end: end) {
            return false
          }
          return !checker.touches(speaker.unavailable ?? [], day: day, start: slot.start, end: end)
        }
        guard speakersFree else { continue }
        for room in file.rooms {
          if let pinned = run.pin.room, pinned != room.id { continue }
          if let kinds = room.kinds, !kinds.contains(run.session.kind) { continue }
          if !Set(run.session.requires ?? []).isSubset(of: Set(room.features ?? [])) { continue }
          if room.capacity < (run.session.maxSize ?? run.session.audience ?? 0) { continue }
          if let available = room.available, !checker.within(available, day: day, start: slot.start, end: end) {
            continue
          }
          if checker.touches(room.unavailable ?? [], day: day, start: slot.start, end: end) { continue }
          result.append(Option(day: day, slot: index, start: slot.start, end: end, room: room))
        }
      }
    }
    return result
  }

  /// One timetable keeping H1–H12, or nil after `attempts` tries.
  func search(seed: UInt64, attempts: Int = 60) -> [GeneratedInstance.Placement]? {
    var runs: [Run] = []
    for session in file.sessions {
      let pins = session.pins ?? (session.pin.map { [$0] } ?? [])
      for run in 1...max(1, session.runs ?? 1) {
        runs.append(Run(session: session, run: run, pin: run - 1 < pins.count ? pins[run - 1] : .init()))
      }
    }
    let allOptions = runs.map(options)
    var rng = SplitMix64(seed: seed)
    for _ in 0..<attempts {
      if let placements = attempt(runs: runs, options: allOptions, rng: &rng),
        checker.violations(placements).isEmpty
      {
        return placements
      }
    }
    return nil
  }

  private func attempt(runs: [Run], options: [[Option]], rng: inout SplitMix64) -> [GeneratedInstance.Placement]? {
    // Most constrained first; predecessors before their successors.
    let noise = runs.map { _ in rng.unit() }
    var pending = runs.indices.sorted { a, b in
      func key(_ i: Int) -> (Int, Int, Int, Int, Int) {
        let s = runs[i].session
        return (
          (s.exclusive ?? false) ? 0 : 1, runs[i].pin.start == nil ? 1 : 0, s.kind == "workshop" ? 1 : 0,
          -(s.audience ?? 0) - s.duration, options[i].count
        )
      }
      return key(a) != key(b) ? key(a) < key(b) : noise[a] < noise[b]
    }
    var order: [Int] = []
    var placedSessions: [String: Int] = [:]
    while !pending.isEmpty {
      guard
        let next = pending.firstIndex(where: { i in
          (runs[i].session.after ?? []).allSatisfy { id in
            placedSessions[id] == max(1, file.sessions.first { $0.id == id }?.runs ?? 1)
          }
        })
      else { return nil }
      order.append(pending[next])
      placedSessions[runs[pending[next]].session.id, default: 0] += 1
      pending.remove(at: next)
    }

    let changeover = file.changeoverMinutes ?? 0
    let speakers = Dictionary((file.speakers ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var busy: [(day: Int, start: Int, end: Int, room: String, session: String, speakers: [String], exclusive: Bool)] =
      []
    var seats = file.days.indices.map { [Int](repeating: 0, count: checker.slots($0).count) }
    var workshops = seats
    var ends: [String: [(Int, Int)]] = [:]
    var placements: [GeneratedInstance.Placement] = []
    for i in order {
      let run = runs[i]
      var choices = options[i]
      rng.shuffle(&choices)
      if run.session.kind == "workshop" {
        choices.sort { (workshops[$0.day][$0.slot], $0.room.capacity) < (workshops[$1.day][$1.slot], $1.room.capacity) }
      } else {
        choices.sort {
          seats[$0.day][$0.slot] != seats[$1.day][$1.slot]
            ? seats[$0.day][$0.slot] < seats[$1.day][$1.slot] : $0.room.capacity > $1.room.capacity
        }
      }
      let chosen = choices.first { o in
        for b in busy where b.day == o.day {
          let overlap = b.start < o.end && o.start < b.end
          if overlap && (b.exclusive || (run.session.exclusive ?? false) || b.session == run.session.id) {
            return false
          }
          if b.room == o.room.id && b.start < o.end + changeover && o.start < b.end + changeover { return false }
          for id in Set(b.speakers).intersection(run.session.speakers ?? []) {
            let pause = speakers[id]?.minPauseMinutes ?? 0
            if b.start < o.end + pause && o.start < b.end + pause { return false }
          }
        }
        return (run.session.after ?? []).allSatisfy { id in (ends[id] ?? []).allSatisfy { $0 <= (o.day, o.start) } }
      }
      guard let o = chosen else { return nil }
      busy.append(
        (o.day, o.start, o.end, o.room.id, run.session.id, run.session.speakers ?? [], run.session.exclusive ?? false))
      ends[run.session.id, default: []].append((o.day, o.end))
      let offered = run.session.maxSize.map { min($0, o.room.capacity) } ?? o.room.capacity
      for (s, slot) in checker.slots(o.day).enumerated() where slot.start < o.end && o.start < slot.end {
        seats[o.day][s] += offered
        if run.session.kind == "workshop" { workshops[o.day][s] += 1 }
      }
      placements.append(
        .init(
          session: run.session.id, run: run.run, day: file.days[o.day].id, start: Self.time(o.start), room: o.room.id))
    }
    return placements
  }

  static func time(_ minutes: Int) -> String {
    let h = minutes / 60
    let m = minutes % 60
    return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
  }
}
