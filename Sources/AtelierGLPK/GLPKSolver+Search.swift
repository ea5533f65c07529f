@preconcurrency internal import CGLPK
import AtelierMIP

extension GLPKSolver {
  /// The whole solve, on the calling thread (a dedicated one): validate, load, search, read back.
  static func solveOnCurrentThread(
    _ model: LinearModel, options: SolveOptions, start: ContinuousClock.Instant
  ) -> SolveResult {
    let errors = optionErrors(options) + model.validationErrors + GLPKProblem.limitErrors(model)
    guard errors.isEmpty else { return failure(errors.joined(separator: "; "), start: start) }
    if model.variables.isEmpty { return trivial(model, start: start) }
    silenceTerminal()
    guard let problem = GLPKProblem(model) else { return failure("GLPK could not create a problem", start: start) }

    // A start is injected in the callback, where GLPK works on the original columns only when the
    // MIP presolver is off; a start that breaks the model is ignored (GLPK would not check it).
    let initialSolution = options.initialSolution.flatMap { model.isFeasible($0) ? $0 : nil }
    let presolve = options.tuning.presolve && initialSolution == nil
    var parm = glp_iocp()
    glp_init_iocp(&parm)
    parm.msg_lev = GLP_MSG_OFF
    parm.presolve = presolve ? GLP_ON : GLP_OFF
    parm.mip_gap = options.relativeGap
    if options.tuning.cuts {
      // Only Gomory and clique cuts fired on timetables; MIR and cover cuts found nothing.
      parm.gmi_cuts = GLP_ON
      parm.clq_cuts = GLP_ON
      if options.tuning.mirAndCoverCuts {
        parm.mir_cuts = GLP_ON
        parm.cov_cuts = GLP_ON
      }
    }
    parm.br_tech =
      switch options.tuning.branching {
      case .pseudoCost: GLP_BR_PCH
      case .penalty: GLP_BR_DTH
      case .mostFractional: GLP_BR_MFV
      }
    if options.tuning.proximitySeconds > 0 {
      parm.ps_heur = GLP_ON
      parm.ps_tm_lim = milliseconds(options.tuning.proximitySeconds)
    }

    var relaxationBound: Double?
    if !presolve {
      // Without presolve, glp_intopt needs an optimal basis of the LP relaxation.
      let code = problem.simplex(
        presolve: false, timeLimitMilliseconds: remaining(options, since: start), cancellation: options.cancellation)
      if code == GLPKProblem.interrupted { return finish(.interrupted, .noSolution, model, start: start) }
      if code == GLP_ETMLIM { return finish(.timeLimit, .noSolution, model, start: start) }
      guard code == 0 else { return failure("the LP relaxation failed (\(describe(code)))", start: start) }
      switch problem.lpStatus {
      case GLP_OPT: relaxationBound = problem.lpObjective
      case GLP_NOFEAS: return finish(.completed, .infeasible, model, start: start)
      case GLP_UNBND: return finish(.completed, .unbounded, model, start: start)
      default: return failure("the LP relaxation ended with status \(problem.lpStatus)", start: start)
      }
    }
    parm.tm_lim = remaining(options, since: start)

    let monitor = SearchMonitor(
      start: start, sense: model.sense, options: options, integralObjective: model.hasIntegralObjective,
      initialSolution: initialSolution)
    // The LP optimum bounds the search from the start, should it stop before the root's cuts end.
    if let relaxationBound { monitor.seedBound(relaxationBound) }
    let code = withExtendedLifetime(monitor) {
      parm.cb_info = Unmanaged.passUnretained(monitor).toOpaque()
      parm.cb_func = { tree, info in
        guard let tree, let info else { return }
        Unmanaged<SearchMonitor>.fromOpaque(info).takeUnretainedValue().handle(tree)
      }
      return problem.intopt(&parm, monitor: monitor)
    }

    let termination: SolveResult.Termination
    switch code {
    case GLPKProblem.interrupted:
      // Stopped in the presolver's LP relaxation, before any callback: nothing found yet.
      return finish(.interrupted, .noSolution, model, start: start, monitor: monitor)
    case 0: termination = .completed
    case GLP_ETMLIM: termination = .timeLimit
    case GLP_EMIPGAP: termination = .gapReached
    case GLP_ESTOP:
      termination =
        monitor.stoppedByIntegralBound ? .completed : monitor.stoppedByNodeLimit ? .nodeLimit : .interrupted
    case GLP_ENOPFS:
      // The presolver proved the LP relaxation, hence the model, infeasible.
      return finish(.completed, .infeasible, model, start: start, monitor: monitor)
    case GLP_ENODFS:
      // No dual feasible solution: the relaxation is unbounded or infeasible; an LP run decides.
      let lpCode = problem.simplex(
        presolve: false, timeLimitMilliseconds: remaining(options, since: start), cancellation: options.cancellation)
      if lpCode == GLPKProblem.interrupted {
        return finish(.interrupted, .noSolution, model, start: start, monitor: monitor)
      }
      let status: SolveResult.Status = lpCode == 0 && problem.lpStatus == GLP_NOFEAS ? .infeasible : .unbounded
      return finish(.completed, status, model, start: start, monitor: monitor)
    default:
      return failure("GLPK's branch-and-cut failed (\(describe(code)))", start: start)
    }

    var status: SolveResult.Status
    switch problem.mipStatus {
    case GLP_OPT: status = .optimal
    case GLP_FEAS: status = monitor.stoppedByIntegralBound ? .optimal : .feasible
    case GLP_NOFEAS: status = .infeasible
    default: status = .noSolution
    }
    guard status == .optimal || status == .feasible else {
      return finish(termination, status, model, start: start, monitor: monitor)
    }
    let objective = problem.mipObjective
    var bound = monitor.bound
    if status == .optimal {
      bound = objective
    } else if let known = bound {
      bound = model.sense == .minimize ? min(known, objective) : max(known, objective)
    }
    let result = SolveResult(
      termination: termination, status: status, objective: objective, bound: bound,
      values: problem.mipValues(count: model.variables.count), seconds: elapsed(since: start))
    report(result, monitor: monitor)
    return result
  }

