import AtelierCore
import AtelierMIP

/// Builds the timetable integer program for an instance and maps its solution back to a `Timetable`.
///
/// Variables: `z[u,a]` = run `u` starts at slot `a`; `x[u,a,r]` = it does so in room `r` (only for rooms
/// that can host it then: capacity, features, kind, availability and pins prune the rest; when one
/// room is possible `x` is `z`). Conflicts are aggregated per time point (every slot start) instead of
/// pairwise rows: two half-open intervals that start at slot starts overlap exactly when one of them
/// contains the other's start, so "at most one per room, speaker, … at each slot start" is exact.
///
/// With `relaxed`, every hard-rule family gets penalised slack so the model is always feasible; the
/// slack that stays positive names the rules that cannot hold together (`InfeasibilityExplainer`).
struct TimetableFormulation {
  let instance: Instance
  let runs: [SessionRun]
  let relaxed: Bool
  let baseline: Baseline?
  private(set) var model: LinearModel
  private(set) var options: [StartOption] = []
  /// `optionsByRun[u]` indexes `options`.
  private(set) var optionsByRun: [[Int]] = []
  /// Slack variables of a relaxed model, with what each one stands for.
  private(set) var slacks: [(variable: VariableID, rule: RelaxedRule)] = []
  /// Objective terms as linear expressions, to report each term's contribution.
  private(set) var terms: [ObjectiveTerm] = []

  struct StartOption {
    var run: Int
    var slot: Int
    var window: TimeWindow
    /// The slots the run overlaps when it starts here.
    var covered: [Int]
    var z: VariableID
    /// Rooms possible for this start, with the variable choosing each.
    var rooms: [(room: Int, x: VariableID)]
  }

  struct ObjectiveTerm {
    var name: String
    var weight: Double
    /// Σ coefficient × value gives the term's amount (before the weight).
    var amount: [LinearModel.Term]
  }

  /// Penalty per unit of slack in a relaxed model: far above any soft term.
  static let slackPenalty = 10_000.0

  init(instance: Instance, relaxed: Bool = false, baseline: Baseline? = nil) {
    self.instance = instance
    self.runs = instance.runs
    self.relaxed = relaxed
    self.baseline = baseline
    self.model = LinearModel(name: "timetable", sense: .minimize)
    buildOptions()
    addRunRows()
    addRoomRows()
    addSpeakerRows()
    addRepeatedRunRows()
    addPrecedenceRows()
    addRelationRows()
    addSeatRows()
    addEverySlotRows()
    if instance.usesBlocks { addBlockRows() }
    addSoftTerms()
    if let baseline { addStabilityTerms(baseline) }
  }

  // MARK: - Variables

  private mutating func buildOptions() {
    let counts = instance.choiceCounts
    optionsByRun = Array(repeating: [], count: runs.count)
    for (u, run) in runs.enumerated() {
      let session = instance.sessions[run.session]
      for (start, rooms) in instance.placements(of: run, choiceCounts: counts) {
        let window = instance.window(ofSession: run.session, startingAt: start)
        let name = "\(session.id)#\(run.run)@\(start)"
        let z = model.addVariable("z[\(name)]")
        let roomVariables: [(room: Int, x: VariableID)] =
          rooms.count == 1
          ? [(rooms[0], z)]
          : rooms.map { ($0, model.addVariable("x[\(name),\(instance.rooms[$0].id)]")) }
        optionsByRun[u].append(options.count)
        options.append(
          StartOption(
            run: u, slot: start, window: window, covered: instance.slots(overlapping: window), z: z, rooms: roomVariables))
      }
    }
  }

  /// A non-negative slack variable for a relaxed model (nil otherwise).
  private mutating func slack(_ rule: RelaxedRule, bound: Double = .infinity) -> VariableID? {
    guard relaxed else { return nil }
    let variable = model.addVariable(
      "slack[\(slacks.count)]", kind: .continuous, upper: bound, objective: Self.slackPenalty)
    slacks.append((variable, rule))
    return variable
  }

  // MARK: - Hard rules

  /// Each run starts exactly once, in exactly one of its rooms (H1).
  private mutating func addRunRows() {
    for (u, run) in runs.enumerated() {
      var terms = optionsByRun[u].map { LinearModel.Term(options[$0].z) }
      if let unplaced = slack(.unplaced(run), bound: 1) { terms.append(.init(unplaced)) }
      model.addRow("place[\(u)]", terms, lower: 1, upper: 1)
      for o in optionsByRun[u] where options[o].rooms.count > 1 {
        let option = options[o]
        model.addRow(
          "room[\(u),\(option.slot)]", option.rooms.map { .init($0.x) } + [.init(option.z, -1)], lower: 0, upper: 0)
      }
    }
  }

  /// Slot starts of `day` within [from, to).
  private func points(day: Int, from: Int, to: Int) -> [Int] {
    instance.days[day].slots.filter { instance.slots[$0].start >= from && instance.slots[$0].start < to }
  }

