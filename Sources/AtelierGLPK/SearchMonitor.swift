@preconcurrency internal import CGLPK
import AtelierMIP

/// State of one branch-and-cut search, read and written only on the solving thread from GLPK's
/// callback: incumbent and best bound seen, throttled progress reports, and why we stopped GLPK.
final class SearchMonitor {
  let start: ContinuousClock.Instant
  let sense: LinearModel.Sense
  let progress: (@Sendable (SolveProgress) -> Void)?
  let cancellation: CancellationFlag?
  /// Stop once ⌈bound⌉ reaches the incumbent (only for objectives integral on integer solutions).
  let stopOnIntegralBound: Bool

  private(set) var incumbent: Double?
  /// The best bound seen; only ever tightened.
  private(set) var bound: Double?
  private(set) var stoppedByCancellation = false
  private(set) var stoppedByIntegralBound = false
  private(set) var stoppedByNodeLimit = false
  let nodeLimit: Int?
  private var nodesSelected = 0
  private var lastReport: ContinuousClock.Instant?
  /// A checked feasible solution to hand to GLPK at its first heuristic call (presolve off).
  let initialSolution: [Double]?
  private var injected = false

  static let reportInterval = Duration.milliseconds(250)

  init(
    start: ContinuousClock.Instant, sense: LinearModel.Sense, options: SolveOptions, integralObjective: Bool,
    initialSolution: [Double]? = nil
  ) {
    self.start = start
    self.sense = sense
    self.progress = options.progress
    self.cancellation = options.cancellation
    self.stopOnIntegralBound = options.integralObjective && integralObjective
    self.initialSolution = initialSolution
    self.nodeLimit = options.nodeLimit
  }

  /// Whether GLPK has called back yet: before that (the LP relaxation inside `glp_intopt`), a
  /// cancellation abandons the call at a progress line; after it, the callback stops the search.
  private(set) var searchStarted = false

  /// Asked at GLPK's progress lines: true when a cancellation cannot wait for the first callback.
  func abandonsBeforeSearch() -> Bool {
    guard !searchStarted, cancellation?.isCancelled == true else { return false }
    stoppedByCancellation = true
    return true
  }

  /// Called by GLPK for every callback reason.
  func handle(_ tree: OpaquePointer) {
    searchStarted = true
    if cancellation?.isCancelled == true {
      stoppedByCancellation = true
      glp_ios_terminate(tree)
      return
    }
    let reason = glp_ios_reason(tree)
    if reason == GLP_IHEUR, !injected, let initialSolution {
      injected = true
      // GLPK's arrays are 1-based; it keeps the solution only if it beats its incumbent.
      let values = [0] + initialSolution
      _ = values.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
    }
    guard reason == GLP_ISELECT || reason == GLP_IBINGO else { return }
    if reason == GLP_ISELECT, let nodeLimit {
      nodesSelected += 1
      if nodesSelected > nodeLimit {
        stoppedByNodeLimit = true
        glp_ios_terminate(tree)
        return
      }
    }
    // GLPK's heuristics do not raise IBINGO, so the incumbent is read here, when one exists.
    if let problem = glp_ios_get_prob(tree) {
      let status = glp_mip_status(problem)
      if status == GLP_FEAS || status == GLP_OPT { incumbent = glp_mip_obj_val(problem) }
    }
    let best = glp_ios_best_node(tree)
    if best != 0 {
      // ±DBL_MAX until the node's LP relaxation is solved.
      let nodeBound = glp_ios_node_bound(tree, best)
      if nodeBound.isFinite && abs(nodeBound) < Double.greatestFiniteMagnitude { tighten(nodeBound) }
    }
    if stopOnIntegralBound, let incumbent, let bound, Self.integralBoundReached(sense, incumbent, bound) {
      stoppedByIntegralBound = true
      self.bound = incumbent
      glp_ios_terminate(tree)
    }
    let now = ContinuousClock.now
    if progress != nil, lastReport.map({ now - $0 >= Self.reportInterval }) ?? true {
      lastReport = now
      report(at: now)
    }
  }

  /// Whether no integer objective value strictly better than `incumbent` lies within `bound`.
  static func integralBoundReached(_ sense: LinearModel.Sense, _ incumbent: Double, _ bound: Double) -> Bool {
    let epsilon = 1e-6
    return switch sense {
    case .minimize: (bound - epsilon).rounded(.up) >= incumbent - epsilon
    case .maximize: (bound + epsilon).rounded(.down) <= incumbent + epsilon
    }
  }

  func seedBound(_ value: Double) { tighten(value) }

  private func tighten(_ value: Double) {
    var value = value
    // A bound never passes the incumbent (it can, by GLPK's tolerances).
    if let incumbent {
      value = sense == .minimize ? min(value, incumbent) : max(value, incumbent)
    }
    guard let current = bound else {
      bound = value
      return
    }
    bound = sense == .minimize ? max(current, value) : min(current, value)
  }

  func report(at now: ContinuousClock.Instant) {
    guard let progress else { return }
    let seconds = Self.seconds(now - start)
    var gap: Double?
    if let incumbent, let bound { gap = abs(incumbent - bound) / max(1, abs(incumbent)) }
    progress(SolveProgress(seconds: seconds, incumbent: incumbent, bound: bound, gap: gap))
  }

  static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) * 1e-18
  }
}
