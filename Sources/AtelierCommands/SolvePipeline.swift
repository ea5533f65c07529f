import AtelierCheck
import AtelierCore
import AtelierExport
import AtelierMIP
import AtelierSolver
import Foundation

/// The stages of `atelier solve` after loading: timetable, assignment, independent check, rendering.
/// Returns files in memory; the command writes them (atomically) only when everything passed.
struct SolvePipeline {
  /// The longest `--time-limit` taken (a week, in seconds): past it the limit is no safety net, and
  /// an infinite one would reach GLPK's millisecond limits and `Date` arithmetic as `inf`.
  static let maxTimeLimit = 604_800.0

  struct Settings {
    var timeLimit: Double?
    /// The proven relative gap of the score within which a solve counts as done (`--gap`).
    var relativeGap = 0.01
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
    /// Files to write; `provenOptimal` is false when the proven gap is above `--gap` (a budget,
    /// time limit or interrupt stopped the search before).
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

  /// Whether the run has an assignment stage: asked for, and someone has workshop choices.
  var assignsParticipants: Bool {
    // Choices of talks give the assignment nothing to seat (it seats workshop runs only): such an
    // event gives the whole --time-limit to the timetable (issue 16).
    settings.assignParticipants && instance.sessions.contains { $0.kind == .workshop }
      && instance.participants.contains { p in
        p.choices.contains { instance.sessions[$0].kind == .workshop } || p.takesUnchosen(in: instance)
      }
  }

  /// The timetable's share of `--time-limit`: most of it, the assignment (a transportation-like
  /// model) getting the rest, or all of it when there is nobody's choices to assign.
  var timetableTimeLimit: Double? {
    settings.timeLimit.map { assignsParticipants ? $0 * 0.8 : $0 }
  }

  func run() -> Outcome {
    let started = Date()
    var options = SolveOptions()
    // --gap is about the score, which no single GLPK model holds: each model is solved to its own end.
    options.cancellation = settings.cancellation
    let assigns = assignsParticipants
    options.timeLimit = timetableTimeLimit
    if settings.showProgress { options.progress = ProgressLine.reporter(stage: "timetable") }

    var timetableSolver = TimetableSolver(instance: instance)
    timetableSolver.baseline = settings.baseline
    let timetableSolution = timetableSolver.solve(options: options)
    ProgressLine.finish()
    clock.lap("solve timetable", part: ("build timetable model", timetableSolution.modelSeconds))
    var summary = [Self.statusLine("timetable", timetableSolution.status, timetableSolution.objective, timetableSolution.size)]
    if let terms = timetableSolution.objective.map(Self.termsLine) { summary.append(terms) }

    guard var timetable = timetableSolution.timetable else {
      if timetableSolution.status == .infeasible {
        summary.append("infeasible: no timetable keeps every hard rule; what has to give:")
        summary += timetableSolution.conflicts.map { "  - \($0)" }
        return Outcome(result: .infeasible(conflicts: timetableSolution.conflicts), summary: summary)
      }
      if let note = timetableSolution.startNote { summary.append("note: \(note)") }
      summary.append(
        "stopped before any timetable was found ("
          + (timetableSolution.stop?.description ?? timetableSolution.termination.description) + ")")
      return Outcome(result: .nothingFound, summary: summary)
    }

    var assignment: AssignmentSolution?
    if assigns {
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
          "assignment: stopped (\(solution.termination.description)) before GLPK found one; kept the greedy assignment "
            + "(no bound of its own: the participants' bound below does not need one)")
      }
      if solution.status == .infeasible, !solution.conflicts.isEmpty {
        summary.append("infeasible: no assignment keeps every rule for this timetable; what has to give:")
        summary += solution.conflicts.map { "  - \($0)" }
        return Outcome(result: .infeasible(conflicts: solution.conflicts), summary: summary)
      }
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

    var proof = Schedule.Proof(timetable: timetableSolution, assignment: assignment)
    if let assignment, proof?.stop != .interrupted, assignment.termination == .interrupted || assignment.termination == .timeLimit {
      // The assignment was cut short after the search ended: that is what stopped the solve.
      proof?.stop = assignment.termination == .timeLimit ? .timeLimit : .interrupted
    }
    let provenOptimal = proof?.isWithin(relativeGap: settings.relativeGap) ?? false
    var schedule = Schedule(
      instance: instance, timetable: timetable, status: proof?.proven == true ? .optimal : .feasible,
      objective: timetableSolution.objective, statistics: assignment?.statistics)
    schedule.assignmentObjective = assignment?.objective
    schedule.proof = proof
    if let proof { summary += Self.proofLines(proof) }
    if let note = timetableSolution.startNote { summary.append("note: \(note)") }
    summary += timetableSolution.boundNotes.map { "note: \($0)" }
    if !provenOptimal {
      summary.append(
        "stopped (\(proof?.stop?.description ?? timetableSolution.termination.description)) "
          + "before the proven gap reached --gap "
          + String(format: "%.2f %%", settings.relativeGap * 100))
    }

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

  /// The organisers' terms as amounts, weights and contributions ("track_parallel 4 × 5 = 20").
  static func termsLine(_ objective: Schedule.Objective) -> String {
    let terms = objective.terms.filter { $0.amount != 0 && $0.weight != 0 }.map {
      "\($0.name) \(ReportWriter.number($0.amount)) × \(ReportWriter.number($0.weight)) = \(ReportWriter.number($0.contribution))"
    }
    return terms.isEmpty ? "  penalties: none" : "  penalties (amount × weight = contribution): " + terms.joined(separator: ", ")
  }

  /// The proof, per side, in each side's units.
  static func proofLines(_ proof: Schedule.Proof) -> [String] {
    var lines: [String] = []
    if let p = proof.participants {
      lines.append(
        "participants: welfare \(ReportWriter.number(p.value))"
          + (p.bound.map { " of at most \(ReportWriter.number($0)) any timetable allows" } ?? " (no bound)")
          + (p.bound.map { String(format: " (%.2f %%)", p.value * 100 / max(1, $0)) } ?? ""))
    }
    let o = proof.organisers
    lines.append(
      "organisers: penalties \(ReportWriter.number(o.value))"
        + (o.bound.map { ", proven minimum ≥ \(ReportWriter.number($0))" } ?? ", no bound")
        + (o.gap.map { ", gap \(ReportWriter.number($0))" } ?? "")
        + (o.relativeGap.map { String(format: " (%.2f %%)", $0 * 100) } ?? ""))
    let s = proof.score
    lines.append(
      "score (welfare − penalties): \(ReportWriter.number(s.value))"
        + (s.bound.map { " ≤ \(ReportWriter.number($0))" } ?? ", no bound")
        + (s.relativeGap.map { String(format: ", proven gap %.2f %%", $0 * 100) } ?? "")
        + (proof.proven ? ": optimal" : "")
        + (proof.stop.map { "; search stopped: \($0.description)" } ?? ""))
    return lines
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

}
