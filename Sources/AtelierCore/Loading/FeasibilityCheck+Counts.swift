/// Counts of slots that prove an instance infeasible before any solve (issue 15, item 12).
///
/// Every run may start only where it fits: a slot start that keeps it within one block and matches
/// its pin, with a room that has its features, takes its kind, seats its audience and is open, and
/// every speaker free (its *candidates*). Runs that may not overlap (the exclusive runs, with
/// everything; a speaker's runs, with their pause; a session's runs; the runs that have one room
/// only) cover disjoint sets of slots: the slots they need, each run at its fewest, cannot exceed
/// the slots they can use. Each count is a necessary condition; a failure is an error naming the
/// runs, the slots they need and the slots there are.
extension FeasibilityCheck {
  /// Where one run may start: the slot and the slots it then covers.
  struct Candidate {
    var start: Int
    var covered: Range<Int>
  }

  /// A run and its candidates; `onlyRoom` when every candidate has the same single room.
  struct RunOptions {
    var run: SessionRun
    var candidates: [Candidate]
    var onlyRoom: Int?
    /// The fewest slots the run covers at any candidate.
    var fewest: Int { candidates.map(\.covered.count).min() ?? 0 }
  }

  static func runOptions(_ instance: Instance, _ counts: [Int]) -> [RunOptions] {
    instance.sessions.indices.flatMap { s in
      (1...max(1, instance.sessions[s].runs)).map { number in
        let run = SessionRun(session: s, run: number)
        let placements = instance.placements(of: run, choiceCounts: counts)
        let rooms = Set(placements.flatMap(\.rooms))
        return RunOptions(
          run: run,
          candidates: placements.compactMap { p in
            instance.coveredSlots(ofSession: s, startingAt: p.slot).map { Candidate(start: p.slot, covered: $0) }
          },
          onlyRoom: rooms.count == 1 ? rooms.first : nil)
      }
    }
  }

  /// The slots a family of pairwise non-overlapping runs needs, and the slots it can use (the union
  /// of what its candidates cover). With a pause, a run followed by another on its day also covers
  /// the slots that start within the pause after it: of the runs, all but one per day (at most the
  /// days the family can use) are followed so, and those with the smallest such extra are counted.
  static func slotNeed(_ instance: Instance, _ family: [RunOptions], pause: Int = 0) -> (need: Int, usable: Int) {
    var usable = Set<Int>()
    for options in family { for candidate in options.candidates { usable.formUnion(candidate.covered) } }
    var need = 0
    var extras: [Int] = []
    for options in family {
      need += options.fewest
      guard pause > 0 else { continue }
      let extra = options.candidates.map { candidate -> Int in
        let first = instance.slots[candidate.start]
        let end = first.start + instance.sessions[options.run.session].durationMinutes + pause
        let reached = instance.days[first.day].slots.filter {
          $0 >= candidate.start && instance.slots[$0].start < end && usable.contains($0)
        }.count
        return max(0, reached - candidate.covered.count)
      }.min() ?? 0
      extras.append(extra)
    }
    let days = Set(usable.map { instance.slots[$0].day }).count
    need += extras.sorted().prefix(max(0, family.count - days)).reduce(0, +)
    return (need, usable.count)
  }

  /// The most runs of a family that fit one after another with `pause` minutes between two on a
  /// day: on each day, greedily from the earliest start any of them may take, each run as short as
  /// the shortest of them (earliest end first: no schedule of longer runs fits more).
  static func mostThatFit(_ instance: Instance, _ family: [RunOptions], pause: Int) -> Int {
    let shortest = family.map { instance.sessions[$0.run.session].durationMinutes }.min() ?? 0
    var starts = Set<Int>()
    for options in family { for candidate in options.candidates { starts.insert(candidate.start) } }
    var total = 0
    var free = Int.min  // the earliest minute the next run may start, on the current day
    var day = -1
    for t in starts.sorted() {
      let slot = instance.slots[t]
      if slot.day != day {
        day = slot.day
        free = Int.min
      }
      guard slot.start >= free else { continue }
      total += 1
      free = slot.start + shortest + pause
    }
    return total
  }

  /// "'Opening', 'Workshop one' and 2 more".
  static func names(_ instance: Instance, _ runs: [RunOptions], limit: Int = 3) -> String {
    var seen = Set<Int>()
    var titles: [String] = []
    for options in runs where seen.insert(options.run.session).inserted {
      titles.append("'\(instance.sessions[options.run.session].title)'")
    }
    let shown = titles.prefix(limit)
    let rest = titles.count - shown.count
    if rest > 0 { return shown.joined(separator: ", ") + " and \(rest) more" }
    if shown.count <= 1 { return shown.first ?? "" }
    return shown.dropLast().joined(separator: ", ") + " and " + (shown.last ?? "")
  }

