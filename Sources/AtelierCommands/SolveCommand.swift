import ArgumentParser
import AtelierCheck
import AtelierCore
import AtelierExport
import AtelierMIP
import AtelierSolver
import Foundation

/// `atelier solve INSTANCE --out DIR`: timetable, assignment, independent check, every output file.
public struct SolveCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "solve",
    abstract: "Solve an instance's timetable and workshop assignment with GLPK and write the programme.",
    discussion: """
      Stages: load and validate INSTANCE; solve the timetable (every session run gets a day, start \
      and room under every hard rule, minimising the weighted soft terms); assign participants to \
      workshop runs from their ranked choices; check both with the independent checker; write \
      schedule.json, report.md, iCalendar, frab, HTML and CSV files into --out, each atomically.

      On a terminal a progress line shows elapsed time, the work done against the budget, \
      incumbent, bound and gap. Ctrl-C or SIGTERM stops the search: the best timetable found is \
      kept, participants are still assigned to it (within 10 s), and everything is written, marked \
      "feasible" (not proven optimal); when --out already holds a better schedule of the same \
      instance, those files are kept and the interrupted result goes to OUT.interrupted/ instead. \
      A second Ctrl-C ends the run at once, writing nothing.

      Exit status: 0 solved, with the proven gap within --gap (0.01 = 1 % by default), or proven \
      optimal; 1 the instance is invalid (diagnostics printed); 2 unreadable input or wrong usage, \
      --out is not a writable folder (checked before solving), or an output file could not be \
      written; 3 infeasible (the conflicting rules are printed; nothing is written); 4 the time \
      limit, the work budget or an interrupt stopped the run before the gap was within --gap: the \
      best schedule found was written (or nothing, when none was found in time); 70 internal error \
      (a solved schedule failed the checker; nothing is written).
      """
  )

  @Argument(help: "Instance folder (event.yaml + participants.csv) or event file.")
  var instance: String

  @Option(name: .long, help: "Output folder (created if needed; files in it are replaced atomically).")
  var out: String = "out"

  @Option(
    name: .long,
    help: "Time limit in seconds for the whole solve, above 0 and at most 604800 (a week): a safety net, the search normally ends on its work budget first, which makes results reproducible.")
  var timeLimit: Double = 300

  @Option(
    name: .long,
    help: "Proven relative gap of the score (welfare − penalties against its bound) at which a solve counts as done: exit 0 within it, 4 above (0.01 = 1 %).")
  var gap: Double = 0.01

  @Option(name: .long, help: "Assignment objective: welfare (rank-weighted), maximin (worst-off first), coverage, worst-rank (smallest worst rank first).")
  var assignmentObjective: AssignmentObjective = .welfare

  @Option(name: .long, help: "k of --assignment-objective coverage: as many participants as possible get k workshops.")
  var coverageK: Int = 2

  @Flag(name: .long, help: "Solve the timetable only: no participant assignment, no personal agendas.")
  var noAssignment = false

  @Option(name: .long, help: "Also write the timetable's integer program (.lp: CPLEX LP; .mps: free MPS).")
  var writeModel: String?

  @Option(
    name: .long,
    help: "A published schedule.json to change as little as possible: runs keep their time (first) and room, participants their workshops.")
  var baseline: String?

  @Option(name: .long, help: "Language of the programme's pages and feeds (e.g. fr, en; default en).")
  var language: String?

  @Option(help: "Diagnostics for people (text) or machines (json).")
  var format: DiagnosticFormat = .text

  @Flag(name: .long, help: "Print each stage's wall time on standard error (not written to any file).")
  var timings = false

  public init() {}

  public mutating func validate() throws {
    if !(timeLimit > 0 && timeLimit <= SolvePipeline.maxTimeLimit) {
      throw ValidationError(
        "--time-limit must be a number of seconds above 0 and at most \(Int(SolvePipeline.maxTimeLimit)) (a week), got \(timeLimit)")
    }
    if !(gap >= 0 && gap < 1) { throw ValidationError("--gap must be in [0, 1), e.g. 0.01 for 1 %, got \(gap)") }
    if !(1...50).contains(coverageK) {
      throw ValidationError("--coverage-k must be from 1 to 50 (as workshops_per_participant), got \(coverageK)")
    }
    if let writeModel, !(writeModel.hasSuffix(".lp") || writeModel.hasSuffix(".mps")) {
      throw ValidationError("--write-model takes a file ending in .lp or .mps, got '\(writeModel)'")
    }
  }

  public func run() throws {
    let trap = InterruptTrap()
    var settings = SolvePipeline.Settings()
    settings.timeLimit = timeLimit
    settings.relativeGap = gap
    settings.assignmentObjective = assignmentObjective
    settings.coverageTarget = coverageK
    settings.assignParticipants = !noAssignment
    settings.cancellation = trap.flag
    settings.showProgress = Terminal.standardErrorIsTerminal

    // Before a minute of solving, not after it.
    let outFolder = URL(fileURLWithPath: out)
    if let problem = OutputWriter.unwritableReason(folder: outFolder) {
      Terminal.standardError("error: cannot write to --out '\(out)': \(problem)")
      throw ExitStatus.unreadable
    }

    let clock = StageClock()
    let loaded = InstanceLoader.load(path: instance)
    clock.lap("load and validate")
    DiagnosticOutput.emit(loaded.diagnostics, format: format)
    if loaded.unreadable { throw ExitStatus.unreadable }
    guard let instance = loaded.instance else { throw ExitStatus.invalid }
    if let baseline {
      let (schedule, diagnostics) = Schedule.load(path: baseline)
      DiagnosticOutput.emit(diagnostics, format: format)
      guard let schedule else { throw ExitStatus.unreadable }
      settings.baseline = Baseline(schedule: schedule, instance: instance)
    }

    if let writeModel {
      let model = TimetableSolver(instance: instance).model()
      let text = writeModel.hasSuffix(".mps") ? model.mpsFormat() : model.lpFormat()
      do {
        try OutputWriter.writeFile(Data(text.utf8), to: URL(fileURLWithPath: writeModel))
      } catch {
        Terminal.standardError("error: \(error)")
        throw ExitStatus.unreadable
      }
      clock.lap("write model")
    }

    settings.language = language
    // Re-publishing into the same folder: calendar events that moved get a higher SEQUENCE.
    let previousPath = URL(fileURLWithPath: out).appendingPathComponent("schedule.json").path
    if FileManager.default.fileExists(atPath: previousPath) { settings.previous = Schedule.load(path: previousPath).schedule }
    let outcome = SolvePipeline(instance: instance, settings: settings, clock: clock).run()
    for line in outcome.summary { Terminal.standardOutput(line) }
    // Stage times whatever the outcome (a stop, an infeasible instance), after the last lap.
    defer { if timings { for line in clock.lines { Terminal.standardError(line) } } }
    switch outcome.result {
    case .infeasible:
      throw ExitStatus.infeasible
    case .nothingFound:
      throw ExitStatus.stoppedEarly
    case .checkFailed:
      throw ExitStatus.internalError
    case .solved(let files, let provenOptimal):
      var destination = outFolder
      if trap.flag.isCancelled, let published = settings.previous,
        let kept = PublishedSchedule.keeps(published, over: files, instance: instance)
      {
        // An interrupted run never silently replaces a better programme: it goes aside.
        destination = URL(fileURLWithPath: outFolder.standardizedFileURL.path + ".interrupted")
        Terminal.standardOutput(
          "interrupted: this result (score \(kept.interrupted)) is not better than the schedule "
            + "already in \(out)/ (score \(kept.published)); kept the published files")
      }
      do {
        try OutputWriter(folder: destination).write(files)
      } catch {
        Terminal.standardError("error: \(error)")
        throw ExitStatus.unreadable
      }
      clock.lap("write \(files.count) files")
      Terminal.standardOutput("wrote \(files.count) files to \(destination.path == outFolder.path ? out : destination.path)/")
      if !provenOptimal { throw ExitStatus.stoppedEarly }
    }
  }
}

