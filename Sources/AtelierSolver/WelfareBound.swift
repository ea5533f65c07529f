import AtelierCore
import AtelierGLPK
import AtelierMIP

/// The most welfare any timetable allows: the participant assignment with every time conflict
/// relaxed. `a[p,u]` = participant p gets run u of a workshop they chose, only for runs that can be
/// on a day p attends; Σ_u a[p,u] ≤ p's limit, Σ over one session's runs ≤ 1, Σ_p a[p,u] ≤ the
/// most seats u can offer (its largest possible room). Any timetable's assignment is a solution, so
/// the optimum bounds every timetable's welfare. The rows are two laminar families (a participant's
/// limit over their once-per-session rows; the runs' seats), so the matrix is totally unimodular
/// and the LP optimum is integral: a flow, solved by GLPK's simplex in well under a second on
/// 1,500 participants. A run that may be on several days is on one of them: y[u,d] = 1 for its
/// day, and a participant who attends only some of its days gets it only when it is on one of
/// theirs (a[p,u] ≤ Σ_{d ∈ their days} y[u,d]); these binaries (none when every run is pinned to
/// its day, as on nec2022) make it a small integer program, whose bound is as valid. Welfare
/// weights are integers, so the bound rounds down. Its solution also says which runs participants
/// would get together, which guides the timetable search (`clashPairs`).
struct WelfareBound {
  /// The bound (Σ welfare weights of the relaxed optimum).
  var value: Double
  /// Per participant, the formulation's run indices the relaxed optimum gives them.
  var runsByParticipant: [[Int]]
  var seconds: Double

  /// One candidate a[p,u] of the relaxed assignment.
  private struct Arc {
    var participant: Int
    var run: Int
    var session: Int
    var weight: Double
    /// "a" for a ranked choice, "anywhere" for a seat anywhere (rank 0).
    var name: String
    var ranked: Bool
    /// An online attendee (issue 17): no room seat, one of the run's online seats when it limits them.
    var online = false
  }

