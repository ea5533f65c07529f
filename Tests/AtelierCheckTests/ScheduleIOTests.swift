import AtelierCheck
import AtelierCore
import Foundation
import Testing

@Suite("schedule.json: writing, reading, mapping back")
struct ScheduleIOTests {
  static func text(_ schedule: Schedule) -> String { String(decoding: schedule.encoded(), as: UTF8.self) }

  static func temporaryFile(_ contents: String, name: String = "schedule.json") throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(contents.utf8).write(to: url)
    return url.path
  }

  /// Removes a file made by `temporaryFile` with its folder.
  static func remove(_ path: String) {
    try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent())
  }

  @Test("timetable → schedule → bytes → schedule → timetable is the identity; bytes are stable")
  func roundTrip() throws {
    let instance = TinyEvent.instance
    let schedule = Schedule(instance: instance, timetable: TinyEvent.timetable, status: .manual)
    let bytes = schedule.encoded()
    #expect(bytes == Schedule(instance: instance, timetable: TinyEvent.timetable, status: .manual).encoded())
    #expect(bytes.last == 0x0A)

    let read = Schedule.load(data: bytes, file: "schedule.json")
    #expect(read.diagnostics == [])
    let decoded = try #require(read.schedule)
    #expect(decoded == schedule)
    #expect(decoded.encoded() == bytes)
    let mapped = decoded.timetable(in: instance)
    #expect(mapped.diagnostics == [])
    #expect(mapped.timetable == TinyEvent.timetable)
  }

  @Test("runs by day, start, room; ISO times with the offset; assignments by participant with their rank")
  func contents() throws {
    let schedule = Schedule(instance: TinyEvent.instance, timetable: TinyEvent.timetable, status: .feasible)
    #expect(schedule.format == "atelier-schedule/1")
    #expect(schedule.instance == Schedule.InstanceReference(name: "Tiny", hash: "tiny-hash"))
    // d1 09:00 open; 10:00 talk-a (hall) before ws-x#1 (lab); 11:30 talk-b, ws-x#2; d2 09:00 long (hall),
    // ws-y (lab), ws-v (studio); 11:30 meet.
    #expect(
      schedule.runs.map { "\($0.session)#\($0.run)" }
        == ["open#1", "talk-a#1", "ws-x#1", "talk-b#1", "ws-x#2", "long#1", "ws-y#1", "ws-v#1", "meet#1"])
    let open = try #require(schedule.runs.first)
    #expect(open.start == "2022-09-28T09:00:00+02:00")
    #expect(open.end == "2022-09-28T10:00:00+02:00")
    #expect(open.day == "d1")
    #expect(open.room == "hall")
    #expect(open.kind == "plenary")
    #expect(open.speakers == ["ada"])
    #expect(schedule.runs.first { $0.session == "long" }?.end == "2022-09-29T11:00:00+02:00")
    #expect(schedule.runs.first { $0.session == "talk-a" }?.track == "main")
    // p1 chose ws-x first (rank 1); p3 second (rank 2).
    let assignments = try #require(schedule.assignments)
    #expect(assignments.map(\.participant) == ["p1", "p2", "p3", "p4"])
    #expect(assignments.map(\.rank) == [1, 1, 2, 1])
    #expect(assignments.map(\.run) == [1, 1, 2, 2])
    // No assignments: the key is left out.
    let bare = Schedule(
      instance: TinyEvent.instance, timetable: Timetable(placements: TinyEvent.placements), status: .manual)
    #expect(bare.assignments == nil)
    #expect(!Self.text(bare).contains("\"assignments\""))
  }

  @Test("a hand-edited schedule with a misspelt room: every problem, at its line, with a hint")
  func misspeltRoom() throws {
    let schedule = Schedule(instance: TinyEvent.instance, timetable: TinyEvent.timetable, status: .manual)
    // The studio holds ws-v and meet: two runs to report.
    let edited = Self.text(schedule).replacingOccurrences(of: "\"studio\"", with: "\"stuido\"")
    let path = try Self.temporaryFile(edited)
    defer { Self.remove(path) }
    let read = Schedule.load(path: path)
    #expect(read.diagnostics == [])
    let loaded = try #require(read.schedule)
    let mapped = loaded.timetable(in: TinyEvent.instance, file: path)
    #expect(mapped.timetable == nil)
    #expect(mapped.diagnostics.count == 2)
    // ws-v is the 8th run, meet the 9th.
    #expect(mapped.diagnostics.map(\.location.path) == ["runs[7].room", "runs[8].room"])
    for diagnostic in mapped.diagnostics {
      #expect(diagnostic.severity == .error)
      #expect(diagnostic.code == "unknown-room")
      #expect(diagnostic.message == "no room has the id 'stuido'")
      #expect(diagnostic.hint == "did you mean 'studio'?")
    }
    let lines = edited.split(separator: "\n", omittingEmptySubsequences: false)
    let expected = lines.indices.filter { lines[$0].contains("stuido") }.map { $0 + 1 }
    let located = Schedule.locate(mapped.diagnostics, inFile: path)
    #expect(located.map(\.location.line) == expected)
    #expect(located.allSatisfy { $0.location.file == path && $0.location.column != nil })
  }

  @Test("unknown ids and times that are no slot start are all reported")
  func mapping() throws {
    var schedule = Schedule(instance: TinyEvent.instance, timetable: TinyEvent.timetable, status: .manual)
    schedule.runs[0].session = "opem"  // unknown session, hint 'open'
    schedule.runs[1].day = "d3"  // unknown day
    schedule.runs[3].start = "2022-09-28T11:45:00+02:00"  // talk-b at 11:45: no slot starts then (H2)
    schedule.runs[4].start = "2022-09-29T11:30:00+02:00"  // ws-x#2 on d1 with a d2 date
    schedule.runs[5].start = "09:00"  // HH:MM is accepted with the run's day
    schedule.runs[6].start = "soon"
    schedule.assignments?[0].participant = "p11"
    let mapped = schedule.timetable(in: TinyEvent.instance)
    #expect(mapped.timetable == nil)
    let found = mapped.diagnostics.map { "\($0.code) \($0.location.path ?? "")" }
    #expect(
      found == [
        "unknown-session runs[0].session", "unknown-day runs[1].day", "not-slot-start runs[3].start",
        "day-mismatch runs[4].start", "bad-time runs[6].start", "unknown-participant assignments[0].participant",
      ])
    #expect(mapped.diagnostics[0].hint == "did you mean 'open'?")
    #expect(mapped.diagnostics[1].hint == "did you mean 'd1'?")
    #expect(mapped.diagnostics[2].message.contains("(H2)"))
    #expect(mapped.diagnostics[2].hint == "slots that day start at 09:00, 10:00, 11:30")
    #expect(mapped.diagnostics[5].hint == "did you mean 'p1'?")
  }

  @Test("runs that are missing, extra or repeated map through, for the checker's H1")
  func h1Passthrough() throws {
    var schedule = Schedule(instance: TinyEvent.instance, timetable: TinyEvent.timetable, status: .manual)
    schedule.runs.append(schedule.runs[0])
    schedule.runs[1].run = 5
    let mapped = schedule.timetable(in: TinyEvent.instance)
    let timetable = try #require(mapped.timetable)
    let report = Checker(instance: TinyEvent.instance).check(timetable)
    #expect(Set(report.violations.map(\.rule)) == ["H1"])
    #expect(report.violations.count == 3)  // open placed twice, talk-a run 5 does not exist, talk-a not placed
  }

  struct BadFile: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var code: String
    var line: Int?
    var column: Int?
    var path: String?
    var testDescription: String { name }
  }

  static let badFiles: [BadFile] = [
    BadFile(name: "empty", text: "", code: "empty-file", line: 1, column: 1),
    // Line 3 is `  "runs": [1 2]`: the 2 is column 14.
    BadFile(
      name: "missing comma", text: "{\n  \"format\": \"atelier-schedule/1\",\n  \"runs\": [1 2]\n}",
      code: "syntax-error",
      line: 3, column: 14),
    // `{"format": "atelier-schedule/1",}`: the `}` is column 33.
    BadFile(
      name: "trailing comma", text: "{\"format\": \"atelier-schedule/1\",}", code: "syntax-error", line: 1, column: 33),
    BadFile(name: "unclosed string", text: "{\n\"format\": \"atelier", code: "syntax-error", line: 2, column: 11),
    BadFile(
      name: "deep nesting", text: String(repeating: "[", count: 100_000), code: "syntax-error", line: 1, column: 65),
    BadFile(name: "not an object", text: "[1, 2]", code: "type-error", path: ""),
    BadFile(
      name: "other format", text: "{\"format\": \"frab\", \"runs\": []}", code: "unsupported-format", line: 1,
      column: 12, path: "format"),
    BadFile(
      name: "a number for a string",
      text: """
        {"format": "atelier-schedule/1", "instance": {"name": "Tiny", "hash": "x"}, "status": "manual",
         "runs": [{"session": 5, "run": 1, "day": "d1", "start": "09:00", "room": "hall"}]}
        """, code: "type-error", line: 2, column: 23, path: "runs[0].session"),
    BadFile(
      name: "unknown status",
      text: """
        {"format": "atelier-schedule/1", "instance": {"name": "Tiny", "hash": "x"}, "status": "done", "runs": []}
        """, code: "bad-value", line: 1, column: 87, path: "status"),
    BadFile(
      name: "missing key", text: "{\"format\": \"atelier-schedule/1\", \"status\": \"manual\", \"runs\": []}",
      code: "missing-key"),
    BadFile(name: "not UTF-8", text: "{\"format\": \"\u{FFFF}\"}", code: "invalid-encoding"),
  ]

  @Test("unreadable schedules give one diagnostic, at its line and column when known", arguments: badFiles)
  func badFile(_ bad: BadFile) {
    var data = Data(bad.text.utf8)
    if bad.code == "invalid-encoding" { data = Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]) }
    let read = Schedule.load(data: data, file: "s.json")
    #expect(read.schedule == nil)
    #expect(read.diagnostics.count == 1)
    let diagnostic = read.diagnostics.first
    #expect(diagnostic?.code == bad.code, "\(read.diagnostics.map(\.formatted))")
    #expect(diagnostic?.location.file == "s.json")
    if let line = bad.line { #expect(diagnostic?.location.line == line) }
    if let column = bad.column { #expect(diagnostic?.location.column == column) }
    if let path = bad.path { #expect(diagnostic?.location.path == path) }
  }

  @Test("missing files, folders and files over 256 MB are refused")
  func refused() throws {
    #expect(Schedule.load(path: "/nonexistent/schedule.json").diagnostics.map(\.code) == ["not-found"])
    let path = try Self.temporaryFile("{}")
    defer { Self.remove(path) }
    let folder = (path as NSString).deletingLastPathComponent
    #expect(Schedule.load(path: folder).diagnostics.map(\.code) == ["unreadable"])
    // A sparse file: its size is past the limit, its blocks are never written.
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: UInt64(Schedule.maxBytes + 1))
    try handle.close()
    let read = Schedule.load(path: path)
    #expect(read.schedule == nil)
    #expect(read.diagnostics.map(\.code) == ["file-too-large"])
    try FileManager.default.removeItem(atPath: folder)
  }
}