  /// The LP relaxation, on the calling thread (a dedicated one).
  static func relaxOnCurrentThread(
    _ model: LinearModel, options: SolveOptions, start: ContinuousClock.Instant
  ) -> SolveResult {
    let errors = optionErrors(options) + model.validationErrors + GLPKProblem.limitErrors(model)
    guard errors.isEmpty else { return failure(errors.joined(separator: "; "), start: start) }
    if model.variables.isEmpty { return trivial(model, start: start) }
    silenceTerminal()
    guard let problem = GLPKProblem(model) else { return failure("GLPK could not create a problem", start: start) }
    var code = problem.simplex(
      presolve: options.tuning.presolve, timeLimitMilliseconds: remaining(options, since: start),
      cancellation: options.cancellation)
    if code == GLP_ENOPFS || code == GLP_ENODFS {
      // The presolver leaves no basis to tell infeasible from unbounded: solve without it.
      code = problem.simplex(
        presolve: false, timeLimitMilliseconds: remaining(options, since: start), cancellation: options.cancellation)
    }
    switch code {
    case 0: break
    case GLPKProblem.interrupted: return finish(.interrupted, .noSolution, model, start: start)
    case GLP_ETMLIM: return finish(.timeLimit, .noSolution, model, start: start)
    default: return failure("GLPK's simplex failed (\(describe(code)))", start: start)
    }
    switch problem.lpStatus {
    case GLP_OPT:
      let objective = problem.lpObjective
      var result = SolveResult(
        termination: .completed, status: .optimal, objective: objective, bound: objective,
        values: problem.lpValues(count: model.variables.count), seconds: elapsed(since: start))
      result.rowDuals = problem.lpRowDuals(count: model.rows.count)
      return result
    case GLP_NOFEAS: return finish(.completed, .infeasible, model, start: start)
    case GLP_UNBND: return finish(.completed, .unbounded, model, start: start)
    default: return failure("GLPK's simplex ended with status \(problem.lpStatus)", start: start)
    }
  }

