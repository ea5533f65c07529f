import AtelierCore
import AtelierGLPK
import AtelierMIP
import Foundation

/// Size of an integer program, for reports and benchmarks.
public struct ModelSize: Sendable, Hashable, Codable {
  public var variables: Int
  public var integers: Int
  public var rows: Int
  public var nonzeros: Int

  init(_ model: LinearModel) {
    variables = model.variables.count
    integers = model.integerCount
    rows = model.rows.count
    nonzeros = model.nonzeroCount
  }
}

/// The timetable stage's answer: a timetable when one was found, how good it is, and why the
/// search stopped; or, for an infeasible instance, which rules could not hold together.
public struct TimetableSolution: Sendable {
  public var timetable: Timetable?
  /// The organisers' side: optimal when the penalties are proven minimal, feasible otherwise,
  /// infeasible; nil when the search stopped before finding any timetable (time limit, interrupt).
  public var status: Schedule.Status?
  public var termination: SolveResult.Termination
  /// The organisers' penalties (soft terms), with their proven minimum as bound.
  public var objective: Schedule.Objective?
  /// The most welfare any timetable allows (the assignment with time conflicts relaxed), nil when
  /// no participant chose a workshop or the bound was not computed.
  public var welfareBound: Double?
  /// Only one timetable keeps the hard rules (every run has one start and one room): the
  /// assignment's own optimum is then the participants' bound.
  public var onlyTimetable = false
  public var size: ModelSize
  public var seconds: Double
  /// For an infeasible instance: the rules that had to give, in domain terms.
  public var conflicts: [String]
  /// Wall time spent building the integer program (part of the solve's wall time, not of `seconds`).
  public var modelSeconds = 0.0
  /// Why a side has no bound, or only the counting bound (issue 16): for the terminal and report.md.
  public var boundNotes: [String] = []
  /// Where the first timetable came from when the greedy start found none (issue 16), for the terminal.
  public var startNote: String?
  /// What ended the search (issue 16): the proven minimum, the work budget, an idle search, the
  /// time limit or an interrupt; nil for an infeasible instance.
  public var stop: Schedule.StopReason?
}

/// Solves the timetable of an instance with GLPK and maps the result back to domain terms.
///
/// What is optimised is the score S = W − P: the welfare W of the best assignment the timetable
/// allows against the organisers' penalties P (the soft terms). Relaxing only "a participant is in
/// one place at a time" bounds it by W_UB − P_LB (`WelfareBound`, the LP bound of the organisers'
/// model). The search minimises P plus a clash guide (pairs of runs the relaxed assignment gives
/// one participant, weighted by the welfare at risk), which stands in for W − W_UB and is never
/// part of a bound or a gap.
public struct TimetableSolver: Sendable {
  public let instance: Instance
  /// How many of the heaviest clash-guide pairs the model holds rows for (the others are counted
  /// exactly by the search and added to its sub-problems).
  public var clashPairsModelled = 400
  /// Branch-and-bound nodes for the organisers' model of a small instance, and sub-problems for
  /// the neighbourhood search: the work budget after which a timetable not proved optimal is
  /// returned.
  public var phaseOneNodes = 400
  /// Models with more integer variables than this skip GLPK's branch-and-bound phase: their bound
  /// is the organisers' LP, computed beside the search (`DayBound`).
  public var phaseOneLargeModel = 2_000
  /// Models with more integer variables than this get the bound of their days' LPs instead of the
  /// whole LP (cross-day terms relaxed), which large instances could not finish in time.
  public var wholeBoundLimit = 30_000
  public var neighbourhoodBudget = 300
  /// Branch-and-bound nodes for a first timetable from GLPK when the greedy start finds none.
  public var feasibilityNodes = 20_000
  /// A published schedule to stay close to (what-if planning, re-publishing).
  public var baseline: Baseline?

  public init(instance: Instance) {
    self.instance = instance
  }

  /// The integer program, for `--write-model` and inspection: the organisers' model (no clash
  /// guide), whose optimum is the organisers' proven minimum.
  public func model() -> LinearModel {
    TimetableFormulation(instance: instance, baseline: baseline).organisersModel
  }

