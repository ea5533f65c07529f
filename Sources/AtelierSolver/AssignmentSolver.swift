import AtelierCore
import AtelierGLPK
import AtelierMIP
import Foundation

/// The assignment stage's answer.
public struct AssignmentSolution: Sendable {
  public var assignments: [Timetable.Assignment]
  /// Optimal, feasible (not proved optimal) or infeasible; nil when the search stopped before
  /// finding any assignment.
  public var status: Schedule.Status?
  public var termination: SolveResult.Termination
  /// Welfare (Σ rank weights) of the assignment, with its bound.
  public var objective: Schedule.Objective?
  /// The first stage's value for `maximin` (largest shortfall), `coverage` (participants
  /// covered) and `worst-rank` (the worst rank): its optimum when `status` is `optimal`.
  public var stageValue: Double?
  /// `worst-rank`: the largest shortfall its first stage kept (as `maximin`'s stage value).
  public var keptShortfall: Double?
  public var statistics: Schedule.Statistics
  public var size: ModelSize
  public var seconds: Double
  /// Wall time spent building the integer program (part of the solve's wall time, not of `seconds`).
  public var modelSeconds = 0.0
  /// Whether GLPK stopped before finding an assignment (or a first-stage answer), so that the
  /// greedy one (`GreedyAssignment`) stands in: status `feasible`, no bound.
  public var usedGreedy = false
  /// Why no assignment exists, in domain terms, when that is known (`max_workshops: every_slot`).
  public var conflicts: [String] = []
}

/// Assigns participants to the workshop runs of a fixed timetable from their ranked choices.
public struct AssignmentSolver: Sendable {
  public let instance: Instance
  public var objective: AssignmentObjective = .welfare
  /// `k` of the `coverage` objective.
  public var coverageTarget = 2
  /// Published assignments to keep where possible (what-if planning, re-publishing).
  public var kept: Set<Timetable.Assignment> = []

  public init(instance: Instance, objective: AssignmentObjective = .welfare) {
    self.instance = instance
    self.objective = objective
  }

  public func solve(_ timetable: Timetable, options: SolveOptions) -> AssignmentSolution {
    let building = Date()
    let formulation = AssignmentFormulation(instance: instance, timetable: timetable, kept: kept)
    let modelSeconds = Date().timeIntervalSince(building)
    var solution = solve(formulation, timetable, options: options)
    solution.modelSeconds = modelSeconds
    return solution
  }

