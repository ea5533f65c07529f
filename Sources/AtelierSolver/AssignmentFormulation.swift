import AtelierCore
import AtelierMIP

/// How the assignment weighs participants against each other (`--assignment-objective`).
public enum AssignmentObjective: String, Sendable, CaseIterable, Codable {
  /// Maximise Σ rank weights: the most, and the most wanted, workshops overall.
  case welfare
  /// First make the largest shortfall any participant suffers (workshops asked for minus received)
  /// as small as possible; then, keeping that, maximise welfare.
  case maximin
  /// First give as many participants as possible at least `k` workshops (or all they asked for,
  /// when fewer); then, keeping that, maximise welfare.
  case coverage
  /// First the smallest largest shortfall (as `maximin`); keeping it, the smallest worst rank any
  /// participant receives (seats anywhere have no rank); keeping both, maximise welfare.
  case worstRank = "worst-rank"
}

/// Builds the participant assignment for a fixed timetable: `a[p,u]` = participant `p` attends
/// workshop run `u`. Only runs of workshops the participant chose, on days they attend, get a
/// variable. Rows: run capacity, one run per session, no overlap (at each run start), the
/// participant's limit. Without the stage rows of `maximin` / `coverage` it is a transportation-like
/// problem whose LP relaxation is nearly always integral: keep it that way.
struct AssignmentFormulation {
  let instance: Instance
  let timetable: Timetable
  private(set) var model = LinearModel(name: "assignment", sense: .maximize)
  /// (participant, run, rank, variable)
  private(set) var candidates: [(participant: Int, run: SessionRun, rank: Int, variable: VariableID)] = []
  /// Per participant: their candidate variables, and the number of workshops they can hope for.
  private(set) var byParticipant: [[VariableID]] = []
  private(set) var target: [Int] = []
  /// Rank weights, and the bonus for keeping an assignment of a published schedule.
  let welfare: WelfareWeights
  /// `min_size_policy: cancel`: per run with a minimum, whether it takes place (binary).
  private(set) var opens: [SessionRun: VariableID] = [:]
  /// Runs cancelled whatever the assignment: fewer candidates than their minimum (policy cancel).
  private(set) var cancelled: Set<SessionRun> = []
  /// Seats a run may give to participants who sit anywhere (`AssignmentFormulation.anywhereSeats`).
  private(set) var anywhereSeats: [SessionRun: Int] = [:]
  /// The same for online attendees, per run of a workshop with `online_seats` (no limit otherwise).
  private(set) var onlineAnywhereSeats: [SessionRun: Int] = [:]
  /// `max_workshops: every_slot`: the slots where a workshop run takes place whose runs seat fewer
  /// than the participants present who must sit in one, in domain terms (no GLPK needed to see it).
  private(set) var everySlotShortages: [String] = []

  /// The seats ranked choices leave free, per run: the session's seats less those who ranked it
  /// (and attend a day of one of its runs), given to its runs from the last one back, each at most
  /// its own seats. An indifferent participant is seated only there, so never takes a seat that
  /// one who chose the workshop could fill. The checker keeps its own copy of this rule.
  /// With `online`, the same over online seats and online attendees' choices (issue 17), for the
  /// workshops that limit them.
  static func anywhereSeats(
    instance: Instance, timetable: Timetable, rankedDemand: [Int: Int], online: Bool = false
  ) -> [SessionRun: Int] {
    var runsOf = [Int: [Timetable.Placement]]()
    for placement in timetable.placements where instance.sessions[placement.run.session].kind == .workshop {
      if online && instance.sessions[placement.run.session].onlineSeats == nil { continue }
      runsOf[placement.run.session, default: []].append(placement)
    }
    var free = [SessionRun: Int]()
    for (s, placements) in runsOf {
      let seats = placements.map { online ? instance.sessions[s].onlineSeats ?? 0 : instance.seats(ofSession: s, inRoom: $0.room) }
      var left = max(0, seats.reduce(0, +) - (rankedDemand[s] ?? 0))
      for (placement, seat) in zip(placements, seats).sorted(by: { $0.0.run > $1.0.run }) {
        free[placement.run] = min(seat, left)
        left -= min(seat, left)
      }
    }
    return free
  }

  init(instance: Instance, timetable: Timetable, kept: Set<Timetable.Assignment> = []) {
    self.instance = instance
    self.timetable = timetable
    welfare = WelfareWeights(instance: instance, kept: kept)
    build()
  }

