import AtelierCore

/// A quick timetable that keeps every hard rule, built run by run: the most constrained runs first,
/// each at the start and room that best covers the slots still short of seats, then wastes the
/// fewest seats. GLPK's own heuristics often find no incumbent at all on event timetables (none in
/// 120 s on Instances/nec2022, none in minutes on generated instances of 3,000 participants and
/// more), so this start gives the search an answer from its first second.
///
/// Three things keep it from dead ends on large events: starts that precedence (H10) rules out are
/// removed before anything is placed; a run with no free start and room moves up to
/// `maxEjections` runs that block it elsewhere; slots still short of seats at the end (H12) take
/// runs moved from slots with seats to spare. Deterministic: restarts use a seeded shuffle.
/// Returns nil when no attempt keeps every rule.
struct GreedyTimetable {
  let formulation: TimetableFormulation
  var attempts = 40
  /// Runs a repair may move elsewhere to make room for one run.
  var maxEjections = 2

  private var instance: Instance { formulation.instance }

  /// One way to place a run: one of its start options (an index into `formulation.options`) and
  /// one of that option's rooms.
  struct Candidate: Equatable {
    var option: Int
    var room: Int
  }

  func timetable() -> Timetable? {
    let candidates = candidatesWithinPrecedence()
    guard candidates.allSatisfy({ !$0.isEmpty }) else { return nil }
    var generator = SplitMix64(seed: 0x4154_454C_4945_52)  // "ATELIER"
    for attempt in 0..<attempts {
      // Later attempts draw the order anew around the most-constrained-first shape.
      let noise = attempt == 0 ? nil : formulation.runs.map { _ in generator.unit() }
      var board = Board(formulation: formulation, candidates: candidates)
      if board.placeAll(placementOrder(noise: noise), maxEjections: maxEjections), board.coverSeats(),
        board.relationsHold()
      {
        return timetable(from: board)
      }
    }
    return nil
  }

  /// Exclusive runs first, then fewest starts and rooms offered by the model (counted before the
  /// precedence filter, which keeps the order, and so the start, of instances that never needed
  /// it), then longest. `noise` in [0, 1) per run counts a run as having up to half as many
  /// options again.
  private func placementOrder(noise: [Double]?) -> [Int] {
    let runs = formulation.runs
    func key(_ u: Int) -> (Int, Double, Int, Int) {
      let session = instance.sessions[runs[u].session]
      let offered = formulation.optionsByRun[u].reduce(0) { $0 + formulation.options[$1].rooms.count }
      return (session.exclusive ? 0 : 1, Double(offered) * (1 + 0.5 * (noise?[u] ?? 0)), -session.durationMinutes, u)
    }
    let keys = runs.indices.map(key)
    let order = runs.indices.sorted { keys[$0] < keys[$1] }
    return instance.relations.isEmpty ? order : groupingRelated(order)
  }

  /// `order` with the runs of sessions that must start together or share days (same_slot,
  /// same_day, through any chain) moved up to just after the first of them: placed one after the
  /// other, each finds the others' start or day still open.
  private func groupingRelated(_ order: [Int]) -> [Int] {
    var parent = Array(instance.sessions.indices)
    func root(_ s: Int) -> Int {
      var s = s
      while parent[s] != s { s = parent[s] }
      return s
    }
    for relation in instance.relations where relation.kind != .differentSlot {
      parent[root(relation.second)] = root(relation.first)
    }
    var byGroup = [Int: [Int]]()
    for u in order { byGroup[root(formulation.runs[u].session), default: []].append(u) }
    var seen = Set<Int>()
    var result: [Int] = []
    for u in order where seen.insert(root(formulation.runs[u].session)).inserted {
      result += byGroup[root(formulation.runs[u].session)] ?? []
    }
    return result
  }