  /// At each slot start, a room hosts at most one run, counting its changeover (H6), and nothing
  /// runs in parallel with an exclusive session (H9): an exclusive run takes every room. A run with
  /// overflow rooms takes them too, whichever room it is in: its z stands for it in their rows.
  private mutating func addRoomRows() {
    let changeover = instance.changeoverMinutes
    // occupancy[r][p]: terms of runs occupying room r at slot start p.
    var occupancy = Array(repeating: [Int: [LinearModel.Term]](), count: instance.rooms.count)
    var exclusiveAt = [Int: [LinearModel.Term]]()
    var busyAt = [Int: [LinearModel.Term]]()  // used only when changeover > 0: H9 on windows
    for option in options {
      let session = instance.sessions[runs[option.run].session]
      let window = option.window
      for (room, x) in option.rooms {
        for p in points(day: window.day, from: window.start, to: window.end + changeover) {
          let inWindow = instance.slots[p].start < window.end
          // An exclusive run's z stands for it in every room's row while it runs.
          if session.exclusive && inWindow && changeover == 0 { continue }
          occupancy[room][p, default: []].append(.init(x))
          if changeover > 0 && inWindow && !session.exclusive { busyAt[p, default: []].append(.init(x)) }
        }
      }
      for room in session.overflowRooms {
        for p in points(day: window.day, from: window.start, to: window.end + changeover) {
          let inWindow = instance.slots[p].start < window.end
          if session.exclusive && inWindow && changeover == 0 { continue }
          occupancy[room][p, default: []].append(.init(option.z))
        }
      }
      if session.exclusive {
        for p in points(day: window.day, from: window.start, to: window.end) {
          exclusiveAt[p, default: []].append(.init(option.z))
        }
      }
    }
    for r in instance.rooms.indices {
      var rowPoints = Set(occupancy[r].keys)
      if changeover == 0 { rowPoints.formUnion(exclusiveAt.keys) }
      for p in rowPoints.sorted() {
        var terms = occupancy[r][p] ?? []
        if changeover == 0 { terms += exclusiveAt[p] ?? [] }
        guard terms.count > 1 else { continue }
        if let s = slack(.roomOverlap(room: r, slot: p)) { terms.append(.init(s, -1)) }
        model.addRow("room-use[\(instance.rooms[r].id),\(p)]", terms, upper: 1)
      }
    }
    if changeover > 0 {
      // With changeovers, exclusivity is about windows, not occupancy: one row per point, the
      // exclusive runs weighted by the number of rooms so that any parallel run breaks it.
      for (p, exclusive) in exclusiveAt.sorted(by: { $0.key < $1.key }) {
        let others = busyAt[p] ?? []
        // Two exclusive runs alone at a point must exclude each other too.
        guard !others.isEmpty || exclusive.count > 1 else { continue }
        let big = Double(max(1, others.count))
        var terms = others + exclusive.map { .init($0.variable, big) }
        if let s = slack(.exclusiveOverlap(slot: p)) { terms.append(.init(s, -1)) }
        model.addRow("exclusive[\(p)]", terms, upper: big)
      }
    }
  }

  /// A speaker gives one run at a time, with their minimum pause in between (H7).
  private mutating func addSpeakerRows() {
    var busy = Array(repeating: [Int: [LinearModel.Term]](), count: instance.speakers.count)
    for option in options {
      let session = instance.sessions[runs[option.run].session]
      for speaker in session.speakers {
        let pause = instance.speakers[speaker].minPause
        for p in points(day: option.window.day, from: option.window.start, to: option.window.end + pause) {
          busy[speaker][p, default: []].append(.init(option.z))
        }
      }
    }
    for (speaker, byPoint) in busy.enumerated() {
      for (p, terms) in byPoint.sorted(by: { $0.key < $1.key }) {
        // Rows where every term belongs to one run are implied by that run's placement row.
        guard Set(terms.map { options[optionIndex(of: $0.variable)].run }).count > 1 else { continue }
        var row = terms
        if let s = slack(.speakerOverlap(speaker: speaker, slot: p)) { row.append(.init(s, -1)) }
        model.addRow("speaker[\(instance.speakers[speaker].id),\(p)]", row, upper: 1)
      }
    }
  }

  private func optionIndex(of z: VariableID) -> Int {
    // Options are appended with increasing z ids: binary search.
    var low = 0
    var high = options.count - 1
    while low < high {
      let mid = (low + high) / 2
      if options[mid].z < z { low = mid + 1 } else { high = mid }
    }
    return low
  }

  /// Runs of one session never overlap (H11), and run k starts before run k + 1 when neither is
  /// pinned (breaks the symmetry between identical runs). Runs of a session with `parallel_runs`
  /// may overlap; they are ordered by (slot, room) instead, strictly since two runs at one start
  /// have different rooms (H6), so that the model holds one copy of each permutation.
  private mutating func addRepeatedRunRows() {
    let roomCount = Double(instance.rooms.count)
    for (s, session) in instance.sessions.enumerated() where session.runs > 1 && session.parallelRuns {
      let sessionRuns = runs.indices.filter { runs[$0].session == s }
      func key(_ u: Int, _ sign: Double) -> [LinearModel.Term] {
        optionsByRun[u].flatMap { o in
          options[o].rooms.map { LinearModel.Term($0.x, sign * (Double(options[o].slot) * roomCount + Double($0.room))) }
        }
      }
      for (a, b) in zip(sessionRuns, sessionRuns.dropFirst())
      where session.pin(forRun: runs[a].run) == nil && session.pin(forRun: runs[b].run) == nil {
        model.addRow("runs-order[\(session.id),\(runs[a].run)]", key(b, 1) + key(a, -1), lower: relaxed ? -.infinity : 1)
      }
    }
    for (s, session) in instance.sessions.enumerated() where session.runs > 1 && !session.parallelRuns {
      let sessionRuns = runs.indices.filter { runs[$0].session == s }
      var byPoint = [Int: [LinearModel.Term]]()
      for u in sessionRuns {
        for o in optionsByRun[u] {
          let w = options[o].window
          for p in points(day: w.day, from: w.start, to: w.end) { byPoint[p, default: []].append(.init(options[o].z)) }
        }
      }
      for (p, terms) in byPoint.sorted(by: { $0.key < $1.key }) where terms.count > 1 {
        var row = terms
        if let sl = slack(.repeatedRunsOverlap(session: s, slot: p)) { row.append(.init(sl, -1)) }
        model.addRow("runs-apart[\(session.id),\(p)]", row, upper: 1)
      }
      for (a, b) in zip(sessionRuns, sessionRuns.dropFirst())
      where session.pin(forRun: runs[a].run) == nil && session.pin(forRun: runs[b].run) == nil {
        // start(b) − start(a) ≥ 1 minute, with start(u) = Σ absolute start × z.
        let terms =
          optionsByRun[b].map { LinearModel.Term(options[$0].z, absoluteStart(options[$0])) }
          + optionsByRun[a].map { LinearModel.Term(options[$0].z, -absoluteStart(options[$0])) }
        model.addRow("runs-order[\(session.id),\(runs[a].run)]", terms, lower: relaxed ? -.infinity : 1)
      }
    }
  }