  private func solve(_ formulation: AssignmentFormulation, _ timetable: Timetable, options: SolveOptions) -> AssignmentSolution {
    guard formulation.everySlotShortages.isEmpty else {
      // Counting shows it: no need to ask GLPK.
      var solution = failed(
        SolveResult(termination: .completed, status: .infeasible, objective: nil, bound: nil, values: [], seconds: 0),
        formulation, 0)
      solution.conflicts = formulation.everySlotShortages
      return solution
    }
    var formulation = formulation
    var options = options
    options.integralObjective = formulation.welfare.integral
    // Pseudo-cost branching starts with a strong-branching pass over every fractional variable,
    // which no time limit interrupts: on 7,500 participants it used the whole limit before a first
    // assignment. The LP of this transportation-like model is nearly integral; cheap nodes suffice.
    options.tuning.branching = .mostFractional
    var seconds = 0.0
    let solver = GLPKSolver()
    // The time limit covers every stage: each GLPK call gets what the earlier ones left.
    let deadline = options.timeLimit.map { Date().addingTimeInterval($0) }
    let stageOptions = options
    let left = { () -> SolveOptions in
      var remaining = stageOptions
      remaining.timeLimit = deadline.map { max(0.01, $0.timeIntervalSinceNow) }
      return remaining
    }
    // maximin and coverage: the first stage's answer, kept as a row for the second stage and as
    // what the second stage falls back on should GLPK stop before it finds anything.
    var first: StageAnswer?
    var keptShortfall: Double?

    switch objective {
    case .welfare:
      break
    case .maximin:
      let d = formulation.addShortfallBound()
      formulation.replaceObjective(with: [.init(d)], sense: .minimize)
      let (stage, answer) = firstStage(formulation, solver, left())
      seconds += stage.seconds
      guard let answer else { return failed(stage, formulation, seconds) }
      first = answer
      // Keep the shortfall bound proven (or found) in stage one, then maximise welfare.
      formulation.fix(d, lower: 0, upper: answer.value)
      formulation.restoreWelfare()
    case .coverage:
      let covered = formulation.addCoverage(k: coverageTarget)
      formulation.replaceObjective(with: covered.map { .init($0) }, sense: .maximize)
      let (stage, answer) = firstStage(formulation, solver, left())
      seconds += stage.seconds
      guard let answer else { return failed(stage, formulation, seconds) }
      first = answer
      formulation.addRow("coverage-kept", covered.map { .init($0) }, lower: answer.value)
      formulation.restoreWelfare()
    case .worstRank:
      // maximin's first stage, its shortfall kept; then the smallest worst rank (below).
      let d = formulation.addShortfallBound()
      formulation.replaceObjective(with: [.init(d)], sense: .minimize)
      let (stage, answer) = firstStage(formulation, solver, left())
      seconds += stage.seconds
      guard let answer else { return failed(stage, formulation, seconds) }
      formulation.fix(d, lower: 0, upper: answer.value)
      keptShortfall = answer.value
      // Keeping D* alone, a smaller worst rank could come from taking workshops away from those
      // below D* (none at all has worst rank 0): first the most workshops keeping D*, kept too.
      let all = formulation.candidates.map { LinearModel.Term($0.variable) }
      formulation.replaceObjective(with: all, sense: .maximize)
      let (count, counted) = firstStage(formulation, solver, left())
      seconds += count.seconds
      guard var counted else { return failed(count, formulation, seconds) }
      counted.proved = counted.proved && answer.proved
      formulation.addRow("workshops-kept", all, lower: counted.value)
      let (rankSeconds, rankAnswer) = smallestWorstRank(formulation, shortfall: counted, solver, left)
      seconds += rankSeconds
      first = rankAnswer
      formulation.forbidRanks(above: Int(rankAnswer.value))
      formulation.restoreWelfare()
    }

    var result = solver.solve(formulation.model, options: left())
    seconds += result.seconds
    var usedGreedy = first?.greedy ?? false
    if !result.hasSolution, result.status != .infeasible,
      let values = first?.values ?? formulation.startValues(chosen: GreedyAssignment(formulation: formulation).chosen())
    {
      // GLPK stopped before any assignment (time limit on very large instances, interrupt): keep
      // the fallback, which keeps every row of the model. Feasible, not proved optimal.
      result.values = values
      result.objective = formulation.model.objectiveValue(of: values)
      result.status = .feasible
      if first == nil { usedGreedy = true }
    }
    guard result.hasSolution, let value = result.objective else { return failed(result, formulation, seconds) }
    let assignments = formulation.assignments(from: result.values)
    // `optimal` only if the first stage's value was proved optimal too.
    let status: Schedule.Status = result.status == .optimal && first?.proved ?? true ? .optimal : .feasible
    let welfareValue = formulation.welfare.rounded(value)
    return AssignmentSolution(
      assignments: assignments, status: status, termination: result.termination,
      objective: Schedule.Objective(
        value: welfareValue, bound: result.bound.map { ($0 * 1e6).rounded() / 1e6 }, gap: result.gap,
        terms: [Schedule.Term(name: "welfare", weight: 1, amount: welfareValue, contribution: welfareValue)]),
      stageValue: first?.value, keptShortfall: keptShortfall,
      statistics: AssignmentStatistics(instance: instance, timetable: timetable, assignments: assignments).summary,
      size: ModelSize(formulation.model), seconds: seconds, usedGreedy: usedGreedy)
  }