  /// Every run's start options and rooms, without those that cannot be part of any timetable,
  /// whatever else is placed: the windows of exclusive runs fixed in time, and starts precedence
  /// (H10) rules out. A session's k runs never overlap, so they start at k different times: they
  /// all end no earlier than the k-th earliest end on offer, and they cannot all start later than
  /// the k-th latest start. That gives each session a release time (from its prerequisites) and a
  /// deadline (from the sessions after it), propagated along chains until nothing changes.
  /// Without this, the greedy placed a prerequisite in the last free slot of its day and its
  /// dependent then had nowhere to go: every attempt failed so on generated instances of 7,500
  /// participants and more, and on some smaller ones.
  private func candidatesWithinPrecedence() -> [[Candidate]] {
    let runs = formulation.runs
    let sessions = instance.sessions
    var runsOfSession = [[Int]](repeating: [], count: sessions.count)
    for (u, run) in runs.enumerated() { runsOfSession[run.session].append(u) }
    // An exclusive run with a single possible window (the opening plenary) keeps every other run
    // out of it.
    let exclusiveWindows = runs.indices.compactMap { u -> TimeWindow? in
      let windows = Set(formulation.optionsByRun[u].map { formulation.options[$0].window })
      return instance.sessions[runs[u].session].exclusive && windows.count == 1 ? windows.first : nil
    }
    let usable = runs.indices.map { u in
      formulation.optionsByRun[u].filter { o in
        instance.sessions[runs[u].session].exclusive
          || !exclusiveWindows.contains { $0.overlaps(formulation.options[o].window) }
      }
    }
    var release = [Int](repeating: Int.min, count: sessions.count)
    var deadline = [Int](repeating: Int.max, count: sessions.count)
    func windows(_ s: Int) -> [TimeWindow] {
      runsOfSession[s].flatMap { u in usable[u].map { formulation.options[$0].window } }
        .filter { $0.absoluteStart >= release[s] && $0.absoluteEnd <= deadline[s] }
    }
    /// The k-th smallest (or largest) of the distinct `values`, k being the runs of session `s`;
    /// when there are fewer, a value no placement meets.
    func kth(_ values: [Int], of s: Int, ascending: Bool) -> Int {
      let k = sessions[s].parallelRuns ? 1 : max(1, sessions[s].runs)
      let distinct = Set(values).sorted(by: ascending ? (<) : (>))
      return distinct.count >= k ? distinct[k - 1] : (ascending ? Int.max : Int.min)
    }
    let constrained = sessions.indices.filter { !sessions[$0].after.isEmpty }
    // Each round moves a bound along one more link of a chain; chains are acyclic (the loader
    // rejects cycles), so rounds beyond the number of sessions change nothing.
    for _ in 0...sessions.count {
      var changed = false
      for s in constrained {
        for p in sessions[s].after {
          let earliestEnd = kth(windows(p).map(\.absoluteEnd), of: p, ascending: true)
          if earliestEnd > release[s] {
            release[s] = earliestEnd
            changed = true
          }
          let latestStart = kth(windows(s).map(\.absoluteStart), of: s, ascending: false)
          if latestStart < deadline[p] {
            deadline[p] = latestStart
            changed = true
          }
        }
      }
      if !changed { break }
    }
    // Same slot and same day: only starts (days) where the other session has a start (day) on offer.
    var allowedStarts = [Int: Set<Int>]()
    var allowedDays = [Int: Set<Int>]()
    for relation in instance.relations where relation.kind != .differentSlot {
      for (s, t) in [(relation.first, relation.second), (relation.second, relation.first)] {
        let offered = runsOfSession[t].flatMap { usable[$0].map { formulation.options[$0].window } }
        if relation.kind == .sameSlot {
          let starts = Set(offered.map(\.absoluteStart))
          allowedStarts[s] = allowedStarts[s].map { $0.intersection(starts) } ?? starts
        } else {
          let days = Set(offered.map(\.day))
          allowedDays[s] = allowedDays[s].map { $0.intersection(days) } ?? days
        }
      }
    }
    return runs.indices.map { u in
      let s = runs[u].session
      return usable[u].flatMap { o in
        let window = formulation.options[o].window
        guard window.absoluteStart >= release[s], window.absoluteEnd <= deadline[s],
          allowedStarts[s]?.contains(window.absoluteStart) ?? true, allowedDays[s]?.contains(window.day) ?? true
        else { return [Candidate]() }
        return formulation.options[o].rooms.map { Candidate(option: o, room: $0.room) }
      }
    }
  }

