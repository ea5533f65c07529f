import AtelierCore
import Foundation
import Testing

@testable import AtelierExport

@Suite("iCalendar export, read back by Python's icalendar")
struct ICalendarExportTests {
  /// Parses every `.ics` under a folder and checks each event's start against Python's own
  /// time-zone database: `expected` maps UID to the local `YYYY-MM-DD HH:MM` the run starts at.
  /// Prints `calendars events` on success, one problem per line otherwise.
  static let checkScript = """
    import json, pathlib, datetime, zoneinfo
    root = pathlib.Path(sys.argv[1]); expected = json.loads(pathlib.Path(sys.argv[2]).read_text())
    tz = zoneinfo.ZoneInfo(sys.argv[3]); problems = []; calendars = events = 0
    for path in sorted(root.rglob('*.ics')):
        calendars += 1
        try:
            cal = icalendar.Calendar.from_ical(path.read_bytes())
        except Exception as error:
            problems.append(f'{path.name}: does not parse: {error}'); continue
        zones = cal.walk('VTIMEZONE')
        if len(zones) != 1 or str(zones[0]['TZID']) != sys.argv[3]:
            problems.append(f'{path.name}: {len(zones)} VTIMEZONE')
        uids = set()
        for event in cal.walk('VEVENT'):
            events += 1
            uid = str(event['UID'])
            if uid in uids: problems.append(f'{path.name}: UID {uid} twice')
            uids.add(uid)
            if event['DTSTART'].params.get('TZID') != sys.argv[3]:
                problems.append(f'{path.name}: {uid} DTSTART without TZID')
            start = event.decoded('DTSTART'); end = event.decoded('DTEND')
            want = datetime.datetime.strptime(expected[uid]['start'], '%Y-%m-%d %H:%M').replace(tzinfo=tz)
            if start.tzinfo is None or start != want:
                problems.append(f'{path.name}: {uid} starts {start!r}, expected {want!r}')
            if (end - start) != datetime.timedelta(minutes=expected[uid]['minutes']):
                problems.append(f'{path.name}: {uid} lasts {end - start}')
            if str(event['SUMMARY']) != expected[uid]['summary']:
                problems.append(f'{path.name}: {uid} SUMMARY {str(event["SUMMARY"])!r}')
    print(calendars, events)
    print('\\n'.join(problems[:20]))
    sys.exit(1 if problems else 0)
    """

  /// One run as a calendar program should show it, computed from the instance (not the renderer).
  struct ExpectedEvent {
    var run: SessionRun
    var room: Int
    /// `YYYY-MM-DD`, local.
    var date: String
    var start: Int
    var minutes: Int
    var summary: String
  }

  /// UID → the event every calendar holding that run must show.
  static func expectedEvents(_ export: ExportCase) -> [String: ExpectedEvent] {
    var result: [String: ExpectedEvent] = [:]
    let slug = Slug.make(export.instance.name)
    for placement in export.timetable.placements {
      let session = export.instance.sessions[placement.run.session]
      let slot = export.instance.slots[placement.slot]
      let uid = "\(ContentLines.uidComponent(session.id))-\(placement.run.run)@\(slug).atelier"
      let speakers = session.speakers.map { export.instance.speakers[$0].name }
      let summary = speakers.isEmpty ? session.title : "\(session.title) – \(speakers.joined(separator: ", "))"
      result[uid] = ExpectedEvent(
        run: placement.run, room: placement.room, date: export.instance.days[slot.day].date, start: slot.start,
        minutes: session.durationMinutes, summary: summary)
    }
    return result
  }

  /// UID → expected start, duration and summary, for the Python check.
  static func expectations(_ export: ExportCase) -> [String: [String: JSONAny]] {
    expectedEvents(export).mapValues { event in
      // icalendar reads `\n` back as a line feed; CR LF in a title is written as one `\n`.
      [
        "start": .string("\(event.date) \(clockText(event.start))"), "minutes": .int(event.minutes),
        "summary": .string(event.summary.replacingOccurrences(of: "\r\n", with: "\n")),
      ]
    }
  }