  public func solve(options: SolveOptions) -> TimetableSolution {
    let building = Date()
    let formulation = TimetableFormulation(instance: instance, baseline: baseline)
    let modelSeconds = Date().timeIntervalSince(building)
    // The time limit counts from here: building the model is part of the stage.
    var options = options
    options.timeLimit = options.timeLimit.map { max(0.1, $0 - modelSeconds) }
    var solution = solve(formulation, options: options)
    solution.modelSeconds = modelSeconds
    return solution
  }

  private func solve(_ built: TimetableFormulation, options: SolveOptions) -> TimetableSolution {
    let unplaceable = built.runs.indices.filter { built.optionsByRun[$0].isEmpty }
    if !unplaceable.isEmpty {
      // No start and room at all: say so without calling the solver.
      return TimetableSolution(
        timetable: nil, status: .infeasible, termination: .completed, objective: nil,
        size: ModelSize(built.model), seconds: 0,
        conflicts: unplaceable.map { "\(describe(built.runs[$0])) fits no slot and room (duration, kind, features, capacity, availability and pins together)" })
    }
    let began = Date()
    let deadline = options.timeLimit.map { began.addingTimeInterval($0) }
    var formulation = built
    let weights = WelfareWeights(instance: instance, kept: baseline?.keptAssignments ?? [])
    var boundOptions = SolveOptions()
    boundOptions.cancellation = options.cancellation
    boundOptions.timeLimit = options.timeLimit
    let welfare = WelfareBound(formulation: formulation, weights: weights, options: boundOptions)
    if let welfare {
      formulation.addClashGuide(
        welfare.clashPairs(formulation: formulation, weights: weights), weight: instance.weights.coChoiceConflict,
        modelled: clashPairsModelled)
    }
    let onlyTimetable = formulation.optionsByRun.allSatisfy { $0.count == 1 && formulation.options[$0[0]].rooms.count == 1 }
    let (scaled, scale) = Self.integralScaled(formulation.model)
    let factor = scale ?? 1
    let organisers = Self.scaled(formulation.organisersModel, by: factor)
    var solveOptions = options
    solveOptions.integralObjective = scale != nil
    // The start: the published timetable when it keeps every rule of this instance (a re-solve
    // begins where it is asked to stay), the greedy one otherwise.
    var start =
      baselineStart(formulation)
      ?? GreedyTimetable(formulation: formulation).timetable().flatMap { formulation.values(for: $0) }
    var startNote: String?
    if let greedy = start, !formulation.model.isFeasible(greedy) {
      // The greedy ignores the every_slot rows (workshop seats for those who fill every slot,
      // issue 17); GLPK would drop such a start and search without one.
      start = nil
    }
    if start == nil {
      // On a fully packed grid every greedy attempt can end in a dead end where GLPK finds a
      // timetable at once when asked for any (issue 16: Tests/Instances/packed, 1.5 s, against
      // nothing in 20 s on the organisers' model).
      let feasible = feasibilityStart(formulation, deadline: deadline, options: options)
      start = feasible.values
      startNote = (
        feasible.values != nil
          ? "the greedy start found no timetable; the first one came from GLPK on the hard rules alone"
          : "neither the greedy start nor GLPK on the hard rules alone found a timetable "
            + "(\(feasible.termination.description))")
    }
    // Phase 1 (small models): GLPK's branch-and-bound on the organisers' model from the greedy
    // start, within a node budget: its bound is the organisers' proven minimum, and small
    // instances are proved optimal here. Large models: the organisers' LP on another core while
    // the search runs (`DayBound`). Phase 2: the neighbourhood search on penalties + clash guide.
    // Both phases stop on work budgets, so the result does not depend on the machine; the time
    // limit is a safety net (phase 1 gets at most half of it).
    var result: SolveResult
    var bound: DayBound?
    if let start, options.nodeLimit == nil, scaled.integerCount > phaseOneLargeModel {
      // The clash guide costs nothing here: its rows only slow the LPs down. Each part's LP starts
      // from the start's columns (column generation).
      let parts = organisers.dropping(Set(formulation.guideVariables)).flatMap { relaxed -> [DayBound.Part]? in
        guard scaled.integerCount > wholeBoundLimit else {
          return [DayBound.Part(model: relaxed.model, support: relaxed.kept.map { start[$0.index] != 0 })]
        }
        let labels = formulation.dayParts()
        return relaxed.model.relaxedParts(by: relaxed.kept.map { labels[$0.index] })?.map { part in
          DayBound.Part(model: part.model, support: part.origins.map { start[relaxed.kept[$0.index].index] != 0 })
        }
      }
      bound = DayBound(parts: parts, until: deadline, cancellation: options.cancellation)
      result = SolveResult(
        termination: .completed, status: .feasible, objective: scaled.objectiveValue(of: start), bound: nil,
        values: start, seconds: 0)
    } else {
      var phaseOne = solveOptions
      phaseOne.initialSolution = start
      if let progress = options.progress {
        phaseOne.progress = { @Sendable p in
          progress(
            SolveProgress(seconds: p.seconds, incumbent: p.incumbent.map { $0 / factor }, bound: p.bound.map { $0 / factor }, gap: p.gap))
        }
      }
      // GLPK's limit counts from its own start: what is left of the stage's (the greedy and a
      // feasibility solve took some of it; issue 16, a packed grid: 4.93 s against 4).
      phaseOne.timeLimit = Self.remaining(until: deadline)
      if start != nil {
        phaseOne.nodeLimit = options.nodeLimit ?? phaseOneNodes
        phaseOne.timeLimit = options.timeLimit.map { limit in min(max(1, limit * 0.5), Self.remaining(until: deadline) ?? limit) }
      }
      // Neither GLPK's root cut rounds nor the strong-branching pass of pseudo-cost branching are
      // bounded by the node budget (on nec2022: over 150 s and 44 s); small instances are proved
      // optimal without them.
      phaseOne.tuning.cuts = false
      // Session blocks (issue 16) leave the LP weak (papers spread fractionally over room-blocks):
      // Gomory cuts prove Tests/Instances/blocks in 73 nodes where 100 without them do not (257
      // with glpsol); opt-in events only, so that others solve as before.
      if instance.usesBlocks { phaseOne.tuning.cuts = true }
      phaseOne.tuning.branching = .mostFractional
      result = GLPKSolver().solve(organisers, options: phaseOne)
    }
    var stoppedByTime = result.termination == .timeLimit
    if !result.hasSolution, let start {
      // Stopped before GLPK took the start (time limit, interrupt during the root LP): keep the start.
      result.status = .feasible
      result.values = start
    }
    if result.hasSolution, bound == nil, let completed = formulation.model.completingContinuous(result.values) {
      // Phase 1 ignored the clash guide: its helpers are at arbitrary values; the search needs their least.
      result.values = completed
    }
    var organisersBound = result.bound
    var boundNotes: [String] = []
    if welfare == nil {
      boundNotes.append(
        "no participants' bound: the relaxed assignment (W_UB) stopped before its LP finished (time limit or interrupt)")
    }
    if bound == nil, organisersBound == nil, result.hasSolution {
      // GLPK stopped before its root LP ended (no greedy start sends even a large model there):
      // the counting bound, which needs no LP, still holds.
      organisersBound = formulation.countingBound * factor
      boundNotes.append(
        "the organisers' bound is the counting bound only (no LP): GLPK's branch-and-bound on the whole model "
          + "(\(scaled.integerCount) integer variables\(start == nil ? ", no greedy start" : "")) stopped before its root LP finished")
    }
    var searched = false
    var searchStop: Schedule.StopReason?
    let hasGuide = !formulation.guideVariables.isEmpty || !formulation.unmodelledPairs.isEmpty
    if result.hasSolution, result.status != .infeasible, options.cancellation?.isCancelled != true,
      result.status != .optimal || hasGuide
    {
      var search = NeighbourhoodSearch(formulation: formulation, model: scaled)
      search.scale = factor
      search.maxSubproblems = neighbourhoodBudget
      let phaseOneBound = result.bound
      let counted = formulation.countingBound * factor
      let known: () -> Double? = { (phaseOneBound ?? bound?.known).map { max($0, counted) } ?? counted }
      let outcome = search.improve(result.values, deadline: deadline, options: solveOptions, lowerBound: known) { value in
        guard options.progress != nil else { return }
        let penalties = formulation.organisersValue(of: value.values)
        let lower = known().map { $0 / factor }
        options.progress?(
          SolveProgress(
            seconds: Date().timeIntervalSince(began), incumbent: penalties, bound: lower,
            gap: lower.map { abs(penalties - $0) / max(1, abs(penalties)) },
            work: .init(done: value.subproblems, budget: neighbourhoodBudget)))
      }
      result.values = outcome.values
      stoppedByTime = stoppedByTime || outcome.stoppedByTime
      searchStop = outcome.stop
      searched = true
    }
    if let bound {
      let answer = bound.wait()
      // Without every part's LP, the counting bound (no LP) still bounds the penalties.
      organisersBound = max(answer.value ?? -.infinity, formulation.countingBound * factor)
      if answer.value == nil {
        boundNotes.append(
          "the organisers' bound is the counting bound only (no LP): the LPs of the model's \(bound.partCount) "
            + "part\(bound.partCount == 1 ? "" : "s") (\(scaled.integerCount) integer variables in all) did not all finish "
            + (answer.stoppedByTime ? "within the time limit" : "before the interrupt"))
      }
      stoppedByTime = stoppedByTime || answer.stoppedByTime
      if !searched, options.cancellation?.isCancelled == true { result.termination = .interrupted }
    }
    if searched {
      result.termination =
        stoppedByTime ? .timeLimit : options.cancellation?.isCancelled == true ? .interrupted : .nodeLimit
    }
    result.seconds = Date().timeIntervalSince(began)
    let size = ModelSize(formulation.model)
    switch result.status {
    case .optimal, .feasible:
      let values = result.values
      let penalties = formulation.organisersValue(of: values)
      // The bound is an LP or branch-and-bound bound of the scaled model: integral when the
      // penalties are, so it rounds up to the next achievable value.
      let lower = organisersBound.map { b in scale != nil ? (b - 1e-6).rounded(.up) / factor : b / factor }
      let proven = onlyTimetable || lower.map { penalties <= $0 + 1e-6 } ?? false
      if onlyTimetable || proven { result.termination = .completed }
      let terms = formulation.termAmounts(from: values).map {
        Schedule.Term(name: $0.name, weight: $0.weight, amount: Self.rounded($0.amount), contribution: Self.rounded($0.weight * $0.amount))
      }
      let shownBound = onlyTimetable ? penalties : lower.map { min($0, penalties) }
      let gap = proven ? 0 : shownBound.map { abs(penalties - $0) / max(1, abs(penalties)) }
      var solution = TimetableSolution(
        timetable: formulation.timetable(from: values), status: proven ? .optimal : .feasible, termination: result.termination,
        objective: Schedule.Objective(
          value: Self.rounded(penalties), bound: shownBound.map(Self.rounded), gap: gap.map(Self.rounded), terms: terms),
        welfareBound: welfare.map { Self.rounded($0.value) }, onlyTimetable: onlyTimetable,
        size: size, seconds: result.seconds, conflicts: [], boundNotes: boundNotes, startNote: startNote)
      solution.stop = Self.stopReason(
        proven: proven, termination: result.termination, searchStop: searchStop, stoppedByTime: stoppedByTime,
        interrupted: options.cancellation?.isCancelled == true)
      return solution
    case .infeasible:
      let conflicts = InfeasibilityExplainer(instance: instance).explain(options: options)
      return TimetableSolution(
        timetable: nil, status: .infeasible, termination: result.termination, objective: nil, size: size,
        seconds: result.seconds, conflicts: conflicts)
    case .unbounded, .noSolution:
      var solution = TimetableSolution(
        timetable: nil, status: nil, termination: result.termination, objective: nil, size: size,
        seconds: result.seconds, conflicts: [], startNote: startNote)
      solution.stop = Self.stopReason(
        proven: false, termination: result.termination, searchStop: nil, stoppedByTime: stoppedByTime,
        interrupted: options.cancellation?.isCancelled == true)
      return solution
    }
  }