  /// The welfare coefficient of a candidate, with the bonus for keeping a published assignment.
  private func weight(participant p: Int, run: SessionRun, rank: Int) -> Double {
    welfare.weight(participant: p, run: run, rank: rank)
  }

  private mutating func build() {
    let placements = Dictionary(uniqueKeysWithValues: timetable.placements.map { ($0.run, $0) })
    var runsOfSession = [Int: [SessionRun]]()
    for placement in timetable.placements where instance.sessions[placement.run.session].kind == .workshop {
      runsOfSession[placement.run.session, default: []].append(placement.run)
    }
    for s in runsOfSession.keys { runsOfSession[s]?.sort() }
    // In person and online (issue 17) apart: they take different seats.
    var attendees = [SessionRun: [LinearModel.Term]]()
    var onlineAttendees = [SessionRun: [LinearModel.Term]]()
    byParticipant = Array(repeating: [], count: instance.participants.count)
    var rankedDemand = [Int: Int]()
    var onlineRankedDemand = [Int: Int]()
    var anywhereTerms = [SessionRun: [LinearModel.Term]]()
    var onlineAnywhereTerms = [SessionRun: [LinearModel.Term]]()
    var everySlotWindows = [Int: [(TimeWindow, VariableID)]]()
    target = Array(repeating: 0, count: instance.participants.count)
    for (p, participant) in instance.participants.enumerated() {
      // Their choices at their ranks; then, if they sit anywhere, every other workshop at rank 0
      // (its seats capped below by the seats ranked choices leave free).
      // Online attendees only where the workshop is streamed (their other choices keep their ranks).
      let online = participant.isOnline(in: instance)
      var seen = Set<Int>()
      var wanted: [(session: Int, rank: Int)] = []
      for (index, s) in participant.choices.enumerated() where seen.insert(s).inserted {
        if online && !instance.sessions[s].streamed { continue }
        wanted.append((s, participant.rank(at: index)))
      }
      // Participants who fill every slot take unchosen workshops too, from any seat (A8, not A7).
      let everySlot = participant.fillsEverySlot(in: instance)
      if participant.takesUnchosen(in: instance) {
        for s in runsOfSession.keys.sorted() where !seen.contains(s) && !instance.sessions[s].exclusive {
          if online && !instance.sessions[s].streamed { continue }
          wanted.append((s, 0))
        }
      }
      var windows: [(TimeWindow, VariableID)] = []
      var sessionsOffered = 0
      for (s, rank) in wanted {
        let options = (runsOfSession[s] ?? []).compactMap { run -> (SessionRun, TimeWindow)? in
          guard let placement = placements[run] else { return nil }
          let window = instance.window(ofSession: s, startingAt: placement.slot)
          return participant.days.contains(window.day) ? (run, window) : nil
        }
        guard !options.isEmpty else { continue }
        if rank > 0 {
          sessionsOffered += 1
          if online { onlineRankedDemand[s, default: 0] += 1 } else { rankedDemand[s, default: 0] += 1 }
        }
        var sameSession: [LinearModel.Term] = []
        for (run, window) in options {
          let a = model.addVariable(
            "\(rank > 0 ? "a" : "anywhere")[\(participant.id),\(instance.sessions[s].id)#\(run.run)]",
            objective: weight(participant: p, run: run, rank: rank))
          candidates.append((p, run, rank, a))
          byParticipant[p].append(a)
          if online {
            onlineAttendees[run, default: []].append(.init(a))
            if rank == 0 && !everySlot { onlineAnywhereTerms[run, default: []].append(.init(a)) }
          } else {
            attendees[run, default: []].append(.init(a))
            if rank == 0 && !everySlot { anywhereTerms[run, default: []].append(.init(a)) }
          }
          sameSession.append(.init(a))
          windows.append((window, a))
        }
        if sameSession.count > 1 { model.addRow("once[\(participant.id),\(instance.sessions[s].id)]", sameSession, upper: 1) }
      }
      // No two overlapping runs: at each candidate's start, at most one candidate running.
      for (window, _) in windows {
        let running = windows.filter { $0.0.day == window.day && $0.0.start <= window.start && window.start < $0.0.end }
        guard running.count > 1 else { continue }
        model.addRow(
          "overlap[\(participant.id),\(window.day),\(window.start)]", running.map { .init($0.1) }, upper: 1)
      }
      if everySlot {
        // No count limit: one run in every workshop slot of their days (rows below, once the
        // runs that cannot take place are known).
        everySlotWindows[p] = windows
        target[p] = sessionsOffered
        continue
      }
      let limit = participant.maxWorkshops ?? instance.weights.workshopsPerParticipant
      target[p] = min(limit, sessionsOffered)
      if byParticipant[p].count > limit {
        model.addRow("limit[\(participant.id)]", byParticipant[p].map { .init($0) }, upper: Double(limit))
      }
    }
    if !anywhereTerms.isEmpty {
      anywhereSeats = Self.anywhereSeats(instance: instance, timetable: timetable, rankedDemand: rankedDemand)
      for (run, terms) in anywhereTerms.sorted(by: { $0.key < $1.key }) where terms.count > (anywhereSeats[run] ?? 0) {
        model.addRow(
          "anywhere-seats[\(instance.sessions[run.session].id)#\(run.run)]", terms, upper: Double(anywhereSeats[run] ?? 0))
      }
    }
    if !onlineAnywhereTerms.isEmpty {
      onlineAnywhereSeats = Self.anywhereSeats(
        instance: instance, timetable: timetable, rankedDemand: onlineRankedDemand, online: true)
      for (run, terms) in onlineAnywhereTerms.sorted(by: { $0.key < $1.key }) {
        guard let free = onlineAnywhereSeats[run], terms.count > free else { continue }
        model.addRow("online-anywhere-seats[\(instance.sessions[run.session].id)#\(run.run)]", terms, upper: Double(free))
      }
    }
    for run in Set(attendees.keys).union(onlineAttendees.keys).sorted() {
      guard let placement = placements[run] else { continue }
      let terms = attendees[run] ?? []
      // Online attendees take no room seat and do not count towards the minimum (a hands-on group).
      let remote = onlineAttendees[run] ?? []
      let onlineSeats = instance.sessions[run.session].onlineSeats
      let seats = instance.seats(ofSession: run.session, inRoom: placement.room)
      let name = "\(instance.sessions[run.session].id)#\(run.run)"
      if let m = instance.sessions[run.session].minSize, m > 0 {
        switch instance.minSizePolicy {
        case .hard:
          // Every run reaches its minimum (infeasible when fewer can come: validate names most cases).
          if !terms.isEmpty { model.addRow("min-size[\(name)]", terms, lower: Double(m)) }
        case .cancel where terms.count < m:
          // Too few candidates ever to reach the minimum: the run is cancelled.
          for term in terms + remote { model.setBounds(term.variable, lower: 0, upper: 0) }
          cancelled.insert(run)
          continue
        case .cancel:
          // open[u] = 1: the run takes place, with m to `seats` participants; 0: it has none.
          let open = model.addVariable("open[\(name)]")
          opens[run] = open
          let most = min(seats, terms.count)
          model.addRow("capacity[\(name)]", terms + [.init(open, -Double(most))], upper: 0)
          model.addRow("min-size[\(name)]", terms + [.init(open, -Double(m))], lower: 0)
          if !remote.isEmpty {
            let online = min(onlineSeats ?? remote.count, remote.count)
            model.addRow("online-seats[\(name)]", remote + [.init(open, -Double(online))], upper: 0)
          }
          continue
        }
      }
      if terms.count > seats {
        model.addRow("capacity[\(name)]", terms, upper: Double(seats))
      }
      if let onlineSeats, remote.count > onlineSeats {
        model.addRow("online-seats[\(name)]", remote, upper: Double(onlineSeats))
      }
    }
    addEverySlotRows(everySlotWindows, placements: placements)
    // Overlap rows of one participant may repeat (equal starts): drop exact duplicates.
    model.removeDuplicateRows()
  }