  private func absoluteStart(_ option: StartOption) -> Double {
    Double(option.window.day * 1440 + option.window.start)
  }

  /// Every run of a prerequisite ends before a run of the dependent session starts (H10), in the
  /// strong cumulative form: for every start time τ of the dependent run,
  /// Σ_{a starts ≤ τ} z[dependent, a] ≤ Σ_{b ends ≤ τ} z[prerequisite, b].
  private mutating func addPrecedenceRows() {
    for (s, session) in instance.sessions.enumerated() {
      for prerequisite in session.after {
        for u in runs.indices where runs[u].session == s {
          for v in runs.indices where runs[v].session == prerequisite {
            let times = Set(optionsByRun[u].map { absoluteStart(options[$0]) }).sorted()
            for tau in times {
              var terms = optionsByRun[u].filter { absoluteStart(options[$0]) <= tau }.map {
                LinearModel.Term(options[$0].z)
              }
              terms += optionsByRun[v].filter { absoluteEnd(options[$0]) <= tau }.map {
                LinearModel.Term(options[$0].z, -1)
              }
              if let sl = slack(.precedence(session: s, prerequisite: prerequisite)) { terms.append(.init(sl, -1)) }
              model.addRow("after[\(u),\(v),\(Int(tau))]", terms, upper: 0)
            }
          }
        }
      }
    }
  }

  /// Same slot, different slot and same day (H13–H15), each pair once, on the start binaries.
  /// With z_u(τ) the binary sum of run u's options starting at τ (a day for same_day):
  /// same_slot: z_u(τ) ≤ Σ_{v of the other session} z_v(τ) for every run u of either session,
  /// so that the two sets of starts are equal; same_day the same per day; different_slot: at each
  /// slot start, a run of each session covering it at most once in all (two windows that start at
  /// slot starts overlap exactly when one covers the other's start).
  private mutating func addRelationRows() {
    guard !instance.relations.isEmpty else { return }
    var runsOfSession = [[Int]](repeating: [], count: instance.sessions.count)
    for (u, run) in runs.enumerated() { runsOfSession[run.session].append(u) }
    for relation in instance.relations {
      let (a, b) = (relation.first, relation.second)
      let name = "\(instance.sessions[a].id),\(instance.sessions[b].id)"
      switch relation.kind {
      case .sameSlot, .sameDay:
        let bySlot = relation.kind == .sameSlot
        let key: (StartOption) -> Int = { bySlot ? $0.window.day * 1440 + $0.window.start : $0.window.day }
        for (s, t) in [(a, b), (b, a)] {
          let others = runsOfSession[t].flatMap { optionsByRun[$0] }
          for u in runsOfSession[s] {
            for value in Set(optionsByRun[u].map { key(options[$0]) }).sorted() {
              var terms = optionsByRun[u].filter { key(options[$0]) == value }.map { LinearModel.Term(options[$0].z) }
              terms += others.filter { key(options[$0]) == value }.map { LinearModel.Term(options[$0].z, -1) }
              if let sl = slack(.relation(relation)) { terms.append(.init(sl, -1)) }
              model.addRow("\(relation.kind.rawValue)[\(name),\(u),\(value)]", terms, upper: 0)
            }
          }
        }
      case .differentSlot:
        for u in runsOfSession[a] {
          for v in runsOfSession[b] {
            var byPoint = [Int: [LinearModel.Term]]()
            for w in [u, v] {
              for o in optionsByRun[w] {
                let window = options[o].window
                for p in points(day: window.day, from: window.start, to: window.end) {
                  byPoint[p, default: []].append(.init(options[o].z))
                }
              }
            }
            for (p, terms) in byPoint.sorted(by: { $0.key < $1.key }) where terms.count > 1 {
              var row = terms
              if let sl = slack(.relation(relation)) { row.append(.init(sl, -1)) }
              model.addRow("different_slot[\(name),\(u),\(v),\(p)]", row, upper: 1)
            }
          }
        }
      }
    }
  }

  private func absoluteEnd(_ option: StartOption) -> Double {
    Double(option.window.day * 1440 + option.window.end)
  }

  /// In every slot, the runs overlapping it offer at least the seats the day needs (H12).
  private mutating func addSeatRows() {
    var offered = [Int: [LinearModel.Term]]()
    for option in options {
      let s = runs[option.run].session
      for slot in instance.slots(overlapping: option.window) {
        for (room, x) in option.rooms {
          offered[slot, default: []].append(.init(x, Double(instance.seats(ofSession: s, inRoom: room))))
        }
      }
    }
    for slot in instance.slots {
      let demand = instance.seatDemand(inSlot: slot.index)
      guard demand > 0 else { continue }
      var terms = offered[slot.index] ?? []
      if let s = slack(.seats(slot: slot.index)) { terms.append(.init(s, 1)) }
      model.addRow("seats[\(slot.index)]", terms, lower: Double(demand))
    }
  }

  /// `max_workshops: every_slot`: in a slot where a workshop run takes place, the workshop runs
  /// overlapping it seat every such participant present that day. A binary open[t] says whether
  /// a workshop runs in slot t: Σ z ≤ K·open[t] (K the workshop runs that can cover t) and
  /// Σ seats·x ≥ N·open[t]; otherwise the timetable could leave the assignment no answer.
  private mutating func addEverySlotRows() {
    let demand = instance.days.indices.map { instance.everySlotDemand(onDay: $0) }
    guard demand.contains(where: { $0 > 0 }) else { return }
    var starts = [Int: [LinearModel.Term]]()
    var seats = [Int: [LinearModel.Term]]()
    var runsCovering = [Int: Set<Int>]()
    for option in options {
      let s = runs[option.run].session
      guard instance.sessions[s].kind == .workshop, !instance.sessions[s].exclusive else { continue }
      for slot in option.covered where demand[instance.slots[slot].day] > 0 {
        starts[slot, default: []].append(.init(option.z))
        runsCovering[slot, default: []].insert(option.run)
        for (room, x) in option.rooms {
          seats[slot, default: []].append(.init(x, Double(instance.seats(ofSession: s, inRoom: room))))
        }
      }
    }
    for (slot, zs) in starts.sorted(by: { $0.key < $1.key }) {
      let need = Double(demand[instance.slots[slot].day])
      let open = model.addVariable("workshop-slot[\(slot)]")
      workshopSlots.append((slot, open))
      model.addRow("workshop-slot[\(slot)]", zs + [.init(open, -Double(runsCovering[slot]?.count ?? 1))], upper: 0)
      var terms = (seats[slot] ?? []) + [.init(open, -need)]
      if let s = slack(.everySlotSeats(slot: slot)) { terms.append(.init(s, 1)) }
      model.addRow("every-slot-seats[\(slot)]", terms, lower: 0)
    }
  }

