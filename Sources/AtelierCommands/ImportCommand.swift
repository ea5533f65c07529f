import ArgumentParser
import AtelierCheck
import AtelierCore
import AtelierExport
import Foundation

/// `atelier import pretalx|sessions FILE`: an instance folder made of what organisers already have.
public struct ImportCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Make an instance folder (event.yaml, schedule.json) of a pretalx schedule or a sessions spreadsheet.",
    discussion: """
      The folder holds event.yaml to complete (rooms, kinds, durations, tracks and speakers carried \
      over; room capacities the source does not give are written as 100 seats marked PLACEHOLDER, \
      with a warning) and, when the source places every session, schedule.json: the published \
      timetable, which `atelier check` and `atelier solve --baseline` take. See docs/import.md.

      Exit status: 0 written (warnings allowed); 1 the input has errors (diagnostics printed, \
      nothing written); 2 a file is missing or unreadable, the output folder is not empty (without \
      --force) or cannot be written, or the command line is wrong.
      """,
    subcommands: [PretalxImport.self, SessionsImport.self])

  public init() {}
}

/// Options every import takes.
struct ImportOptions: ParsableArguments {
  @Option(
    name: [.customLong("output"), .customLong("out")],
    help: "Instance folder to write (default: the input file's name without extension, here).")
  var output: String?

  @Flag(help: "Write into an output folder that is not empty (the files import writes are replaced).")
  var force = false

  @Option(help: "Diagnostics for people (text) or machines (json).")
  var format: DiagnosticFormat = .text

  /// The output folder for `input`.
  func folder(for input: String) -> URL {
    if let output { return URL(fileURLWithPath: output) }
    let name = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
    return URL(fileURLWithPath: name.isEmpty ? "imported" : name)
  }
}

extension ImportCommand {
  /// `atelier import pretalx SCHEDULE.json`.
  struct PretalxImport: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "pretalx",
      abstract: "Import the frab/c3voc schedule JSON that pretalx, frab and c3voc publish.",
      discussion: """
        Times are read as the schedule shows them (each event's local date and time); the grid of \
        each day is made of the published starts and ends, gaps of 30 minutes or more where nothing \
        runs become breaks, and rooms take the kinds of session they hosted.
        """)

    @Argument(help: "The schedule JSON (pretalx: /<event>/schedule/export/schedule.json).")
    var schedule: String

    @OptionGroup var options: ImportOptions

    func run() throws {
      let data = try ImportRun.read(schedule, limit: PretalxImporter.maxBytes, format: options.format)
      let (event, diagnostics) = PretalxImporter.read(data, file: schedule)
      try ImportRun(input: schedule, options: options).finish(event, diagnostics)
    }
  }

  /// `atelier import sessions SESSIONS.csv`.
  struct SessionsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sessions",
      abstract: "Import a spreadsheet of sessions (CSV): title, duration, kind, speakers, track, room, day, start.",
      discussion: """
        Headings are matched ignoring case, accents and spaces (title/titre, duration/durée, kind/type, \
        speakers/intervenants, track/thème, room/salle, day/date/jour, start/heure/début, runs, \
        max_size/places, description, id). When every row has a day, a start and a room, they are \
        the published timetable (schedule.json); otherwise what a row gives pins it. The grid is made \
        of the rows' times, or given with --slots.
        """)

    @Argument(help: "The sessions CSV.")
    var sessions: String

    @OptionGroup var options: ImportOptions

    @Option(help: "The event's name (default: the file's name).")
    var name: String?

    @Option(name: .customLong("time-zone"), help: "The event's IANA time zone (default UTC, with a warning).")
    var timeZone: String?

    @Option(help: "Days to hold besides those the day column names: YYYY-MM-DD, comma-separated.")
    var days: String?

    @Option(help: "The grid of every day: HH:MM-HH:MM, comma-separated (default: made of the rows' times).")
    var slots: String?

    func validate() throws {
      _ = try parsedDays()
      _ = try parsedSlots()
    }

    func parsedDays() throws -> [String] {
      guard let days else { return [] }
      return try days.split(separator: ",").map { item in
        let text = item.trimmingCharacters(in: .whitespaces)
        guard TimeText.date(text) != nil else { throw ValidationError("--days: '\(text)' is not a date YYYY-MM-DD.") }
        return text
      }
    }

    func parsedSlots() throws -> [(start: Int, end: Int)]? {
      guard let slots else { return nil }
      var result: [(start: Int, end: Int)] = []
      for item in slots.split(separator: ",") {
        let parts = item.trimmingCharacters(in: .whitespaces).split(separator: "-")
        guard parts.count == 2, let start = TimeText.minutes(String(parts[0])), let end = TimeText.minutes(String(parts[1])),
          start < end
        else { throw ValidationError("--slots: '\(item)' is not HH:MM-HH:MM with the end after the start.") }
        if let last = result.last, start < last.end {
          throw ValidationError("--slots: '\(item)' starts before the previous slot ends; give them in time order.")
        }
        result.append((start, end))
      }
      guard !result.isEmpty else { throw ValidationError("--slots: give at least one slot, as 09:00-10:00.") }
      return result
    }

    func run() throws {
      let data = try ImportRun.read(sessions, limit: SessionsImporter.maxBytes, format: options.format)
      let settings = SessionsImporter.Options(
        name: name, timeZone: timeZone, days: try parsedDays(), slots: try parsedSlots())
      let (event, diagnostics) = SessionsImporter.read(data, file: sessions, options: settings)
      try ImportRun(input: sessions, options: options).finish(event, diagnostics)
    }
  }
}

