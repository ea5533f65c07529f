import AtelierCheck
import AtelierCore
import AtelierExport
import AtelierMIP
import AtelierSolver
import Foundation

/// The stages of `atelier solve` after loading: timetable, assignment, independent check, rendering.
/// Returns files in memory; the command writes them (atomically) only when everything passed.
struct SolvePipeline {
  struct Settings {
    var timeLimit: Double?
    var relativeGap = 0.0
    var assignmentObjective = AssignmentObjective.welfare
    var coverageTarget = 2
    var assignParticipants = true
    var cancellation: CancellationFlag?
    var showProgress = false
    var baseURL: String?
    var baseline: Baseline?
    /// The programme's language (`fr`, `en`): page words and dates in HTML, frab's language.
    var language: String?
    /// The schedule last written to the output folder: events moved since get a higher SEQUENCE.
    var previous: Schedule?
  }

  enum Result {
    /// Files to write; `provenOptimal` is false when a stage stopped early (time limit, interrupt).
    case solved(files: [RenderedFile], provenOptimal: Bool)
    /// No timetable keeps every hard rule; the rules that had to give, in domain terms.
    case infeasible(conflicts: [String])
    /// Stopped (time limit, interrupt) before any timetable was found.
    case nothingFound
    /// A solved schedule broke a hard rule: a bug; nothing may be written.
    case checkFailed
  }

  struct Outcome {
    var result: Result
    /// Lines for the terminal: status, objective terms, satisfaction, check.
    var summary: [String]
  }

  let instance: Instance
  let settings: Settings
  let clock: StageClock

  func run() -> Outcome {
    let started = Date()
    var options = SolveOptions()
    options.relativeGap = settings.relativeGap
    options.cancellation = settings.cancellation
    // The timetable gets most of the time; the assignment (a transportation-like model) the rest.
    options.timeLimit = settings.timeLimit.map { settings.assignParticipants ? $0 * 0.8 : $0 }
    if settings.showProgress { options.progress = ProgressLine.reporter(stage: "timetable") }

    var timetableSolver = TimetableSolver(instance: instance)
    timetableSolver.baseline = settings.baseline
    let timetableSolution = timetableSolver.solve(options: options)
    ProgressLine.finish()
    clock.lap("solve timetable", part: ("build timetable model", timetableSolution.modelSeconds))
    var summary = [Self.statusLine("timetable", timetableSolution.status, timetableSolution.objective, timetableSolution.size)]

    guard var timetable = timetableSolution.timetable else {
      if timetableSolution.status == .infeasible {
        summary.append("infeasible: no timetable keeps every hard rule; what has to give:")
        summary += timetableSolution.conflicts.map { "  - \($0)" }
        return Outcome(result: .infeasible(conflicts: timetableSolution.conflicts), summary: summary)
      }
      summary.append("stopped before any timetable was found (\(Self.describe(timetableSolution.termination)))")
      return Outcome(result: .nothingFound, summary: summary)
    }

    var provenOptimal = timetableSolution.status == .optimal
    var assignment: AssignmentSolution?
    let hasWorkshopChoices = instance.participants.contains { !$0.choices.isEmpty }
    if settings.assignParticipants && hasWorkshopChoices {
      var assignmentOptions = options
      if let limit = settings.timeLimit {
        assignmentOptions.timeLimit = max(1, limit - Date().timeIntervalSince(started))
      }
      if settings.cancellation?.isCancelled == true {
        // Interrupted during the timetable: still give participants their agendas (the assignment
        // takes a second or two on 1,500 participants), within 10 s, then stop.
        assignmentOptions.cancellation = nil
        assignmentOptions.timeLimit = 10
      }
      assignmentOptions.progress = settings.showProgress ? ProgressLine.reporter(stage: "assignment") : nil
      var solver = AssignmentSolver(instance: instance, objective: settings.assignmentObjective)
      solver.coverageTarget = settings.coverageTarget
      solver.kept = settings.baseline?.keptAssignments ?? []
      let solution = solver.solve(timetable, options: assignmentOptions)
      ProgressLine.finish()
      clock.lap("solve assignment", part: ("build assignment model", solution.modelSeconds))
      summary.append(Self.statusLine("assignment", solution.status, solution.objective, solution.size))
      if solution.usedGreedy {
        summary.append(
          "assignment: stopped (\(Self.describe(solution.termination))) before GLPK found one; kept the greedy assignment")
      }
      if solution.status != .optimal { provenOptimal = false }
      timetable = Timetable(placements: timetable.placements, assignments: solution.assignments)
      assignment = solution
    }

    let report = Checker(instance: instance).check(timetable)
    clock.lap("check")
    guard report.isValid else {
      summary.append("internal error: the solved schedule breaks hard rules; nothing was written:")
      summary += report.violations.prefix(20).map { "  [\($0.rule)] \($0.message)" }
      return Outcome(result: .checkFailed, summary: summary)
    }

    var schedule = Schedule(
      instance: instance, timetable: timetable, status: provenOptimal ? .optimal : .feasible,
      objective: timetableSolution.objective, statistics: assignment?.statistics)
    schedule.assignmentObjective = assignment?.objective

    var files = [RenderedFile(path: "schedule.json", contents: schedule.encoded())]
    let reportWriter = ReportWriter(
      instance: instance, timetable: timetable, schedule: schedule, timetableSolution: timetableSolution,
      assignment: assignment, check: report)
    files.append(RenderedFile(path: "report.md", contents: Data(reportWriter.markdown().utf8)))
    do {
      for renderer in Renderers.all(baseURL: settings.baseURL, language: settings.language, previous: settings.previous) {
        files += try renderer.render(instance, timetable, schedule)
      }
    } catch {
      summary.append("error: cannot render the programme: \(error)")
      return Outcome(result: .checkFailed, summary: summary)
    }
    clock.lap("render")
    summary += reportWriter.terminalLines()
    return Outcome(result: .solved(files: files, provenOptimal: provenOptimal), summary: summary)
  }

  static func statusLine(
    _ stage: String, _ status: Schedule.Status?, _ objective: Schedule.Objective?, _ size: ModelSize
  ) -> String {
    var line = "\(stage): \(status?.rawValue ?? "nothing found")"
    if let objective {
      line += String(format: ", objective %.2f", objective.value)
      if let bound = objective.bound { line += String(format: ", bound %.2f", bound) }
      if let gap = objective.gap, gap > 0 { line += String(format: ", gap %.2f %%", gap * 100) }
    }
    line += " (\(size.variables) variables, \(size.rows) rows)"
    return line
  }

  static func describe(_ termination: SolveResult.Termination) -> String {
    switch termination {
    case .completed: "search completed"
    case .timeLimit: "time limit"
    case .gapReached: "gap reached"
    case .interrupted: "interrupted"
    case .nodeLimit: "work budget spent"
    case .failed(let reason): "solver failed: \(reason)"
    }
  }
}
