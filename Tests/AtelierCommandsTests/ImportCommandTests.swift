import AtelierCheck
import AtelierCommands
import AtelierCore
import Foundation
import Testing

/// `atelier import pretalx|sessions`: the round trip of a real pretalx schedule (import → validate
/// → check → solve --baseline), a sessions spreadsheet, and bad input with its diagnostics.
@Suite("atelier import")
struct ImportCommandTests {
  static let fixtures = CLI.repository.appendingPathComponent("Tests/ImportFixtures")
  static let democon = fixtures.appendingPathComponent("pretalx-democon.json").path
  static let sessions = fixtures.appendingPathComponent("sessions.csv").path

  /// Where each run is: session id → "day start room".
  static func places(_ schedule: Schedule) -> [String: String] {
    Dictionary(schedule.runs.map { ("\($0.session)#\($0.run)", "\($0.day) \($0.start) \($0.room)") }, uniquingKeysWith: { a, _ in a })
  }

  static func load(_ folder: URL) throws -> (instance: Instance, schedule: Schedule) {
    let instance = try #require(InstanceLoader.load(path: folder.path).instance)
    let schedule = try #require(Schedule.load(path: folder.appendingPathComponent("schedule.json").path).schedule)
    return (instance, schedule)
  }

  @Test("pretalx's demo schedule: import, validate, check (one broken rule, as published), solve --baseline keeps the rest")
  func pretalxRoundTrip() throws {
    let folder = CLI.temporaryFolder()
    let out = CLI.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: folder)
      try? FileManager.default.removeItem(at: out)
    }
    #expect(CLI.exitCode(["import", "pretalx", Self.democon, "--output", folder.path]) == 0)
    #expect(CLI.exitCode(["validate", folder.path]) == 0)

    let (instance, published) = try Self.load(folder)
    // 36 talks and workshops in two rooms over three days, 27 speakers; the grid is the published
    // half-hours, with the empty 10:30–11:30 and 13:00–14:00 as breaks.
    #expect(instance.sessions.count == 36)
    #expect(instance.rooms.map(\.name) == ["Gray Room", "Tan Room"])
    #expect(instance.rooms.map(\.kinds) == [[.talk], [.workshop]])
    #expect(instance.speakers.count == 27)
    #expect(instance.tracks.map(\.name).sorted() == ["Horizontal", "Phased"])
    #expect(instance.days.map(\.date) == ["2020-12-14", "2020-12-15", "2020-12-16"])
    #expect(instance.days[0].breaks.map { [$0.start, $0.end] } == [[630, 690], [780, 840]])
    #expect(instance.sessions.filter { $0.kind == .workshop }.allSatisfy { $0.durationMinutes == 90 })
    #expect(published.status == .manual && published.instance.hash == instance.hash)
    #expect(published.runs.count == 36)
    #expect(published.runs.first?.start == "2020-12-14T09:00:00+00:00")

    // The published schedule breaks one rule: Stephanie Hudson gives two sessions at once.
    let timetable = try #require(published.timetable(in: instance).timetable)
    let report = Checker(instance: instance).check(timetable)
    #expect(report.violations.map(\.rule) == ["H7"])
    #expect(CLI.exitCode(["check", folder.path, folder.appendingPathComponent("schedule.json").path]) == 1)

    // Re-solved close to it: every rule holds, and at most 3 of 36 runs move.
    let baseline = folder.appendingPathComponent("schedule.json").path
    #expect(
      CLI.exitCode(["solve", folder.path, "--baseline", baseline, "--out", out.path, "--time-limit", "20"]) == 0)
    let resolved = try #require(Schedule.load(path: out.appendingPathComponent("schedule.json").path).schedule)
    #expect(CLI.exitCode(["check", folder.path, out.appendingPathComponent("schedule.json").path]) == 0)
    let before = Self.places(published)
    let after = Self.places(resolved)
    let moved = before.keys.filter { before[$0] != after[$0] }
    #expect(after.count == 36)
    #expect((1...3).contains(moved.count), "moved: \(moved.sorted())")
  }

  @Test("Atelier's own frab export imports back to the same placements, and they check")
  func ownFrabExport() throws {
    let solved = CLI.temporaryFolder()
    let folder = CLI.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: solved)
      try? FileManager.default.removeItem(at: folder)
    }
    #expect(CLI.exitCode(["solve", CLI.instance("tiny-hand"), "--out", solved.path]) == 0)
    let frab = solved.appendingPathComponent("frab-schedule.json").path
    #expect(CLI.exitCode(["import", "pretalx", frab, "--output", folder.path]) == 0)
    #expect(CLI.exitCode(["check", folder.path, folder.appendingPathComponent("schedule.json").path]) == 0)
    let original = try #require(Schedule.load(path: solved.appendingPathComponent("schedule.json").path).schedule)
    let (instance, imported) = try Self.load(folder)
    // Capacities come with the export (no placeholder); ids are made of the rooms' names.
    #expect(instance.rooms.map(\.capacity) == [100, 30])
    func times(_ schedule: Schedule) -> [String] { schedule.runs.map { "\($0.title ?? "") \($0.start)" } }
    #expect(times(imported) == times(original))
  }

  @Test("the same input gives byte-identical files; a non-empty folder is refused without --force")
  func deterministicAndRefusesToOverwrite() throws {
    let a = CLI.temporaryFolder()
    let b = CLI.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: a)
      try? FileManager.default.removeItem(at: b)
    }
    #expect(CLI.exitCode(["import", "pretalx", Self.democon, "--output", a.path]) == 0)
    #expect(CLI.exitCode(["import", "pretalx", Self.democon, "--output", b.path]) == 0)
    for name in ["event.yaml", "schedule.json"] {
      let x = try Data(contentsOf: a.appendingPathComponent(name))
      let y = try Data(contentsOf: b.appendingPathComponent(name))
      #expect(x == y, "\(name) differs")
    }
    let before = try Data(contentsOf: a.appendingPathComponent("event.yaml"))
    #expect(CLI.exitCode(["import", "sessions", Self.sessions, "--output", a.path]) == 2)
    #expect(try Data(contentsOf: a.appendingPathComponent("event.yaml")) == before)
    #expect(CLI.exitCode(["import", "sessions", Self.sessions, "--output", a.path, "--force"]) == 0)
    #expect(try Data(contentsOf: a.appendingPathComponent("event.yaml")) != before)
  }

  @Test("a sessions spreadsheet: French headings, dates and durations; every row placed, so the published schedule checks")
  func sessionsSpreadsheet() throws {
    let folder = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(
      CLI.exitCode(["import", "sessions", Self.sessions, "--output", folder.path, "--time-zone", "Europe/Paris"]) == 0)
    #expect(CLI.exitCode(["validate", folder.path]) == 0)
    #expect(CLI.exitCode(["check", folder.path, folder.appendingPathComponent("schedule.json").path]) == 0)
    let (instance, schedule) = try Self.load(folder)
    #expect(instance.timeZone == "Europe/Paris")
    #expect(instance.sessions.map(\.id) == ["ouverture", "atelier-code", "table-ronde", "pitchs-donnees", "atelier-cartes", "cloture"])
    #expect(instance.sessions.map(\.kind) == [.plenary, .workshop, .roundTable, .pitch, .workshop, .plenary])
    #expect(instance.sessions.map(\.durationMinutes) == [60, 90, 60, 45, 90, 60])
    #expect(instance.sessions[3].title == "Pitchs \"données\"")
    #expect(instance.speakers.map(\.name) == ["Marie Dupont", "Jean Martin", "Ana Lopez", "Paul Roy"])
    #expect(instance.sessions[2].speakers.map { instance.speakers[$0].id } == ["marie-dupont", "paul-roy"])
    #expect(instance.days.map(\.date) == ["2022-09-29", "2022-09-30"])
    #expect(schedule.runs.first?.start == "2022-09-29T09:00:00+02:00")
    #expect(instance.rooms.allSatisfy { $0.capacity == ImportedEvent.placeholderCapacity })
    let yaml = try String(contentsOf: folder.appendingPathComponent("event.yaml"), encoding: .utf8)
    #expect(yaml.components(separatedBy: "# PLACEHOLDER capacity").count - 1 == 2)
  }

  @Test("rows placed in part become pins, and no schedule.json is written; --slots gives the grid")
  func partialPlacementsPin() throws {
    let csv = """
      title,duration,kind,room,day,start
      Keynote,60,keynote,Main,2026-06-01,09:00
      Workshop A,60,workshop,Lab,,
      Talk B,30,talk,,2026-06-01,
      """
    let file = CLI.temporaryFolder().appendingPathExtension("csv")
    let folder = CLI.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: file)
      try? FileManager.default.removeItem(at: folder)
    }
    try Data(csv.utf8).write(to: file)
    #expect(
      CLI.exitCode([
        "import", "sessions", file.path, "--output", folder.path, "--slots", "09:00-10:00,10:00-11:00,11:30-12:30",
        "--days", "2026-06-02",
      ]) == 0)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("schedule.json").path))
    let instance = try #require(InstanceLoader.load(path: folder.path).instance)
    #expect(instance.days.count == 2 && instance.slots.count == 6)
    #expect(instance.sessions[0].pins == [Pin(day: 0, start: 540, room: 0)])
    #expect(instance.sessions[1].pins == [Pin(room: 1)])
    #expect(instance.sessions[2].pins == [Pin(day: 0)])
    #expect(instance.days[0].breaks.map(\.start) == [660])
  }

  // MARK: - Bad input

  /// A small pretalx schedule, one key per line, with `event` as its only event (line 9 on).
  static func pretalx(event: String, rooms: String = #"[{"name": "Main Hall", "capacity": 120}]"#) -> String {
    """
    {"schedule": {"version": "1",
     "conference": {"title": "Small", "acronym": "small", "time_zone_name": "Europe/Berlin",
      "start": "2024-05-01", "end": "2024-05-01", "daysCount": 1, "timeslot_duration": "00:05",
      "rooms": \(rooms),
      "days": [
       {"index": 1, "date": "2024-05-01", "day_start": "2024-05-01T04:00:00+02:00",
        "day_end": "2024-05-02T03:59:00+02:00",
        "rooms": {"Main Hall": [
    \(event)
        ]}}]}}}
    """
  }

  static let goodEvent = """
      {"title": "Hello",
       "date": "2024-05-01T09:00:00+02:00",
       "duration": "00:30",
       "room": "Main Hall",
       "type": "Talk",
       "persons": [{"code": "P1", "public_name": "Pat"}]}
    """

  @Test("a small valid schedule imports with its capacity and no placeholder")
  func smallValid() throws {
    let (event, diagnostics) = PretalxImporter.read(Data(Self.pretalx(event: Self.goodEvent).utf8), file: "s.json")
    #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.formatted))")
    let imported = try #require(event)
    #expect(imported.event.rooms.map(\.capacity) == [120] && imported.placeholderCapacities.isEmpty)
    #expect(imported.published == [.init(session: "hello", run: 1, day: "d1", start: 540, room: "main-hall")])
    #expect(imported.render().instance != nil)
  }

  @Test("warnings, not errors: no time zone (guessed from the offsets), an unknown type (a talk), an event past midnight (left out)")
  func pretalxWarnings() throws {
    let late = Self.goodEvent.replacingOccurrences(of: "Hello", with: "Late").replacingOccurrences(of: "T09:00", with: "T23:45")
    let hack = Self.goodEvent.replacingOccurrences(of: "Hello", with: "Hack").replacingOccurrences(of: "Talk", with: "Hackathon")
      .replacingOccurrences(of: "T09:00", with: "T10:00")
    let text = Self.pretalx(event: late + ",\n" + hack)
      .replacingOccurrences(of: #""time_zone_name": "Europe/Berlin","#, with: "")
    let (event, diagnostics) = PretalxImporter.read(Data(text.utf8), file: "s.json")
    let imported = try #require(event, "\(diagnostics.map(\.formatted))")
    #expect(diagnostics.map(\.code).sorted() == ["import-past-midnight", "import-time-zone-guessed", "import-unknown-kind"])
    #expect(imported.event.timeZone == "Etc/GMT-2")
    #expect(imported.event.sessions.map(\.title) == ["Hack"] && imported.event.sessions[0].kind == "talk")
    #expect(imported.render().schedule?.runs.first?.start == "2024-05-01T10:00:00+02:00")
  }

  @Test("an event of type break is a break of the grid, with its title, not a session")
  func publishedBreak() throws {
    let lunch = Self.goodEvent.replacingOccurrences(of: "Hello", with: "Lunch").replacingOccurrences(of: "Talk", with: "break")
      .replacingOccurrences(of: "T09:00", with: "T09:30").replacingOccurrences(of: "00:30", with: "00:15")
    let after = Self.goodEvent.replacingOccurrences(of: "Hello", with: "After").replacingOccurrences(of: "T09:00", with: "T09:45")
    let text = Self.pretalx(event: Self.goodEvent + ",\n" + lunch + ",\n" + after)
    let (event, diagnostics) = PretalxImporter.read(Data(text.utf8), file: "s.json")
    let imported = try #require(event, "\(diagnostics.map(\.formatted))")
    #expect(imported.event.sessions.map(\.title) == ["Hello", "After"])
    // 09:30–09:45 is shorter than a break by itself, but published as one.
    #expect(imported.event.days[0].breaks == [.init(title: "Lunch", start: "09:30", end: "09:45")])
    #expect(imported.render().instance != nil)
  }

  @Test(
    "bad pretalx input: each problem with its code, key path, line and hint; exit 1, nothing written",
    arguments: [
      // The event has no title.
      (Self.goodEvent.replacingOccurrences(of: #""title": "Hello","#, with: ""), "missing-key", "rooms.Main Hall[0]", 9),
      // A duration as a number of minutes, where frab writes "00:30".
      (Self.goodEvent.replacingOccurrences(of: #""00:30""#, with: "30"), "type-error", "rooms.Main Hall[0].duration", 11),
      // A duration that is no H:MM.
      (Self.goodEvent.replacingOccurrences(of: #""00:30""#, with: #""half an hour""#), "bad-duration", ".duration", 11),
      // A room the conference does not list (misspelt): did you mean?
      (Self.goodEvent.replacingOccurrences(of: #""room": "Main Hall""#, with: #""room": "Main Hal""#), "unknown-room", ".room", 12),
      // A start that is no date-time.
      (Self.goodEvent.replacingOccurrences(of: "2024-05-01T09:00:00+02:00", with: "tomorrow 9am"), "bad-time", ".date", 10),
      // A title that is a number.
      (Self.goodEvent.replacingOccurrences(of: #""Hello""#, with: "42"), "type-error", ".title", 9),
    ])
  func badPretalx(_ event: String, _ code: String, _ pathSuffix: String, _ line: Int) throws {
    let text = Self.pretalx(event: event)
    let (imported, diagnostics) = PretalxImporter.read(Data(text.utf8), file: "s.json")
    #expect(imported == nil)
    let error = try #require(diagnostics.errors.first, "\(diagnostics.map(\.formatted))")
    #expect(diagnostics.errors.count == 1, "\(diagnostics.map(\.formatted))")
    #expect(error.code == code)
    #expect(error.location.file == "s.json")
    #expect(error.location.path?.hasSuffix(pathSuffix) == true, "\(error.location.path ?? "")")
    #expect(error.location.line == line, "\(error.formatted)")
    #expect(error.hint != nil, "\(error.formatted)")
    if code == "unknown-room" { #expect(error.hint == "did you mean 'Main Hall'?") }

    // Through the command line: exit 1, no folder.
    let file = CLI.temporaryFolder().appendingPathExtension("json")
    let folder = CLI.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: file)
      try? FileManager.default.removeItem(at: folder)
    }
    try Data(text.utf8).write(to: file)
    #expect(CLI.exitCode(["import", "pretalx", file.path, "--output", folder.path]) == 1)
    #expect(!FileManager.default.fileExists(atPath: folder.path))
  }

  @Test(
    "not a schedule: syntax errors at their line and column, another JSON document, a missing file (exit 2)",
    arguments: [
      ("{\"schedule\": {\"conference\": [1,]}}", "syntax-error", 1),
      ("{\"talks\": []}", "missing-key", 1),
      ("[1, 2]", "type-error", 1),
      ("", "empty-file", 1),
    ])
  func notASchedule(_ text: String, _ code: String, _ line: Int) {
    let (imported, diagnostics) = PretalxImporter.read(Data(text.utf8), file: "x.json")
    #expect(imported == nil)
    #expect(diagnostics.errors.first?.code == code, "\(diagnostics.map(\.formatted))")
    #expect(CLI.exitCode(["import", "pretalx", "/nonexistent/schedule.json", "--output", "/tmp/unused"]) == 2)
  }

  @Test(
    "bad sessions CSV: the cell's line and column, what is wrong, a hint",
    arguments: [
      // No duration column at all.
      ("title;kind\nHello;talk\n", "csv-missing-column", 1, 1),
      // A duration that is no number of minutes.
      ("title;duration\nHello;une heure\n", "bad-duration", 2, 7),
      // 31 February.
      ("title,duration,day,start\nHello,60,31/02/2026,09:00\n", "bad-date", 2, 10),
      // A time written as a word.
      ("title,duration,day,start\nHello,60,2026-06-01,noon\n", "bad-time", 2, 21),
      // A row without a title.
      ("title,duration\n,60\n", "import-empty-title", 2, 1),
      // runs out of range.
      ("title,duration,runs\nHello,60,0\n", "bad-number", 2, 10),
    ])
  func badSessions(_ text: String, _ code: String, _ line: Int, _ column: Int) throws {
    let (imported, diagnostics) = SessionsImporter.read(Data(text.utf8), file: "s.csv")
    #expect(imported == nil)
    let error = try #require(diagnostics.errors.first, "\(diagnostics.map(\.formatted))")
    #expect(error.code == code)
    #expect(error.location.file == "s.csv")
    #expect(error.location.line == line && error.location.column == column, "\(error.formatted)")
    #expect(error.hint != nil, "\(error.formatted)")
  }
}
