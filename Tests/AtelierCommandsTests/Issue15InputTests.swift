import AtelierCore
import Foundation
import Testing

@testable import AtelierCommands

/// Issue 15, input, end to end through the built `atelier` executable: instance paths of any form,
/// weights and numeric options out of range, `generate`'s bounds, non-finite numbers, and
/// infeasible instances whose cause a count names before any solve.
@Suite("issue 15: input")
struct Issue15InputTests {
  /// tiny-hand's event (a hand-computed optimum; no participants).
  static func tinyEvent() throws -> String {
    try String(contentsOf: CLI.repository.appendingPathComponent("Instances/tiny-hand/event.yaml"), encoding: .utf8)
  }

  /// Runs the executable in `folder` (the working directory); status, and whether it exited
  /// normally (not by a signal, as a trap would).
  static func run(_ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, exited: Bool, output: String) {
    let run = try CLI.run(arguments, in: folder)
    return (run.status, run.exited, String(decoding: run.output, as: UTF8.self))
  }

  /// `root/inst/event.yaml` (tiny-hand), an empty `root/inst/sub/`, and `root/solved/schedule.json`.
  static func pathFixture() throws -> URL {
    let root = CLI.temporaryFolder()
    let instance = root.appendingPathComponent("inst")
    try FileManager.default.createDirectory(
      at: instance.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try Data(try tinyEvent().utf8).write(to: instance.appendingPathComponent("event.yaml"))
    #expect(CLI.exitCode(["solve", instance.path, "--out", root.appendingPathComponent("solved").path]) == 0)
    return root
  }

  // MARK: - 1. instance paths

  /// A working directory under the fixture's root, an instance path typed there, and whether it
  /// names the instance.
  struct PathCase: Sendable, CustomTestStringConvertible {
    var cwd: String
    var path: String
    var names: Bool
    var testDescription: String { "cd \(cwd); '\(path)'" }
  }

  static let pathCases: [PathCase] = [
    PathCase(cwd: "inst", path: ".", names: true),  // one character: trapped in NSString
    PathCase(cwd: "inst", path: "./", names: true),
    PathCase(cwd: "inst", path: "x", names: false),  // one character, nonexistent
    PathCase(cwd: "inst/sub", path: "..", names: true),
    PathCase(cwd: "inst/sub", path: "../", names: true),
    PathCase(cwd: "inst/sub", path: "../../inst/", names: true),
    PathCase(cwd: ".", path: "inst/", names: true),  // trailing slash
    PathCase(cwd: "inst", path: "event.yaml", names: true),  // an event file in the working directory
    PathCase(cwd: "inst", path: "./event.yaml", names: true),
    PathCase(cwd: "inst/sub", path: "../event.yaml", names: true),
    PathCase(cwd: "inst", path: "y/", names: false),
  ]

  @Test(
    "every command takes any form of instance path: no trap; the instance, or 'no such file' (exit 2)",
    arguments: ["validate", "solve", "check", "export"], pathCases)
  func instancePaths(command: String, path: PathCase) throws {
    let root = try Self.pathFixture()
    defer { try? FileManager.default.removeItem(at: root) }
    let schedule = root.appendingPathComponent("solved/schedule.json").path
    let out = root.appendingPathComponent("out").path
    let arguments: [String] =
      switch command {
      case "validate": ["validate", path.path]
      case "solve": ["solve", path.path, "--out", out]
      case "check": ["check", path.path, schedule]
      default: ["export", path.path, schedule, "--out", out]
      }
    let run = try Self.run(arguments, in: root.appendingPathComponent(path.cwd))
    #expect(run.exited, "killed by a signal: \(run.output)")
    #expect(!run.output.contains("crashed"), "\(run.output)")
    #expect(run.status == (path.names ? 0 : 2), "\(run.output)")
    if !path.names { #expect(run.output.contains("no such file or folder"), "\(run.output)") }
  }

  @Test("an instance path shows as typed: relative inside the working directory, absolute when typed so")
  func shownPaths() {
    let paths = InstancePaths(path: ".", isDirectory: true, workingDirectory: "/w/inst")
    #expect(paths.file("event.yaml") == "event.yaml")
    #expect(paths.shownFolder == ".")
    #expect(InstancePaths(path: "x", isDirectory: false, workingDirectory: "/w").file("participants.csv") == "participants.csv")
    #expect(InstancePaths(path: "a/b/", isDirectory: true, workingDirectory: "/w").file("event.yaml") == "a/b/event.yaml")
    #expect(InstancePaths(path: "..", isDirectory: true, workingDirectory: "/w/inst").file("event.yaml") == "/w/event.yaml")
    #expect(InstancePaths(path: "/w/i/", isDirectory: true, workingDirectory: "/w").file("e.yaml") == "/w/i/e.yaml")
    #expect(InstancePaths(path: "/", isDirectory: false, workingDirectory: "/w").shownFolder == "/")
    #expect(InstancePaths(path: "/w/i", isDirectory: true, workingDirectory: "/w").file("/etc/x") == "/w/i/etc/x")
    #expect(InstancePaths(path: "", isDirectory: true, workingDirectory: "").file("e") == "e")  // relative to the root
    #expect(InstancePaths.stem(of: "scenarios/closed.yaml") == "closed")
    #expect(InstancePaths.stem(of: "x") == "x")
    #expect(InstancePaths.stem(of: ".") == "")
    #expect(InstancePaths.stem(of: "/") == "")
    #expect(InstancePaths.stem(of: ".hidden") == ".hidden")
  }

  // MARK: - 2 and 4. weights, numbers and options

  /// `root/inst/event.yaml`: tiny-hand with `lines` added at the top level.
  static func instance(adding lines: String, json: Bool = false) throws -> (root: URL, instance: URL) {
    let root = CLI.temporaryFolder()
    let instance = root.appendingPathComponent("inst")
    try FileManager.default.createDirectory(at: instance, withIntermediateDirectories: true)
    let text = try tinyEvent().replacingOccurrences(of: "format: atelier/1\n", with: "format: atelier/1\n\(lines)\n")
    try Data(text.utf8).write(to: instance.appendingPathComponent("event.yaml"))
    return (root, instance)
  }

  /// A top-level line of the event, the key path and message `validate` must name, with the line.
  struct NumberCase: Sendable, CustomTestStringConvertible {
    var line: String
    var path: String
    var message: String
    var testDescription: String { line }
  }

  static let numberCases: [NumberCase] = [
    // Passed validate; solve trapped converting 1e30 to Int, aborted (134) at 1e308.
    NumberCase(line: "weights: {avoided_time: 1e30}", path: "weights.avoided_time", message: "1e30 is above the maximum 1000"),
    NumberCase(line: "weights: {avoided_time: 1e308}", path: "weights.avoided_time", message: "above the maximum 1000"),
    NumberCase(line: "weights: {empty_seats: 1000.5}", path: "weights.empty_seats", message: "above the maximum 1000"),
    NumberCase(line: "weights: {track_parallel: -1}", path: "weights.track_parallel", message: "below the minimum 0"),
    // Accepted as 0 (.inf) or as no bound at all (.nan): the term vanished, "optimal".
    NumberCase(line: "weights: {avoided_time: .nan}", path: "weights.avoided_time", message: ".nan is not a number"),
    NumberCase(line: "weights: {preference_missed: .inf}", path: "weights.preference_missed", message: ".inf is not a finite number"),
    NumberCase(line: "weights: {speaker_makespan: -.inf}", path: "weights.speaker_makespan", message: "-.inf is not a finite number"),
    NumberCase(line: "weights: {speaker_makespan: -.Inf}", path: "weights.speaker_makespan", message: "-.Inf is not a finite number"),
    NumberCase(line: "weights: {empty_seats: 1e400}", path: "weights.empty_seats", message: "1e400 is not a finite number"),
    NumberCase(line: "seat_coverage: .nan", path: "seat_coverage", message: ".nan is not a number"),
    NumberCase(line: "seat_coverage: .NaN", path: "seat_coverage", message: ".NaN is not a number"),
    NumberCase(line: "seat_coverage: .inf", path: "seat_coverage", message: ".inf is not a finite number"),
    NumberCase(line: "seat_coverage: -.inf", path: "seat_coverage", message: "-.inf is not a finite number"),
    NumberCase(line: "changeover_minutes: .inf", path: "changeover_minutes", message: "expected an integer"),
  ]

  @Test("validate and solve refuse out-of-range and non-finite numbers, naming the key, line and a fix (exit 1)",
    arguments: numberCases)
  func refusedNumbers(number: NumberCase) throws {
    let (root, instance) = try Self.instance(adding: number.line)
    defer { try? FileManager.default.removeItem(at: root) }
    let validate = try Self.run(["validate", instance.path])
    #expect(validate.exited && validate.status == 1, "\(validate.output)")
    // The line is the event's 11th (tiny-hand's `format:` is its 10th).
    #expect(validate.output.contains("event.yaml:11:"), "\(validate.output)")
    #expect(validate.output.contains(number.message), "\(validate.output)")
    #expect(validate.output.contains("[\(number.path)]"), "\(validate.output)")
    #expect(validate.output.contains("hint: "), "\(validate.output)")
    let solve = try Self.run(["solve", instance.path, "--out", root.appendingPathComponent("out").path])
    #expect(solve.exited && solve.status == 1, "\(solve.output)")
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out").path))
  }

  @Test("every weight at the documented maximum is accepted and solved")
  func weightsAtMaximum() throws {
    let weights = ["co_choice_conflict", "track_parallel", "empty_seats", "track_room_change", "speaker_makespan",
      "preference_missed", "avoided_time"].map { "\($0): 1000" }.joined(separator: ", ")
    let (root, instance) = try Self.instance(adding: "weights: {\(weights)}")
    defer { try? FileManager.default.removeItem(at: root) }
    let solve = try Self.run(["solve", instance.path, "--out", root.appendingPathComponent("out").path])
    #expect(solve.exited && solve.status == 0, "\(solve.output)")
    #expect(solve.output.contains("empty_seats 0.60 × 1000"), "\(solve.output)")
  }

  @Test("event.json: a number beyond ±1.8e308 is refused, not read as 0")
  func jsonOverflow() throws {
    let root = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let json = """
      {"format": "atelier/1", "name": "J", "time_zone": "Europe/Paris", "seat_coverage": 1e999,
       "days": [{"id": "d", "date": "2026-03-02", "slots": [{"start": "09:00", "end": "10:00"}]}],
       "rooms": [{"id": "r", "capacity": 10}],
       "sessions": [{"id": "s", "title": "S", "kind": "talk", "duration": 60}],
       "weights": {"avoided_time": -1e999}}
      """
    try Data(json.utf8).write(to: root.appendingPathComponent("event.json"))
    let validate = try Self.run(["validate", root.path])
    #expect(validate.status == 1, "\(validate.output)")
    #expect(validate.output.contains("1e999 is not a finite number [seat_coverage]"), "\(validate.output)")
    #expect(validate.output.contains("-1e999 is not a finite number [weights.avoided_time]"), "\(validate.output)")
  }

  @Test("scenario files: non-finite and out-of-range weights and factors are refused with their key paths")
  func scenarioNumbers() {
    let text = """
      changes:
        - set_weights: {avoided_time: .nan, empty_seats: 1e30}
        - scale_demand: {factor: .inf}
      """
    let loaded = ScenarioLoader.load(data: Data(text.utf8), file: "s.yaml")
    #expect(loaded.scenario == nil)
    let found = loaded.diagnostics.map { "\($0.code) \($0.location.path ?? "")" }.sorted()
    #expect(
      found == [
        "non-finite-number changes[0].set_weights.avoided_time", "non-finite-number changes[1].scale_demand.factor",
        "out-of-range changes[0].set_weights.empty_seats",
      ], "\(found)")
  }

  @Test("schedule.json: a nan or inf objective is refused with its key path (check exits 2)",
    arguments: [#""value" : 0.6"#, #""amount" : 0.6"#])
  func scheduleNumbers(field: String) throws {
    let root = try Self.pathFixture()
    defer { try? FileManager.default.removeItem(at: root) }
    let solved = root.appendingPathComponent("solved/schedule.json")
    let text = try String(contentsOf: solved, encoding: .utf8)
    try #require(text.contains(field))
    let edited = root.appendingPathComponent("edited.json")
    try Data(text.replacingOccurrences(of: field, with: field.replacingOccurrences(of: "0.6", with: #""nan""#)).utf8)
      .write(to: edited)
    let check = try Self.run(["check", root.appendingPathComponent("inst").path, edited.path])
    #expect(check.exited && check.status == 2, "\(check.output)")
    #expect(check.output.contains("error: the number is not finite (nan or inf) [objective."), "\(check.output)")
    // What solve writes reads back.
    #expect(try Self.run(["check", root.appendingPathComponent("inst").path, solved.path]).status == 0)
  }

  @Test("solve and whatif refuse a time limit or gap that is not a finite number in range (usage, exit 2)",
    arguments: [
      ["--time-limit", "inf"], ["--time-limit", "nan"], ["--time-limit", "1e308"], ["--time-limit", "604801"],
      ["--time-limit", "0"], ["--gap", "nan"], ["--gap", "inf"], ["--coverage-k", "51"],
    ])
  func options(option: [String]) throws {
    let root = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let solve = try Self.run(["solve", CLI.instance("tiny-hand"), "--out", root.path] + option)
    #expect(solve.exited && solve.status == 2, "\(solve.output)")
    #expect(solve.output.contains("Error: \(option[0])"), "\(solve.output)")
    #expect(!FileManager.default.fileExists(atPath: root.path))
  }

  @Test("Double to Int conversions for output saturate: NaN is 0, ±∞ and 1e30 clamp")
  func saturating() {
    #expect(Int(saturating: .nan) == 0)
    #expect(Int(saturating: 1e30) == .max)
    #expect(Int(saturating: .infinity) == .max)
    #expect(Int(saturating: -.infinity) == .min)
    #expect(Int(saturating: -2.7) == -2)
    #expect(Int(saturating: 9_223_372_036_854_774_784) == 9_223_372_036_854_774_784)
  }

  // MARK: - 3. generate's bounds

  @Test(
    "generate refuses participants and days out of its bounds before any work (usage, exit 2, the limit named)",
    arguments: [
      (["--participants", "1000000000000", "--days", "1"], "from 1 to 100,000"),  // ran for ever
      (["--participants", "200000", "--days", "1"], "from 1 to 100,000"),  // wrote a hall validate refused
      (["--participants", "100001", "--days", "3"], "from 1 to 100,000"),
      (["--participants", "0", "--days", "1"], "from 1 to 100,000"),
      (["--participants", "10", "--days", "15"], "between 1 and 14"),
      (["--participants", "10", "--days", "0"], "between 1 and 14"),
    ])
  func generateBounds(arguments: [String], limit: String) throws {
    let out = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try Self.run(["generate"] + arguments + ["--out", out.path])
    #expect(run.exited && run.status == 2, "\(run.output)")
    #expect(run.output.contains(limit), "\(run.output)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test("generate --participants-for refuses counts past the bound, even when they would overflow a sum")
  func attendanceBounds() throws {
    let run = try Self.run([
      "generate", "--participants", "10", "--participants-for", CLI.instance("nec2022"), "--out", CLI.temporaryFolder().path,
      "--attendance", "d1=9223372036854775807,d2=1",
    ])
    #expect(run.exited && run.status == 2, "\(run.output)")
    #expect(run.output.contains("more than 100,000 participants"), "\(run.output)")
  }

  @Test("generated instances at the small corners (1 participant, 1 and 14 days) validate")
  func generateCorners() throws {
    let root = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    for days in [1, 14] {
      let out = root.appendingPathComponent("g\(days)").path
      #expect(try Self.run(["generate", "--participants", "1", "--days", "\(days)", "--out", out]).status == 0)
      let validate = try Self.run(["validate", out])
      #expect(validate.status == 0, "\(validate.output)")
    }
  }

  // MARK: - 12. infeasible instances named by counting

  /// One day of `slots` (09:00, 10:15, 11:30, …, an hour each), `rooms` and `sessions` (YAML list items).
  static func event(slots: Int, rooms: String, speakers: String = "", sessions: String) -> String {
    let starts = ["09:00", "10:15", "11:30", "12:45", "14:00"]
    let ends = ["10:00", "11:15", "12:30", "13:45", "15:00"]
    let grid = (0..<slots).map { #"{start: "\#(starts[$0])", end: "\#(ends[$0])"}"# }.joined(separator: ", ")
    return """
      format: atelier/1
      name: Planted
      time_zone: Europe/Paris
      days:
        - {id: mon, date: "2026-03-02", slots: [\(grid)]}
      rooms:
      \(rooms)
      \(speakers.isEmpty ? "" : "speakers:\n" + speakers)
      sessions:
      \(sessions)
      """
  }

  /// An instance with one planted cause, the code and the words (worked out by hand) naming it.
  struct PlantedCause: Sendable, CustomTestStringConvertible {
    var name: String
    var event: String
    var code: String
    var message: String
    var testDescription: String { name }
  }

  static let planted: [PlantedCause] = [
    // Two exclusive plenaries have the two slots to themselves; the talk needs a third.
    PlantedCause(
      name: "more exclusive runs than slots leave",
      event: event(
        slots: 2, rooms: "  - {id: hall, name: Hall, capacity: 200}\n  - {id: salon, name: Salon, capacity: 100}",
        sessions: """
            - {id: opening, title: Opening, kind: plenary, duration: 60, audience: 100, exclusive: true}
            - {id: closing, title: Closing, kind: plenary, duration: 60, audience: 100, exclusive: true}
            - {id: talk, title: Talk, kind: talk, duration: 60, audience: 50}
          """),
      code: "exclusive-slot-shortage",
      message:
        "the 2 exclusive runs ('Opening' and 'Closing') need 2 slots to themselves (nothing runs beside them) and the other 1 run at least 1 more (2 rooms per slot); the programme has 2 slots"
    ),
    // The old tiny-infeasible: the lab has two slots, the exclusive opening takes one of them.
    PlantedCause(
      name: "runs needing a feature whose only room an exclusive run blocks",
      event: event(
        slots: 2,
        rooms: "  - {id: hall, name: Hall, capacity: 200}\n  - {id: lab, name: Lab, capacity: 30, features: [computers]}",
        sessions: """
            - {id: opening, title: Opening, kind: plenary, duration: 60, exclusive: true, audience: 100, pin: {day: mon, start: "09:00", room: hall}}
            - {id: ws-1, title: Workshop one, kind: workshop, duration: 60, max_size: 30, requires: [computers]}
            - {id: ws-2, title: Workshop two, kind: workshop, duration: 60, max_size: 30, requires: [computers]}
          """),
      code: "feature-shortage",
      message:
        "2 runs ('Workshop one' and 'Workshop two') need 'computers' in 2 room-slots; the 1 room with it offers 2 while open, of which the exclusive runs ('Opening') leave 1"
    ),
    // Only the hall seats 150: three such talks, two slots.
    PlantedCause(
      name: "runs that only one room can seat",
      event: event(
        slots: 2, rooms: "  - {id: hall, name: Hall, capacity: 200}\n  - {id: salon, name: Salon, capacity: 100}",
        sessions: """
            - {id: big-1, title: Big one, kind: talk, duration: 60, audience: 150}
            - {id: big-2, title: Big two, kind: talk, duration: 60, audience: 150}
            - {id: big-3, title: Big three, kind: talk, duration: 60, audience: 150}
          """),
      code: "room-slot-shortage",
      message: "room 'Hall' is the only room for 3 runs ('Big one', 'Big two' and 'Big three'): they need 3 slots, the room can be used in 2"
    ),
    // 3 talks of an hour, 3 slots of an hour 15 minutes apart, and a 30-minute pause: after a
    // talk at 09:00 the next may start at 10:30, so at 11:30: 2 fit (the minutes, 180 of 180, do).
    PlantedCause(
      name: "a speaker's runs and their pauses",
      event: event(
        slots: 3, rooms: "  - {id: hall, name: Hall, capacity: 200}\n  - {id: salon, name: Salon, capacity: 100}",
        speakers: "  - {id: ada, name: Ada, min_pause_minutes: 30}",
        sessions: """
            - {id: t1, title: Talk one, kind: talk, duration: 60, audience: 50, speakers: [ada]}
            - {id: t2, title: Talk two, kind: talk, duration: 60, audience: 50, speakers: [ada]}
            - {id: t3, title: Talk three, kind: talk, duration: 60, audience: 50, speakers: [ada]}
          """),
      code: "speaker-slot-shortage",
      message:
        "speaker 'ada' gives 3 runs ('Talk one', 'Talk two' and 'Talk three'), but with 30 minutes between two of them at most 2 fit in the slots they can use"
    ),
    // Three runs of one workshop, two slots.
    PlantedCause(
      name: "the runs of one session",
      event: event(
        slots: 2, rooms: "  - {id: hall, name: Hall, capacity: 200}\n  - {id: salon, name: Salon, capacity: 100}",
        sessions: "  - {id: ws, title: Workshop, kind: workshop, duration: 60, max_size: 20, runs: 3}"),
      code: "runs-slot-shortage",
      message: "the 3 runs of 'Workshop' may not overlap: they need 3 slots, but can start only where 2 slots are open to them"
    ),
    // a → b → c, an hour each, two slots: b ends at the earliest with the second.
    PlantedCause(
      name: "an after chain longer than the slots",
      event: event(
        slots: 2, rooms: "  - {id: hall, name: Hall, capacity: 200}\n  - {id: salon, name: Salon, capacity: 100}",
        sessions: """
            - {id: a, title: A, kind: talk, duration: 60, audience: 50}
            - {id: b, title: B, kind: talk, duration: 60, audience: 50, after: [a]}
            - {id: c, title: C, kind: talk, duration: 60, audience: 50, after: [b]}
          """),
      code: "after-chain-too-long",
      message:
        "'c' must start after 'b' ends (the chain 'a' → 'b' → 'c'), so after the last slot; no run of it fits there"
    ),
    // The opening is pinned to the last slot; the workshop must follow it.
    PlantedCause(
      name: "an after whose prerequisite is pinned last",
      event: event(
        slots: 2, rooms: "  - {id: hall, name: Hall, capacity: 200}\n  - {id: salon, name: Salon, capacity: 100}",
        sessions: """
            - {id: opening, title: Opening, kind: plenary, duration: 60, audience: 100, pin: {day: mon, start: "10:15"}}
            - {id: ws, title: Workshop, kind: workshop, duration: 60, max_size: 20, after: [opening]}
          """),
      code: "after-chain-too-long",
      message: "'ws' must start after 'opening' ends (the chain 'opening' → 'ws'), so after the last slot; no run of it fits there"
    ),
  ]

  @Test("validate names a planted cause of infeasibility, alone, by counting; solve stops on it before any solve",
    arguments: planted)
  func plantedCause(cause: PlantedCause) throws {
    let root = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try Data(cause.event.utf8).write(to: root.appendingPathComponent("event.yaml"))
    let loaded = InstanceLoader.load(path: root.path)
    #expect(loaded.diagnostics.errors.map(\.code) == [cause.code], "\(loaded.diagnostics.map(\.formatted))")
    #expect(loaded.diagnostics.errors.first?.message == cause.message, "\(loaded.diagnostics.map(\.formatted))")
    #expect(loaded.diagnostics.errors.first?.hint != nil)
    let solve = try Self.run(["solve", root.path, "--out", root.appendingPathComponent("out").path])
    #expect(solve.exited && solve.status == 1, "\(solve.output)")
    // Named first, and no timetable model was built or solved, no explanation searched for.
    #expect(solve.output.split(separator: "\n").first?.contains("error: " + cause.message) == true, "\(solve.output)")
    #expect(!solve.output.contains("timetable:") && !solve.output.contains("what has to give"), "\(solve.output)")
  }

  @Test("an instance only the solver proves infeasible (a triangle of shared speakers) passes the counts; solve exits 3")
  func triangleGoesToTheSolver() throws {
    #expect(InstanceLoader.load(path: CLI.instance("tiny-infeasible")).isValid)
    let out = CLI.temporaryFolder()
    let solve = try Self.run(["solve", CLI.instance("tiny-infeasible"), "--out", out.path])
    #expect(solve.status == 3, "\(solve.output)")
    #expect(solve.output.contains("speaker 'Ada' would have to be in two sessions"), "\(solve.output)")
  }

  @Test("an `after` chain of 3,000 sessions is counted without recursion and named once")
  func longChain() {
    let sessions = (0..<3_000).map { i in
      "  - {id: s\(i), title: S\(i), kind: talk, duration: 60, audience: 10" + (i > 0 ? ", after: [s\(i - 1)]}" : "}")
    }.joined(separator: "\n")
    let text = Self.event(
      slots: 5, rooms: "  - {id: hall, name: Hall, capacity: 200}\n  - {id: salon, name: Salon, capacity: 100}",
      sessions: sessions)
    let loaded = InstanceLoader.load(eventData: Data(text.utf8))
    #expect(loaded.diagnostics.errors.map(\.code) == ["after-chain-too-long"], "\(loaded.diagnostics.prefix(3))")
    // s0 … s4 take the five slots; s5 has none left.
    #expect(
      loaded.diagnostics.errors.first?.message
        == "'s5' must start after 's4' ends (the chain 's0' → 's1' → 's2' → 's3' → 's4' → 's5'), so after the last slot; no run of it fits there"
    )
  }
}