  /// Session blocks (issue 16), on the room binaries summed over a block: x_u(r, b) = Σ x of run u's
  /// options starting in block b in room r (at most 1). Every helper is continuous in [0, 1]: with
  /// integral runs each is forced to 0 or 1 where it matters, so the rules add no binaries.
  /// H16: own[T, r, b] ≥ x_u(r, b) for each run u of a block track T, and x_v(r, b) + Σ own[T', r, b]
  /// ≤ 1 over the block tracks T' other than v's track, for every run v that can be there.
  /// H17: at[p, r, b] ≥ x_u(r, b) for each run u of speaker p in a block track, Σ_r at[p, r, b] ≤ 1.
  /// H18: in[T, b] ≥ z_u(b) for each run u of T, in[T, b] + in[T', b] ≤ 1 for similar T, T'.
  private mutating func addBlockRows() {
    // inBlock[u][b][r]: the x variables of run u in room r starting in block b.
    var inBlock = [[Int: [Int: [VariableID]]]](repeating: [:], count: runs.count)
    var startsInBlock = [[Int: [VariableID]]](repeating: [:], count: runs.count)
    for option in options {
      let b = instance.slots[option.slot].block
      startsInBlock[option.run][b, default: []].append(option.z)
      for (room, x) in option.rooms { inBlock[option.run][b, default: [:]][room, default: []].append(x) }
    }
    let blockTracks = instance.tracks.indices.filter { instance.tracks[$0].blocks }
    if !blockTracks.isEmpty {
      // Runs that can be in each room-block, in run order.
      var present = [RoomBlock: [Int]]()
      for u in runs.indices {
        for (b, byRoom) in inBlock[u] { for r in byRoom.keys { present[RoomBlock(room: r, block: b), default: []].append(u) } }
      }
      for key in present.keys.sorted() {
        let here = present[key] ?? []
        let tracksHere = Set(here.compactMap { instance.sessions[runs[$0].session].track })
        let owners = blockTracks.filter(tracksHere.contains)
        guard !owners.isEmpty else { continue }
        // Alone in the room-block: no other track (or a session without one) can be there.
        let mixed = Set(here.map { instance.sessions[runs[$0].session].track ?? -1 }).count > 1
        guard mixed else { continue }
        let roomID = instance.rooms[key.room].id
        var own = [Int: VariableID]()
        for t in owners {
          let y = model.addVariable("block-own[\(instance.tracks[t].id),\(roomID),\(key.block)]", kind: .continuous, upper: 1)
          own[t] = y
          for u in here where instance.sessions[runs[u].session].track == t {
            let xs = inBlock[u][key.block]?[key.room] ?? []
            model.addRow("block-own[\(instance.tracks[t].id),\(roomID),\(key.block),\(u)]", xs.map { .init($0) } + [.init(y, -1)], upper: 0)
          }
        }
        for u in here {
          let mine = instance.sessions[runs[u].session].track
          let others = owners.filter { $0 != mine }.compactMap { own[$0] }
          guard !others.isEmpty else { continue }
          var terms = (inBlock[u][key.block]?[key.room] ?? []).map { LinearModel.Term($0) } + others.map { .init($0) }
          if let sl = slack(.trackBlock(room: key.room, block: key.block)) { terms.append(.init(sl, -1)) }
          model.addRow("block-alone[\(roomID),\(key.block),\(u)]", terms, upper: 1)
        }
      }
      // H17: a speaker's block-track runs in one block are in one room.
      for (p, speaker) in instance.speakers.enumerated() {
        let mine = runs.indices.filter {
          instance.inBlockTrack(runs[$0].session) && instance.sessions[runs[$0].session].speakers.contains(p)
        }
        guard mine.count > 1 else { continue }
        var byBlock = [Int: [Int: [Int]]]()  // block → room → runs
        for u in mine { for (b, byRoom) in inBlock[u] { for r in byRoom.keys { byBlock[b, default: [:]][r, default: []].append(u) } } }
        for (b, byRoom) in byBlock.sorted(by: { $0.key < $1.key }) {
          guard byRoom.count > 1, Set(byRoom.values.joined()).count > 1 else { continue }
          var at: [LinearModel.Term] = []
          for (r, us) in byRoom.sorted(by: { $0.key < $1.key }) {
            let v = model.addVariable("block-speaker[\(speaker.id),\(instance.rooms[r].id),\(b)]", kind: .continuous, upper: 1)
            for u in us {
              let xs = inBlock[u][b]?[r] ?? []
              model.addRow("block-speaker[\(speaker.id),\(instance.rooms[r].id),\(b),\(u)]", xs.map { .init($0) } + [.init(v, -1)], upper: 0)
            }
            at.append(.init(v))
          }
          if let sl = slack(.speakerBlock(speaker: p, block: b)) { at.append(.init(sl, -1)) }
          model.addRow("block-speaker[\(speaker.id),\(b)]", at, upper: 1)
        }
      }
    }
    // H18: similar tracks never in one block.
    var inTrackBlock = [Int: [Int: VariableID]]()  // track → block → helper
    func helper(_ t: Int, _ b: Int) -> VariableID {
      if let v = inTrackBlock[t]?[b] { return v }
      let v = model.addVariable("block-track[\(instance.tracks[t].id),\(b)]", kind: .continuous, upper: 1)
      inTrackBlock[t, default: [:]][b] = v
      for u in runs.indices where instance.sessions[runs[u].session].track == t {
        guard let zs = startsInBlock[u][b] else { continue }
        model.addRow("block-track[\(instance.tracks[t].id),\(b),\(u)]", zs.map { .init($0) } + [.init(v, -1)], upper: 0)
      }
      return v
    }
    var blocksOfTrack = [Int: Set<Int>]()
    for u in runs.indices {
      guard let t = instance.sessions[runs[u].session].track else { continue }
      blocksOfTrack[t, default: []].formUnion(startsInBlock[u].keys)
    }
    for pair in instance.similarTracks {
      let shared = (blocksOfTrack[pair.first] ?? []).intersection(blocksOfTrack[pair.second] ?? [])
      for b in shared.sorted() {
        var terms: [LinearModel.Term] = [.init(helper(pair.first, b)), .init(helper(pair.second, b))]
        if let sl = slack(.similarTracks(pair, block: b)) { terms.append(.init(sl, -1)) }
        model.addRow("block-similar[\(instance.tracks[pair.first].id),\(instance.tracks[pair.second].id),\(b)]", terms, upper: 1)
      }
    }
  }