extension AssignmentObjective: ExpressibleByArgument {}

/// Whether the schedule already published in `--out` should stay there rather than be replaced by
/// an interrupted run's result.
enum PublishedSchedule {
  /// The two scores (as printed) when `published`, a schedule of the same instance, scores at
  /// least as well as the `schedule.json` among `files`; nil when the new result should be written
  /// (better, or nothing to compare: another instance, a schedule breaking hard rules).
  static func keeps(_ published: Schedule, over files: [RenderedFile], instance: Instance) -> (
    published: String, interrupted: String
  )? {
    guard published.instance.hash == instance.hash,
      let data = files.first(where: { $0.path == "schedule.json" })?.contents,
      let fresh = Schedule.load(data: data).schedule,
      let interrupted = score(of: fresh, in: instance),
      let before = score(of: published, in: instance)
    else { return nil }
    guard interrupted <= before + 1e-9 * max(1, abs(before)) else { return nil }
    return (String(format: "%.2f", before), String(format: "%.2f", interrupted))
  }

  /// The schedule's score, welfare − penalties, as the checker measures it (the same for both
  /// schedules, whatever their files claim), when it keeps every hard rule; nil otherwise.
  static func score(of schedule: Schedule, in instance: Instance) -> Double? {
    guard schedule.status != .draft, let timetable = schedule.timetable(in: instance).timetable else { return nil }
    let report = Checker(instance: instance).check(timetable)
    return report.isValid ? report.welfare - report.objective : nil
  }
}

/// Wall time per stage, for `--timings` and benchmarks (never written to output files: outputs
/// must be byte-identical between runs).
final class StageClock: @unchecked Sendable {  // used from the command's thread only
  private var last = Date()
  private(set) var lines: [String] = []

  /// Ends a stage; `part` names the first part of it and its seconds (building a stage's model).
  func lap(_ stage: String, part: (name: String, seconds: Double)? = nil) {
    let now = Date()
    var seconds = now.timeIntervalSince(last)
    if let part {
      lines.append(Self.line(part.name, part.seconds))
      seconds -= part.seconds
    }
    lines.append(Self.line(stage, seconds))
    last = now
  }

  private static func line(_ stage: String, _ seconds: Double) -> String {
    // Padded by hand: Foundation on Linux ignores the width of `%@`.
    "time " + stage.padding(toLength: max(28, stage.count), withPad: " ", startingAt: 0)
      + String(format: " %8.3f s", seconds)
  }
}
