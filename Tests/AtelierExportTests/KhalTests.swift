import AtelierCore
import Foundation
import Testing

@testable import AtelierExport

/// The calendar feeds imported into a real calendar program: Debian's `khal` (issue 6), which reads
/// them with its own iCalendar stack into a vdir calendar, then lists what a person would see. A
/// missing `khal` fails the test (`scripts/install-deps` installs it).
@Suite("calendar feeds imported into khal")
struct KhalTests {
  /// One vdir calendar per feed, times shown in the event's zone.
  static func configuration(folder: URL, calendars: [String], timeZone: String) -> String {
    let entries = calendars.map { "[[\($0)]]\npath = \(folder.appendingPathComponent($0).path)\ntype = calendar\n" }
    return """
      [calendars]
      \(entries.joined(separator: "\n"))
      [locale]
      timeformat = %H:%M
      dateformat = %Y-%m-%d
      longdateformat = %Y-%m-%d
      datetimeformat = %Y-%m-%d %H:%M
      longdatetimeformat = %Y-%m-%d %H:%M
      local_timezone = \(timeZone)
      default_timezone = \(timeZone)

      [sqlite]
      path = \(folder.appendingPathComponent("khal.db").path)

      """
  }

  /// `date start end summary` lines, the format given to `khal list`.
  static func line(_ event: ICalendarExportTests.ExpectedEvent) -> String {
    "\(event.date) \(clockText(event.start)) \(clockText(event.start + event.minutes)) \(event.summary)"
  }

  /// Days from the first to the last date of the instance, both included.
  static func span(_ instance: Instance) throws -> (first: String, days: Int) {
    let parse = { (date: String) throws -> Date in
      try #require(try? Date(date + "T00:00:00Z", strategy: .iso8601))
    }
    let dates = instance.days.map(\.date).sorted()
    let first = try #require(dates.first)
    let last = try #require(dates.last)
    return (first, Int(try parse(last).timeIntervalSince(try parse(first)) / 86_400) + 1)
  }

  @Test("programme, the busiest room's and participant's calendars: khal lists every event at its time",
    arguments: ExportFixtures.generatedNames)
  func importIntoKhal(name: String) throws {
    let export = try ExportFixtures.exportCase(name)
    let instance = export.instance
    let files = try export.render(ICalendarRenderer(baseURL: "https://example.org/p"))
    let events = ICalendarExportTests.expectedEvents(export)

    // What each calendar must hold, from the instance: every run; the runs in one room; one
    // participant's workshop runs and the sessions for everyone on the days they attend.
    let room = try #require(instance.rooms.indices.max { a, b in
      events.values.filter { $0.room == a }.count < events.values.filter { $0.room == b }.count
    })
    var assigned: [Int: Set<SessionRun>] = [:]
    for assignment in export.timetable.assignments {
      assigned[assignment.participant, default: []].insert(assignment.run)
    }
    let participant = try #require(assigned.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key)
    let days = Set(instance.participants[participant].days.map { instance.days[$0].date })
    let feeds: [(calendar: String, path: String, events: [ICalendarExportTests.ExpectedEvent])] = [
      ("programme", "programme.ics", Array(events.values)),
      (
        "room", "rooms/\(FileName.component(for: instance.rooms[room].id)).ics",
        events.values.filter { $0.room == room }
      ),
      (
        "participant", "participants/\(FileName.component(for: instance.participants[participant].id)).ics",
        events.values.filter { event in
          assigned[participant, default: []].contains(event.run)
            || (ProgrammeModel.isForEveryone(instance.sessions[event.run.session]) && days.contains(event.date))
        }
      ),
    ]
    #expect(feeds.allSatisfy { $0.events.count >= 2 }, "each feed has events to find")

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-khal-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    for feed in feeds {
      try FileManager.default.createDirectory(
        at: folder.appendingPathComponent(feed.calendar), withIntermediateDirectories: true)
    }
    let config = folder.appendingPathComponent("khal.conf")
    try Data(
      Self.configuration(folder: folder, calendars: feeds.map(\.calendar), timeZone: instance.timeZone).utf8
    ).write(to: config)
    let (first, span) = try Self.span(instance)

    for feed in feeds {
      let ics = folder.appendingPathComponent(feed.calendar + ".ics")
      try #require(files[feed.path], "\(feed.path) rendered").contents.write(to: ics)
      let imported = try #require(
        ExternalTool.run("khal", ["--config", config.path, "import", "--batch", "-a", feed.calendar, ics.path]))
      #expect(imported.status == 0, "\(feed.path): \(imported.stderr.suffix(2000))")
      let listed = try #require(
        ExternalTool.run(
          "khal",
          [
            "--config", config.path, "list", "--once", "-a", feed.calendar, "--day-format", "",
            "--format", "{start-date} {start-time} {end-time} {title}", first, "\(span)d",
          ]))
      #expect(listed.status == 0, "\(feed.path): \(listed.stderr.suffix(2000))")
      let seen = listed.stdout.split(separator: "\n").filter { !$0.isEmpty }.map(String.init).sorted()
      let expected = feed.events.map(Self.line).sorted()
      #expect(seen.count == expected.count, "\(feed.path): khal lists \(seen.count) events of \(expected.count)")
      let missing = Set(expected).subtracting(seen).sorted()
      let unexpected = Set(seen).subtracting(expected).sorted()
      #expect(
        missing.isEmpty && unexpected.isEmpty,
        "\(feed.path): missing \(missing.prefix(3)), unexpected \(unexpected.prefix(3))")
    }
  }
}
