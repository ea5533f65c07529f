@preconcurrency internal import CGLPK
import AtelierMIP
import Dispatch
import Foundation
import Synchronization

/// Solves `LinearModel`s with GLPK's branch-and-cut (`glp_intopt`).
///
/// Each solve runs on its own dedicated thread, because GLPK's environment is thread-local: a
/// problem must be created, solved and deleted on one OS thread, which an `async` function cannot
/// promise. Several solves may run at once from different threads. The model is validated in
/// Swift first: GLPK aborts the process on invalid input, so such input gives `.failed` instead.
public struct GLPKSolver: Sendable {
  public init() {}

  /// Solves the mixed-integer model, blocking the calling thread until done.
  public func solve(_ model: LinearModel, options: SolveOptions) -> SolveResult {
    Self.runBlocking { Self.solveOnCurrentThread(model, options: options, start: $0) }
  }

  /// Solves the mixed-integer model without blocking a thread of Swift's cooperative pool.
  public func solveAsync(_ model: LinearModel, options: SolveOptions) async -> SolveResult {
    await withCheckedContinuation { continuation in
      Self.runOnDedicatedThread({ Self.solveOnCurrentThread(model, options: options, start: $0) }) {
        continuation.resume(returning: $0)
      }
    }
  }

  /// Solves the LP relaxation (integrality ignored) with the simplex method, blocking the caller.
  /// Honours `timeLimit`, `cancellation` and `tuning.presolve`; no progress reports.
  public func solveRelaxation(_ model: LinearModel, options: SolveOptions = SolveOptions()) -> SolveResult {
    Self.runBlocking { Self.relaxOnCurrentThread(model, options: options, start: $0) }
  }

  // MARK: Threads

  /// Stack for GLPK's recursion on large models.
  static let stackSize = 64 << 20

  static func runBlocking(
    _ work: @escaping @Sendable (ContinuousClock.Instant) -> SolveResult
  ) -> SolveResult {
    let done = DispatchSemaphore(value: 0)
    let box = Mutex<SolveResult?>(nil)
    runOnDedicatedThread(work) { result in
      box.withLock { $0 = result }
      done.signal()
    }
    done.wait()
    return box.withLock { $0 } ?? failure("the solving thread ended without a result", start: .now)
  }

  private static func runOnDedicatedThread(
    _ work: @escaping @Sendable (ContinuousClock.Instant) -> SolveResult,
    then finish: @escaping @Sendable (SolveResult) -> Void
  ) {
    let start = ContinuousClock.now
    let thread = Thread {
      // The problem is deleted inside `work`, on this thread, before its environment is freed.
      let result = work(start)
      glp_free_env()
      finish(result)
    }
    thread.stackSize = stackSize
    thread.name = "GLPK solve"
    thread.start()
  }
}
