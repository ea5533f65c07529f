import AtelierMIP
import Foundation

/// A live progress line on standard error (elapsed, incumbent, bound, gap), only when standard
/// error is a terminal: piped output stays quiet.
enum ProgressLine {
  static func reporter(stage: String) -> (@Sendable (SolveProgress) -> Void)? {
    guard Terminal.standardErrorIsTerminal else { return nil }
    return { progress in
      let incumbent = progress.incumbent.map { String(format: "%.2f", $0) } ?? "–"
      let bound = progress.bound.map { String(format: "%.2f", $0) } ?? "–"
      let gap = progress.gap.map { String(format: "%.2f %%", $0 * 100) } ?? "–"
      let elapsed = String(format: "%6.1f s", progress.seconds)
      let line = "\r\u{1B}[2K\(stage)  \(elapsed)  incumbent \(incumbent)  bound \(bound)  gap \(gap)"
      FileHandle.standardError.write(Data(line.utf8))
    }
  }

  /// Ends a progress line (moves to a fresh line) when one was shown.
  static func finish() {
    guard Terminal.standardErrorIsTerminal else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
  }
}
