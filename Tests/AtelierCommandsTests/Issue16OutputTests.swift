import AtelierCheck
import AtelierCore
import Foundation
import Testing

@testable import AtelierCommands

/// Issue 16, item 7: what `check` and `solve` print.
@Suite("Issue 16: output details")
struct Issue16OutputTests {
  /// Ten people; in the 12:00 slot only the small room (2 seats) is open and no slot says it is a
  /// meal slot: validate refuses the event (seat-shortage), yet a schedule of it can be checked.
  static let event = """
    name: Meal slot
    time_zone: Europe/Paris
    days:
      - id: d1
        date: 2024-06-03
        slots:
          - {start: "11:00", end: "12:00"}
          - {start: "12:00", end: "13:00"}
          - {start: "13:00", end: "14:00"}
    rooms:
      - {id: hall, capacity: 10, unavailable: [{day: d1, start: "12:00", end: "13:00"}]}
      - {id: small, capacity: 2}
    sessions:
      - {id: a, title: A, kind: talk, duration: 60}
      - {id: b, title: B, kind: talk, duration: 60}
      - {id: q, title: Quickie, kind: talk, duration: 60}
    """

  /// The event with ten participants present on d1.
  static func folder(event: String) throws -> URL {
    try Issue15DiagnosisTests.makeInstance(event: event, csv: Data(("id,days\n" + (1...10).map { "p\($0),d1\n" }.joined()).utf8))
  }

  static let schedule = """
    {"format": "atelier-schedule/1", "instance": {"name": "Meal slot", "hash": "edited"}, "status": "manual",
     "runs": [{"session": "a", "run": 1, "day": "d1", "start": "11:00", "room": "hall"},
              {"session": "q", "run": 1, "day": "d1", "start": "12:00", "room": "small"},
              {"session": "b", "run": 1, "day": "d1", "start": "13:00", "room": "hall"}]}
    """

  @Test("check reports H12 per slot with the soft terms where validate refuses the seats; validate's error is a warning")
  func checkReportsSeatsPerSlot() throws {
    let folder = try Self.folder(event: Self.event)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("schedule.json").path
    try Data(Self.schedule.utf8).write(to: URL(fileURLWithPath: path))
    let outcome = CheckCommand.check(instancePath: folder.path, schedulePath: path)
    let report = try #require(outcome.report, "\(outcome.diagnostics.map(\.formatted))")
    #expect(
      report.violations.map(\.message) == [
        "Monday 3 Jun 12:00–13:00 offers 2 seats; 10 are needed (those present that day × seat coverage)"
      ])
    #expect(report.softTerms.count == Checker.softTermNames.count)
    let shortage = try #require(outcome.diagnostics.first { $0.code == "seat-shortage" })
    #expect(shortage.severity == .warning)
    #expect(outcome.status == ExitStatus.invalid)
    #expect(outcome.textLines(schedulePath: path).last?.contains("1 violation: H12 ×1") == true)

    // Marked as a meal slot, the same schedule keeps every rule.
    let meal = Self.event.replacingOccurrences(
      of: "- {start: \"12:00\", end: \"13:00\"}", with: "- {start: \"12:00\", end: \"13:00\", seat_coverage: 0}")
    let fixed = try Self.folder(event: meal)
    defer { try? FileManager.default.removeItem(at: fixed) }
    let valid = CheckCommand.check(instancePath: fixed.path, schedulePath: path)
    #expect(valid.report?.isValid == true, "\(valid.diagnostics.map(\.formatted))")
    #expect(valid.status == ExitStatus.success)
  }

  @Test("check still refuses an instance with errors other than necessary conditions")
  func otherErrorsStillRefuse() throws {
    let folder = try Self.folder(event: Self.event.replacingOccurrences(of: "kind: talk, duration: 60}\n", with: "kind: tlak, duration: 60}\n"))
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("schedule.json").path
    try Data(Self.schedule.utf8).write(to: URL(fileURLWithPath: path))
    let outcome = CheckCommand.check(instancePath: folder.path, schedulePath: path)
    #expect(outcome.report == nil)
    #expect(outcome.diagnostics.hasErrors)
  }

  @Test("the terminal's penalties line gives amount × weight = contribution")
  func termsLine() {
    let objective = Schedule.Objective(
      value: 20.6,
      terms: [
        Schedule.Term(name: "empty_seats", weight: 1, amount: 0.6, contribution: 0.6),
        Schedule.Term(name: "track_parallel", weight: 5, amount: 4, contribution: 20),
        Schedule.Term(name: "avoided_time", weight: 10, amount: 0, contribution: 0),
      ])
    #expect(
      SolvePipeline.termsLine(objective)
        == "  penalties (amount × weight = contribution): empty_seats 0.60 × 1 = 0.60, track_parallel 4 × 5 = 20")
  }
}