  func check(_ export: ExportCase, expectedCalendars: Int) throws {
    let files = try export.render(ICalendarRenderer(baseURL: "https://example.org/p"))
    #expect(files.count == expectedCalendars)
    let folder = try writeToTemporaryFolder(files.values)
    defer { try? FileManager.default.removeItem(at: folder) }
    let expected = folder.appendingPathComponent("expected.json")
    try JSONEncoder().encode(Self.expectations(export)).write(to: expected)
    let output = try #require(
      ExternalTool.python(
        Self.checkScript, modules: ["icalendar"], arguments: [folder.path, expected.path, export.instance.timeZone]))
    #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    // Every run is in programme.ics once, in its room's and (if any) its track's calendar once.
    let counts = output.stdout.split(separator: "\n").first?.split(separator: " ").compactMap { Int($0) } ?? []
    #expect(counts.first == expectedCalendars)
  }

  @Test(
    "every calendar of a generated instance parses, starts at the right instant, has one VTIMEZONE",
    arguments: ExportFixtures.generatedNames)
  func generatedCalendarsParse(name: String) throws {
    let export = try ExportFixtures.exportCase(name)
    // programme.ics + one per room + one per track + one per participant.
    let expected = 1 + export.instance.rooms.count + export.instance.tracks.count + export.instance.participants.count
    try check(export, expectedCalendars: expected)
  }

  @Test("hostile titles and ids: escaped, still one event per run, files stay inside their folders")
  func hostileCalendars() throws {
    let export = ExportFixtures.hostile()
    try check(export, expectedCalendars: 1 + 2 + 1 + 3)
    let files = try export.render(ICalendarRenderer())
    let programme = try #require(files["programme.ics"]).text
    // 4 runs → 4 events: the `BEGIN:VEVENT` inside the title is escaped text, never a line of its own.
    #expect(programme.components(separatedBy: "\r\nBEGIN:VEVENT\r\n").count - 1 == 4)
    #expect(files.keys.allSatisfy { FileName.isSafePath($0) && !$0.split(separator: "/").contains("..") })
    #expect(files.keys.filter { $0.hasPrefix("participants/") }.count == 3)
  }

  @Test("content lines: CRLF only, at most 75 octets, TZID starts", arguments: ["programme.ics", "rooms/salle-a.ics"])
  func contentLines(path: String) throws {
    let export = ExportFixtures.tiny(title: String(repeating: "Atelier numérique très long ", count: 8))
    let text = try #require(try export.render(ICalendarRenderer())[path]).text
    #expect(text.hasSuffix("\r\n"))
    let lines = text.components(separatedBy: "\r\n").dropLast()
    #expect(!lines.contains { $0.contains("\n") || $0.contains("\r") }, "bare CR or LF")
    #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "\(lines.map(\.utf8.count).max() ?? 0) octets")
    #expect(lines.contains("BEGIN:VTIMEZONE"))
    #expect(lines.contains("DTSTART;TZID=Europe/Paris:20220929T101500"))
    // A folded SUMMARY: continuation lines start with one space.
    #expect(lines.contains { $0.hasPrefix(" ") })
  }
}

@Suite("iCalendar SEQUENCE against a previous schedule")
struct ICalendarSequenceTests {
  /// SEQUENCE of each UID prefix (`code-1`) in programme.ics.
  func sequences(_ export: ExportCase, previous: Schedule?) throws -> [String: String] {
    let text = try #require(try export.render(ICalendarRenderer(previous: previous))["programme.ics"]).text
    var result: [String: String] = [:]
    for event in text.components(separatedBy: "BEGIN:VEVENT\r\n").dropFirst() {
      let lines = event.components(separatedBy: "\r\n")
      let uid = lines.first { $0.hasPrefix("UID:") }?.dropFirst(4).split(separator: "@").first.map(String.init) ?? "?"
      result[uid] = lines.first { $0.hasPrefix("SEQUENCE:") }.map { String($0.dropFirst(9)) }
    }
    return result
  }

  @Test("no previous schedule, or nothing moved: every SEQUENCE is 0")
  func unchanged() throws {
    let export = ExportFixtures.tiny()
    let zero = ["opening-1": "0", "code-1": "0", "code-2": "0", "communs-1": "0"]
    #expect(try sequences(export, previous: nil) == zero)
    #expect(try sequences(export, previous: export.schedule) == zero)
  }

  @Test("a run moved in time or to another room gets SEQUENCE 1; the others keep 0")
  func moved() throws {
    let before = ExportFixtures.tiny()
    var after = before
    // code run 1: salle-a → amphi (same 10:15); code run 2: 14:00 → 15:00 (slot 3), same room.
    after.timetable.placements = after.timetable.placements.map { placement in
      var placement = placement
      if placement.run == SessionRun(session: 1, run: 1) { placement.room = 0 }
      if placement.run == SessionRun(session: 1, run: 2) { placement.slot = 3 }
      return placement
    }
    #expect(
      try sequences(after, previous: before.schedule) == [
        "opening-1": "0", "code-1": "1", "code-2": "1", "communs-1": "0",
      ])
  }

  @Test("a hand-written time with another offset is the same instant, not a move")
  func sameInstantOtherOffset() throws {
    let export = ExportFixtures.tiny()
    var previous = export.schedule
    // Opening 09:00 in Paris (UTC+2 in September) is 07:00Z; its end is left out.
    previous.runs = previous.runs.map { run in
      var run = run
      if run.session == "opening" {
        run.start = "2022-09-29T07:00:00Z"
        run.end = nil
      }
      return run
    }
    #expect(try sequences(export, previous: previous)["opening-1"] == "0")
    previous.runs = previous.runs.map { run in
      var run = run
      if run.session == "opening" { run.start = "2022-09-29T09:00:00Z" }  // 11:00 in Paris: moved
      return run
    }
    #expect(try sequences(export, previous: previous)["opening-1"] == "1")
  }
}

/// Just enough JSON for expectations handed to Python.
enum JSONAny: Encodable {
  case string(String)
  case int(Int)

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let value): try container.encode(value)
    case .int(let value): try container.encode(value)
    }
  }
}
