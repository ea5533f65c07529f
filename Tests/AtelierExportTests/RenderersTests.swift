import AtelierCore
import Foundation
import Testing

@testable import AtelierExport

@Suite("Renderers: the single entry point")
struct RenderersTests {
  @Test("every format in one call, each path once and safe")
  func allFormats() throws {
    let export = ExportFixtures.tiny()
    let files = try Renderers.renderAll(
      export.instance, export.timetable, export.schedule, baseURL: "https://example.org")
    let paths = files.map(\.path)
    // 1 programme + 2 rooms + 1 track + 3 participants calendars; 2 frab; 1 + 2 CSV; 2 HTML.
    let participants = ["=chloe", "helene@example.org", "jerome@example.org"].map {
      "participants/\(FileName.component(for: $0)).ics"
    }
    let expected =
      [
        "assignments.csv", "frab-schedule.json", "frab-schedule.xml", "programme.html", "programme.ics", "rooms.html",
        "rooms/amphi.ics", "rooms/salle-a.ics", "signups/code-1.csv", "signups/code-2.csv", "tracks/inclusion.ics",
      ] + participants
    #expect(paths == expected.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    #expect(paths.count == 14)
    #expect(Set(paths).count == paths.count && paths.allSatisfy(FileName.isSafePath))
    #expect(Renderers.all().count == 4)
  }

  @Test("rendering twice gives identical bytes", arguments: ["generated", "hostile"])
  func deterministic(name: String) throws {
    let export = name == "generated" ? try ExportFixtures.generatedCase() : ExportFixtures.hostile()
    let first = try Renderers.renderAll(export.instance, export.timetable, export.schedule, language: "fr")
    let second = try Renderers.renderAll(export.instance, export.timetable, export.schedule, language: "fr")
    #expect(first.map(\.path) == second.map(\.path))
    for (a, b) in zip(first, second) where a.contents != b.contents { Issue.record("\(a.path) differs between runs") }
  }

  /// The tiny instance's workshop runs twice; with everyone in run 1 and a minimum size of 1
  /// (`min_size_policy: cancel`), run 2 is cancelled: every file is then what the same timetable
  /// without run 2 gives, and not what it gives when run 2 takes place.
  @Test("a cancelled run is in no programme, calendar or sign-up sheet")
  func cancelledRunLeftOut() throws {
    var export = ExportFixtures.tiny()
    export.timetable.assignments = export.timetable.assignments.map { .init(participant: $0.participant, run: .init(session: 1, run: 1)) }
    var withoutRun2 = export
    withoutRun2.timetable.placements.removeAll { $0.run == SessionRun(session: 1, run: 2) }
    let uncancelled = try Renderers.renderAll(export.instance, export.timetable, withoutRun2.schedule)
    export.instance.sessions[1].minSize = 1
    withoutRun2.instance.sessions[1].minSize = 1
    #expect(export.timetable.cancelledRuns(in: export.instance) == [SessionRun(session: 1, run: 2)])
    let cancelled = try Renderers.renderAll(export.instance, export.timetable, withoutRun2.schedule)
    let absent = try Renderers.renderAll(withoutRun2.instance, withoutRun2.timetable, withoutRun2.schedule)
    #expect(cancelled.map(\.path) == absent.map(\.path))
    #expect(!cancelled.map(\.path).contains("signups/code-2.csv"))
    for (a, b) in zip(cancelled, absent) where a.contents != b.contents { Issue.record("\(a.path) lists the cancelled run") }
    #expect(uncancelled.map(\.path).contains("signups/code-2.csv"))
    #expect(uncancelled != cancelled)
  }

  @Test("golden programme.ics of the tiny instance (ATELIER_UPDATE_GOLDEN=1 rewrites it)")
  func goldenCalendar() throws {
    let files = try ExportFixtures.tiny().render(ICalendarRenderer(baseURL: "https://example.org/p"))
    try Golden.check(try #require(files["programme.ics"]), as: "programme.ics")
  }

  @Test("a timetable that names unknown rooms is a diagnostic, not a crash")
  func badTimetable() {
    var export = ExportFixtures.tiny()
    export.timetable.placements[0].room = 99
    #expect(throws: DiagnosticsError.self) {
      try Renderers.renderAll(export.instance, export.timetable, export.schedule)
    }
  }
}