  /// A first stage's values and (integral) objective value, whether GLPK proved it, and whether it
  /// is the greedy assignment's (GLPK stopped before finding any).
  private struct StageAnswer {
    var values: [Double]
    var value: Double
    var proved: Bool
    var greedy: Bool
  }

  /// worst-rank: the smallest R for which some assignment keeps the shortfall and count rows and takes no
  /// candidate of a rank above R, by trying R upward from what counting allows (each try a
  /// feasibility solve; an infeasible one is nearly always settled by its LP). Proved when the
  /// shortfall was and every smaller R was proved infeasible; if GLPK stops undecided on some R,
  /// the shortfall stage's own answer stands, with its worst rank.
  private func smallestWorstRank(
    _ formulation: AssignmentFormulation, shortfall: StageAnswer, _ solver: GLPKSolver, _ options: () -> SolveOptions
  ) -> (seconds: Double, answer: StageAnswer) {
    let fallback = StageAnswer(
      values: shortfall.values, value: Double(formulation.worstRank(of: shortfall.values)), proved: false,
      greedy: shortfall.greedy)
    var seconds = 0.0
    var rank = formulation.worstRankLowerBound(shortfall: shortfall.value)
    while rank < Int(fallback.value) {
      var trial = formulation
      trial.forbidRanks(above: rank)
      trial.replaceObjective(with: [], sense: .minimize)
      let result = solver.solve(trial.model, options: options())
      seconds += result.seconds
      if result.hasSolution {
        return (seconds, StageAnswer(values: result.values, value: Double(rank), proved: shortfall.proved, greedy: false))
      }
      guard result.status == .infeasible else { return (seconds, fallback) }
      rank += 1
    }
    // No smaller R is possible: the shortfall stage's answer already reaches it.
    var answer = fallback
    answer.proved = shortfall.proved
    return (seconds, answer)
  }

  /// Solves the stage objective the formulation holds; nil answer when it is infeasible or when
  /// neither GLPK nor the greedy assignment gives one.
  private func firstStage(
    _ formulation: AssignmentFormulation, _ solver: GLPKSolver, _ options: SolveOptions
  ) -> (result: SolveResult, answer: StageAnswer?) {
    let stage = solver.solve(formulation.model, options: options)
    if stage.hasSolution, let value = stage.objective {
      return (stage, StageAnswer(values: stage.values, value: value.rounded(), proved: stage.status == .optimal, greedy: false))
    }
    guard stage.status != .infeasible,
      let values = formulation.startValues(chosen: GreedyAssignment(formulation: formulation).chosen())
    else { return (stage, nil) }
    // The stage objective at the greedy values is what they reach (largest shortfall, or covered count).
    let value = formulation.model.objectiveValue(of: values).rounded()
    return (stage, StageAnswer(values: values, value: value, proved: false, greedy: true))
  }

  private func failed(_ result: SolveResult, _ formulation: AssignmentFormulation, _ seconds: Double) -> AssignmentSolution {
    var solution = AssignmentSolution(
      assignments: [], status: result.status == .infeasible ? .infeasible : nil, termination: result.termination,
      objective: nil, stageValue: nil,
      statistics: AssignmentStatistics(instance: instance, timetable: Timetable(placements: []), assignments: []).summary,
      size: ModelSize(formulation.model), seconds: seconds)
    if result.status == .infeasible, instance.participants.contains(where: { $0.fillsEverySlot(in: instance) }) {
      // The seats add up in every slot (else counting had said so); one run per workshop, the
      // overlaps or the other rules leave someone without a workshop in some slot.
      solution.conflicts = [
        "no assignment seats every participant with max_workshops: every_slot in one workshop run in every slot "
          + "where one takes place, each workshop once: some slot's workshops are ones they already have elsewhere, "
          + "or the other rules (minimum sizes, days) leave too few"
      ]
    }
    return solution
  }
}

