import AtelierCore
import AtelierSolver

/// Random tiny assignment problems (a timetable given, at most 4 workshop runs and 4 participants)
/// and their optimum for each objective by enumerating every assignment.
enum AssignmentBruteForce {
  static func make(seed: UInt64) -> (Instance, Timetable) {
    var g = SplitMix64(seed: seed)
    let days = g.chance(0.4) ? 2 : 1
    let slots = g.int(in: 2...3)
    var sessions: [Session] = []
    var runsLeft = 4
    while runsLeft > 0 && sessions.count < 4 {
      let runs = runsLeft >= 2 && g.chance(0.3) ? 2 : 1
      runsLeft -= runs
      var session = Tiny.workshop("w\(sessions.count)", maxSize: g.int(in: 1...3), runs: runs)
      session.durationMinutes = g.pick([60, 60, 120])
      sessions.append(session)
    }
    sessions.append(Tiny.talk("talk"))  // chosen sometimes, never assigned
    let rooms = [Tiny.room("small", g.int(in: 1...2)), Tiny.room("big", 10)]
    let participants = (0..<g.int(in: 2...4)).map { p in
      var chosen = Array(sessions.indices).filter { _ in g.chance(0.6) }
      g.shuffle(&chosen)
      let attends = days == 2 && g.chance(0.5) ? Set([g.int(below: 2)]) : Set(0..<days)
      return Participant(id: "p\(p)", days: attends, choices: chosen, maxWorkshops: g.pick([nil, 1, 2]))
    }
    let instance = Tiny.instance(
      days: days, slots: slots, rooms: rooms, sessions: sessions, participants: participants, seatCoverage: 0)
    // Any start that stays within the day; rooms drawn freely (the assignment does not check H-rules).
    var placements: [Timetable.Placement] = []
    for run in instance.runs where g.chance(0.9) {
      let starts = instance.slots.indices.filter {
        instance.coveredSlots(ofSession: run.session, startingAt: $0) != nil
      }
      guard !starts.isEmpty else { continue }
      placements.append(.init(run: run, slot: g.pick(starts), room: g.int(below: 2)))
    }
    return (instance, Timetable(placements: placements))
  }

  struct Optimum {
    var welfare: Double
    var stageValue: Double?
  }

  /// The optimum of `objective`: the stage value (largest shortfall, or participants covered;
  /// for worst-rank the largest shortfall, then the most workshops, then the worst rank), then the
  /// best welfare keeping it.
  static func optimum(_ instance: Instance, _ timetable: Timetable, _ objective: AssignmentObjective, k: Int) -> Optimum
  {
    let longest = instance.participants.map(\.choices.count).max() ?? 1
    let placed = Dictionary(timetable.placements.map { ($0.run, $0) }, uniquingKeysWith: { a, _ in a })
    // Per participant: every subset of their candidate runs that keeps A1, A3, A4 and A5, with its
    // runs and welfare.
    var choices: [[(runs: [SessionRun], welfare: Double, worst: Int)]] = []
    var targets: [Int] = []
    for participant in instance.participants {
      var candidates: [(run: SessionRun, window: TimeWindow, weight: Double, rank: Int)] = []
      var offered = Set<Int>()
      for (index, s) in participant.choices.enumerated() where participant.choices.firstIndex(of: s) == index {
        guard instance.sessions[s].kind == .workshop else { continue }
        for run in instance.runs where run.session == s {
          guard let p = placed[run] else { continue }
          let window = instance.window(ofSession: s, startingAt: p.slot)
          guard participant.days.contains(window.day) else { continue }
          candidates.append((run, window, Double(longest - index), index + 1))
          offered.insert(s)
        }
      }
      let limit = participant.maxWorkshops ?? instance.weights.workshopsPerParticipant
      targets.append(min(limit, offered.count))
      var subsets: [(runs: [SessionRun], welfare: Double, worst: Int)] = []
      for mask in 0..<(1 << candidates.count) {
        let picked = candidates.indices.filter { mask & (1 << $0) != 0 }.map { candidates[$0] }
        guard picked.count <= limit, Set(picked.map(\.run.session)).count == picked.count else { continue }
        let overlap = picked.indices.contains { i in
          picked.indices.contains { j in i < j && picked[i].window.overlaps(picked[j].window) }
        }
        guard !overlap else { continue }
        subsets.append((picked.map(\.run), picked.reduce(0) { $0 + $1.weight }, picked.map(\.rank).max() ?? 0))
      }
      choices.append(subsets)
    }
    // Every combination that keeps A2; the best (stage, welfare) pair.
    var best: (stage: Double, count: Int, rank: Double, welfare: Double)?
    var attendees = [SessionRun: Int]()
    func seats(_ run: SessionRun) -> Int {
      guard let p = placed[run] else { return 0 }
      let capacity = instance.rooms[p.room].capacity
      return min(instance.sessions[run.session].maxSize ?? capacity, capacity)
    }
    var received: [Int] = []
    var worst: [Int] = []
    func visit(_ p: Int, welfare: Double) {
      if p == choices.count {
        // Stage values as something to maximise: −(largest shortfall) or participants covered.
        let stage: Double
        switch objective {
        case .welfare: stage = 0
        case .maximin, .worstRank:
          stage = -Double(targets.indices.filter { targets[$0] > 0 }.map { targets[$0] - received[$0] }.max() ?? 0)
        case .coverage:
          stage = Double(targets.indices.filter { targets[$0] > 0 && received[$0] >= min(k, targets[$0]) }.count)
        }
        // worst-rank's second stage, to maximise: −(worst rank received).
        let count = objective == .worstRank ? received.reduce(0, +) : 0
        let rank = objective == .worstRank ? -Double(worst.max() ?? 0) : 0
        if let current = best, (current.stage, current.count, current.rank, current.welfare) >= (stage, count, rank, welfare) {
          return
        }
        best = (stage, count, rank, welfare)
        return
      }
      for subset in choices[p] {
        guard subset.runs.allSatisfy({ (attendees[$0] ?? 0) < seats($0) }) else { continue }
        for run in subset.runs { attendees[run, default: 0] += 1 }
        received.append(subset.runs.count)
        worst.append(subset.worst)
        visit(p + 1, welfare: welfare + subset.welfare)
        worst.removeLast()
        received.removeLast()
        for run in subset.runs { attendees[run, default: 0] -= 1 }
      }
    }
    visit(0, welfare: 0)
    let result = best ?? (0, 0, 0, 0)
    switch objective {
    case .welfare: return Optimum(welfare: result.welfare, stageValue: nil)
    case .maximin: return Optimum(welfare: result.welfare, stageValue: -result.stage)
    case .coverage: return Optimum(welfare: result.welfare, stageValue: result.stage)
    case .worstRank: return Optimum(welfare: result.welfare, stageValue: -result.rank)
    }
  }
}
