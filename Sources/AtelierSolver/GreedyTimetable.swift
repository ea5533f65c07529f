import AtelierCore

/// A quick timetable that keeps every hard rule, built run by run: the most constrained runs first,
/// each at the start and room that best covers the slots still short of seats, then wastes the
/// fewest seats. GLPK's own heuristics often find no incumbent at all on event timetables (none in
/// 120 s on Instances/nec2022), so this start gives the search an answer from its first second.
/// Deterministic: restarts use a seeded shuffle. Returns nil when no attempt keeps every rule.
struct GreedyTimetable {
  let formulation: TimetableFormulation
  var attempts = 40

  private var instance: Instance { formulation.instance }

  /// A placement of run index `u` (into `formulation.runs`) with its window.
  private struct Placed {
    var run: Int
    var slot: Int
    var room: Int
    var window: TimeWindow
  }

  func timetable() -> Timetable? {
    let order = initialOrder()
    var generator = SplitMix64(seed: 0x4154_454C_4945_52)  // "ATELIER"
    for attempt in 0..<attempts {
      var runs = order
      if attempt > 0 { perturb(&runs, using: &generator) }
      if let placed = place(runs) { return timetable(from: placed) }
    }
    return nil
  }

  /// Fewest options first; exclusive and long runs before others.
  private func initialOrder() -> [Int] {
    let runs = formulation.runs
    return runs.indices.sorted { a, b in
      let sa = instance.sessions[runs[a].session]
      let sb = instance.sessions[runs[b].session]
      let ka = (sa.exclusive ? 0 : 1, roomOptionCount(a), -sa.durationMinutes, a)
      let kb = (sb.exclusive ? 0 : 1, roomOptionCount(b), -sb.durationMinutes, b)
      return ka < kb
    }
  }

  private func roomOptionCount(_ u: Int) -> Int {
    formulation.optionsByRun[u].reduce(0) { $0 + formulation.options[$1].rooms.count }
  }

  /// Swaps a few neighbours: keeps the most-constrained-first shape while exploring.
  private func perturb(_ runs: inout [Int], using generator: inout SplitMix64) {
    for _ in 0..<max(1, runs.count / 4) {
      let i = Int(generator.next() % UInt64(runs.count))
      let j = min(runs.count - 1, i + 1 + Int(generator.next() % 5))
      runs.swapAt(i, j)
    }
  }

  private func place(_ order: [Int]) -> [Placed]? {
    let runs = formulation.runs
    let changeover = instance.changeoverMinutes
    var placed: [Placed] = []
    var byRoom = [[Placed]](repeating: [], count: instance.rooms.count)
    var bySpeaker = [[Placed]](repeating: [], count: instance.speakers.count)
    var bySession = [[Placed]](repeating: [], count: instance.sessions.count)
    var exclusive: [Placed] = []
    var seats = [Int](repeating: 0, count: instance.slots.count)
    let demand = instance.slots.map { instance.seatDemand(onDay: $0.day) }
    var remaining = order
    let counts = instance.choiceCounts

    func absolute(_ day: Int, _ minutes: Int) -> Int { day * 1440 + minutes }
    func separated(_ a: TimeWindow, _ b: TimeWindow, gap: Int) -> Bool {
      a.day != b.day || a.start >= b.end + gap || b.start >= a.end + gap
    }

    while !remaining.isEmpty {
      // The first run in order whose prerequisites are all placed (precedence, H10).
      guard
        let position = remaining.firstIndex(where: { u in
          instance.sessions[runs[u].session].after.allSatisfy { p in bySession[p].count == max(1, instance.sessions[p].runs) }
        })
      else { return nil }
      let u = remaining.remove(at: position)
      let s = runs[u].session
      let session = instance.sessions[s]
      let earliest = session.after.flatMap { bySession[$0] }.map { absolute($0.window.day, $0.window.end) }.max() ?? 0

      var best: (score: Double, placed: Placed)?
      for o in formulation.optionsByRun[u] {
        let option = formulation.options[o]
        let w = option.window
        guard absolute(w.day, w.start) >= earliest else { continue }
        guard bySession[s].allSatisfy({ separated($0.window, w, gap: 0) }) else { continue }
        guard exclusive.allSatisfy({ separated($0.window, w, gap: 0) }) else { continue }
        if session.exclusive && !placed.allSatisfy({ separated($0.window, w, gap: 0) }) { continue }
        let speakersFree = session.speakers.allSatisfy { p in
          bySpeaker[p].allSatisfy { separated($0.window, w, gap: instance.speakers[p].minPause) }
        }
        guard speakersFree else { continue }
        let covered = instance.slots(overlapping: w)
        let audience = instance.expectedAudience(ofSession: s, onDay: w.day, choiceCounts: counts)
        let sameTrack = session.track.map { t in
          placed.filter { instance.sessions[runs[$0.run].session].track == t && !separated($0.window, w, gap: 0) }.count
        } ?? 0
        for (room, _) in option.rooms {
          guard byRoom[room].allSatisfy({ separated($0.window, w, gap: changeover) }) else { continue }
          let capacity = instance.rooms[room].capacity
          let offered = instance.seats(ofSession: s, inRoom: room)
          let useful = covered.reduce(0) { $0 + min(offered, max(0, demand[$1] - seats[$1])) }
          var score =
            -Double(useful) * 10 + Double(capacity - audience) / 100 * instance.weights.emptySeats
            + Double(sameTrack) * instance.weights.trackParallel
          if let baseline = formulation.baseline, let place = baseline.places[runs[u]] {
            if place.day == w.day && place.start == w.start { score -= baseline.timeMoveWeight }
            if place.room == room { score -= baseline.roomMoveWeight }
          }
          if best == nil || score < best!.score {
            best = (score, Placed(run: u, slot: option.slot, room: room, window: w))
          }
        }
      }
      guard let choice = best?.placed else { return nil }
      placed.append(choice)
      byRoom[choice.room].append(choice)
      for p in session.speakers { bySpeaker[p].append(choice) }
      bySession[s].append(choice)
      if session.exclusive { exclusive.append(choice) }
      for t in instance.slots(overlapping: choice.window) { seats[t] += instance.seats(ofSession: s, inRoom: choice.room) }
    }
    // Enough seats in every slot (H12).
    guard instance.slots.allSatisfy({ seats[$0.index] >= demand[$0.index] }) else { return nil }
    return placed
  }

  /// Runs of one session are interchangeable: renumber unpinned ones in time order (the model
  /// orders them so, to break symmetry).
  private func timetable(from placed: [Placed]) -> Timetable {
    let runs = formulation.runs
    var placements: [Timetable.Placement] = []
    var bySession = [Int: [Placed]]()
    for p in placed { bySession[runs[p.run].session, default: []].append(p) }
    for (s, list) in bySession {
      let session = instance.sessions[s]
      let pinned = list.filter { session.pin(forRun: runs[$0.run].run) != nil }
      let free = list.filter { session.pin(forRun: runs[$0.run].run) == nil }
      let freeNumbers = free.map { runs[$0.run].run }.sorted()
      let freeInTime = free.sorted { ($0.window.day, $0.window.start) < ($1.window.day, $1.window.start) }
      for p in pinned { placements.append(.init(run: runs[p.run], slot: p.slot, room: p.room)) }
      for (number, p) in zip(freeNumbers, freeInTime) {
        placements.append(.init(run: SessionRun(session: s, run: number), slot: p.slot, room: p.room))
      }
    }
    return Timetable(placements: placements)
  }
}