  /// The binaries of `addEverySlotRows`: whether a workshop run covers the slot.
  private(set) var workshopSlots: [(slot: Int, variable: VariableID)] = []

  // MARK: - Soft terms

  private mutating func addTerm(_ name: String, weight: Double, _ amount: [LinearModel.Term]) {
    terms.append(ObjectiveTerm(name: name, weight: weight, amount: amount))
    guard weight != 0 else { return }
    for term in amount { model.addObjective(term.variable, weight * term.coefficient) }
  }

  private mutating func addSoftTerms() {
    let weights = instance.weights
    let counts = instance.choiceCounts

    // empty_seats: (capacity − audience) / 100 per run and room.
    var emptySeats: [LinearModel.Term] = []
    var avoided: [LinearModel.Term] = []
    var missed: [LinearModel.Term] = []
    for option in options {
      let s = runs[option.run].session
      let session = instance.sessions[s]
      let audience = instance.expectedAudience(ofSession: s, onDay: option.window.day, choiceCounts: counts)
      for (room, x) in option.rooms {
        emptySeats.append(.init(x, Double(instance.capacity(ofSession: s, inRoom: room) - audience) / 100))
      }
      if session.avoided.contains(where: { $0.overlaps(option.window) }) { avoided.append(.init(option.z)) }
      if !session.preferred.isEmpty && !session.preferred.contains(where: { $0.contains(option.window) }) {
        missed.append(.init(option.z))
      }
    }
    addTerm("empty_seats", weight: weights.emptySeats, emptySeats)
    addTerm("preference_missed", weight: weights.preferenceMissed, missed)
    addTerm("avoided_time", weight: weights.avoidedTime, avoided)
    addTrackTerms(weights: weights)
    addSpeakerMakespan(weight: weights.speakerMakespan)
    // Last, as the checker lists it.
    if instance.usesRoomPreferences {
      // room_preference_missed: linear in the room binaries, so its LP bound is the fewest runs the
      // preferred rooms cannot take in the relaxation (0 when they can take every run fractionally).
      var outside: [LinearModel.Term] = []
      for option in options {
        let s = runs[option.run].session
        for (room, x) in option.rooms where instance.missesPreferredRoom(session: s, room: room) { outside.append(.init(x)) }
      }
      addTerm("room_preference_missed", weight: weights.roomPreferenceMissed, outside)
    }
  }