  // MARK: Helpers

  static func failure(_ reason: String, start: ContinuousClock.Instant) -> SolveResult {
    SolveResult(
      termination: .failed(reason), status: .noSolution, objective: nil, bound: nil, values: [],
      seconds: elapsed(since: start))
  }

  /// A result without values; reports the final state to the progress callback.
  static func finish(
    _ termination: SolveResult.Termination, _ status: SolveResult.Status, _ model: LinearModel,
    start: ContinuousClock.Instant, monitor: SearchMonitor? = nil
  ) -> SolveResult {
    let bound = status == .noSolution ? monitor?.bound : nil
    let result = SolveResult(
      termination: termination, status: status, objective: nil, bound: bound, values: [],
      seconds: elapsed(since: start))
    if let monitor { report(result, monitor: monitor) }
    return result
  }

  private static func report(_ result: SolveResult, monitor: SearchMonitor) {
    guard let progress = monitor.progress else { return }
    progress(SolveProgress(seconds: result.seconds, incumbent: result.objective, bound: result.bound, gap: result.gap))
  }

  /// A model without variables: feasible exactly when every row admits 0.
  private static func trivial(_ model: LinearModel, start: ContinuousClock.Instant) -> SolveResult {
    let feasible = model.rows.allSatisfy { $0.lower <= 0 && 0 <= $0.upper }
    return SolveResult(
      termination: .completed, status: feasible ? .optimal : .infeasible,
      objective: feasible ? model.objectiveConstant : nil, bound: feasible ? model.objectiveConstant : nil,
      values: [], seconds: elapsed(since: start))
  }

  private static func optionErrors(_ options: SolveOptions) -> [String] {
    var errors: [String] = []
    if let limit = options.timeLimit, limit.isNaN || limit < 0 { errors.append("time limit \(limit) is not ≥ 0") }
    if options.relativeGap.isNaN || options.relativeGap < 0 {
      errors.append("relative gap \(options.relativeGap) is not ≥ 0")
    }
    if options.tuning.proximitySeconds.isNaN || options.tuning.proximitySeconds < 0 {
      errors.append("proximity search time \(options.tuning.proximitySeconds) is not ≥ 0")
    }
    return errors
  }

  /// GLPK's output is swallowed: library code never prints. Set on the solving thread, since the
  /// hook belongs to the thread's environment.
  static func silenceTerminal() {
    glp_term_out(GLP_OFF)
    glp_term_hook({ _, _ in 1 }, nil)
  }

  static func remaining(_ options: SolveOptions, since start: ContinuousClock.Instant) -> Int32 {
    guard let limit = options.timeLimit else { return Int32.max }
    return max(1, milliseconds(limit - elapsed(since: start)))
  }

  private static func milliseconds(_ seconds: Double) -> Int32 {
    let value = (seconds * 1000).rounded()
    guard value.isFinite else { return seconds > 0 ? Int32.max : 0 }
    return Int32(clamping: Int64(max(min(value, Double(Int32.max)), Double(Int32.min))))
  }

  static func elapsed(since start: ContinuousClock.Instant) -> Double {
    SearchMonitor.seconds(ContinuousClock.now - start)
  }

  static func describe(_ code: Int32) -> String {
    switch code {
    case GLP_EBOUND: "GLP_EBOUND: some variable has incorrect or non-integral bounds"
    case GLP_EROOT: "GLP_EROOT: no optimal basis for the root LP relaxation"
    case GLP_EFAIL: "GLP_EFAIL: the solver failed, possibly numerical trouble"
    case GLP_EBADB: "GLP_EBADB: invalid initial basis"
    case GLP_ESING: "GLP_ESING: singular basis matrix"
    case GLP_ECOND: "GLP_ECOND: ill-conditioned basis matrix"
    case GLP_EITLIM: "GLP_EITLIM: iteration limit reached"
    default: "GLPK return code \(code)"
    }
  }
}