  /// Nil when GLPK does not solve the LP (it always should: the model is bounded and feasible at 0).
  /// `columnGeneration: false` solves the LP over every arc at once (for tests that compare both).
  init?(
    formulation: TimetableFormulation, weights: WelfareWeights, options: SolveOptions = SolveOptions(),
    columnGeneration: Bool = true
  ) {
    let instance = formulation.instance
    // Per run of a workshop: the days it can be on, and the most seats it can offer.
    var runsOfSession = [Int: [Int]]()
    var days = [Int: Set<Int>]()
    var seats = [Int: Int]()
    for (u, run) in formulation.runs.enumerated() where instance.sessions[run.session].kind == .workshop {
      for o in formulation.optionsByRun[u] {
        let option = formulation.options[o]
        days[u, default: []].insert(option.window.day)
        for (room, _) in option.rooms { seats[u] = max(seats[u] ?? 0, instance.seats(ofSession: run.session, inRoom: room)) }
      }
      if days[u] != nil { runsOfSession[run.session, default: []].append(u) }
    }
    var arcs: [Arc] = []
    var limits: [Int] = []
    for (p, participant) in instance.participants.enumerated() {
      // Their choices at their ranks; then, if they sit anywhere, every other workshop at rank 0
      // (the assignment's "only seats ranked choices leave free" rows are left out: a relaxation,
      // so still a bound).
      // Online attendees only where the workshop is streamed.
      let online = participant.isOnline(in: instance)
      var seen = Set<Int>()
      var wanted: [(session: Int, rank: Int, ranked: Bool)] = []
      for (index, s) in participant.choices.enumerated() where seen.insert(s).inserted {
        if online && !instance.sessions[s].streamed { continue }
        wanted.append((s, participant.rank(at: index), true))
      }
      if participant.takesUnchosen(in: instance) {
        for s in runsOfSession.keys.sorted() where !seen.contains(s) && !instance.sessions[s].exclusive {
          if online && !instance.sessions[s].streamed { continue }
          wanted.append((s, 0, false))
        }
      }
      for (s, rank, ranked) in wanted {
        for u in runsOfSession[s] ?? [] where !(days[u] ?? []).isDisjoint(with: participant.days) {
          arcs.append(
            Arc(
              participant: p, run: u, session: s, weight: weights.weight(participant: p, run: formulation.runs[u], rank: rank),
              name: ranked ? "a" : "anywhere", ranked: ranked, online: online))
        }
      }
      // Who fills every slot attends at most one run at a time: at most a run per slot of their days.
      limits.append(
        participant.fillsEverySlot(in: instance)
          ? participant.days.reduce(0) { $0 + instance.days[$1].slots.count }
          : participant.maxWorkshops ?? instance.weights.workshopsPerParticipant)
    }
    guard !arcs.isEmpty else {
      value = 0
      runsByParticipant = Array(repeating: [], count: instance.participants.count)
      seconds = 0
      return
    }
    let choosesDay = days.values.contains { $0.count > 1 }
    let result: SolveResult
    // The arc of each of the model's first variables.
    let columnArcs: [Int]
    if choosesDay || !columnGeneration || arcs.allSatisfy(\.ranked) {
      let included = Array(repeating: true, count: arcs.count)
      columnArcs = Array(arcs.indices)
      let master = Self.model(arcs, included: included, limits: limits, seats: seats, days: days, instance: instance)
      if choosesDay {
        var mip = options
        mip.integralObjective = weights.integral
        mip.nodeLimit = mip.nodeLimit ?? 1_000
        result = GLPKSolver().solve(master.model, options: mip)
      } else {
        result = GLPKSolver().solveRelaxation(master.model, options: options)
      }
    } else {
      guard let generated = Self.generateColumns(arcs, limits: limits, seats: seats, days: days, instance: instance, options: options)
      else { return nil }
      (result, columnArcs) = generated
    }
    let bound = result.status == .optimal ? result.objective : result.bound
    guard result.hasSolution, let bound else { return nil }
    // Integral weights: every welfare is a whole number, so the bound rounds down.
    value = weights.integral ? (bound + 1e-6).rounded(.down) : bound
    seconds = result.seconds
    var given = [[Int]](repeating: [], count: instance.participants.count)
    for (column, i) in columnArcs.enumerated() where result.values[column] > 0.5 {
      given[arcs[i].participant].append(arcs[i].run)
    }
    runsByParticipant = given
  }