  /// track_parallel: pairs of same-track runs overlapping a slot, C(m, 2) for m runs, through
  /// the convex hull of m(m − 1)/2 at integer m (P ≥ j·m − j(j + 1)/2 for j = 1 … J − 1): its LP
  /// bound is the exact minimum over the counts the rules allow (the pigeonhole value when runs
  /// can spread freely), where pair rows `y ≥ z_a + z_b − 1` give 0. track_room_change: rooms a
  /// track uses beyond its first; a track needs at least as many rooms as it has runs in any one
  /// slot, so Σ_r used[r] ≥ m[t] for every slot, and ≥ ⌈runs' slots / slots open⌉ on a day its
  /// runs cannot leave (the pigeonhole count, which the LP's fractional spread would not see).
  private mutating func addTrackTerms(weights: Weights) {
    var parallel: [LinearModel.Term] = []
    var roomChanges: [LinearModel.Term] = []
    for (t, track) in instance.tracks.enumerated() {
      let sessions = instance.sessions.indices.filter { instance.sessions[$0].track == t }
      guard !sessions.isEmpty else { continue }
      var bySlot = [Int: [LinearModel.Term]]()
      var runsBySlot = [Int: Set<Int>]()
      for s in sessions {
        for option in options where runs[option.run].session == s {
          for slot in option.covered {
            bySlot[slot, default: []].append(.init(option.z))
            runsBySlot[slot, default: []].insert(option.run)
          }
        }
      }
      for (slot, terms) in bySlot.sorted(by: { $0.key < $1.key }) {
        let most = min(runsBySlot[slot]?.count ?? 0, instance.rooms.count)
        guard most > 1 else { continue }
        let pairs = model.addVariable("track-pairs[\(track.id),\(slot)]", kind: .continuous)
        for j in 1..<most {
          let jj = Double(j)
          model.addRow(
            "track-parallel[\(track.id),\(slot),\(j)]", [.init(pairs)] + terms.map { .init($0.variable, -jj) },
            lower: -jj * (jj + 1) / 2)
        }
        parallel.append(.init(pairs))
      }
      countedHelpers += weights.trackParallel * Double(fewestPairs(of: sessions))
      // used[r] ≥ Σ_a x[u,a,r] for each run u of the track; amount = Σ used − 1.
      var inRoom = [Int: [Int: [VariableID]]]()  // room → run → x
      var covering = [Int: [Int: [(run: Int, x: VariableID)]]]()  // room → slot → the track's x covering it
      var trackRuns: [Int] = []
      for s in sessions {
        for u in runs.indices where runs[u].session == s {
          trackRuns.append(u)
          for o in optionsByRun[u] {
            for (room, x) in options[o].rooms {
              inRoom[room, default: [:]][u, default: []].append(x)
              for slot in options[o].covered { covering[room, default: [:]][slot, default: []].append((u, x)) }
            }
          }
        }
      }
      guard inRoom.count > 1 else { continue }
      var used: [LinearModel.Term] = []
      for (room, byRun) in inRoom.sorted(by: { $0.key < $1.key }) {
        let variable = model.addVariable("track-room[\(track.id),\(instance.rooms[room].id)]", kind: .continuous, upper: 1)
        for (u, xs) in byRun.sorted(by: { $0.key < $1.key }) {
          model.addRow("track-room[\(track.id),\(instance.rooms[room].id),\(u)]", xs.map { .init($0) } + [.init(variable, -1)], upper: 0)
        }
        // The room holds one run per slot, so used[r] ≥ the sum of the track's runs in r covering a
        // slot (a clique): with runs spread fractionally, the rows per run alone let used[r] fall
        // to the largest share of one run (measured in docs/solver.md).
        for (slot, here) in (covering[room] ?? [:]).sorted(by: { $0.key < $1.key }) where Set(here.map(\.run)).count > 1 {
          model.addRow(
            "track-room-slot[\(track.id),\(instance.rooms[room].id),\(slot)]",
            here.map { .init($0.x) } + [.init(variable, -1)], upper: 0)
        }
        used.append(.init(variable))
        roomChanges.append(.init(variable))
      }
      for (slot, terms) in bySlot.sorted(by: { $0.key < $1.key }) where (runsBySlot[slot]?.count ?? 0) > 1 {
        model.addRow("track-rooms[\(track.id),\(slot)]", used + terms.map { .init($0.variable, -1) }, lower: 0)
      }
      let fewest = fewestParallelRuns(of: trackRuns)
      if fewest > 1 { model.addRow("track-rooms[\(track.id)]", used, lower: Double(fewest)) }
      countedHelpers += weights.trackRoomChange * Double(max(1, fewest))
      model.objectiveConstant -= weights.trackRoomChange  // the first room is free
      roomChangeOffset += 1
    }
    addTerm("track_parallel", weight: weights.trackParallel, parallel)
    addTerm("track_room_change", weight: weights.trackRoomChange, roomChanges)
  }

  /// The fewest pairs of the track's runs in parallel any timetable has: on each day, the runs that
  /// cannot leave it cover at least their shortest option's slots, spread as evenly as possible
  /// over the day's slots their options cover (the pigeonhole value b·C(a + 1, 2) + (T − b)·C(a, 2)
  /// for n = a·T + b run-slots over T slots).
  private func fewestPairs(of sessions: [Int]) -> Int {
    var covered = [Int: Int]()
    var open = [Int: Set<Int>]()
    for u in runs.indices where sessions.contains(runs[u].session) {
      let days = Set(optionsByRun[u].map { options[$0].window.day })
      guard days.count == 1, let day = days.first else { continue }
      covered[day, default: 0] += optionsByRun[u].map { options[$0].covered.count }.min() ?? 0
      for o in optionsByRun[u] { open[day, default: []].formUnion(options[o].covered) }
    }
    return covered.reduce(0) { sum, entry in
      let slots = max(1, open[entry.key]?.count ?? 1)
      let (a, b) = (entry.value / slots, entry.value % slots)
      return sum + b * (a + 1) * a / 2 + (slots - b) * a * (a - 1) / 2
    }
  }

  /// A lower bound on the organisers' penalties that needs no LP (for models whose LP does not
  /// finish in time): the objective constant, each run at its cheapest start and room, and the
  /// helpers' least values by counting (same-track pairs and rooms by pigeonhole; spans ≥ 0).
  var countingBound: Double {
    var total = model.objectiveConstant + countedHelpers
    for run in optionsByRun {
      total += run.map { o in
        let option = options[o]
        let room = option.rooms.count == 1 ? 0 : option.rooms.map { model.variables[$0.x.index].objective }.min() ?? 0
        return model.variables[option.z.index].objective + room
      }.min() ?? 0
    }
    return total
  }

  /// What the track terms' helpers cost at least (for `countingBound`).
  private(set) var countedHelpers = 0.0

  /// The fewest runs of `trackRuns` that must overlap in some slot: on each day, the runs whose
  /// every option is on that day cover at least their shortest option's slots, spread over at most
  /// the day's slots their options cover (pigeonhole).
  private func fewestParallelRuns(of trackRuns: [Int]) -> Int {
    var covered = [Int: Int]()  // day → slots covered at least
    var open = [Int: Set<Int>]()  // day → slots some option covers
    for u in trackRuns {
      let days = Set(optionsByRun[u].map { options[$0].window.day })
      guard days.count == 1, let day = days.first else { continue }
      covered[day, default: 0] += optionsByRun[u].map { options[$0].covered.count }.min() ?? 0
      for o in optionsByRun[u] { open[day, default: []].formUnion(options[o].covered) }
    }
    return covered.map { day, slots in
      let available = max(1, open[day]?.count ?? 1)
      return (slots + available - 1) / available
    }.max() ?? 0
  }

  /// Tracks whose first room the track_room_change amount must not count.
  private(set) var roomChangeOffset = 0

