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

  /// Nil when GLPK does not solve the LP (it always should: the model is bounded and feasible at 0).
  init?(formulation: TimetableFormulation, weights: WelfareWeights, options: SolveOptions = SolveOptions()) {
    let instance = formulation.instance
    var model = LinearModel(name: "welfare-bound", sense: .maximize)
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
    var dayOf = [Int: [Int: VariableID]]()  // run → day → y, for runs with a choice of days
    for (u, runDays) in days.sorted(by: { $0.key < $1.key }) where runDays.count > 1 {
      let ys = runDays.sorted().map { d in (d, model.addVariable("y[\(u),\(d)]")) }
      model.addRow("day[\(u)]", ys.map { .init($0.1) }, lower: 1, upper: 1)
      dayOf[u] = Dictionary(uniqueKeysWithValues: ys)
    }
    var candidates: [(participant: Int, run: Int, variable: VariableID)] = []
    var attendees = [Int: [LinearModel.Term]]()
    for (p, participant) in instance.participants.enumerated() {
      // Their choices at their ranks; then, if they sit anywhere, every other workshop at rank 0
      // (the assignment's "only seats ranked choices leave free" rows are left out: a relaxation,
      // so still a bound).
      var seen = Set<Int>()
      var wanted: [(session: Int, rank: Int, name: String)] = []
      for (index, s) in participant.choices.enumerated() where seen.insert(s).inserted {
        wanted.append((s, participant.rank(at: index), "a"))
      }
      if participant.takesUnchosen(in: instance) {
        for s in runsOfSession.keys.sorted() where !seen.contains(s) && !instance.sessions[s].exclusive {
          wanted.append((s, 0, "anywhere"))
        }
      }
      var mine: [LinearModel.Term] = []
      for (s, rank, name) in wanted {
        var sameSession: [LinearModel.Term] = []
        for u in runsOfSession[s] ?? [] where !(days[u] ?? []).isDisjoint(with: participant.days) {
          let a = model.addVariable(
            "\(name)[\(participant.id),\(u)]", kind: .continuous, upper: 1,
            objective: weights.weight(participant: p, run: formulation.runs[u], rank: rank))
          candidates.append((p, u, a))
          if let ys = dayOf[u], !(days[u] ?? []).isSubset(of: participant.days) {
            let theirs = ys.filter { participant.days.contains($0.key) }.sorted { $0.key < $1.key }
            model.addRow("on-their-day[\(participant.id),\(u)]", [.init(a)] + theirs.map { .init($0.value, -1) }, upper: 0)
          }
          attendees[u, default: []].append(.init(a))
          sameSession.append(.init(a))
          mine.append(.init(a))
        }
        if sameSession.count > 1 { model.addRow("once[\(participant.id),\(s)]", sameSession, upper: 1) }
      }
      // Who fills every slot attends at most one run at a time: at most a run per slot of their days.
      let limit =
        participant.fillsEverySlot(in: instance)
        ? participant.days.reduce(0) { $0 + instance.days[$1].slots.count }
        : participant.maxWorkshops ?? instance.weights.workshopsPerParticipant
      if mine.count > limit { model.addRow("limit[\(participant.id)]", mine, upper: Double(limit)) }
    }
    for (u, terms) in attendees.sorted(by: { $0.key < $1.key }) where terms.count > (seats[u] ?? 0) {
      model.addRow("seats[\(u)]", terms, upper: Double(seats[u] ?? 0))
    }
    guard !candidates.isEmpty else {
      value = 0
      runsByParticipant = Array(repeating: [], count: instance.participants.count)
      seconds = 0
      return
    }
    let result: SolveResult
    if dayOf.isEmpty {
      result = GLPKSolver().solveRelaxation(model, options: options)
    } else {
      var mip = options
      mip.integralObjective = weights.integral
      mip.nodeLimit = mip.nodeLimit ?? 1_000
      result = GLPKSolver().solve(model, options: mip)
    }
    let bound = result.status == .optimal ? result.objective : result.bound
    guard result.hasSolution, let bound else { return nil }
    // Integral weights: every welfare is a whole number, so the bound rounds down.
    value = weights.integral ? (bound + 1e-6).rounded(.down) : bound
    seconds = result.seconds
    var given = [[Int]](repeating: [], count: instance.participants.count)
    for candidate in candidates where result.values[candidate.variable.index] > 0.5 {
      given[candidate.participant].append(candidate.run)
    }
    runsByParticipant = given
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