  /// `max_workshops: every_slot`: in every slot of their days where a workshop run takes place
  /// (placed, not exclusive, not cancelled outright), exactly one of the participant's candidates
  /// runs. Runs that `min_size` may still cancel count as taking place: stricter than rule A8, never
  /// looser. First the seats those participants need in each slot, against what its runs seat.
  private mutating func addEverySlotRows(_ windowsOf: [Int: [(TimeWindow, VariableID)]], placements: [SessionRun: Timetable.Placement]) {
    guard !windowsOf.isEmpty else { return }
    // Online attendees (issue 17) fill the slots where a streamed workshop run takes place, from its
    // online seats (Int.max: no limit).
    var seatsIn = [Int: Int]()
    var runsIn = [Int: Int]()
    var onlineSeatsIn = [Int: Int]()
    var streamedRunsIn = [Int: Int]()
    for (run, placement) in placements.sorted(by: { $0.key < $1.key }) {
      let session = instance.sessions[run.session]
      guard session.kind == .workshop, !session.exclusive, !cancelled.contains(run) else { continue }
      for slot in instance.slots(overlapping: instance.window(ofSession: run.session, startingAt: placement.slot)) {
        seatsIn[slot, default: 0] += instance.seats(ofSession: run.session, inRoom: placement.room)
        runsIn[slot, default: 0] += 1
        if session.streamed {
          let (sum, overflow) = (onlineSeatsIn[slot] ?? 0).addingReportingOverflow(session.onlineSeats ?? Int.max)
          onlineSeatsIn[slot] = overflow ? Int.max : sum
          streamedRunsIn[slot, default: 0] += 1
        }
      }
    }
    var present = [Int: Int]()
    var onlinePresent = [Int: Int]()
    for p in windowsOf.keys {
      let online = instance.participants[p].isOnline(in: instance)
      for day in instance.participants[p].days {
        if online { onlinePresent[day, default: 0] += 1 } else { present[day, default: 0] += 1 }
      }
    }
    for (slot, seats) in seatsIn.sorted(by: { $0.key < $1.key }) {
      let need = present[instance.slots[slot].day] ?? 0
      guard need > seats else { continue }
      let runs = runsIn[slot] ?? 0
      everySlotShortages.append(
        "not enough workshop seats at \(Self.slotName(instance, slot)) for the \(need) participants present with "
          + "max_workshops: every_slot: \(seats) seats in \(runs) workshop run\(runs == 1 ? "" : "s")")
    }
    for (slot, seats) in onlineSeatsIn.sorted(by: { $0.key < $1.key }) {
      let need = onlinePresent[instance.slots[slot].day] ?? 0
      guard need > seats else { continue }
      let runs = streamedRunsIn[slot] ?? 0
      everySlotShortages.append(
        "not enough online seats at \(Self.slotName(instance, slot)) for the \(need) online participants with "
          + "max_workshops: every_slot: \(seats) online seats in \(runs) streamed workshop run\(runs == 1 ? "" : "s")")
    }
    for (p, windows) in windowsOf.sorted(by: { $0.key < $1.key }) {
      let participant = instance.participants[p]
      let slots = participant.isOnline(in: instance) ? onlineSeatsIn.keys.sorted() : seatsIn.keys.sorted()
      for slot in slots where participant.days.contains(instance.slots[slot].day) {
        let window = instance.slots[slot].window
        let running = windows.filter { $0.0.overlaps(window) }.map { LinearModel.Term($0.1) }
        model.addRow("every-slot[\(participant.id),\(slot)]", running, lower: 1, upper: 1)
        if running.isEmpty {
          everySlotShortages.append(
            "participant \(participant.id) can attend no workshop at \(Self.slotName(instance, slot)) (max_workshops: every_slot)")
        }
      }
    }
  }

