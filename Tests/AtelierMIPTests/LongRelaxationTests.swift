import AtelierGLPK
import AtelierMIP
import Dispatch
import Foundation
import Testing

/// Ctrl-C during a long LP relaxation (issue 7). GLPK's simplex has no callback: before, a
/// cancellation waited for the LP to end (223 s on a 7,500-participant instance) and the stop was
/// then reported as the time limit.
@Suite("cancellation during a long LP relaxation")
struct LongRelaxationTests {
  /// Minutes of primal simplex uninterrupted, far beyond the time limit the solves below get.
  static let model = TestModels.largeCovering()

  /// Solves with a time limit of 120 s as a safety net and cancels after one second.
  static func cancelledAfterOneSecond(_ options: SolveOptions = SolveOptions(), _ solve: (SolveOptions) -> SolveResult)
    -> SolveResult
  {
    let flag = CancellationFlag()
    var options = options
    options.timeLimit = 120
    options.cancellation = flag
    DispatchQueue.global().asyncAfter(deadline: .now() + 1) { flag.cancel() }
    return solve(options)
  }

  @Test("the LP relaxation alone stops, interrupted", arguments: [false, true])
  func relaxation(presolve: Bool) {
    var options = SolveOptions()
    options.tuning.presolve = presolve
    let result = Self.cancelledAfterOneSecond(options) { GLPKSolver().solveRelaxation(Self.model, options: $0) }
    #expect(result.termination == .interrupted)
    #expect(result.status == .noSolution)
    #expect(result.seconds < 20)
  }

  @Test("from a start (presolve off, the LP solved before glp_intopt): stops, interrupted")
  func fromStart() {
    var options = SolveOptions()
    options.initialSolution = Array(repeating: 1, count: Self.model.variables.count)
    let result = Self.cancelledAfterOneSecond(options) { GLPKSolver().solve(Self.model, options: $0) }
    #expect(result.termination == .interrupted)
    #expect(result.status == .noSolution)
    #expect(result.seconds < 20)
  }

  @Test("with the MIP presolver (the LP solved inside glp_intopt, printing every 5 s): stops, interrupted")
  func insideIntopt() {
    let result = Self.cancelledAfterOneSecond { GLPKSolver().solve(Self.model, options: $0) }
    #expect(result.termination == .interrupted)
    #expect(result.status == .noSolution)
    #expect(result.seconds < 20)
  }

  @Test("a flag that is never set changes nothing: the same values as a solve without one", arguments: [false, true])
  func unsetFlagChangesNothing(fromStart: Bool) {
    let model = TestModels.hardKnapsack(items: 300, seed: 11)
    var options = SolveOptions()
    options.nodeLimit = 30
    if fromStart { options.initialSolution = Array(repeating: 0, count: model.variables.count) }
    let quiet = GLPKSolver().solve(model, options: options)
    options.cancellation = CancellationFlag()
    let watched = GLPKSolver().solve(model, options: options)
    #expect(quiet.termination == .nodeLimit)
    #expect(watched.termination == quiet.termination)
    #expect(watched.objective == quiet.objective)
    #expect(watched.bound == quiet.bound)
    #expect(watched.values == quiet.values)
  }
}
