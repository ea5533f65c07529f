import ArgumentParser
import AtelierCheck
import AtelierCore
import AtelierExport
import Foundation

/// `atelier export INSTANCE SCHEDULE.json --out DIR`: the published files of an existing schedule
/// (solved earlier, or edited by hand), after the same independent check as `solve`.
public struct ExportCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the programme files (iCalendar, frab, HTML, CSV) of an existing schedule.json.",
    discussion: """
      Loads the instance and the schedule, checks the schedule against every hard rule (as `atelier \
      check` does) and writes the chosen formats into --out, each file atomically. A schedule that \
      breaks a rule is not exported unless --allow-violations is given (a draft to look at): every \
      file then says so (schedule.json has "status": "draft", the pages a banner, calendars and \
      frab "DRAFT" in their names, the CSV files a first line).

      Ctrl-C or SIGTERM while writing removes the files written so far and leaves the previous \
      ones in --out as they were.

      Formats: ics (programme.ics, rooms/, tracks/, participants/), frab (frab-schedule.json and \
      .xml), html (programme.html, rooms.html), csv (assignments.csv, signups/), all (default).

      Exit status: 0 written; 1 the schedule breaks a rule or the instance is invalid; 2 unreadable \
      input, wrong usage, or a file that could not be written.
      """
  )

  public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
    case all, ics, frab, html, csv
  }

  @Argument(help: "The instance folder (or event file) the schedule was made for.")
  var instance: String

  @Argument(help: "The schedule file (schedule.json).")
  var schedule: String

  @Option(name: .long, help: "Output folder.")
  var out: String

  @Option(name: .long, parsing: .upToNextOption, help: "Formats to write: all, ics, frab, html, csv.")
  var format: [Format] = [.all]

  @Option(name: .long, help: "Language of the pages and feeds (e.g. fr, en; default en).")
  var language: String?

  @Option(name: .long, help: "Public base URL for per-session links in iCalendar and frab.")
  var baseURL: String?

  @Flag(name: .long, help: "Export even when the schedule breaks hard rules (for drafts).")
  var allowViolations = false

  public init() {}

  public func run() throws {
    let trap = InterruptTrap()
    let loaded = InstanceLoader.load(path: instance)
    DiagnosticOutput.emit(loaded.diagnostics, format: .text)
    if loaded.unreadable { throw ExitStatus.unreadable }
    guard let instance = loaded.instance else { throw ExitStatus.invalid }
    let (loadedSchedule, scheduleDiagnostics) = Schedule.load(path: self.schedule)
    DiagnosticOutput.emit(scheduleDiagnostics, format: .text)
    guard var schedule = loadedSchedule else { throw ExitStatus.unreadable }
    let (timetable, mapping) = schedule.timetable(in: instance, file: self.schedule)
    DiagnosticOutput.emit(mapping, format: .text)
    guard let timetable else { throw ExitStatus.invalid }
    let report = Checker(instance: instance).check(timetable)
    for violation in report.violations { Terminal.standardError("\(self.schedule): error: [\(violation.rule)] \(violation.message)") }
    if !report.isValid && !allowViolations {
      let counts = report.countsByRule.map { "\($0.rule) ×\($0.count)" }.joined(separator: ", ")
      Terminal.standardError("\(self.schedule): \(report.violations.count) violations (\(counts)); nothing exported")
      throw ExitStatus.invalid
    }
    if !report.isValid {
      // Every output of a schedule that breaks hard rules says it is a draft.
      schedule.status = .draft
      let counts = report.countsByRule.map { "\($0.rule) ×\($0.count)" }.joined(separator: ", ")
      Terminal.standardError(
        "\(self.schedule): warning: exporting a draft that breaks hard rules (\(counts)); every file is marked draft")
    } else if schedule.status == .draft {
      schedule.status = .manual  // it keeps every rule now: no longer a draft, still made by hand
    }

    let formats = Set(format)
    let wanted: (RenderedFile) -> Bool = { file in
      if formats.contains(.all) { return true }
      let path = file.path
      if path.hasSuffix(".ics") { return formats.contains(.ics) }
      if path.hasPrefix("frab-") { return formats.contains(.frab) }
      if path.hasSuffix(".html") { return formats.contains(.html) }
      if path.hasSuffix(".csv") { return formats.contains(.csv) }
      return false
    }
    let previousPath = URL(fileURLWithPath: out).appendingPathComponent("schedule.json").path
    let previous = FileManager.default.fileExists(atPath: previousPath) ? Schedule.load(path: previousPath).schedule : nil
    do {
      let files = try Renderers.renderAll(
        instance, timetable, schedule, baseURL: baseURL, language: language, previous: previous
      ).filter(wanted)
        // The schedule itself goes along, so the next export knows what was published (SEQUENCE).
        + (formats.contains(.all) ? [RenderedFile(path: "schedule.json", contents: schedule.encoded())] : [])
      try OutputWriter(folder: URL(fileURLWithPath: out), cancellation: trap.flag)
        .write(files.sorted { $0.path < $1.path })
      Terminal.standardOutput("wrote \(files.count) files to \(out)/")
    } catch OutputWriter.Failure.interrupted {
      Terminal.standardError("interrupted: no file was replaced; the previous files in \(out)/ are as they were")
      trap.dieBySignal()
    } catch let error as DiagnosticsError {
      DiagnosticOutput.emit(error.diagnostics, format: .text)
      throw ExitStatus.invalid
    } catch {
      Terminal.standardError("error: \(error)")
      throw ExitStatus.unreadable
    }
  }
}