  /// `Thursday 29 Sep 10:45`.
  static func slotName(_ instance: Instance, _ slot: Int) -> String {
    "\(instance.dayName(instance.slots[slot].day)) \(TimeText.clock(instance.slots[slot].start))"
  }

  /// The stage variables, once added: the largest shortfall (`maximin`), and per covered
  /// participant the coverage indicator with the number of workshops it needs (`coverage`).
  private(set) var shortfall: VariableID?
  private(set) var coverage: [(variable: VariableID, participant: Int, need: Int)] = []

  /// maximin stage: minimise D with target − received ≤ D for every participant.
  mutating func addShortfallBound() -> VariableID {
    let d = model.addVariable("max-shortfall", kind: .continuous)
    shortfall = d
    for (p, variables) in byParticipant.enumerated() where target[p] > 0 {
      model.addRow("shortfall[\(instance.participants[p].id)]", variables.map { .init($0) } + [.init(d)], lower: Double(target[p]))
    }
    return d
  }

  /// coverage stage: c[p] = 1 only when participant p receives min(k, target) workshops.
  mutating func addCoverage(k: Int) -> [VariableID] {
    byParticipant.enumerated().compactMap { p, variables in
      let need = min(k, target[p])
      guard need > 0 else { return nil }
      let c = model.addVariable("covered[\(instance.participants[p].id)]")
      coverage.append((c, p, need))
      model.addRow("covered[\(instance.participants[p].id)]", variables.map { .init($0) } + [.init(c, -Double(need))], lower: 0)
      return c
    }
  }

