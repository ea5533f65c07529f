import AtelierCommands
import Foundation
import Testing

/// `atelier export` on a schedule solved earlier, and on a hand-edited one that breaks a rule.
@Suite("atelier export")
struct ExportCommandTests {
  @Test("exports a checked schedule in the chosen formats; refuses a broken one unless allowed")
  func export() throws {
    let root = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let solved = root.appendingPathComponent("solved")
    let instance = CLI.instance("tiny-hand")
    #expect(CLI.exitCode(["solve", instance, "--out", solved.path]) == 0)
    let schedule = solved.appendingPathComponent("schedule.json")

    let some = root.appendingPathComponent("some")
    #expect(CLI.exitCode(["export", instance, schedule.path, "--out", some.path, "--format", "ics", "csv"]) == 0)
    let written = try FileManager.default.contentsOfDirectory(atPath: some.path).sorted()
    #expect(written == ["assignments.csv", "programme.ics", "rooms", "signups"])

    // Hand edit: move the workshop (10:15, lab) into the big room, where a talk runs at 10:15 (H6)
    // and which lacks computers (H4).
    var text = try String(contentsOf: schedule, encoding: .utf8)
    let workshop = try #require(text.range(of: "\"room\" : \"lab\""))
    text.replaceSubrange(workshop, with: "\"room\" : \"big\"")
    let edited = root.appendingPathComponent("edited.json")
    try text.write(to: edited, atomically: true, encoding: .utf8)
    let refused = root.appendingPathComponent("refused")
    #expect(CLI.exitCode(["export", instance, edited.path, "--out", refused.path]) == 1)
    #expect(!FileManager.default.fileExists(atPath: refused.path))
    let draft = root.appendingPathComponent("draft")
    #expect(CLI.exitCode(["export", instance, edited.path, "--out", draft.path, "--allow-violations"]) == 0)
    #expect(FileManager.default.fileExists(atPath: draft.appendingPathComponent("programme.html").path))
  }
}
