import AtelierCheck
import AtelierCore
import AtelierExport
import AtelierMIP
import Foundation
import Testing

@testable import AtelierCommands

/// Issue 15, commands and outputs, end to end through the command line: drafts marked as drafts,
/// `check` ordering and hand-edit warnings, the published programme kept on interrupt, `--out`
/// checked first, interrupted exports leaving nothing behind, French feeds and sheets, and text
/// that would display as something else.
@Suite("issue 15: commands and outputs", .serialized)
struct Issue15OutputTests {
  /// One day, two rooms, a track, a talk and a workshop given twice; four participants, two of
  /// them with ids Windows reserves for devices. The workshop's title holds U+202E (RIGHT-TO-LEFT
  /// OVERRIDE: `Atelier gnp.exe` would display as `Atelier exe.png`) and NEL.
  static let event = #"""
    format: atelier/1
    name: "Fête du code"
    time_zone: Europe/Paris
    days:
      - id: mon
        date: "2026-03-02"
        slots: [{start: "09:00", end: "10:00"}, {start: "10:15", end: "11:15"}]
    rooms:
      - {id: big, name: Grande salle, capacity: 100}
      - {id: lab, name: "Labo\u202Ebal", capacity: 30}
    tracks:
      - {id: code, name: Code libre, color: "#336699"}
    sessions:
      - {id: talk, title: "Conférence\x85suite", kind: talk, duration: 60, audience: 40, track: code}
      - {id: ws, title: "Atelier \u202Egnp.exe", kind: workshop, duration: 60, max_size: 30, runs: 2, track: code}
    participants: participants.csv
    """#

  static let participants = "id,choice_1\nCON,ws\nAUX.txt,ws\nlpt1,ws\np4,ws\n"

  /// A fresh folder holding `instance/` and nothing else.
  static func makeInstance() throws -> (root: URL, instance: String) {
    let root = CLI.temporaryFolder()
    let instance = root.appendingPathComponent("instance")
    try FileManager.default.createDirectory(at: instance, withIntermediateDirectories: true)
    try Data(event.utf8).write(to: instance.appendingPathComponent("event.yaml"))
    try Data(participants.utf8).write(to: instance.appendingPathComponent("participants.csv"))
    return (root, instance.path)
  }

  static func text(_ folder: URL, _ path: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
  }

  /// The instance solved into `root/solved`.
  static func solved() throws -> (root: URL, instance: String, out: URL) {
    let (root, instance) = try makeInstance()
    let out = root.appendingPathComponent("solved")
    #expect(CLI.exitCode(["solve", instance, "--out", out.path]) == 0)
    return (root, instance, out)
  }

  /// `root/edited.json`: the solved schedule.json with `edit` applied to its text.
  static func editedSchedule(_ solved: URL, root: URL, _ edit: (String) throws -> String) throws -> URL {
    let edited = root.appendingPathComponent("edited.json")
    try Data(try edit(try text(solved, "schedule.json")).utf8).write(to: edited)
    return edited
  }

  // MARK: - 6. drafts

  @Test("export --allow-violations marks every output as a draft; a valid export carries no mark")
  func draftMarked() throws {
    let (root, instance, solved) = try Self.solved()
    defer { try? FileManager.default.removeItem(at: root) }
    // Both runs of the workshop at the same time in the same room: H6 and H11.
    let edited = try Self.editedSchedule(solved, root: root) { text in
      let schedule = try #require(Schedule.load(data: Data(text.utf8)).schedule)
      let runs = schedule.runs.filter { $0.session == "ws" }
      try #require(runs.count == 2)
      return text.replacingOccurrences(of: runs[1].start, with: runs[0].start)
        .replacingOccurrences(of: runs[1].end ?? "-", with: runs[0].end ?? "-")
    }

    let draft = root.appendingPathComponent("draft")
    #expect(CLI.exitCode(["export", instance, edited.path, "--out", draft.path, "--allow-violations"]) == 0)
    #expect(try Self.text(draft, "schedule.json").contains(#""status" : "draft""#))
    #expect(try Self.text(draft, "programme.html").contains(#"<p class="draft" role="alert">DRAFT: "#))
    #expect(try Self.text(draft, "rooms.html").contains(#"<p class="draft""#))
    let ics = try Self.text(draft, "programme.ics")
    #expect(ics.contains("X-WR-CALNAME:DRAFT – Fête du code"))
    #expect(ics.contains("STATUS:TENTATIVE"))
    #expect(ics.contains("SUMMARY:[DRAFT] "))
    #expect(try Self.text(draft, "frab-schedule.json").contains(#""title": "DRAFT – Fête du code""#))
    #expect(try Self.text(draft, "frab-schedule.xml").contains("<title>DRAFT – Fête du code</title>"))
    #expect(try Self.text(draft, "assignments.csv").hasPrefix("DRAFT: "))
    #expect(try Self.text(draft, "signups/ws-1.csv").hasPrefix("status,DRAFT: "))

    // The solved schedule exported as it is: no mark anywhere.
    let clean = root.appendingPathComponent("clean")
    #expect(CLI.exitCode(["export", instance, solved.appendingPathComponent("schedule.json").path, "--out", clean.path]) == 0)
    for path in HostileOutputTests.files(under: clean) {
      #expect(!(try Self.text(clean, path)).contains("DRAFT"), "\(path)")
    }
  }

  // MARK: - 7. check

  @Test("check: violations by rule, root causes first (H before A, H3 before H12), counted per rule")
  func checkOrder() throws {
    let (root, instance, solved) = try Self.solved()
    defer { try? FileManager.default.removeItem(at: root) }
    // Every `ws` renamed `talk`: the workshop's runs are missing and the talk has a run 2 (H1, the
    // root cause), the talk's runs overlap, and everyone is assigned to a talk they did not
    // choose (A1). Sorted as text, the A1 errors came first.
    let edited = try Self.editedSchedule(solved, root: root) {
      $0.replacingOccurrences(of: #""session" : "ws""#, with: #""session" : "talk""#)
    }
    let run = try HostileOutputTests.run(["check", instance, edited.path])
    #expect(run.status == 1)
    let output = String(decoding: run.output, as: UTF8.self)
    let rules = output.split(separator: "\n").compactMap { line -> String? in
      guard let open = line.range(of: "error: ["), let close = line[open.upperBound...].firstIndex(of: "]") else {
        return nil
      }
      return String(line[open.upperBound..<close])
    }
    #expect(rules.contains("H1") && rules.contains("A1"), "\(output)")
    #expect(rules == rules.sorted(by: Violation.reportOrder), "\(rules)")
    #expect(output.contains("H1 ×"), "\(output)")
  }

  @Test("check warns about edited titles, kinds, speakers, tracks and ranks, and about no assignments")
  func checkHandEdits() throws {
    let (root, instance, solved) = try Self.solved()
    defer { try? FileManager.default.removeItem(at: root) }
    let edited = try Self.editedSchedule(solved, root: root) {
      $0.replacingOccurrences(of: #""kind" : "talk""#, with: #""kind" : "keynote""#)
        .replacingOccurrences(of: #""track" : "code""#, with: #""track" : "other""#)
        .replacingOccurrences(of: #""rank" : 1"#, with: #""rank" : 2"#)
        .replacingOccurrences(of: #""title" : "Conf"#, with: #""title" : "Edited conf"#)
    }
    let run = try HostileOutputTests.run(["check", instance, edited.path])
    #expect(run.status == 0)
    let output = String(decoding: run.output, as: UTF8.self)
    for field in ["kind 'keynote'", "track 'other'", "rank 2", "title 'Edited conf"] {
      #expect(output.contains(field), "\(field) in \(output)")
    }
    #expect(output.contains("warning: "), "\(output)")

    // No assignments at all, though all four participants chose the workshop.
    var schedule = try #require(Schedule.load(path: solved.appendingPathComponent("schedule.json").path).schedule)
    schedule.assignments = nil
    let bare = root.appendingPathComponent("bare.json")
    try schedule.encoded().write(to: bare)
    let none = try HostileOutputTests.run(["check", instance, bare.path])
    #expect(none.status == 0)
    #expect(String(decoding: none.output, as: UTF8.self).contains("assigns nobody to a workshop, though 4 participants"))
  }

  // MARK: - 9. interrupts keep a better published programme

  /// A fresh file for a child's output (not /dev/null: on the shared test machine something
  /// replaced it with a regular file at times).
  static func logFile() throws -> FileHandle {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-log-\(UUID().uuidString)")
    try Data().write(to: url)
    let handle = try FileHandle(forWritingTo: url)
    try? FileManager.default.removeItem(at: url)  // the open handle keeps it until the child ends
    return handle
  }

  /// Starts `atelier solve nec2022 --out out`; sends `signals` after the delays given.
  static func interruptedSolve(out: URL, signals: [(seconds: Double, signal: Int32)]) throws -> Process {
    let process = Process()
    process.executableURL = try FaultTests.executable()
    process.arguments = ["solve", CLI.instance("nec2022"), "--out", out.path, "--time-limit", "300"]
    let log = try Self.logFile()
    process.standardOutput = log
    process.standardError = log
    try process.run()
    var waited = 0.0
    for (seconds, signal) in signals {
      Thread.sleep(forTimeInterval: seconds - waited)
      waited = seconds
      kill(process.processIdentifier, signal)
    }
    process.waitUntilExit()
    return process
  }

  @Test("Ctrl-C, even while loading, never replaces a better published programme: it goes aside")
  func interruptKeepsBetterPublished() throws {
    let root = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("out")
    let first = try Self.interruptedSolve(out: out, signals: [(6, SIGINT)])
    // What is published is better than anything an interrupted run finds.
    let published = out.appendingPathComponent("schedule.json")
    // Six seconds in, the score may already be proven within --gap (exit 0), or not (4), by the load.
    #expect(first.terminationStatus == CLI.interruptedExitStatus(schedule: published.path))
    var schedule = try #require(Schedule.load(path: published.path).schedule)
    schedule.objective?.value = 1
    try schedule.encoded().write(to: published)
    let before = try KillTests.snapshot(out).files

    // Interrupted one second in: loading nec2022, in a debug build.
    let second = try Self.interruptedSolve(out: out, signals: [(1, SIGINT)])
    #expect(second.terminationReason == .exit)
    #expect(second.terminationStatus == 4)
    let after = try KillTests.snapshot(out).files
    #expect(after == before)
    let aside = root.appendingPathComponent("out.interrupted/schedule.json")
    let interrupted = try #require(Schedule.load(path: aside.path).schedule)
    #expect(interrupted.status == .feasible)
  }

  @Test("a second Ctrl-C ends the run at once, by the signal, without writing")
  func secondInterruptAborts() throws {
    let out = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let process = try Self.interruptedSolve(out: out, signals: [(4, SIGINT), (4.2, SIGINT)])
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == SIGINT)
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("schedule.json").path))
  }

  // MARK: - 10. --out checked first

  @Test("solve refuses an --out it cannot write before solving, with exit 2")
  func unwritableOutChecked() throws {
    let (root, instance) = try Self.makeInstance()
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent("a-file")
    try Data().write(to: file)
    let run = try HostileOutputTests.run(["solve", instance, "--out", file.appendingPathComponent("out").path])
    #expect(run.status == 2)
    let output = String(decoding: run.output, as: UTF8.self)
    #expect(output.contains("cannot write to --out"), "\(output)")
    #expect(output.contains("is a file, not a folder"), "\(output)")
    // Nothing was solved first.
    #expect(!output.contains("timetable:"), "\(output)")
  }

  @Test("--write-model into a FIFO (as into /dev/null) writes through it and leaves it a FIFO")
  func writeModelIntoDevice() throws {
    let root = CLI.temporaryFolder()
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let fifo = root.appendingPathComponent("model.lp")
    #expect(mkfifo(fifo.path, 0o600) == 0)
    // The reader drains the FIFO so the writer never blocks.
    let reader = Thread { _ = FileHandle(forReadingAtPath: fifo.path)?.readDataToEndOfFile() }
    reader.start()
    #expect(CLI.exitCode(["solve", CLI.instance("tiny-hand"), "--out", root.appendingPathComponent("out").path,
      "--write-model", fifo.path]) == 0)
    var status = stat()
    #expect(stat(fifo.path, &status) == 0)
    #expect(status.st_mode & S_IFMT == S_IFIFO)
  }

  // MARK: - 11. interrupted export, interrupted whatif

  @Test("SIGINT or SIGTERM during export: no temporary left, every previous file as it was")
  func interruptedExportCleansUp() throws {
    let root = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let instance = root.appendingPathComponent("instance").path
    #expect(CLI.exitCode(["generate", "--participants", "400", "--days", "2", "--seed", "5", "--out", instance]) == 0)
    let solved = root.appendingPathComponent("solved")
    #expect([0, 4].contains(CLI.exitCode(["solve", instance, "--out", solved.path, "--time-limit", "3"])))
    let out = root.appendingPathComponent("out")
    let arguments = ["export", instance, solved.appendingPathComponent("schedule.json").path, "--out", out.path]
    let started = ContinuousClock.now
    #expect(try HostileOutputTests.run(arguments).status == 0)
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let previous = try KillTests.snapshot(out).files

    var stopped = 0
    for step in 1...6 {
      let process = Process()
      process.executableURL = try FaultTests.executable()
      process.arguments = arguments
      let log = try Self.logFile()
      process.standardOutput = log
      process.standardError = log
      try process.run()
      Thread.sleep(forTimeInterval: seconds * Double(step) / 7)
      let signal = step % 2 == 0 ? SIGTERM : SIGINT
      kill(process.processIdentifier, signal)
      process.waitUntilExit()
      let after = try KillTests.snapshot(out)
      #expect(after.temporaries.isEmpty, "signal \(step): \(after.temporaries.prefix(5))")
      #expect(after.files == previous, "signal \(step)")
      if process.terminationReason == .uncaughtSignal {
        #expect(process.terminationStatus == signal)
        stopped += 1
      }
    }
    #expect(stopped >= 3)
  }

  @Test("an interrupted whatif removes an earlier run's folder of a scenario it did not run")
  func notRunScenarioLeavesNoEarlierFolder() throws {
    let (root, instance, solved) = try Self.solved()
    defer { try? FileManager.default.removeItem(at: root) }
    let scenarioFile = root.appendingPathComponent("more.yaml")
    try Data("format: atelier-scenario/1\ntitle: More participants\nchanges:\n  - add_participants: {count: 2}\n".utf8)
      .write(to: scenarioFile)
    let scenario = try #require(ScenarioLoader.load(path: scenarioFile.path).scenario)
    let base = try #require(ScenarioBase.load(path: instance).base)
    let published = try #require(Schedule.load(path: solved.appendingPathComponent("schedule.json").path).schedule)
    let out = root.appendingPathComponent("whatif")
    // What an earlier, complete run left for this scenario.
    let earlier = out.appendingPathComponent(scenario.name)
    try FileManager.default.createDirectory(at: earlier, withIntermediateDirectories: true)
    for name in ["changes.md", "schedule.json", "programme.html"] {
      try Data("earlier".utf8).write(to: earlier.appendingPathComponent(name))
    }
    let flag = CancellationFlag()
    flag.cancel()
    let runner = WhatIfRunner(
      base: base, published: published, publishedFile: "schedule.json", out: out, timeLimit: 10, relativeGap: 0,
      language: nil, cancellation: flag)
    let outcome = runner.run(scenario)
    #expect(outcome.row.status == "not-run")
    #expect(!FileManager.default.fileExists(atPath: earlier.path))
  }

  // MARK: - 14. progress line

  @Test("the progress line shows work against the budget and keeps the last incumbent between incumbents")
  func progressLine() {
    let state = ProgressLine.State()
    let first = state.merge(SolveProgress(seconds: 1, incumbent: 1685.58, bound: 461.15, gap: 0.726))
    #expect(first.map { ProgressLine.text(stage: "timetable", $0) } != nil)
    // Only time and work: drawn (0.5 s later), with the incumbent, bound and gap kept.
    let later = try? #require(
      state.merge(SolveProgress(seconds: 1.5, incumbent: nil, bound: nil, gap: nil, work: .init(done: 37, budget: 300))))
    let line = later.map { ProgressLine.text(stage: "timetable", $0) } ?? ""
    #expect(line == "timetable     1.5 s  sub-problem 37/300  incumbent 1685.58  bound 461.15  gap 72.60 %")
    // Again 20 ms later with nothing new: not redrawn.
    #expect(state.merge(SolveProgress(seconds: 1.52, incumbent: nil, bound: nil, gap: nil)) == nil)
  }

  // MARK: - 15. French feeds and sheets

  @Test("--language fr reaches the iCalendar descriptions and the sign-up sheets")
  func frenchFeedsAndSheets() throws {
    let (root, instance) = try Self.makeInstance()
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("out")
    #expect(CLI.exitCode(["solve", instance, "--out", out.path, "--language", "fr"]) == 0)
    let ics = try Self.text(out, "programme.ics").replacingOccurrences(of: "\r\n ", with: "")
    #expect(ics.contains("DESCRIPTION:Atelier · parcours : Code libre · séance 1 sur 2"), "\(ics)")
    #expect(ics.contains("DESCRIPTION:Conférence · parcours : Code libre"))
    #expect(!ics.contains("Workshop") && !ics.contains("track:"))
    let sheet = try Self.text(out, "signups/ws-1.csv")
    #expect(sheet.contains("titre,") && sheet.contains("séance,1 sur 2") && sheet.contains("salle,"), "\(sheet)")
    #expect(sheet.contains("places prises sur") && sheet.contains("participant,signature"), "\(sheet)")
  }

  // MARK: - 16. text that displays as something else; Windows device names

  @Test("no output holds a bidirectional control or NEL; no file is named after a Windows device")
  func bidiAndDeviceNames() throws {
    let (root, _, out) = try Self.solved()
    defer { try? FileManager.default.removeItem(at: root) }
    let files = HostileOutputTests.files(under: out)
    for path in files {
      let name = String(path.split(separator: "/").last ?? "")
      #expect(!FileName.isReservedOnWindows(name), "\(path)")
      // schedule.json keeps ids and titles exactly (it is read back); everything else is for people.
      guard path != "schedule.json" else { continue }
      let text = try Self.text(out, path)
      let hidden = text.unicodeScalars.filter { DisplayText.isBidiControl($0) || $0 == "\u{85}" }
      #expect(hidden.isEmpty, "\(path): \(hidden.map { String($0.value, radix: 16) })")
    }
    #expect(files.contains { $0.hasPrefix("participants/_CON-") }, "\(files)")
    #expect(files.contains { $0.hasPrefix("participants/_AUX.txt-") }, "\(files)")
    #expect(files.contains { $0.hasPrefix("participants/_lpt1-") }, "\(files)")
    #expect(try Self.text(out, "programme.html").contains("Atelier gnp.exe"))
    // The terminal shows the override, never obeys it.
    #expect(Terminal.visible("a\u{202E}b") == "a\\u{202E}b")
  }
}
