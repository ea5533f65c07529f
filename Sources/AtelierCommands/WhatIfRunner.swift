import AtelierCheck
import AtelierCore
import AtelierExport
import AtelierMIP
import AtelierSolver
import Foundation

/// One scenario of `atelier whatif`, start to end: apply it to the instance's file form, load the
/// changed instance, solve it close to the published schedule (`SolvePipeline` with a `Baseline`),
/// write every output in `OUT/<scenario>/`, and say what changed. Safe to run on several threads at
/// once: it shares only immutable values, and each solve gets its own GLPK problem.
struct WhatIfRunner: Sendable {
  /// What a scenario gave: its comparison row and how it bears on the exit status.
  struct Outcome: Sendable {
    enum Kind: Sendable { case answered, invalid, nothingFound, checkFailed, notRun }
    var row: WhatIfComparison.Row
    var kind: Kind
    /// Diagnostics to print (scenario problems, attributed problems of the changed instance).
    var diagnostics: [Diagnostic]
  }

  let base: ScenarioBase
  let published: Schedule
  let publishedFile: String
  let out: URL
  let timeLimit: Double
  let relativeGap: Double
  let language: String?
  let cancellation: CancellationFlag?

  func run(_ scenario: Scenario) -> Outcome {
    var row = WhatIfComparison.Row(scenario: scenario.name, status: "invalid")
    row.title = scenario.title
    row.file = scenario.file
    let folder = out.appendingPathComponent(scenario.name)
    if cancellation?.isCancelled == true {
      row.status = "not-run"
      row.reasons = ["interrupted before this scenario started"]
      Self.removeEarlierResults(in: folder, named: scenario.name)
      return Outcome(row: row, kind: .notRun, diagnostics: [])
    }
    let applied = scenario.apply(to: base)
    row.changes = applied.descriptions
    var files: [RenderedFile] = []
    // The changed instance beside the results, so that `atelier check` and `atelier solve` can read it.
    if let eventData = applied.eventData {
      files.append(RenderedFile(path: "instance/event.json", contents: eventData))
      if let participants = applied.participantsData {
        files.append(RenderedFile(path: "instance/participants.csv", contents: participants))
      }
    }

    var kind = Outcome.Kind.answered
    var diff: ScheduleDiff?
    var result: Schedule?
    var solveSummary: [String] = []
    switch applied.status {
    case .invalid:
      kind = .invalid
      row.reasons = applied.diagnostics.errors.map(\.formatted)
    case .infeasible:
      row.status = "infeasible"
      row.reasons = applied.infeasibility
    case .valid:
      guard let instance = applied.instance else { break }
      var settings = SolvePipeline.Settings()
      settings.timeLimit = timeLimit
      settings.relativeGap = relativeGap
      settings.cancellation = cancellation
      settings.language = language
      settings.baseline = Baseline(schedule: published, instance: instance)
      // Calendar events moved since the published schedule get a higher SEQUENCE.
      settings.previous = published
      let outcome = SolvePipeline(instance: instance, settings: settings, clock: StageClock()).run()
      solveSummary = outcome.summary
      switch outcome.result {
      case .infeasible(let conflicts):
        row.status = "infeasible"
        row.reasons = conflicts
      case .nothingFound:
        kind = .nothingFound
        row.status = "no-solution"
        row.reasons = Array(outcome.summary.suffix(1))
      case .checkFailed:
        kind = .checkFailed
        row.status = "check-failed"
        row.reasons = outcome.summary
      case .solved(let rendered, _):
        files += rendered
        guard let data = rendered.first(where: { $0.path == "schedule.json" })?.contents,
          let schedule = Schedule.load(data: data).schedule
        else {
          kind = .checkFailed
          row.status = "check-failed"
          row.reasons = ["the solved schedule.json does not read back"]
          break
        }
        result = schedule
        let changes = ScheduleDiff(
          published: published, publishedInstance: base.instance, result: schedule, instance: instance)
        diff = changes
        fill(&row, schedule: schedule, instance: instance)
        row.runsMovedInTime = changes.movedInTime
        row.runsMovedInRoom = changes.movedInRoom
        row.runsAdded = changes.added.count
        row.runsCancelled = changes.cancelled.count
        row.agendasChanged = changes.agendaChanges.count
        row.participantsAdded = changes.participantsAdded
        row.participantsRemoved = changes.participantsRemoved
        files.append(RenderedFile(path: "agenda-changes.csv", contents: changes.agendaCSV()))
      }
    }
    if kind == .invalid { row.status = "invalid" }
    let markdown = changesMarkdown(scenario, applied, row: row, diff: diff, result: result, solveSummary: solveSummary)
    files.append(RenderedFile(path: "changes.md", contents: Data(markdown.utf8)))
    if result == nil {
      // A schedule.json left by an earlier run would contradict this one.
      try? FileManager.default.removeItem(at: folder.appendingPathComponent("schedule.json"))
      try? FileManager.default.removeItem(at: folder.appendingPathComponent("agenda-changes.csv"))
    }
    do {
      try OutputWriter(folder: folder).write(files)
    } catch {
      kind = .checkFailed
      row.reasons = (row.reasons ?? []) + ["cannot write the outputs: \(error)"]
    }
    // An infeasible scenario is an answer: its reasons are in the row, not errors to print.
    let printed =
      applied.status == .infeasible ? applied.diagnostics.filter { $0.severity != .error } : applied.diagnostics
    return Outcome(row: row, kind: kind, diagnostics: printed)
  }