  static func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }

  /// Every count that fails. Runs without any candidate are left out (`session-unplaceable` says
  /// why); features already short by the plain count and overbooked speakers are not repeated.
  static func slotCounts(
    _ instance: Instance, _ counts: [Int], shortFeatures: Set<String>, overbooked: Set<Int>
  ) -> [Diagnostic] {
    let all = runOptions(instance, counts).filter { !$0.candidates.isEmpty }
    var found: [Diagnostic] = []
    let exclusive = all.filter { instance.sessions[$0.run.session].exclusive }
    let others = all.filter { !instance.sessions[$0.run.session].exclusive }
    let exclusiveNeed = slotNeed(instance, exclusive)

    // 1. Exclusive runs have their slots to themselves; the other runs need slots beside them.
    if !exclusive.isEmpty {
      let rooms = max(1, instance.rooms.count)
      let cells = others.reduce(0) { $0 + $1.fewest }
      let rest = (cells + rooms - 1) / rooms
      if exclusiveNeed.need > exclusiveNeed.usable || exclusiveNeed.need + rest > instance.slots.count {
        let first = exclusive[0].run.session
        var message =
          "the \(plural(exclusive.count, "exclusive run")) (\(names(instance, exclusive))) "
          + (exclusive.count == 1 ? "needs \(plural(exclusiveNeed.need, "slot")) to itself (nothing runs beside it)"
            : "need \(plural(exclusiveNeed.need, "slot")) to themselves (nothing runs beside them)")
        if exclusiveNeed.need > exclusiveNeed.usable {
          message += ", but can use only \(plural(exclusiveNeed.usable, "slot"))"
        } else {
          message +=
            " and the other \(plural(others.count, "run")) at least \(rest) more (\(plural(rooms, "room")) per slot); "
            + "the programme has \(plural(instance.slots.count, "slot"))"
        }
        found.append(
          .error(
            "exclusive-slot-shortage", message, at: .init(path: "sessions[\(first)].exclusive"),
            hint: "add slots, or let sessions run beside them (exclusive: false)"))
      }
    }

    // 2. Runs needing a feature: the open room-slots that have it, less those the exclusive runs take.
    var reported = Set<SessionRun>()
    let features = Set(others.flatMap { instance.sessions[$0.run.session].requires }).sorted()
    for feature in features where !shortFeatures.contains(feature) {
      let family = others.filter { instance.sessions[$0.run.session].requires.contains(feature) }
      let rooms = instance.rooms.filter { $0.features.contains(feature) }
      // A room counts in a slot unless one closure spans the whole slot (a short run may fit
      // beside a closure that takes part of it).
      let cells = instance.slots.map { slot in
        rooms.filter { room in !room.unavailable.contains { $0.contains(slot.window) } }.count
      }
      let taken = exclusive.isEmpty ? 0 : cells.sorted().prefix(exclusiveNeed.need).reduce(0, +)
      let need = family.reduce(0) { $0 + $1.fewest }
      let offered = cells.reduce(0, +)
      guard need > offered - taken else { continue }
      reported.formUnion(family.map(\.run))
      let s = family[0].run.session
      var message =
        "\(plural(family.count, "run")) (\(names(instance, family))) need '\(feature)' in "
        + "\(plural(need, "room-slot")); the \(plural(rooms.count, "room")) with it \(rooms.count == 1 ? "offers" : "offer") \(offered) while open"
      if taken > 0 { message += ", of which the exclusive runs (\(names(instance, exclusive))) leave \(offered - taken)" }
      found.append(
        .error(
          "feature-shortage", message,
          at: .init(path: "sessions[\(s)].requires[\(instance.sessions[s].requires.sorted().firstIndex(of: feature) ?? 0)]"),
          hint: "give another room '\(feature)', add slots, or drop the requirement from some sessions"))
    }

    // 3. The runs that have one room only, with the exclusive runs (nothing runs beside those).
    let byOnlyRoom = Dictionary(grouping: others.filter { $0.onlyRoom != nil }, by: { $0.onlyRoom ?? -1 })
    for r in instance.rooms.indices {
      let family = byOnlyRoom[r] ?? []
      guard !family.isEmpty, family.contains(where: { !reported.contains($0.run) }) else { continue }
      let withExclusive = family + exclusive
      guard withExclusive.count > 1 else { continue }
      let (need, usable) = slotNeed(instance, withExclusive)
      guard need > usable else { continue }
      reported.formUnion(family.map(\.run))
      var message =
        "room '\(instance.rooms[r].name)' is the only room for \(plural(family.count, "run")) (\(names(instance, family)))"
      if !exclusive.isEmpty { message += ", and the exclusive runs (\(names(instance, exclusive))) leave it free only beside them" }
      message += ": they need \(plural(need, "slot")), the room can be used in \(usable)"
      found.append(
        .error(
          "room-slot-shortage", message, at: .init(path: "sessions[\(family[0].run.session)]"),
          hint: "let the sessions use other rooms (features, kinds, capacity, pins), or add slots"))
    }

    // 4. A speaker's runs, with the pause between two of them.
    var bySpeaker = [[RunOptions]](repeating: [], count: instance.speakers.count)
    for options in all {
      for p in Set(instance.sessions[options.run.session].speakers) where bySpeaker.indices.contains(p) {
        bySpeaker[p].append(options)
      }
    }
    for (p, speaker) in instance.speakers.enumerated() where !overbooked.contains(p) {
      let family = bySpeaker[p]
      guard family.count > 1 else { continue }
      let (need, usable) = slotNeed(instance, family, pause: speaker.minPause)
      let fit = speaker.minPause > 0 ? mostThatFit(instance, family, pause: speaker.minPause) : family.count
      guard need > usable || fit < family.count else { continue }
      let runs = "speaker '\(speaker.id)' gives \(plural(family.count, "run")) (\(names(instance, family)))"
      found.append(
        .error(
          "speaker-slot-shortage",
          fit < family.count
            ? "\(runs), but with \(speaker.minPause) minutes between two of them at most \(fit) fit in the slots they can use"
            : "\(runs) that need \(plural(need, "slot")), but can be scheduled in only \(plural(usable, "slot"))",
          at: .init(path: "speakers[\(p)]"),
          hint: "widen the speaker's availability, shorten the pause, or give some sessions to another speaker"))
    }

    // 5. The runs of one session never overlap each other (unless `parallel_runs`).
    let bySession = Dictionary(grouping: all, by: \.run.session)
    for (s, session) in instance.sessions.enumerated() where session.runs > 1 && !session.parallelRuns {
      let family = bySession[s] ?? []
      guard family.count > 1 else { continue }
      let (need, usable) = slotNeed(instance, family)
      guard need > usable else { continue }
      found.append(
        .error(
          "runs-slot-shortage",
          "the \(session.runs) runs of '\(session.title)' may not overlap: they need \(plural(need, "slot")), "
            + "but can start only where \(plural(usable, "slot")) are open to them",
          at: .init(path: "sessions[\(s)].runs"), hint: "lower runs, or open more slots to the session"))
    }

    // 6. An `after` chain runs one session after the other: its runs' slots add up.
    found += afterChains(instance, all)
    found += everySlotSeats(instance, counts, all)
    return found
  }

  /// 7. `max_workshops: every_slot`: a slot where some workshop run must be (every start it has
  /// covers it) needs workshop seats for those present; all the workshop runs that can cover it,
  /// each in its largest room, may offer fewer.
  private static func everySlotSeats(_ instance: Instance, _ counts: [Int], _ all: [RunOptions]) -> [Diagnostic] {
    let demand = instance.days.indices.map { instance.everySlotDemand(onDay: $0) }
    guard demand.contains(where: { $0 > 0 }) else { return [] }
    let workshops = all.filter {
      instance.sessions[$0.run.session].kind == .workshop && !instance.sessions[$0.run.session].exclusive
    }
    var found: [Diagnostic] = []
    for slot in instance.slots where demand[slot.day] > 0 {
      guard let sure = workshops.first(where: { $0.candidates.allSatisfy { $0.covered.contains(slot.index) } }) else { continue }
      let possible = workshops.filter { $0.candidates.contains { $0.covered.contains(slot.index) } }
      let seats = possible.reduce(0) { sum, options in
        let rooms = instance.placements(of: options.run, choiceCounts: counts).flatMap(\.rooms)
        return sum + (rooms.map { instance.seats(ofSession: options.run.session, inRoom: $0) }.max() ?? 0)
      }
      guard seats < demand[slot.day] else { continue }
      found.append(
        .error(
          "every-slot-seats",
          "not enough workshop seats at \(instance.dayName(slot.day)) \(TimeText.clock(slot.start)) for the "
            + "\(demand[slot.day]) participants present with max_workshops: every_slot: '\(instance.sessions[sure.run.session].id)' "
            + "runs then, and the \(plural(possible.count, "workshop run")) that can be there seat at most \(seats)",
          at: .init(path: "sessions[\(sure.run.session)]"),
          hint: "add workshop runs or seats there, move the pinned workshop, or give some participants a number of workshops"))
    }
    return found
  }

  /// `after` in time order: a session may start only once every run of each prerequisite has
  /// ended. In topological order (Kahn's algorithm, no recursion: a fuzzed chain may be thousands
  /// long), each session's earliest start slot (`ready`) and the slot by which all its runs can
  /// have ended at the earliest (`finish`: each run at its earliest candidate from `ready`, and the
  /// runs' slots one after another). A run with no candidate from `ready` on, or a chain whose
  /// finish passes the last slot, cannot be scheduled. Sessions on a cycle (refused by the
  /// resolver) are left out.
  private static func afterChains(_ instance: Instance, _ all: [RunOptions]) -> [Diagnostic] {
    guard instance.sessions.contains(where: { !$0.after.isEmpty }) else { return [] }
    let n = instance.sessions.count
    let runsOf = Dictionary(grouping: all, by: \.run.session)
    var successors = [[Int]](repeating: [], count: n)
    var indegree = [Int](repeating: 0, count: n)
    for (s, session) in instance.sessions.enumerated() {
      for p in Set(session.after) where instance.sessions.indices.contains(p) && p != s {
        successors[p].append(s)
        indegree[s] += 1
      }
    }
    var ready = [Int](repeating: 0, count: n)
    var finish = [Int](repeating: 0, count: n)
    /// The prerequisite that set `ready`, to name the chain.
    var previous = [Int?](repeating: nil, count: n)
    var queue = (0..<n).filter { indegree[$0] == 0 }
    var found: [Diagnostic] = []
    var blocked = Set<Int>()
    func chain(_ s: Int) -> String {
      var sessions = [s]
      while let p = previous[sessions[sessions.count - 1]], sessions.count <= n { sessions.append(p) }
      sessions.reverse()
      let shown = sessions.count > 6 ? Array(sessions.prefix(3)) + [-1] + Array(sessions.suffix(2)) : sessions
      return shown.map { $0 < 0 ? "…" : "'\(instance.sessions[$0].id)'" }.joined(separator: " → ")
    }
    func slotName(_ t: Int) -> String {
      let slot = instance.slots[t]
      return "\(instance.dayName(slot.day)) \(TimeText.clock(slot.start))"
    }
    while let s = queue.popLast() {
      let runs = runsOf[s] ?? []
      if !blocked.contains(s), !runs.isEmpty {
        var end = ready[s]
        var unreachable = false
        for options in runs {
          guard let earliest = options.candidates.filter({ $0.start >= ready[s] }).map(\.covered.upperBound).min()
          else {
            unreachable = true
            break
          }
          end = max(end, earliest)
        }
        // Runs follow each other, unless they may run in parallel.
        let fewest = runs.map(\.fewest)
        end = max(end, ready[s] + (instance.sessions[s].parallelRuns ? fewest.max() ?? 0 : fewest.reduce(0, +)))
        if unreachable || end > instance.slots.count {
          blocked.insert(s)
          let p = previous[s].map { instance.sessions[$0].id } ?? ""
          let after = ready[s] < instance.slots.count ? "from \(slotName(ready[s])) on" : "after the last slot"
          found.append(
            .error(
              "after-chain-too-long",
              unreachable
                ? "'\(instance.sessions[s].id)' must start after '\(p)' ends (the chain \(chain(s))), so \(after); "
                  + "no run of it fits there"
                : "the `after` chain \(chain(s)) runs its sessions one after another: their runs would need "
                  + "\(end) of the programme's \(plural(instance.slots.count, "slot")), counted from its first",
              at: .init(path: "sessions[\(s)].after"),
              hint: "remove an `after` from the chain, move its pins earlier, lower runs, or add slots"))
        }
        finish[s] = end
      }
      for next in successors[s] {
        if blocked.contains(s) { blocked.insert(next) }  // named once, at its first session that cannot fit
        if finish[s] > ready[next] || previous[next] == nil {
          if finish[s] >= ready[next] {
            ready[next] = finish[s]
            previous[next] = s
          }
        }
        indegree[next] -= 1
        if indegree[next] == 0 { queue.append(next) }
      }
    }
    return found
  }
}