  /// speaker_makespan: last day − first day a speaker speaks, through day indicators.
  private mutating func addSpeakerMakespan(weight: Double) {
    // One day: every span is 0; the term is still reported (report.md showed "–" for it).
    guard instance.days.count > 1 else { return addTerm("speaker_makespan", weight: weight, []) }
    var amount: [LinearModel.Term] = []
    for (p, speaker) in instance.speakers.enumerated() {
      var byDay = [Int: [VariableID]]()
      for option in options where instance.sessions[runs[option.run].session].speakers.contains(p) {
        byDay[option.window.day, default: []].append(option.z)
      }
      guard byDay.count > 1 else { continue }
      var active = [Int: VariableID]()
      for (day, zs) in byDay.sorted(by: { $0.key < $1.key }) {
        let y = model.addVariable("speaks[\(speaker.id),\(day)]", kind: .continuous, upper: 1)
        for z in zs { model.addRow("speaks[\(speaker.id),\(day)]", [.init(z), .init(y, -1)], upper: 0) }
        active[day] = y
      }
      // The span every timetable forces (runs pinned to days apart, or too many runs for any one
      // day) is a constant of the objective: the variable holds only what the timetable adds, so
      // the bound keeps the constant even where rows between days are relaxed (`DayBound`).
      let forced = forcedSpan(of: p)
      model.objectiveConstant += weight * Double(forced)
      makespanOffset += forced
      let span = model.addVariable("makespan[\(speaker.id)]", kind: .continuous)
      // day(u) ≤ last and D − day(u) ≤ early (early = D − first day, D the last day of the event)
      // for each of the speaker's runs, with day(u) = Σ day × z linear: span ≥ last + early − D
      // holds for fractional days too, where the day indicators below give 0. Written with `early`
      // so that every helper is at its least value when the span is (starts complete that way).
      let lastDay = Double(instance.days.count - 1)
      let last = model.addVariable("last-day[\(speaker.id)]", kind: .continuous)
      let early = model.addVariable("early[\(speaker.id)]", kind: .continuous)
      for (u, run) in runs.enumerated() where instance.sessions[run.session].speakers.contains(p) {
        let day = optionsByRun[u].map { LinearModel.Term(options[$0].z, Double(options[$0].window.day)) }
        model.addRow("last-day[\(speaker.id),\(u)]", [.init(last)] + day.map { .init($0.variable, -$0.coefficient) }, lower: 0)
        model.addRow("early[\(speaker.id),\(u)]", [.init(early)] + day, lower: lastDay)
      }
      model.addRow(
        "span[\(speaker.id)]", [.init(span), .init(last, -1), .init(early, -1)], lower: -lastDay - Double(forced))
      let days = active.keys.sorted()
      for (i, d1) in days.enumerated() {
        for d2 in days[(i + 1)...] {
          guard let y1 = active[d1], let y2 = active[d2] else { continue }
          // forced + span ≥ (d2 − d1)(y[d1] + y[d2] − 1)
          let gap = Double(d2 - d1)
          model.addRow(
            "makespan[\(speaker.id),\(d1),\(d2)]", [.init(span), .init(y1, -gap), .init(y2, -gap)],
            lower: -gap - Double(forced))
        }
      }
      amount.append(.init(span))
    }
    addTerm("speaker_makespan", weight: weight, amount)
  }

  /// Days between a speaker's first and last run that every timetable has: the latest first
  /// possible day of a run minus the earliest last possible day of another; at least 1 when no
  /// single day can hold all their runs (a run not possible that day, or more slots than it has).
  private func forcedSpan(of speaker: Int) -> Int {
    let mine = runs.indices.filter { instance.sessions[runs[$0].session].speakers.contains(speaker) }
    let days = mine.map { u in Set(optionsByRun[u].map { options[$0].window.day }) }
    guard !days.contains(where: \.isEmpty) else { return 0 }
    let apart = (days.map { $0.min()! }.max() ?? 0) - (days.map { $0.max()! }.min() ?? 0)
    if apart > 0 { return apart }
    let oneDay = instance.days.indices.contains { d in
      days.allSatisfy { $0.contains(d) }
        && mine.reduce(0) { $0 + (optionsByRun[$1].map { options[$0].covered.count }.min() ?? 0) } <= instance.days[d].slots.count
    }
    return oneDay ? 0 : 1
  }

  /// Days of speaker span every timetable has (kept in the objective constant).
  private(set) var makespanOffset = 0

  /// The clash guide, internal to the search (never in a bound, a gap or a reported objective):
  /// for pairs of runs that participants were given together in the time-relaxed assignment
  /// (`WelfareBound`), y ≥ cover(a, slot) + cover(b, slot) − 1 per shared slot, weighted by the
  /// welfare at risk. The heaviest `limit` pairs get rows; the others are counted exactly in the
  /// search's objective and added to each neighbourhood sub-problem that frees one of their runs
  /// (see TimetableFormulation+ClashGuide). Its LP relaxation is 0, which is why it is not proved.
  mutating func addClashGuide(_ pairs: [ClashPair], weight: Double, modelled limit: Int) {
    guard weight > 0, !pairs.isEmpty else { return }
    guideWeight = weight
    let sorted = pairs.sorted { ($0.count, $1.a, $1.b) > ($1.count, $0.a, $0.b) }
    unmodelledPairs = Array(sorted.dropFirst(limit))
    var covers = [Int: [Int: [VariableID]]]()
    for pair in sorted.prefix(limit) {
      for u in [pair.a, pair.b] where covers[u] == nil { covers[u] = cover(run: u) }
      let ca = covers[pair.a] ?? [:]
      let cb = covers[pair.b] ?? [:]
      for slot in Set(ca.keys).intersection(cb.keys).sorted() {
        let y = model.addVariable(
          "clash[\(pair.a),\(pair.b),\(slot)]", kind: .continuous, objective: weight * Double(pair.count))
        let terms = (ca[slot] ?? []).map { LinearModel.Term($0) } + (cb[slot] ?? []).map { LinearModel.Term($0) }
        model.addRow("clash[\(pair.a),\(pair.b),\(slot)]", terms + [.init(y, -1)], upper: 1)
        guideVariables.append(y)
      }
    }
  }

  /// For each slot, the z variables of run `u`'s starts that overlap it.
  private func cover(run u: Int) -> [Int: [VariableID]] {
    var result = [Int: [VariableID]]()
    for o in optionsByRun[u] { for slot in options[o].covered { result[slot, default: []].append(options[o].z) } }
    return result
  }

