import AtelierMIP
import Foundation
import Synchronization

/// A live progress line on standard error (elapsed, work against the budget, incumbent, bound,
/// gap), only when standard error is a terminal: piped output stays quiet.
///
/// The solver may call the reporter often (every sub-problem, every few hundred milliseconds),
/// with or without a new incumbent: a report without incumbent or bound keeps showing the last
/// ones known, so the line moves (time, work) without blanking what was found.
enum ProgressLine {
  static func reporter(stage: String) -> (@Sendable (SolveProgress) -> Void)? {
    guard Terminal.standardErrorIsTerminal else { return nil }
    let state = State()
    return { progress in
      let line = state.merge(progress).map { text(stage: stage, $0) }
      if let line { FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)".utf8)) }
    }
  }

  /// The line's text for one report (no terminal codes):
  /// `timetable    12.3 s  sub-problem 37/300  incumbent 1276.82  bound 461.15  gap 63.88 %`.
  static func text(stage: String, _ progress: SolveProgress) -> String {
    let incumbent = progress.incumbent.map { String(format: "%.2f", $0) } ?? "–"
    let bound = progress.bound.map { String(format: "%.2f", $0) } ?? "–"
    let gap = progress.gap.map { String(format: "%.2f %%", $0 * 100) } ?? "–"
    let elapsed = String(format: "%6.1f s", progress.seconds)
    var line = "\(stage)  \(elapsed)"
    if let work = progress.work { line += "  \(work.unit) \(min(work.done, work.budget))/\(work.budget)" }
    return line + "  incumbent \(incumbent)  bound \(bound)  gap \(gap)"
  }

  /// The last values reported, so that a report carrying only time and work keeps the others.
  final class State: Sendable {
    private let last = Mutex<SolveProgress?>(nil)
    /// Seconds of the last line drawn: at most ten lines a second reach the terminal.
    private let drawn = Mutex<Double>(-1)

    /// `progress` completed with the last known incumbent, bound, gap and work; nil when the line
    /// was drawn less than 0.1 s ago and nothing but time and work changed.
    func merge(_ progress: SolveProgress) -> SolveProgress? {
      let merged = last.withLock { last -> (SolveProgress, changed: Bool) in
        var merged = progress
        if let previous = last {
          merged.incumbent = merged.incumbent ?? previous.incumbent
          merged.bound = merged.bound ?? previous.bound
          merged.gap = merged.gap ?? previous.gap
          merged.work = merged.work ?? previous.work
        }
        let changed =
          last == nil || merged.incumbent != last?.incumbent || merged.bound != last?.bound || merged.gap != last?.gap
        last = merged
        return (merged, changed)
      }
      return drawn.withLock { drawn in
        guard merged.changed || progress.seconds - drawn >= 0.1 || progress.seconds < drawn else { return nil }
        drawn = progress.seconds
        return merged.0
      }
    }
  }

  /// Ends a progress line (moves to a fresh line) when one was shown.
  static func finish() {
    guard Terminal.standardErrorIsTerminal else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
  }
}
