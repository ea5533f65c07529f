import AtelierCheck
import AtelierCore
import Foundation
import Testing

@testable import AtelierCommands

/// Attendance types (issue 17, item 9) end to end on Tests/Instances/online, whose optimum its
/// event.yaml works out by hand: welfare 7 = W_UB, penalties 0.17.
@Suite("Attendance types: a small instance solved")
struct OnlineAttendanceSolveTests {
  static let folder = CLI.repository.appendingPathComponent("Tests/Instances/online")

  @Test("validate counts those online and warns about the choices it ignores")
  func validate() throws {
    let result = try Issue15DiagnosisTests.run(["validate", Self.folder.path])
    #expect(result.status == 0, "\(result.out)\(result.err)")
    #expect(result.out.contains("6 participants, 3 of them online (1 warning)"), "\(result.out)")
    #expect(result.err.contains("participants.csv:6: warning: workshop 'b' is not streamed"), "\(result.err)")
  }

  @Test("solve finds the hand optimum, the checker passes it, and the outputs tell in person from online")
  func handOptimum() throws {
    let out = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try Issue15DiagnosisTests.run(["solve", Self.folder.path, "--out", out.path])
    #expect(result.status == 0, "\(result.out)\(result.err)")
    #expect(result.err.contains("workshop 'b' is not streamed: 2 online participants chose it"), "\(result.err)")
    let path = out.appendingPathComponent("schedule.json").path
    let schedule = try #require(Schedule.load(path: path).schedule)
    #expect(schedule.proof?.participants?.value == 7)
    #expect(schedule.proof?.participants?.bound == 7)
    #expect(schedule.proof?.organisers.value == 0.17)
    #expect(schedule.statistics?.onlineAssignments == 1)
    #expect(schedule.statistics?.onlineChoicesIgnored == 2)
    let assigned = Dictionary(grouping: schedule.assignments ?? [], by: \.participant).mapValues { $0.map(\.session) }
    #expect(assigned["p1"] == ["a"] && assigned["p2"] == ["a"] && assigned["p3"] == ["b"] && assigned["p6"] == nil)
    let online = ["p4", "p5"].filter { assigned[$0] == ["a"] }
    #expect(online.count == 1)
    #expect(CheckCommand.check(instancePath: Self.folder.path, schedulePath: path).report?.isValid == true)

    let sheet = try String(contentsOf: out.appendingPathComponent("signups/a-1.csv"), encoding: .utf8)
    #expect(sheet.contains("seats,2 of 2 taken\r\nonline,1 of 1\r\n"), "\(sheet)")
    #expect(sheet.hasSuffix("p1,\r\np2,\r\n\(online.first ?? ""),online\r\n"), "\(sheet)")
    let csv = try String(contentsOf: out.appendingPathComponent("assignments.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("participant,session,title,run,day,start,end,room,rank,attendance\r\n"))
    let calendar = try String(
      contentsOf: out.appendingPathComponent("participants/\(online.first ?? "p4").ics"), encoding: .utf8)
    #expect(calendar.contains("LOCATION:https://stream.example.org/a"))
    let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("| a#1 | 2 | 2 | 1 | 1 |"), "\(report)")
  }
}