  /// Any timetable, from GLPK on the model's hard rules alone (objective 0), within a node budget
  /// and what is left of the time limit: the start when neither the baseline nor the greedy
  /// gives one. Nil when GLPK finds none (or proves there is none: the organisers' model then says so).
  func feasibilityStart(_ formulation: TimetableFormulation, deadline: Date?, options: SolveOptions)
    -> (values: [Double]?, termination: SolveResult.Termination)
  {
    var model = formulation.model
    for index in model.variables.indices where model.variables[index].objective != 0 {
      model.setObjective(VariableID(index), 0)
    }
    model.objectiveConstant = 0
    var feasibility = SolveOptions()
    feasibility.cancellation = options.cancellation
    // Without a timetable nothing else can be done: it may take all that is left.
    feasibility.timeLimit = Self.remaining(until: deadline).map { max(0.1, $0) }
    feasibility.nodeLimit = feasibilityNodes
    // Measured on Tests/Instances/packed: with cuts and most-fractional branching 1.5 s, without
    // cuts 2.8 s, pseudo-cost 8-11 s.
    feasibility.tuning.branching = .mostFractional
    let result = GLPKSolver().solve(model, options: feasibility)
    // Its timetable, valued as the greedy's is (helpers at their least, the clash guide counted).
    guard result.hasSolution, let values = formulation.values(for: formulation.timetable(from: result.values)),
      formulation.model.isFeasible(values)
    else { return (nil, result.termination) }
    return (values, result.termination)
  }