  /// Runs of one session are interchangeable: renumber unpinned ones in time order (the model
  /// orders them so, to break symmetry).
  private func timetable(from board: Board) -> Timetable {
    let runs = formulation.runs
    var placements: [Timetable.Placement] = []
    for (s, session) in instance.sessions.enumerated() {
      let placed = board.runsOfSession[s].compactMap { u in board.placement[u].map { (u, $0) } }
      let pinned = placed.filter { session.pin(forRun: runs[$0.0].run) != nil }
      let free = placed.filter { session.pin(forRun: runs[$0.0].run) == nil }
      let freeNumbers = free.map { runs[$0.0].run }.sorted()
      // Parallel runs may share a start: then the room orders them, as in the model.
      let freeInTime = free.sorted {
        (formulation.options[$0.1.option].window.absoluteStart, $0.1.room)
          < (formulation.options[$1.1.option].window.absoluteStart, $1.1.room)
      }
      for (u, c) in pinned {
        placements.append(.init(run: runs[u], slot: formulation.options[c.option].slot, room: c.room))
      }
      for (number, (_, c)) in zip(freeNumbers, freeInTime) {
        placements.append(
          .init(run: SessionRun(session: s, run: number), slot: formulation.options[c.option].slot, room: c.room))
      }
    }
    return Timetable(placements: placements)
  }
}