  /// The relaxed assignment over the included arcs, with every row the whole model has (a
  /// participant's limit, once per session, a run's seats), empty ones too, so that their duals
  /// price the arcs left out and those arcs can join them. The arcs are the model's first
  /// variables, in order.
  private static func model(
    _ arcs: [Arc], included: [Bool], limits: [Int], seats: [Int: Int], days: [Int: Set<Int>], instance: Instance
  ) -> (model: LinearModel, limitRow: [Int?], onceRow: [Int: Int], seatsRow: [Int: Int], onlineSeatsRow: [Int: Int]) {
    var model = LinearModel(name: "welfare-bound", sense: .maximize)
    var variable = [VariableID?](repeating: nil, count: arcs.count)
    for (i, arc) in arcs.enumerated() where included[i] {
      variable[i] = model.addVariable(
        "\(arc.name)[\(instance.participants[arc.participant].id),\(arc.run)]", kind: .continuous, upper: 1, objective: arc.weight)
    }
    // Runs that may be on several days are on one of them: y[u,d], and a participant who attends
    // only some of those days gets u only when it is on one of theirs.
    var dayOf = [Int: [Int: VariableID]]()
    for (u, runDays) in days.sorted(by: { $0.key < $1.key }) where runDays.count > 1 {
      let ys = runDays.sorted().map { d in (d, model.addVariable("y[\(u),\(d)]")) }
      model.addRow("day[\(u)]", ys.map { .init($0.1) }, lower: 1, upper: 1)
      dayOf[u] = Dictionary(uniqueKeysWithValues: ys)
    }
    var limitRow = [Int?](repeating: nil, count: limits.count)
    var onceRow = [Int: Int]()  // arc index of a (participant, session)'s first arc → row
    var seatsRow = [Int: Int]()
    var onlineSeatsRow = [Int: Int]()
    var attendees = [Int: (all: Int, terms: [LinearModel.Term])]()
    var onlineAttendees = [Int: (all: Int, terms: [LinearModel.Term])]()  // online seats are a family of their own
    var sessionOf = [Int: Int]()
    var i = 0
    while i < arcs.count {
      let p = arcs[i].participant
      var mine: (all: Int, terms: [LinearModel.Term]) = (0, [])
      while i < arcs.count, arcs[i].participant == p {
        let first = i
        var sameSession: (all: Int, terms: [LinearModel.Term]) = (0, [])
        while i < arcs.count, arcs[i].participant == p, arcs[i].session == arcs[first].session {
          let arc = arcs[i]
          sameSession.all += 1
          mine.all += 1
          if arc.online {
            onlineAttendees[arc.run, default: (0, [])].all += 1
            sessionOf[arc.run] = arc.session
          } else {
            attendees[arc.run, default: (0, [])].all += 1
          }
          if let a = variable[i] {
            let participant = instance.participants[p]
            if let ys = dayOf[arc.run], !(days[arc.run] ?? []).isSubset(of: participant.days) {
              let theirs = ys.filter { participant.days.contains($0.key) }.sorted { $0.key < $1.key }
              model.addRow("on-their-day[\(participant.id),\(arc.run)]", [.init(a)] + theirs.map { .init($0.value, -1) }, upper: 0)
            }
            if arc.online { onlineAttendees[arc.run]!.terms.append(.init(a)) } else { attendees[arc.run]!.terms.append(.init(a)) }
            sameSession.terms.append(.init(a))
            mine.terms.append(.init(a))
          }
          i += 1
        }
        if sameSession.all > 1 {
          onceRow[first] = model.rows.count
          model.addRow("once[\(instance.participants[p].id),\(arcs[first].session)]", sameSession.terms, upper: 1)
        }
      }
      if mine.all > limits[p] {
        limitRow[p] = model.rows.count
        model.addRow("limit[\(instance.participants[p].id)]", mine.terms, upper: Double(limits[p]))
      }
    }
    for (u, entry) in attendees.sorted(by: { $0.key < $1.key }) where entry.all > (seats[u] ?? 0) {
      seatsRow[u] = model.rows.count
      model.addRow("seats[\(u)]", entry.terms, upper: Double(seats[u] ?? 0))
    }
    for (u, entry) in onlineAttendees.sorted(by: { $0.key < $1.key }) {
      guard let s = sessionOf[u], let limit = instance.sessions[s].onlineSeats, entry.all > limit else { continue }
      onlineSeatsRow[u] = model.rows.count
      model.addRow("online-seats[\(u)]", entry.terms, upper: Double(limit))
    }
    return (model, limitRow, onceRow, seatsRow, onlineSeatsRow)
  }