  /// What ended the search, as reported: an interrupt or the time limit (of any part: GLPK's phase
  /// one, the search, the bound's LPs), which make the result depend on the machine, unless the
  /// penalties were proven minimal without a search; then the search's own end (its bound, its
  /// budget or two idle rounds: a proven timetable whose clash guide the search could not lower
  /// ends idle); without a search, GLPK's phase one (proven, or its node budget).
  static func stopReason(
    proven: Bool, termination: SolveResult.Termination, searchStop: Schedule.StopReason?, stoppedByTime: Bool,
    interrupted: Bool
  ) -> Schedule.StopReason {
    if proven && searchStop == nil { return .proven }
    if interrupted || termination == .interrupted { return .interrupted }
    if stoppedByTime || termination == .timeLimit { return .timeLimit }
    if let searchStop { return searchStop }
    return proven || termination == .completed || termination == .gapReached ? .proven : .workBudget
  }

  /// Seconds left until `deadline` (never below 0), nil without one.
  static func remaining(until deadline: Date?) -> Double? {
    deadline.map { max(0, $0.timeIntervalSinceNow) }
  }

  /// The baseline's timetable as the model's values, when it places every run of this instance and
  /// keeps every hard rule of the model; nil otherwise (a run it lacks, a room or time that no longer
  /// fits, a clash).
  func baselineStart(_ formulation: TimetableFormulation) -> [Double]? {
    guard let baseline else { return nil }
    var placements: [Timetable.Placement] = []
    for run in formulation.runs {
      guard let place = baseline.places[run], let room = place.room,
        let slot = instance.slots.firstIndex(where: { $0.day == place.day && $0.start == place.start })
      else { return nil }
      placements.append(.init(run: run, slot: slot, room: room))
    }
    guard let values = formulation.values(for: Timetable(placements: placements)), formulation.model.isFeasible(values)
    else { return nil }
    return values
  }