extension GreedyTimetable {
  /// A partial timetable, indexed so that what blocks a candidate is quick to find, and cheap to
  /// copy so that a repair that fails can be undone.
  fileprivate struct Board {
    let formulation: TimetableFormulation
    let candidates: [[Candidate]]
    /// Where each run is, by run index into `formulation.runs`.
    var placement: [Candidate?]
    var byRoom: [[Int]]
    var bySpeaker: [[Int]]
    var byTrack: [[Int]]
    var exclusive: [Int] = []
    /// Seats offered in each slot (H12), and the seats each slot needs.
    var seats: [Int]
    let demand: [Int]
    let runsOfSession: [[Int]]
    /// Sessions that name each session in `after`.
    let dependents: [[Int]]
    let choiceCounts: [Int]
    /// The relations (H13–H15) each session is in.
    let relationsOf: [[SessionRelation]]

    private var instance: Instance { formulation.instance }

    init(formulation: TimetableFormulation, candidates: [[Candidate]]) {
      let instance = formulation.instance
      self.formulation = formulation
      self.candidates = candidates
      placement = Array(repeating: nil, count: formulation.runs.count)
      byRoom = Array(repeating: [], count: instance.rooms.count)
      bySpeaker = Array(repeating: [], count: instance.speakers.count)
      byTrack = Array(repeating: [], count: instance.tracks.count)
      seats = Array(repeating: 0, count: instance.slots.count)
      demand = instance.slots.indices.map { instance.seatDemand(inSlot: $0) }
      var runsOfSession = [[Int]](repeating: [], count: instance.sessions.count)
      for (u, run) in formulation.runs.enumerated() { runsOfSession[run.session].append(u) }
      self.runsOfSession = runsOfSession
      var dependents = [[Int]](repeating: [], count: instance.sessions.count)
      for (s, session) in instance.sessions.enumerated() { for p in session.after { dependents[p].append(s) } }
      self.dependents = dependents
      choiceCounts = instance.choiceCounts
      var relationsOf = [[SessionRelation]](repeating: [], count: instance.sessions.count)
      for relation in instance.relations {
        relationsOf[relation.first].append(relation)
        relationsOf[relation.second].append(relation)
      }
      self.relationsOf = relationsOf
    }

    private func session(of u: Int) -> Session { instance.sessions[formulation.runs[u].session] }
    private func window(_ c: Candidate) -> TimeWindow { formulation.options[c.option].window }
    private func window(of u: Int) -> TimeWindow? { placement[u].map(window) }

    private static func apart(_ a: TimeWindow, _ b: TimeWindow, gap: Int) -> Bool {
      a.day != b.day || a.start >= b.end + gap || b.start >= a.end + gap
    }

    // MARK: Placing

    /// Places runs in `order`, each as soon as its prerequisites are all placed; a run with no free
    /// candidate moves up to `maxEjections` blockers elsewhere. False when some run cannot be placed.
    mutating func placeAll(_ order: [Int], maxEjections: Int) -> Bool {
      var remaining = order
      while !remaining.isEmpty {
        guard let position = remaining.firstIndex(where: prerequisitesPlaced) else { return false }
        let u = remaining.remove(at: position)
        if let best = bestFreeCandidate(for: u) {
          place(u, best)
        } else if !repair(u, maxEjections: maxEjections) {
          return false
        }
      }
      return true
    }

    private func prerequisitesPlaced(_ u: Int) -> Bool {
      session(of: u).after.allSatisfy { p in runsOfSession[p].allSatisfy { placement[$0] != nil } }
    }

    /// The placed runs that keep run `u` from candidate `c` and could move (room and speaker
    /// conflicts), or nil when something that cannot move forbids it (precedence, the session's
    /// other runs, exclusive sessions).
    func blockers(of u: Int, at c: Candidate) -> [Int]? {
      let w = window(c)
      let s = formulation.runs[u].session
      let session = instance.sessions[s]
      for p in session.after {
        for v in runsOfSession[p] where (window(of: v)?.absoluteEnd ?? .min) > w.absoluteStart { return nil }
      }
      for d in dependents[s] {
        for v in runsOfSession[d] where (window(of: v)?.absoluteStart ?? .max) < w.absoluteEnd { return nil }
      }
      for relation in relationsOf[s] {
        guard let t = relation.partner(of: s) else { continue }
        let others = runsOfSession[t].compactMap { window(of: $0) }
        let complete = others.count == runsOfSession[t].count
        switch relation.kind {
        case .differentSlot:
          if others.contains(where: { $0.overlaps(w) }) { return nil }
        case .sameSlot:
          if complete && !others.contains(where: { $0.absoluteStart == w.absoluteStart }) { return nil }
        case .sameDay:
          if complete && !others.contains(where: { $0.day == w.day }) { return nil }
        }
      }
      for v in runsOfSession[s] where v != u && !session.parallelRuns {
        if let other = window(of: v), other.overlaps(w) { return nil }
      }
      for v in exclusive where v != u {
        if let other = window(of: v), other.overlaps(w) { return nil }
      }
      if session.exclusive {
        for v in placement.indices where v != u {
          if let other = window(of: v), other.overlaps(w) { return nil }
        }
      }
      var result: [Int] = []
      for p in session.speakers {
        let pause = instance.speakers[p].minPause
        for v in bySpeaker[p] where v != u && !result.contains(v) {
          if let other = window(of: v), !Self.apart(other, w, gap: pause) { result.append(v) }
        }
      }
      // byRoom lists each run under its room and its overflow rooms.
      for room in instance.occupiedRooms(bySession: s, inRoom: c.room) {
        for v in byRoom[room] where v != u && !result.contains(v) {
          if let other = window(of: v), !Self.apart(other, w, gap: instance.changeoverMinutes) { result.append(v) }
        }
      }
      if instance.usesBlocks { blockBlockers(of: u, at: c, into: &result) }
      return result
    }

    private func block(_ c: Candidate) -> Int { instance.slots[formulation.options[c.option].slot].block }

    /// The placed runs that session blocks (H16–H18) keep run `u` from candidate `c` with: movable,
    /// like room and speaker conflicts.
    private func blockBlockers(of u: Int, at c: Candidate, into result: inout [Int]) {
      let s = formulation.runs[u].session
      let b = block(c)
      for v in byRoom[c.room] where v != u && !result.contains(v) {
        guard let other = placement[v], other.room == c.room, block(other) == b,
          instance.blockExcludes(s, formulation.runs[v].session)
        else { continue }
        result.append(v)
      }
      if instance.inBlockTrack(s) {
        for p in instance.sessions[s].speakers {
          for v in bySpeaker[p] where v != u && !result.contains(v) && instance.inBlockTrack(formulation.runs[v].session) {
            if let other = placement[v], block(other) == b, other.room != c.room { result.append(v) }
          }
        }
      }
      guard let t = instance.sessions[s].track else { return }
      for pair in instance.similarTracks where pair.first == t || pair.second == t {
        let similar = pair.first == t ? pair.second : pair.first
        for v in byTrack[similar] where !result.contains(v) {
          if let other = placement[v], block(other) == b { result.append(v) }
        }
      }
    }

    /// Session blocks and room preferences in the score: a block track's run is drawn to a
    /// room-block its track already holds (so that blocks fill up rather than every paper taking a
    /// room-block of its own), and away from rooms its track does not prefer.
    private func blockScore(of u: Int, at c: Candidate) -> Double {
      let s = formulation.runs[u].session
      var score = 0.0
      if instance.missesPreferredRoom(session: s, room: c.room) { score += instance.weights.roomPreferenceMissed }
      if instance.inBlockTrack(s), let t = instance.sessions[s].track {
        let b = block(c)
        let mates = byTrack[t].filter { v in v != u && placement[v].map { $0.room == c.room && block($0) == b } == true }
        score -= Double(mates.count) * 10
      }
      return score
    }

    /// Lower is better: seats toward slots still short first, then few empty seats, few runs of
    /// the same track in parallel, and (when re-solving) the published place.
    func score(of u: Int, at c: Candidate) -> Double {
      let w = window(c)
      let s = formulation.runs[u].session
      let session = instance.sessions[s]
      let offered = instance.seats(ofSession: s, inRoom: c.room)
      let useful = instance.slots(overlapping: w).reduce(0) { $0 + min(offered, max(0, demand[$1] - seats[$1])) }
      let audience = instance.expectedAudience(ofSession: s, onDay: w.day, choiceCounts: choiceCounts)
      let sameTrack = session.track.map { t in byTrack[t].filter { $0 != u && window(of: $0)?.overlaps(w) == true }.count } ?? 0
      var score =
        -Double(useful) * 10 + Double(instance.capacity(ofSession: s, inRoom: c.room) - audience) / 100 * instance.weights.emptySeats
        + Double(sameTrack) * instance.weights.trackParallel
      if instance.usesBlocks || instance.usesRoomPreferences { score += blockScore(of: u, at: c) }
      if let baseline = formulation.baseline, let place = baseline.places[formulation.runs[u]] {
        if place.day == w.day && place.start == w.start { score -= baseline.timeMoveWeight }
        if place.room == c.room { score -= baseline.roomMoveWeight }
      }
      return score
    }

    func bestFreeCandidate(for u: Int) -> Candidate? {
      var best: (score: Double, candidate: Candidate)?
      for c in candidates[u] where blockers(of: u, at: c)?.isEmpty == true {
        let score = score(of: u, at: c)
        if best.map({ score < $0.score }) ?? true { best = (score, c) }
      }
      return best?.candidate
    }

    /// Places `u` where at most `maxEjections` movable runs are in the way (fewest first, then
    /// best score), and moves each of them to its best free candidate. Undone when one of them
    /// finds no place.
    mutating func repair(_ u: Int, maxEjections: Int) -> Bool {
      var tries: [(blockers: [Int], score: Double, index: Int, candidate: Candidate)] = []
      for (index, c) in candidates[u].enumerated() {
        guard let blockers = blockers(of: u, at: c), blockers.count <= maxEjections,
          blockers.allSatisfy({ !session(of: $0).exclusive })
        else { continue }
        tries.append((blockers, score(of: u, at: c), index, c))
      }
      tries.sort { ($0.blockers.count, $0.score, $0.index) < ($1.blockers.count, $1.score, $1.index) }
      for attempt in tries {
        let before = self
        for v in attempt.blockers { remove(v) }
        place(u, attempt.candidate)
        var moved = true
        for v in attempt.blockers {
          guard let elsewhere = bestFreeCandidate(for: v) else {
            moved = false
            break
          }
          place(v, elsewhere)
        }
        if moved { return true }
        self = before
      }
      return false
    }

    mutating func place(_ u: Int, _ c: Candidate) {
      placement[u] = c
      let session = session(of: u)
      for room in instance.occupiedRooms(bySession: formulation.runs[u].session, inRoom: c.room) { byRoom[room].append(u) }
      for p in session.speakers { bySpeaker[p].append(u) }
      if let t = session.track { byTrack[t].append(u) }
      if session.exclusive { exclusive.append(u) }
      let offered = instance.seats(ofSession: formulation.runs[u].session, inRoom: c.room)
      for t in instance.slots(overlapping: window(c)) { seats[t] += offered }
    }

    mutating func remove(_ u: Int) {
      guard let c = placement[u] else { return }
      let session = session(of: u)
      for room in instance.occupiedRooms(bySession: formulation.runs[u].session, inRoom: c.room) {
        byRoom[room].removeAll { $0 == u }
      }
      for p in session.speakers { bySpeaker[p].removeAll { $0 == u } }
      if let t = session.track { byTrack[t].removeAll { $0 == u } }
      if session.exclusive { exclusive.removeAll { $0 == u } }
      let offered = instance.seats(ofSession: formulation.runs[u].session, inRoom: c.room)
      for t in instance.slots(overlapping: window(c)) { seats[t] -= offered }
      placement[u] = nil
    }

    /// Whether every relation (H13–H15) holds once all runs are placed: the checks while placing
    /// see only runs already placed, so a session with several runs can still miss one.
    func relationsHold() -> Bool {
      let windows = runsOfSession.map { $0.compactMap { window(of: $0) } }
      for relation in instance.relations {
        let (a, b) = (windows[relation.first], windows[relation.second])
        switch relation.kind {
        case .sameSlot:
          if Set(a.map(\.absoluteStart)) != Set(b.map(\.absoluteStart)) { return false }
        case .sameDay:
          if Set(a.map(\.day)) != Set(b.map(\.day)) { return false }
        case .differentSlot:
          if a.contains(where: { x in b.contains { $0.overlaps(x) } }) { return false }
        }
      }
      return true
    }

    // MARK: Seats (H12)

    /// Seats missing in all slots together.
    private func deficit(_ seats: [Int]) -> Int {
      zip(seats, demand).reduce(0) { $0 + max(0, $1.1 - $1.0) }
    }

    /// Moves runs, one at a time, to a free candidate that lowers the total seat deficit without
    /// leaving any other slot short, best move first. True when every slot has its seats.
    mutating func coverSeats() -> Bool {
      var missing = deficit(seats)
      while missing > 0 {
        let short = Set(instance.slots.indices.filter { seats[$0] < demand[$0] })
        var best: (missing: Int, score: Double, run: Int, candidate: Candidate)?
        for u in placement.indices {
          guard let current = placement[u] else { continue }
          let s = formulation.runs[u].session
          let leaving = instance.slots(overlapping: window(current))
          let offeredNow = instance.seats(ofSession: s, inRoom: current.room)
          for c in candidates[u] where c != current {
            // Only a move into a short slot can lower the deficit.
            let arriving = instance.slots(overlapping: window(c))
            guard arriving.contains(where: short.contains), blockers(of: u, at: c)?.isEmpty == true else { continue }
            var after = seats
            for t in leaving { after[t] -= offeredNow }
            for t in arriving { after[t] += instance.seats(ofSession: s, inRoom: c.room) }
            // Never short a slot that had its seats.
            guard leaving.allSatisfy({ after[$0] >= demand[$0] || seats[$0] < demand[$0] }) else { continue }
            let left = deficit(after)
            guard left < missing else { continue }
            let score = score(of: u, at: c)
            if best.map({ (left, score) < ($0.missing, $0.score) }) ?? true { best = (left, score, u, c) }
          }
        }
        guard let move = best else { return false }
        remove(move.run)
        place(move.run, move.candidate)
        missing = move.missing
      }
      return true
    }
  }
}

extension TimeWindow {
  /// Minutes from midnight of the first day, to compare windows across days.
  fileprivate var absoluteStart: Int { day * 1440 + start }
  fileprivate var absoluteEnd: Int { day * 1440 + end }
}
