import ArgumentParser
import AtelierCheck
import AtelierCore
import Foundation

/// `atelier check INSTANCE SCHEDULE.json`: every hard rule the schedule breaks, and its soft terms,
/// measured by the independent checker (which shares no code with the solver).
public struct CheckCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check a schedule (schedule.json) against its instance: hard rules and soft terms.",
    discussion: """
      Reads the instance (as `atelier validate` does) and the schedule, maps the schedule's ids and \
      times back onto the instance, and checks every hard rule (H1–H18 for the timetable, A1–A9 for \
      participant assignments; see docs/schedule-format.md). Each broken rule is printed as \
      `SCHEDULE: error: [H6] message` on standard error, by rule with root causes first (H1 … H18, \
      then A1 … A9), followed by the soft-term table and the count of violations per rule; with \
      --format json, one JSON object on standard output. Edited fields that are copied from the \
      instance and not read back (title, kind, speakers, track, rank) and a schedule without any \
      assignment, when participants chose workshops, get warnings. A schedule for another event \
      (most runs name unknown sessions, or another event's name with some unknown sessions) gets \
      that one error and nothing else.

      Exit status: 0 the schedule keeps every hard rule (warnings allowed); 1 it breaks a rule, names \
      an unknown id or time, or the instance is invalid; 2 a file is missing or unreadable, the \
      schedule is not valid JSON in the schedule format, or the command line is wrong.
      """
  )

  @Argument(help: "The instance folder (or event file) the schedule was made for.")
  var instance: String

  @Argument(help: "The schedule file (schedule.json).")
  var schedule: String

  @Option(help: "Output for people (text) or machines (json).")
  var format: DiagnosticFormat = .text

  public init() {}

  public mutating func run() throws {
    let outcome = Self.check(instancePath: instance, schedulePath: schedule)
    switch format {
    case .text:
      for diagnostic in outcome.diagnostics { Terminal.standardError(diagnostic.formatted) }
      for line in outcome.textLines(schedulePath: schedule) { Terminal.standardOutput(line) }
    case .json:
      Terminal.standardOutput(outcome.json())
    }
    if outcome.status != ExitStatus.success { throw outcome.status }
  }

  /// What one check found, ready to print.
  struct Outcome {
    /// Loading and mapping problems (sorted for display), then one `error` per violation, in the
    /// report's order: by rule, root causes first (H1 … H18, then A1 … A9), then message.
    var diagnostics: [Diagnostic]
    var report: CheckReport?
    var claimed: Schedule.Objective?
    var runs = 0
    var assignments = 0
    var status: ExitCode

    func textLines(schedulePath: String) -> [String] {
      guard let report else { return [] }
      var lines = ["", "soft terms (measured):"]
      let claimedAmounts = Dictionary(
        (claimed?.terms ?? []).map { ($0.name, $0.amount) }, uniquingKeysWith: { a, _ in a })
      // room_preference_missed (issue 16) is longer than the other names: the column grows for it.
      let width = max(20, (report.softTerms.map(\.name.count).max() ?? 0) + 2)
      let header =
        pad("term", width, left: true) + pad("weight", 9) + pad("amount", 11) + pad("contribution", 14)
        + (claimed == nil ? "" : pad("in file", 11))
      lines.append("  " + header)
      for term in report.softTerms {
        var row =
          pad(term.name, width, left: true) + pad(number(term.weight), 9) + pad(number(term.amount), 11)
          + pad(number(term.contribution), 14)
        if claimed != nil { row += pad(claimedAmounts[term.name].map(number) ?? "–", 11) }
        lines.append("  " + row)
      }
      lines.append("  " + pad("objective", width + 20, left: true) + pad(number(report.objective), 14))
      lines.append("")
      let what = "\(runs) runs" + (assignments > 0 ? ", \(assignments) assignments" : "")
      if report.isValid {
        lines.append("\(schedulePath): valid: every hard rule holds (\(what))")
      } else {
        let n = report.violations.count
        let counts = report.countsByRule.map { "\($0.rule) ×\($0.count)" }
        lines.append(
          "\(schedulePath): \(n) violation\(n == 1 ? "" : "s"): \(counts.joined(separator: ", ")) (\(what))")
      }
      return lines
    }

    func json() -> String {
      struct Output: Encodable {
        var diagnostics: [Diagnostic]
        var report: CheckReport?
      }
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
      let output = Output(diagnostics: diagnostics, report: report)
      guard let data = try? encoder.encode(output), let text = String(data: data, encoding: .utf8) else { return "{}" }
      return text
    }

    private func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
      let fill = String(repeating: " ", count: max(1, width - text.count))
      return left ? text + fill : fill + text
    }

    private func number(_ value: Double) -> String {
      value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.2f", value)
    }
  }

  /// Loads both files and checks; never throws, never traps.
  static func check(instancePath: String, schedulePath: String) -> Outcome {
    let loaded = InstanceLoader.load(path: instancePath)
    // An instance refused only because no timetable can keep every rule (seats short in a slot, a
    // speaker overbooked) still says which rules a given schedule breaks, where: the checker
    // reports them (H12 per slot) and validate's errors become warnings.
    guard let instance = loaded.instance ?? loaded.refusedByNecessaryConditions else {
      return Outcome(
        diagnostics: loaded.diagnostics.sortedForDisplay, report: nil,
        status: loaded.unreadable ? ExitStatus.unreadable : ExitStatus.invalid)
    }
    var diagnostics = loaded.instance != nil ? loaded.diagnostics : loaded.diagnostics.map(Self.demoted)
    let read = Schedule.load(path: schedulePath)
    guard let schedule = read.schedule else {
      return Outcome(
        diagnostics: (diagnostics + read.diagnostics).sortedForDisplay, report: nil, status: ExitStatus.unreadable)
    }
    diagnostics += read.diagnostics
    if let mismatch = otherEvent(schedule, instance, file: schedulePath) {
      // Said alone: thousands of unknown ids and broken rules would only bury it.
      return Outcome(
        diagnostics: Schedule.locate([mismatch], inFile: schedulePath), report: nil, runs: schedule.runs.count,
        assignments: schedule.assignments?.count ?? 0, status: ExitStatus.invalid)
    }
    if schedule.instance.hash != instance.hash {
      diagnostics.append(
        .warning(
          "stale-schedule",
          "the schedule was made for instance '\(schedule.instance.name)' with hash \(short(schedule.instance.hash)); "
            + "'\(instance.name)' now has hash \(short(instance.hash))",
          at: .init(file: schedulePath, path: "instance.hash"),
          hint: "the instance changed since the schedule was written: checking it as it is now"))
    }
    let mapped = schedule.timetable(in: instance, file: schedulePath)
    diagnostics += Schedule.locate(mapped.diagnostics, inFile: schedulePath)
    guard let timetable = mapped.timetable else {
      return Outcome(
        diagnostics: diagnostics.sortedForDisplay, report: nil, runs: schedule.runs.count,
        assignments: schedule.assignments?.count ?? 0, status: ExitStatus.invalid)
    }
    let checker = Checker(instance: instance)
    diagnostics += checker.ignoredEdits(in: schedule, file: schedulePath)
    let report = checker.check(timetable)
    // Violations keep the report's order: sorted as text, A1 would come before H1 and H12 before H3.
    diagnostics = diagnostics.sortedForDisplay
    diagnostics += report.violations.map { violation in
      Diagnostic.error(violation.rule, "[\(violation.rule)] \(violation.message)", at: .init(file: schedulePath))
    }
    return Outcome(
      diagnostics: diagnostics, report: report, claimed: schedule.objective, runs: schedule.runs.count,
      assignments: schedule.assignments?.count ?? 0,
      status: report.isValid ? ExitStatus.success : ExitStatus.invalid)
  }

  /// A necessary-condition error of `validate` as a warning of `check`: no timetable of the
  /// instance keeps every rule, and the checker says which rules this one breaks.
  static func demoted(_ diagnostic: Diagnostic) -> Diagnostic {
    guard diagnostic.severity == .error else { return diagnostic }
    var warning = diagnostic
    warning.severity = .warning
    warning.hint = [diagnostic.hint, "validate refuses the instance for this; the schedule is checked rule by rule"]
      .compactMap { $0 }.joined(separator: "; ")
    return warning
  }

  /// The one diagnostic for a schedule made for another event: most of its runs name sessions the
  /// instance does not have, or it names another event and some of its sessions are unknown (a
  /// renamed event whose sessions all still exist is checked, with the stale-schedule warning).
  static func otherEvent(_ schedule: Schedule, _ instance: Instance, file: String) -> Diagnostic? {
    let known = Set(instance.sessions.map(\.id))
    let unknown = schedule.runs.filter { !known.contains($0.session) }.count
    let otherName = schedule.instance.name != instance.name && schedule.instance.hash != instance.hash
    guard unknown * 2 > schedule.runs.count || (otherName && unknown > 0) else { return nil }
    let runs = grouped(schedule.runs.count)
    let what = "\(grouped(unknown)) of its \(runs) run\(schedule.runs.count == 1 ? "" : "s") name sessions that '\(instance.name)' does not have"
    let message =
      schedule.instance.name != instance.name
      ? "the schedule is for the event '\(schedule.instance.name)', not '\(instance.name)': \(what)"
      : "the schedule does not fit the instance '\(instance.name)': \(what)"
    return .error(
      "other-event", message, at: .init(file: file, path: "instance.name"),
      hint: "check the schedule against the instance it was made for, or solve this instance again")
  }

  /// `6,338`.
  private static func grouped(_ value: Int) -> String {
    let digits = String(value)
    var result = ""
    for (i, character) in digits.reversed().enumerated() {
      if i > 0, i % 3 == 0 { result.append(",") }
      result.append(character)
    }
    return String(result.reversed())
  }

  private static func short(_ hash: String) -> String { hash.isEmpty ? "(none)" : String(hash.prefix(12)) }
}
