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
  /// Optimal, feasible (a timetable not proved optimal) or infeasible; nil when the search stopped
  /// before finding any timetable (time limit, interrupt): nothing is known either way.
  public var status: Schedule.Status?
  public var termination: SolveResult.Termination
  public var objective: Schedule.Objective?
  public var size: ModelSize
  public var seconds: Double
  /// For an infeasible instance: the rules that had to give, in domain terms.
  public var conflicts: [String]
  /// Wall time spent building the integer program (part of the solve's wall time, not of `seconds`).
  public var modelSeconds = 0.0
}

/// Solves the timetable of an instance with GLPK and maps the result back to domain terms.
public struct TimetableSolver: Sendable {
  public let instance: Instance
  /// How many of the most co-chosen session pairs the co-choice term models.
  public var coChoicePairs = 400
  /// Branch-and-bound nodes for the whole-model phase, and sub-problems for the neighbourhood
  /// search: the work budget after which a timetable not proved optimal is returned.
  public var phaseOneNodes = 100
  /// Models with more integer variables than this skip GLPK's phase 1: their bound comes from
  /// their days' LP relaxations, computed beside the search (`DayBound`). On nec2022 (7,277) the
  /// 100 nodes never improved the greedy start and took about 14 s, the whole LP about 6 s.
  public var phaseOneLargeModel = 2_000
  public var neighbourhoodBudget = 300
  /// A published schedule to stay close to (what-if planning, re-publishing).
  public var baseline: Baseline?

  public init(instance: Instance) {
    self.instance = instance
  }

  /// The integer program, for `--write-model` and inspection.
  public func model() -> LinearModel {
    TimetableFormulation(instance: instance, coChoicePairs: coChoicePairs, baseline: baseline).model
  }

  public func solve(options: SolveOptions) -> TimetableSolution {
    let building = Date()
    let formulation = TimetableFormulation(instance: instance, coChoicePairs: coChoicePairs, baseline: baseline)
    let modelSeconds = Date().timeIntervalSince(building)
    var solution = solve(formulation, options: options)
    solution.modelSeconds = modelSeconds
    return solution
  }