  /// The LP over every arc, by column generation: most seats-anywhere arcs are at 0 at the optimum
  /// (docs/solver.md), and the simplex over all of them took seconds. Start from
  /// the ranked choices, solve, add each participant's best few arcs of positive reduced cost
  /// (d = weight − π_limit − π_once − π_seats), re-solve from the last basis, until none is left:
  /// the LP optimum over all arcs, by duality. Returns the solution and the arc of each column.
  private static func generateColumns(
    _ arcs: [Arc], limits: [Int], seats: [Int: Int], days: [Int: Set<Int>], instance: Instance, options: SolveOptions
  ) -> (SolveResult, [Int])? {
    let initial = arcs.map(\.ranked)
    let master = model(arcs, included: initial, limits: limits, seats: seats, days: days, instance: instance)
    // The (participant, session) group of each arc: the index of the group's first arc.
    var groups = [Int](repeating: 0, count: arcs.count)
    for i in arcs.indices where i > 0 {
      let same = arcs[i].participant == arcs[i - 1].participant && arcs[i].session == arcs[i - 1].session
      groups[i] = same ? groups[i - 1] : i
    }
    let groupOf = groups
    let pricer = Pricer(included: initial, columnArcs: arcs.indices.filter { initial[$0] })
    let perRound = 4
    let result = GLPKSolver().solveRelaxation(master.model, options: options) { lp in
      let dual = lp.rowDuals
      var best = [Int: [(d: Double, arc: Int, terms: [(row: Int, coefficient: Double)])]]()
      for (i, arc) in arcs.enumerated() where !pricer.included[i] {
        var d = arc.weight
        var terms: [(row: Int, coefficient: Double)] = []
        let seatsRow = arc.online ? master.onlineSeatsRow[arc.run] : master.seatsRow[arc.run]
        for row in [master.limitRow[arc.participant], master.onceRow[groupOf[i]], seatsRow] {
          guard let row else { continue }
          d -= dual[row]
          terms.append((row, 1))
        }
        if d > 1e-7 { best[arc.participant, default: []].append((d, i, terms)) }
      }
      var columns: [GLPKSolver.Column] = []
      for p in best.keys.sorted() {
        for pick in best[p]!.sorted(by: { ($0.d, -$0.arc) > ($1.d, -$1.arc) }).prefix(perRound) {
          let arc = arcs[pick.arc]
          pricer.included[pick.arc] = true
          pricer.columnArcs.append(pick.arc)
          columns.append(
            .init(
              name: "\(arc.name)[\(instance.participants[arc.participant].id),\(arc.run)]", upper: 1, objective: arc.weight,
              terms: pick.terms))
        }
      }
      return columns
    }
    guard result.status == .optimal else { return nil }
    return (result, pricer.columnArcs)
  }

  /// What column generation has added so far. Read and written only by the pricing closure, on the
  /// one GLPK thread, while the caller waits for it: no concurrent access.
  private final class Pricer: @unchecked Sendable {
    var included: [Bool]
    var columnArcs: [Int]
    init(included: [Bool], columnArcs: [Int]) {
      self.included = included
      self.columnArcs = columnArcs
    }
  }

  /// Pairs of runs given together to participants in the relaxed optimum, with the welfare at
  /// risk should they clash (the smaller weight of the two, summed over those participants), for
  /// runs that can share a day.
  func clashPairs(formulation: TimetableFormulation, weights: WelfareWeights) -> [ClashPair] {
    let instance = formulation.instance
    var dayOptions = [Int: Set<Int>]()
    for (u, options) in formulation.optionsByRun.enumerated() {
      dayOptions[u] = Set(options.map { formulation.options[$0].window.day })
    }
    var atRisk = [Int: [Int: Double]]()
    for (p, runs) in runsByParticipant.enumerated() where runs.count > 1 {
      let participant = instance.participants[p]
      func worth(_ u: Int) -> Double {
        let run = formulation.runs[u]
        let rank = participant.rank(ofSession: run.session) ?? 0  // 0: a seat anywhere
        return weights.weight(participant: p, run: run, rank: rank)
      }
      let sorted = runs.sorted()
      for (i, a) in sorted.enumerated() {
        for b in sorted[(i + 1)...] where !(dayOptions[a] ?? []).isDisjoint(with: dayOptions[b] ?? []) {
          atRisk[a, default: [:]][b, default: 0] += min(worth(a), worth(b))
        }
      }
    }
    var pairs: [ClashPair] = []
    for (a, row) in atRisk { for (b, risk) in row { pairs.append(ClashPair(a: a, b: b, count: Int(saturating: risk.rounded()))) } }
    return pairs.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
  }
}