  /// worst-rank stage: the smallest worst rank any assignment keeping a shortfall of at most
  /// `shortfall` can have, by counting alone: a participant who must receive `n` workshops needs
  /// `n` distinct workshops among their candidates, so at least their `n`-th smallest rank (a seat
  /// anywhere counting 0).
  func worstRankLowerBound(shortfall: Double) -> Int {
    var ranksOf = [[Int: Int]](repeating: [:], count: instance.participants.count)  // session → rank
    for candidate in candidates { ranksOf[candidate.participant][candidate.run.session] = candidate.rank }
    var bound = 0
    for (p, ranks) in ranksOf.enumerated() {
      let need = target[p] - Int(shortfall.rounded())
      let sorted = ranks.values.sorted()
      guard need > 0, !sorted.isEmpty else { continue }
      bound = max(bound, sorted[min(need, sorted.count) - 1])
    }
    return bound
  }

  /// worst-rank stage: no candidate of a rank above `rank` (seats anywhere, rank 0, stay allowed).
  mutating func forbidRanks(above rank: Int) {
    for candidate in candidates where candidate.rank > rank {
      model.setBounds(candidate.variable, lower: 0, upper: 0)
    }
  }

  /// The worst rank of the candidates taken in `values` (0 when none has a rank).
  func worstRank(of values: [Double]) -> Int {
    candidates.filter { values[$0.variable.index] > 0.5 }.map(\.rank).max() ?? 0
  }

  /// Turns the objective into a stage objective (coefficients on `variables`), dropping the welfare.
  mutating func replaceObjective(with terms: [LinearModel.Term], sense: LinearModel.Sense) {
    for index in model.variables.indices { model.setObjective(VariableID(index), 0) }
    for term in terms { model.setObjective(term.variable, term.coefficient) }
    model.sense = sense
  }

  mutating func restoreWelfare() {
    for index in model.variables.indices { model.setObjective(VariableID(index), 0) }
    for candidate in candidates {
      model.setObjective(
        candidate.variable, weight(participant: candidate.participant, run: candidate.run, rank: candidate.rank))
    }
    model.sense = .maximize
  }

  mutating func fix(_ variable: VariableID, lower: Double, upper: Double) {
    model.setBounds(variable, lower: lower, upper: upper)
  }

  mutating func addRow(_ name: String, _ terms: [LinearModel.Term], lower: Double = -.infinity, upper: Double = .infinity) {
    model.addRow(name, terms, lower: lower, upper: upper)
  }

  /// Workshops each participant receives when the candidates `chosen` are taken.
  private func received(_ chosen: [VariableID]) -> [Int] {
    let owner = Dictionary(uniqueKeysWithValues: candidates.map { ($0.variable, $0.participant) })
    var count = [Int](repeating: 0, count: instance.participants.count)
    for variable in chosen { if let p = owner[variable] { count[p] += 1 } }
    return count
  }

  /// Values of every variable when the candidates `chosen` are taken (stage variables set to
  /// what they measure: the largest shortfall, who is covered), or nil when they break a row of
  /// the model as it stands.
  func startValues(chosen: [VariableID]) -> [Double]? {
    var values = [Double](repeating: 0, count: model.variables.count)
    for variable in chosen { values[variable.index] = 1 }
    if !opens.isEmpty {
      let runOf = Dictionary(candidates.map { ($0.variable, $0.run) }, uniquingKeysWith: { a, _ in a })
      for variable in chosen { if let run = runOf[variable], let open = opens[run] { values[open.index] = 1 } }
    }
    let count = received(chosen)
    if let shortfall {
      values[shortfall.index] = Double(zip(target, count).map { max(0, $0 - $1) }.max() ?? 0)
    }
    for entry in coverage where count[entry.participant] >= entry.need { values[entry.variable.index] = 1 }
    return model.isFeasible(values) ? values : nil
  }

  func assignments(from values: [Double]) -> [Timetable.Assignment] {
    candidates.filter { values[$0.variable.index] > 0.5 }.map { .init(participant: $0.participant, run: $0.run) }
  }
}
