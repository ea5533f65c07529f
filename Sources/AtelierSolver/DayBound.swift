import AtelierGLPK
import AtelierMIP
import Foundation
import Synchronization

/// A lower bound on a large timetable model's optimum, computed on a thread of its own while the
/// neighbourhood search runs on the caller's (GLPK is single-threaded: each takes one core): the
/// sum of the LP optima of the model's day parts (`LinearModel.relaxedParts(by:)`, rows between
/// days such as precedence or a track's rooms over the event relaxed). Nil when a part's LP does
/// not finish by the deadline.
///
/// On nec2022 the whole LP relaxation took about 6 s for 479.8, the three days' 0.75 s for 461.15;
/// on 3,000 participants the whole one did not finish within 12 s, the days' took 7.7 s.
final class DayBound: Sendable {
  struct Answer: Sendable {
    var value: Double?
    /// A part's LP stopped at the deadline (the bound then depends on the machine's speed).
    var stoppedByTime = false
  }

  private let finished = DispatchSemaphore(value: 0)
  private let answer = Mutex<Answer?>(nil)

  init(parts: [LinearModel]?, until deadline: Date?, cancellation: CancellationFlag?) {
    DispatchQueue.global().async { [self] in
      let result = Self.solve(parts, until: deadline, cancellation: cancellation)
      answer.withLock { $0 = result }
      finished.signal()
    }
  }

  /// The bound once it is known, without waiting (for progress reports).
  var known: Double? { answer.withLock { $0?.value } }

  /// Waits for the parts' LPs (they stop by the deadline or on cancellation).
  func wait() -> Answer {
    finished.wait()
    finished.signal()
    return answer.withLock { $0 } ?? Answer()
  }

  private static func solve(_ parts: [LinearModel]?, until deadline: Date?, cancellation: CancellationFlag?) -> Answer {
    guard let parts else { return Answer() }
    var total = 0.0
    for part in parts {
      var options = SolveOptions()
      options.cancellation = cancellation
      options.timeLimit = deadline.map { max(0, $0.timeIntervalSinceNow) }
      let relaxation = GLPKSolver().solveRelaxation(part, options: options)
      guard relaxation.status == .optimal, let value = relaxation.objective else {
        return Answer(value: nil, stoppedByTime: relaxation.termination == .timeLimit)
      }
      total += value
    }
    return Answer(value: total)
  }
}
