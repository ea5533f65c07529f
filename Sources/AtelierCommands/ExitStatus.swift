import ArgumentParser

/// Atelier's documented exit statuses (see `atelier --help` and the README).
public enum ExitStatus {
  /// Success (warnings allowed); `solve`: the proven gap is within `--gap`.
  public static let success = ExitCode(0)
  /// The input or a schedule breaks a rule; diagnostics were printed.
  public static let invalid = ExitCode(1)
  /// Unreadable input, or wrong usage.
  public static let unreadable = ExitCode(2)
  /// The instance has no schedule that keeps every hard rule; the conflicting rules were printed.
  public static let infeasible = ExitCode(3)
  /// Stopped early: a time limit, the work budget or an interrupt (Ctrl-C, SIGTERM) ended the run
  /// before the proven gap was within `--gap`; the best schedule found was written (or none was found).
  public static let stoppedEarly = ExitCode(4)
  /// A bug: a schedule produced by the solver failed the independent checker. Nothing was written.
  public static let internalError = ExitCode(70)
}
