import AtelierGLPK
import AtelierMIP
import Foundation
import Synchronization

/// A lower bound on a large timetable model's optimum, computed beside the neighbourhood search:
/// the sum of the LP optima of the model's parts (the whole organisers' model as one part, or its
/// days: `LinearModel.relaxedParts(by:)`, rows between days relaxed), each by column
/// generation from the start timetable's columns. The parts are solved by two threads of their own (GLPK's environment is thread-local, so each solves its own problems): on a
/// 2-core machine they share the cores with the search while it runs and have both after it ends,
/// when the solve waits for them. Nil when a part's LP does not finish by the deadline.
/// docs/solver.md has the measurements.
final class DayBound: Sendable {
  struct Answer: Sendable {
    var value: Double?
    /// A part's LP stopped at the deadline (the bound then depends on the machine's speed).
    var stoppedByTime = false
  }

  /// Threads solving parts.
  static let workers = 2
  /// Columns added per round of column generation (measured: docs/solver.md).
  static let columnsPerRound = 2_000

  private let finished = DispatchGroup()
  private let state: Mutex<(next: Int, values: [Double?], stoppedByTime: Bool)>
  /// A part's model, and where a timetable of the model has its variables non-zero: the columns
  /// its LP starts from (column generation).
  struct Part: Sendable {
    var model: LinearModel
    var support: [Bool]
  }

  private let parts: [Part]?

  init(parts: [Part]?, until deadline: Date?, cancellation: CancellationFlag?) {
    self.parts = parts
    state = Mutex((0, Array(repeating: nil, count: parts?.count ?? 0), false))
    guard let parts, !parts.isEmpty else { return }
    for _ in 0..<min(Self.workers, parts.count) {
      finished.enter()
      DispatchQueue.global().async { [self] in
        defer { finished.leave() }
        while let index = state.withLock({ s -> Int? in
          guard s.next < parts.count else { return nil }
          s.next += 1
          return s.next - 1
        }) {
          var options = SolveOptions()
          options.cancellation = cancellation
          options.timeLimit = deadline.map { max(0, $0.timeIntervalSinceNow) }
          let part = parts[index]
          let relaxation = GLPKSolver().solveRelaxation(
            part.model, support: part.support, perRound: Self.columnsPerRound, options: options)
          let value = relaxation.status == .optimal ? relaxation.objective : nil
          state.withLock {
            $0.values[index] = value
            if relaxation.termination == .timeLimit { $0.stoppedByTime = true }
            if value == nil { $0.next = parts.count }  // no bound without every part: stop both
          }
        }
      }
    }
  }

  /// How many parts the bound sums (for reports).
  var partCount: Int { parts?.count ?? 0 }

  /// The bound once every part is known, without waiting (for progress reports).
  var known: Double? {
    state.withLock { s in s.values.contains(where: { $0 == nil }) ? nil : s.values.reduce(0) { $0 + ($1 ?? 0) } }
  }

  /// Waits for the parts' LPs (they stop by the deadline or on cancellation).
  func wait() -> Answer {
    guard let parts, !parts.isEmpty else { return Answer() }
    finished.wait()
    return state.withLock { s in
      Answer(
        value: s.values.contains(where: { $0 == nil }) ? nil : s.values.reduce(0) { $0 + ($1 ?? 0) },
        stoppedByTime: s.stoppedByTime)
    }
  }
}