/// The part every import shares: reading the input, refusing a non-empty folder, rendering,
/// checking the published timetable, writing atomically, and saying what is left to complete.
struct ImportRun {
  let input: String
  let options: ImportOptions

  /// The input's bytes; a missing, unreadable or oversized file is diagnosed and exits 2.
  static func read(_ path: String, limit: Int, format: DiagnosticFormat) throws -> Data {
    func fail(_ code: String, _ message: String) throws -> Never {
      DiagnosticOutput.emit([.error(code, message, at: .init(file: path))], format: format)
      throw ExitStatus.unreadable
    }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { try fail("not-found", "no such file") }
    if isFolder.boolValue { try fail("unreadable", "expected a file, found a folder") }
    guard let handle = FileHandle(forReadingAtPath: path) else { try fail("unreadable", "cannot open the file") }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: limit + 1) else { try fail("unreadable", "cannot read the file") }
    if data.count > limit { try fail("file-too-large", "the file is larger than \(limit / 1_048_576) MB") }
    return data
  }

  func finish(_ event: ImportedEvent?, _ diagnostics: [Diagnostic]) throws {
    let folder = options.folder(for: input)
    guard let event else {
      DiagnosticOutput.emit(diagnostics, format: options.format)
      throw ExitStatus.invalid
    }
    if !options.force, let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path), !names.isEmpty {
      DiagnosticOutput.emit(
        diagnostics.map { relocated($0, to: folder) }
          + [
            .error(
              "output-not-empty", "the output folder is not empty (\(names.count) entries)", at: .init(file: folder.path),
              hint: "choose another --output, or pass --force to replace the files import writes there")
          ], format: options.format)
      throw ExitStatus.unreadable
    }
    let output = event.render()
    // What validate will say, in the output folder's terms.
    let eventPath = folder.appendingPathComponent("event.yaml").path
    var all = diagnostics.map { relocated($0, to: folder) }
    all += output.validation.map { diagnostic in
      var moved = diagnostic
      if moved.location.file == "event.yaml" { moved.location.file = eventPath }
      return moved
    }
    if let instance = output.instance, let schedule = output.schedule,
      let timetable = schedule.timetable(in: instance).timetable
    {
      let report = Checker(instance: instance).check(timetable)
      for violation in report.violations.prefix(20) {
        all.append(
          .warning(
            "import-published-violation", "[\(violation.rule)] the published schedule: \(violation.message)",
            at: .init(file: folder.appendingPathComponent("schedule.json").path),
            hint: "`atelier check` reports it too; `atelier solve --baseline` repairs it with few moves"))
      }
      if report.violations.count > 20 {
        all.append(
          .warning(
            "import-published-violation", "\(report.violations.count - 20) more broken rules in the published schedule",
            at: .init(file: folder.appendingPathComponent("schedule.json").path)))
      }
    }

    var files = output.files.map { RenderedFile(path: $0.path, contents: $0.contents) }
    files.sort { $0.path < $1.path }
    do {
      try OutputWriter(folder: folder).write(files)
      // A forced import that now writes no schedule leaves none from before (it would not match).
      if output.schedule == nil {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("schedule.json"))
      }
    } catch {
      DiagnosticOutput.emit(
        all.filter { $0.severity != .error } + [.error("cannot-write", "\(error)", at: .init(file: folder.path))],
        format: options.format)
      throw ExitStatus.unreadable
    }
    DiagnosticOutput.emit(all, format: options.format)
    guard options.format == .text else { return }
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    let wrote = files.map(\.path).joined(separator: " and ")
    var line =
      "wrote \(wrote) in \(folder.path): \(count(event.event.sessions.count, "session")), "
      + "\(count(event.event.rooms.count, "room")), \(count(event.event.days.count, "day")), "
      + count(event.event.speakers?.count ?? 0, "speaker")
    let open = output.validation.errors.count
    if open > 0 {
      line += "; event.yaml is not complete yet: \(open) problem\(open == 1 ? "" : "s") above (atelier validate \(folder.path))"
    } else if output.schedule != nil {
      line += "; next: atelier check \(folder.path) \(folder.appendingPathComponent("schedule.json").path)"
    }
    Terminal.standardOutput(line)
  }

  /// Diagnostics about the files import writes (`event.yaml`) point into the output folder.
  private func relocated(_ diagnostic: Diagnostic, to folder: URL) -> Diagnostic {
    var moved = diagnostic
    if moved.location.file == "event.yaml" { moved.location.file = folder.appendingPathComponent("event.yaml").path }
    return moved
  }
}