  /// The model without the clash guide's costs: its LP optimum bounds the organisers' penalties.
  var organisersModel: LinearModel {
    var copy = model
    for y in guideVariables { copy.setObjective(y, 0) }
    return copy
  }

  /// moved_time: runs of the baseline at another day or start; moved_room: runs in another room.
  /// Written as 1 − Σ(kept variables) per run, the 1s in the objective constant.
  private mutating func addStabilityTerms(_ baseline: Baseline) {
    var keptTime: [LinearModel.Term] = []
    var keptRoom: [LinearModel.Term] = []
    var timeRuns = 0
    var roomRuns = 0
    for (u, run) in runs.enumerated() {
      guard let place = baseline.places[run] else { continue }
      timeRuns += 1
      for o in optionsByRun[u] where options[o].window.day == place.day && options[o].window.start == place.start {
        keptTime.append(.init(options[o].z, -1))
      }
      guard let room = place.room else { continue }
      roomRuns += 1
      for o in optionsByRun[u] {
        for (r, x) in options[o].rooms where r == room { keptRoom.append(.init(x, -1)) }
      }
    }
    model.objectiveConstant += baseline.timeMoveWeight * Double(timeRuns) + baseline.roomMoveWeight * Double(roomRuns)
    stabilityOffsets = ["moved_time": timeRuns, "moved_room": roomRuns]
    addTerm("moved_time", weight: baseline.timeMoveWeight, keptTime)
    addTerm("moved_room", weight: baseline.roomMoveWeight, keptRoom)
  }

  /// Clash-guide pairs beyond the modelled ones, the guide's variables and its weight.
  private(set) var unmodelledPairs: [ClashPair] = []
  private(set) var guideVariables: [VariableID] = []
  private(set) var guideWeight = 0.0

  /// Runs counted by the stability terms (their amounts are offset + Σ −kept).
  private(set) var stabilityOffsets: [String: Int] = [:]

  /// A part per group of days no run can move between (each day, when every session is pinned to
  /// its day), for `LinearModel.relaxedParts(by:)`: each option's variables are labelled with its
  /// group; helper variables are left unlabelled.
  func dayParts() -> [Int?] {
    var group = Array(instance.days.indices)
    func root(_ d: Int) -> Int { group[d] == d ? d : root(group[d]) }
    for run in optionsByRun {
      let days = Set(run.map { options[$0].window.day }).map(root).sorted()
      for d in days.dropFirst() { group[d] = days[0] }
    }
    var labels = [Int?](repeating: nil, count: model.variables.count)
    for option in options {
      let label = root(option.window.day)
      labels[option.z.index] = label
      for (_, x) in option.rooms { labels[x.index] = label }
    }
    return labels
  }

  // MARK: - Decoding

  /// The timetable a solution describes: each run at the start and room whose variables are 1.
  func timetable(from values: [Double]) -> Timetable {
    var placements: [Timetable.Placement] = []
    for option in options where values[option.z.index] > 0.5 {
      guard let room = option.rooms.first(where: { values[$0.x.index] > 0.5 })?.room else { continue }
      placements.append(.init(run: runs[option.run], slot: option.slot, room: room))
    }
    return Timetable(placements: placements)
  }

  /// Variable values for a timetable of this instance (binaries from its placements, helpers at their
  /// least values): a start for the search. Nil when a placement is not an option of the model.
  func values(for timetable: Timetable) -> [Double]? {
    var values = [Double](repeating: 0, count: model.variables.count)
    let runIndex = Dictionary(uniqueKeysWithValues: runs.enumerated().map { ($1, $0) })
    for placement in timetable.placements {
      guard let u = runIndex[placement.run],
        let o = optionsByRun[u].first(where: { options[$0].slot == placement.slot }),
        let x = options[o].rooms.first(where: { $0.room == placement.room })?.x
      else { return nil }
      values[options[o].z.index] = 1
      values[x.index] = 1
    }
    if !workshopSlots.isEmpty {
      var covered = Set<Int>()
      for option in options where values[option.z.index] > 0.5 { covered.formUnion(option.covered) }
      for (slot, open) in workshopSlots where covered.contains(slot) { values[open.index] = 1 }
    }
    return model.completingContinuous(values)
  }

  /// Each term's amount in a solution.
  func termAmounts(from values: [Double]) -> [(name: String, weight: Double, amount: Double)] {
    terms.map { term in
      var amount = term.amount.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
      if term.name == "track_room_change" { amount -= Double(roomChangeOffset) }
      if term.name == "speaker_makespan" { amount += Double(makespanOffset) }
      amount += Double(stabilityOffsets[term.name] ?? 0)
      return (term.name, term.weight, amount)
    }
  }
}

/// A hard-rule family that a relaxed model may break, with what it concerns.
enum RelaxedRule: Hashable {
  case unplaced(SessionRun)
  case roomOverlap(room: Int, slot: Int)
  case exclusiveOverlap(slot: Int)
  case speakerOverlap(speaker: Int, slot: Int)
  case repeatedRunsOverlap(session: Int, slot: Int)
  case precedence(session: Int, prerequisite: Int)
  /// Same slot, different slot or same day between two sessions (H13–H15).
  case relation(SessionRelation)
  case seats(slot: Int)
  case everySlotSeats(slot: Int)
  /// Session blocks (issue 16): a room-block with two tracks (H16), a speaker's block-track runs
  /// in two rooms of a block (H17), similar tracks in one block (H18).
  case trackBlock(room: Int, block: Int)
  case speakerBlock(speaker: Int, block: Int)
  case similarTracks(TrackPair, block: Int)
}

/// A room during one block of consecutive slots (`Slot.block`), ordered by block then room.
struct RoomBlock: Hashable, Comparable {
  var room: Int
  var block: Int
  static func < (a: RoomBlock, b: RoomBlock) -> Bool { (a.block, a.room) < (b.block, b.room) }
}