  /// Removes what an earlier run wrote for a scenario that this run did not get to: its folder
  /// beside a `not-run` row would read as this run's answer. Only a folder that is plainly one of
  /// ours (a safe one-component name holding `changes.md`) is removed.
  static func removeEarlierResults(in folder: URL, named name: String) {
    guard FileName.isSafePath(name), !name.contains("/"),
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("changes.md").path)
    else { return }
    try? FileManager.default.removeItem(at: folder)
  }

  /// The comparison row of the published schedule, measured on the unchanged instance.
  func baselineRow() -> (row: WhatIfComparison.Row, diagnostics: [Diagnostic]) {
    var row = WhatIfComparison.Row(scenario: "baseline", status: published.status.rawValue)
    row.title = "Published schedule"
    row.file = publishedFile
    fill(&row, schedule: published, instance: base.instance)
    row.runsMovedInTime = 0
    row.runsMovedInRoom = 0
    row.runsAdded = 0
    row.runsCancelled = 0
    row.agendasChanged = 0
    row.participantsAdded = 0
    row.participantsRemoved = 0
    let (_, diagnostics) = published.timetable(in: base.instance, file: publishedFile)
    return (row, diagnostics)
  }

  /// A row's gap: the score's proven gap (welfare − penalties against its bound) when the solver
  /// gave one, as `solve` exits on; the timetable's own gap for schedules written before the proof.
  static func reportedGap(of schedule: Schedule) -> Double? {
    schedule.proof?.score.relativeGap ?? schedule.objective?.gap
  }

  /// Status, gap, objective, checked soft terms and satisfaction of a schedule.
  private func fill(_ row: inout WhatIfComparison.Row, schedule: Schedule, instance: Instance) {
    row.status = schedule.status.rawValue
    row.gap = Self.reportedGap(of: schedule)
    row.objective = schedule.objective?.value
    if let timetable = schedule.timetable(in: instance).timetable {
      let report = Checker(instance: instance).check(timetable)
      row.terms = report.softTerms
      row.softTotal = (report.objective * 1e6).rounded() / 1e6
    }
    if let statistics = schedule.statistics {
      row.participants = statistics.participants
      row.gotFirstChoice = statistics.gotFirstChoice
      row.gotTopThree = statistics.gotTopThree
      row.gotAllAsked = statistics.gotAllAsked
    }
    row.assignmentObjective = schedule.assignmentObjective?.value
  }

  // MARK: - changes.md

  /// Agenda lines listed in `changes.md`; every one is in `agenda-changes.csv`.
  static let agendaLinesShown = 200

  private func changesMarkdown(
    _ scenario: Scenario, _ applied: AppliedScenario, row: WhatIfComparison.Row, diff: ScheduleDiff?,
    result: Schedule?, solveSummary: [String]
  ) -> String {
    var out = ["# What if: \(scenario.title ?? scenario.name)", ""]
    out.append("Scenario `\(scenario.name)` (`\(scenario.file)`), against the published schedule `\(publishedFile)`.")
    if let description = scenario.description { out += ["", description] }
    out += ["", "## Changes", ""]
    out += applied.descriptions.isEmpty ? ["(none applied)"] : applied.descriptions.map { "- \($0)" }
    out.append("")

    guard let diff, let result else {
      out += ["## Result: \(row.status)", ""]
      switch row.status {
      case "infeasible": out.append("No timetable keeps every hard rule with these changes. What has to give:")
      case "invalid": out.append("The scenario cannot be applied, or the changed instance breaks a rule of the format:")
      default: out.append("No schedule:")
      }
      out.append("")
      out += (row.reasons ?? []).map { "- " + $0.replacingOccurrences(of: "\n", with: " ") }
      if !solveSummary.isEmpty { out += ["", "```"] + solveSummary + ["```"] }
      return out.joined(separator: "\n") + "\n"
    }

    out += ["## Result", ""]
    var status = "Status: **\(result.status.rawValue)**"
    if let gap = result.objective?.gap, gap > 0 { status += String(format: " (gap %.1f %%)", gap * 100) }
    if let objective = result.objective {
      status += ", objective " + WhatIfComparison.number(objective.value)
      let stability = objective.terms.filter { $0.name == "moved_time" || $0.name == "moved_room" }
      if !stability.isEmpty {
        status +=
          " including "
          + stability.map { "\($0.name) \(WhatIfComparison.number($0.weight)) × \(WhatIfComparison.number($0.amount))" }
          .joined(separator: ", ")
      }
    }
    out.append(status + ".")
    out.append("")
    if let terms = row.terms {
      let published = baselineTerms()
      out += ["| soft term (checked) | published | this scenario | difference |", "|---|---:|---:|---:|"]
      for term in terms {
        let before = published[term.name] ?? 0
        out.append(
          "| \(term.name) | \(WhatIfComparison.number(before)) | \(WhatIfComparison.number(term.contribution)) | "
            + "\(WhatIfComparison.signed(term.contribution - before)) |")
      }
      out.append("")
    }

    out.append("## Runs moved (\(diff.movedInTime) in time, \(diff.movedInRoom) in room)")
    out.append("")
    if diff.moved.isEmpty { out.append("None: every run keeps its day, start and room.") }
    // Time moves first (they matter more to people), then room-only moves.
    let ordered = diff.moved.filter(\.timeMoved) + diff.moved.filter { !$0.timeMoved }
    out += ordered.map { "- " + ScheduleDiff.line($0) }
    out.append("")
    if !diff.added.isEmpty || !diff.cancelled.isEmpty {
      out += ["## Runs added and cancelled", ""]
      out += diff.added.map { "- new: \($0.label): \($0.place.text)" }
      out += diff.cancelled.map { "- cancelled: \($0.label) (was \($0.place.text))" }
      out.append("")
    }
    out.append(
      "## Participants (\(diff.agendaChanges.count) agenda\(diff.agendaChanges.count == 1 ? "" : "s") changed"
        + (diff.participantsAdded > 0 ? ", \(diff.participantsAdded) new" : "")
        + (diff.participantsRemoved > 0 ? ", \(diff.participantsRemoved) gone" : "") + ")")
    out.append("")
    if diff.agendaChanges.isEmpty { out.append("Nobody's workshops change.") }
    out += diff.agendaChanges.prefix(Self.agendaLinesShown).map { "- " + diff.agendaLine($0) }
    if diff.agendaChanges.count > Self.agendaLinesShown {
      out.append("- … \(diff.agendaChanges.count - Self.agendaLinesShown) more")
    }
    if !diff.agendaChanges.isEmpty {
      out += ["", "Every change, one line per participant and run: `agenda-changes.csv`."]
    }
    return out.joined(separator: "\n") + "\n"
  }

  private func baselineTerms() -> [String: Double] {
    guard let timetable = published.timetable(in: base.instance).timetable else { return [:] }
    let report = Checker(instance: base.instance).check(timetable)
    return Dictionary(report.softTerms.map { ($0.name, $0.contribution) }, uniquingKeysWith: { a, _ in a })
  }
}

extension WhatIfComparison {
  static func signed(_ value: Double) -> String {
    let rounded = (value * 100).rounded() / 100
    return rounded > 0 ? "+" + number(rounded) : rounded < 0 ? "−" + number(-rounded) : "0"
  }
}