  func describe(_ run: SessionRun) -> String {
    let session = instance.sessions[run.session]
    return session.runs > 1 ? "'\(session.title)' run \(run.run)" : "'\(session.title)'"
  }

  /// Rounds to 6 decimals so that reports are byte-identical across platforms' float noise.
  static func rounded(_ value: Double) -> Double {
    let rounded = (value * 1e6).rounded() / 1e6
    return rounded == 0 ? 0 : rounded  // never -0
  }

  /// When the objective becomes integral after scaling by 1, 10, 100 or 1000, returns the scaled
  /// model and the factor: GLPK can then stop as soon as ⌈bound⌉ reaches the incumbent. Integral
  /// values of the continuous helper variables follow from integral binaries at an optimum.
  static func scaled(_ model: LinearModel, by factor: Double) -> LinearModel {
    guard factor != 1 else { return model }
    var scaled = model
    for (index, variable) in model.variables.enumerated() where variable.objective != 0 {
      scaled.setObjective(VariableID(index), (variable.objective * factor).rounded())
    }
    scaled.objectiveConstant = (model.objectiveConstant * factor).rounded()
    return scaled
  }

  static func integralScaled(_ model: LinearModel) -> (LinearModel, Double?) {
    for factor in [1.0, 10, 100, 1000] {
      let integral = model.variables.allSatisfy { v in
        let c = v.objective * factor
        return abs(c - c.rounded()) < 1e-9
      }
      guard integral, abs(model.objectiveConstant * factor - (model.objectiveConstant * factor).rounded()) < 1e-9 else { continue }
      return (scaled(model, by: factor), factor)
    }
    return (model, nil)
  }
}