  private func solve(_ formulation: TimetableFormulation, options: SolveOptions) -> TimetableSolution {
    let unplaceable = formulation.runs.indices.filter { formulation.optionsByRun[$0].isEmpty }
    if !unplaceable.isEmpty {
      // No start and room at all: say so without calling the solver.
      return TimetableSolution(
        timetable: nil, status: .infeasible, termination: .completed, objective: nil,
        size: ModelSize(formulation.model), seconds: 0,
        conflicts: unplaceable.map { "\(describe(formulation.runs[$0])) fits no slot and room (duration, kind, features, capacity, availability and pins together)" })
    }
    let (scaled, scale) = Self.integralScaled(formulation.model)
    var solveOptions = options
    solveOptions.integralObjective = scale != nil
    let start = GreedyTimetable(formulation: formulation).timetable().flatMap { formulation.values(for: $0) }
    solveOptions.initialSolution = start
    if let scale, let progress = options.progress {
      solveOptions.progress = { p in
        progress(
          SolveProgress(seconds: p.seconds, incumbent: p.incumbent.map { $0 / scale }, bound: p.bound.map { $0 / scale }, gap: p.gap))
      }
    }
    // Phase 1: the whole model from the greedy start, within a node budget (small instances are
    // proved optimal here). Phase 2: neighbourhood search (see NeighbourhoodSearch). Both stop on
    // work budgets, so the result does not depend on the machine; the time limit is a safety net
    // (phase 1 gets at most half of it). A large model's phase 1 is only a bound, computed on
    // another core while the search runs.
    let began = Date()
    let deadline = options.timeLimit.map { began.addingTimeInterval($0) }
    if start != nil {
      solveOptions.nodeLimit = options.nodeLimit ?? (scaled.integerCount <= phaseOneLargeModel ? phaseOneNodes : 1)
      solveOptions.timeLimit = options.timeLimit.map { max(1, $0 * 0.5) }
    }
    var phaseOneOptions = solveOptions
    // Neither GLPK's root cut rounds nor the strong-branching pass of pseudo-cost branching are
    // bounded by the node budget (on nec2022: over 150 s and 44 s); small instances are proved
    // optimal without them.
    phaseOneOptions.tuning.cuts = false
    phaseOneOptions.tuning.branching = .mostFractional
    var result: SolveResult
    var dayBound: DayBound?
    if let start, options.nodeLimit == nil, scaled.integerCount > phaseOneLargeModel {
      // A large model's root node never improved the greedy start: phase 1 is only its bound,
      // from the LP relaxations of its days, solved beside the search (see `DayBound`).
      dayBound = DayBound(
        parts: scaled.relaxedParts(by: formulation.dayParts()), until: deadline, cancellation: options.cancellation)
      result = SolveResult(
        termination: .completed, status: .feasible, objective: scaled.objectiveValue(of: start), bound: nil,
        values: start, seconds: 0)
    } else {
      result = GLPKSolver().solve(scaled, options: phaseOneOptions)
    }
    var stoppedByTime = result.termination == .timeLimit
    if !result.hasSolution, let start {
      // Stopped before GLPK took the start (time limit, interrupt during the root LP): keep the start.
      result.status = .feasible
      result.values = start
    }
    if result.status == .optimal, !formulation.unmodelledPairs.isEmpty {
      // Optimal for the modelled pairs only: its value (GLPK's bound) is a lower bound, and a
      // start for the search.
      result.status = .feasible
    }
    var searched: Double?
    if result.status == .feasible, options.cancellation?.isCancelled != true {
      var search = NeighbourhoodSearch(formulation: formulation, model: scaled)
      search.scale = scale ?? 1
      search.maxSubproblems = neighbourhoodBudget
      let phaseOneBound = result.bound
      let outcome = search.improve(result.values, deadline: deadline, options: solveOptions) { value in
        let bound = phaseOneBound ?? dayBound?.known
        options.progress?(
          SolveProgress(
            seconds: Date().timeIntervalSince(began), incumbent: value / (scale ?? 1), bound: bound.map { $0 / (scale ?? 1) },
            gap: bound.map { abs(value - $0) / max(1, abs(value)) }))
      }
      result.values = outcome.values
      result.objective = outcome.objective
      stoppedByTime = stoppedByTime || outcome.stoppedByTime
      searched = outcome.objective
    }
    if let dayBound {
      let answer = dayBound.wait()
      result.bound = answer.value
      stoppedByTime = stoppedByTime || answer.stoppedByTime
      if searched == nil, options.cancellation?.isCancelled == true { result.termination = .interrupted }
    }
    if let searched {
      result.termination = stoppedByTime ? .timeLimit : .nodeLimit
      result.seconds = Date().timeIntervalSince(began)
      if let bound = result.bound, scale != nil, (bound - 1e-6).rounded(.up) >= searched - 1e-6 { result.status = .optimal }
    }
    let size = ModelSize(formulation.model)
    switch result.status {
    case .optimal, .feasible:
      let values = result.values
      let value = formulation.model.objectiveValue(of: values) + formulation.unmodelledCost(in: values)
      let bound = result.bound.map { $0 / (scale ?? 1) + 0 }
      let terms = formulation.termAmounts(from: values).map {
        Schedule.Term(name: $0.name, weight: $0.weight, amount: Self.rounded($0.amount), contribution: Self.rounded($0.weight * $0.amount))
      }
      let status: Schedule.Status = result.status == .optimal ? .optimal : .feasible
      let gap = status == .optimal ? 0 : bound.map { abs(value - $0) / max(1, abs(value)) }
      return TimetableSolution(
        timetable: formulation.timetable(from: values), status: status, termination: result.termination,
        objective: Schedule.Objective(
          value: Self.rounded(value), bound: bound.map(Self.rounded), gap: gap.map(Self.rounded), terms: terms),
        size: size, seconds: result.seconds, conflicts: [])
    case .infeasible:
      let conflicts = InfeasibilityExplainer(instance: instance).explain(options: options)
      return TimetableSolution(
        timetable: nil, status: .infeasible, termination: result.termination, objective: nil, size: size,
        seconds: result.seconds, conflicts: conflicts)
    case .unbounded, .noSolution:
      return TimetableSolution(
        timetable: nil, status: nil, termination: result.termination, objective: nil, size: size,
        seconds: result.seconds, conflicts: [])
    }
  }

  func describe(_ run: SessionRun) -> String {
    let session = instance.sessions[run.session]
    return session.runs > 1 ? "'\(session.title)' run \(run.run)" : "'\(session.title)'"
  }

  /// Rounds to 6 decimals so that reports are byte-identical across platforms' float noise.
  static func rounded(_ value: Double) -> Double { (value * 1e6).rounded() / 1e6 }

  /// When the objective becomes integral after scaling by 1, 10, 100 or 1000, returns the scaled
  /// model and the factor: GLPK can then stop as soon as ⌈bound⌉ reaches the incumbent. Integral
  /// values of the continuous helper variables follow from integral binaries at an optimum.
  static func integralScaled(_ model: LinearModel) -> (LinearModel, Double?) {
    for factor in [1.0, 10, 100, 1000] {
      let integral = model.variables.allSatisfy { v in
        let c = v.objective * factor
        return abs(c - c.rounded()) < 1e-9
      }
      guard integral, abs(model.objectiveConstant * factor - (model.objectiveConstant * factor).rounded()) < 1e-9 else { continue }
      var scaled = model
      for (index, variable) in model.variables.enumerated() where variable.objective != 0 {
        scaled.setObjective(VariableID(index), (variable.objective * factor).rounded())
      }
      scaled.objectiveConstant = (model.objectiveConstant * factor).rounded()
      return (scaled, factor)
    }
    return (model, nil)
  }
}