/// Satisfaction figures of an assignment, for `schedule.json` and the report.
public struct AssignmentStatistics: Sendable {
  public private(set) var summary: Schedule.Statistics

  public init(instance: Instance, timetable: Timetable, assignments: [Timetable.Assignment]) {
    var received = [Int: [Int]]()  // participant → ranks received
    var placedPerSession = [Int: Int]()
    var sessionsReceived = [Int: Set<Int>]()
    var anywhere = 0
    var online = 0
    for assignment in assignments {
      let participant = instance.participants[assignment.participant]
      if participant.isOnline(in: instance) { online += 1 }
      guard let rank = participant.rank(ofSession: assignment.run.session) else {
        anywhere += 1  // a seat anywhere: no rank
        continue
      }
      sessionsReceived[assignment.participant, default: []].insert(assignment.run.session)
      received[assignment.participant, default: []].append(rank)
      placedPerSession[assignment.run.session, default: 0] += 1
    }
    var first = 0
    var topThree = 0
    var all = 0
    var histogram = [Int](repeating: 0, count: instance.participants.map(\.choices.count).max() ?? 0)
    var shortfall: [(id: String, missing: Int)] = []
    var wanted = [Int: Int]()
    var turnedAway = [Int: Int]()
    var counted = 0
    var ignored = 0
    for (p, participant) in instance.participants.enumerated() {
      // Online attendees' choices of workshops that are not streamed are ignored (issue 17).
      let chosen = Set(participant.choices.filter { instance.sessions[$0].kind == .workshop })
      let workshops = chosen.filter { instance.canAttend(participant: p, session: $0) }.sorted()
      ignored += chosen.count - workshops.count
      for s in workshops { wanted[s, default: 0] += 1 }
      guard !workshops.isEmpty else { continue }
      counted += 1
      let ranks = received[p] ?? []
      for rank in ranks where rank - 1 < histogram.count { histogram[rank - 1] += 1 }
      if ranks.contains(1) { first += 1 }
      if !ranks.isEmpty && ranks.allSatisfy({ $0 <= 3 }) { topThree += 1 }
      let limit = participant.fillsEverySlot(in: instance) ? workshops.count : participant.maxWorkshops ?? instance.weights.workshopsPerParticipant
      let asked = min(limit, workshops.count)
      if ranks.count >= asked {
        all += 1
      } else {
        let got = sessionsReceived[p] ?? []
        for s in workshops where !got.contains(s) { turnedAway[s, default: 0] += 1 }
      }
      shortfall.append((participant.id, asked - ranks.count))
    }
    let worst = shortfall.map(\.missing).max() ?? 0
    let worstOff = worst > 0 ? shortfall.filter { $0.missing == worst }.map(\.id).sorted().prefix(20) : []
    let unmet = turnedAway.map { s, count in
      Schedule.UnmetDemand(
        session: instance.sessions[s].id, wanted: wanted[s] ?? 0, placed: placedPerSession[s] ?? 0, turnedAway: count)
    }.sorted { ($0.turnedAway, $1.session) > ($1.turnedAway, $0.session) }
    let cancelled = Timetable(placements: timetable.placements, assignments: assignments).cancelledRuns(in: instance)
    summary = Schedule.Statistics(
      participants: counted, gotFirstChoice: first, gotTopThree: topThree, gotAllAsked: all, rankHistogram: histogram,
      worstOff: Array(worstOff), unmetDemand: unmet,
      cancelledRuns: cancelled.isEmpty ? nil : cancelled.map { "\(instance.sessions[$0.session].id)#\($0.run)" },
      seatedAnywhere: anywhere == 0 ? nil : anywhere)
    summary.onlineAssignments = online == 0 ? nil : online
    summary.onlineChoicesIgnored = ignored == 0 ? nil : ignored
  }
}
