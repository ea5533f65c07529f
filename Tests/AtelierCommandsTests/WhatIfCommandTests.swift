import ArgumentParser
@testable import AtelierCommands
import AtelierCore
import Foundation
import Testing

/// `atelier whatif` end to end, in process, on the scenario fixture (two days, three rooms, four
/// runs, four participants): solve it, then re-solve scenarios against that published schedule.
@Suite("atelier whatif", .serialized)
struct WhatIfCommandTests {

  /// A temporary folder with the fixture instance (`instance/`) and its solved schedule (`published/`).
  static func published() throws -> (root: URL, instance: String, schedule: Schedule) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-whatif-\(UUID().uuidString)")
    let instance = root.appendingPathComponent("instance")
    try FileManager.default.createDirectory(at: instance, withIntermediateDirectories: true)
    var event = ScenarioFixture.event
    event.participants = "participants.csv"
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(event).write(to: instance.appendingPathComponent("event.json"))
    try Data(ScenarioFixture.participants.utf8).write(to: instance.appendingPathComponent("participants.csv"))
    let out = root.appendingPathComponent("published").path
    #expect(CLI.exitCode(["solve", instance.path, "--out", out, "--time-limit", "20"]) == 0)
    let schedule = try #require(Schedule.load(path: out + "/schedule.json").schedule)
    return (root, instance.path, schedule)
  }

  static func write(_ text: String, _ name: String, in root: URL) throws -> String {
    let url = root.appendingPathComponent("scenarios/\(name)")
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  static func comparison(_ path: String) throws -> WhatIfComparison {
    try WhatIfComparison.decode(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// Places of runs by `session#run` → `day start room`.
  static func places(_ schedule: Schedule) -> [String: String] {
    Dictionary(
      uniqueKeysWithValues: schedule.runs.map { ("\($0.session)#\($0.run)", "\($0.day) \($0.start) \($0.room)") })
  }

  @Test("closing the room of one run for that run's hour moves that run only; the diff, counts and files agree")
  func roomClosedForAWindow() throws {
    let (root, instance, published) = try Self.published()
    defer { try? FileManager.default.removeItem(at: root) }
    // The painting workshop's run and its window. It needs no feature, so with its room closed it can
    // stay at its time in another room (a room move costs 20, a time move 100): nothing else has to
    // move. (Closing the hall under the talk would also move a run of Ada's coding workshop: the talk
    // needs the projector, only the hall has one, so it changes time and may land on Ada's workshop.)
    let victim = try #require(published.runs.first { $0.session == "paint" })
    let start = String(victim.start.split(separator: "T")[1].prefix(5))
    let end = String(try #require(victim.end).split(separator: "T")[1].prefix(5))
    let scenario = try Self.write(
      """
      title: Room closed for one hour
      changes:
        - close_room: {room: \(victim.room), day: \(victim.day), start: "\(start)", end: "\(end)"}
      """, "closed.yaml", in: root)
    let out = root.appendingPathComponent("whatif").path
    let baseline = root.appendingPathComponent("published/schedule.json").path
    #expect(CLI.exitCode(["whatif", instance, "--baseline", baseline, "--scenario", scenario, "--out", out]) == 0)

    let result = try #require(Schedule.load(path: out + "/closed/schedule.json").schedule)
    #expect(result.status == .optimal)
    let before = Self.places(published)
    let after = Self.places(result)
    #expect(Set(before.keys) == Set(after.keys))
    // Only the run that was in the room during the window changes place.
    let moved = before.keys.filter { before[$0] != after[$0] }
    #expect(moved == ["\(victim.session)#\(victim.run)"], "\(before) → \(after)")

    let comparison = try Self.comparison(out + "/comparison.json")
    #expect(comparison.rows.map(\.scenario) == ["baseline", "closed"])
    let row = comparison.rows[1]
    #expect(row.status == "optimal")
    #expect(row.runsMovedInTime == 0)
    #expect(row.runsMovedInRoom == 1)
    #expect(after["paint#1"]?.hasPrefix("\(victim.day) \(victim.start) ") == true)
    #expect(row.runsAdded == 0 && row.runsCancelled == 0)
    #expect(row.changes?.count == 1)
    let changes = try String(contentsOfFile: out + "/closed/changes.md", encoding: .utf8)
    #expect(changes.contains("\(victim.title ?? victim.session)") && changes.contains(" → "))
    #expect(FileManager.default.fileExists(atPath: out + "/closed/agenda-changes.csv"))
    #expect(FileManager.default.fileExists(atPath: out + "/comparison.md"))
    // The changed instance is written beside the result, and the result passes `atelier check` on it.
    #expect(CLI.exitCode(["check", out + "/closed/instance", out + "/closed/schedule.json"]) == 0)
    // Closing a room only removes options, so the new schedule keeps every rule of the unchanged instance too.
    #expect(CLI.exitCode(["check", instance, out + "/closed/schedule.json"]) == 0)
  }

  @Test(
    "an infeasible and an invalid scenario are reported and the others go on (--jobs 2); exit 1 for the invalid one")
  func mixedBatch() throws {
    let (root, instance, _) = try Self.published()
    defer { try? FileManager.default.removeItem(at: root) }
    let baseline = root.appendingPathComponent("published/schedule.json").path
    let files = [
      // The lab is the only room with computers: the coding workshop has nowhere to go.
      try Self.write("changes:\n  - close_room: {room: lab}\n", "no-lab.yaml", in: root),
      try Self.write("changes:\n  - close_room: {room: labb}\n", "typo.yaml", in: root),
      try Self.write("changes:\n  - set_weights: {empty_seats: 3}\n", "weights.yaml", in: root),
    ]
    let out = root.appendingPathComponent("whatif").path
    let code = CLI.exitCode(
      ["whatif", instance, "--baseline", baseline, "--scenario"] + files + ["--out", out, "--jobs", "2"])
    #expect(code == 1)
    let rows = try Self.comparison(out + "/comparison.json").rows
    #expect(rows.map(\.scenario) == ["baseline", "no-lab", "typo", "weights"])
    #expect(rows.map(\.status) == ["optimal", "infeasible", "invalid", "optimal"])
    #expect(
      rows[1].reasons?.first?.contains("Coding workshop") == true || rows[1].reasons?.first?.contains("code") == true)
    #expect(rows[2].reasons?.first?.contains("did you mean 'lab'?") == true)
    #expect(rows[3].runsMovedInTime != nil)
    #expect(!FileManager.default.fileExists(atPath: out + "/no-lab/schedule.json"))
  }

  @Test("a scenario's gap is its score's proven gap, not the timetable's (which is the organisers' side alone)")
  func gapIsTheScore() throws {
    let (root, _, published) = try Self.published()
    defer { try? FileManager.default.removeItem(at: root) }
    var schedule = published
    schedule.objective?.gap = 0.04
    schedule.proof?.score.relativeGap = 0.005
    #expect(schedule.proof != nil)
    #expect(WhatIfRunner.reportedGap(of: schedule) == 0.005)
    schedule.proof = nil
    #expect(WhatIfRunner.reportedGap(of: schedule) == 0.04)
  }

  @Test("two shards merged give the rows of one whole run")
  func shardsMerge() throws {
    let (root, instance, _) = try Self.published()
    defer { try? FileManager.default.removeItem(at: root) }
    let baseline = root.appendingPathComponent("published/schedule.json").path
    let files = try [
      ("changes:\n  - shrink_room: {room: hall, capacity: 90}\n", "smaller-hall.yaml"),
      ("changes:\n  - unpin_session: {session: talk}\n", "free-talk.yaml"),
      ("changes:\n  - set_weights: {track_parallel: 1}\n", "weights.yaml"),
    ].map { try Self.write($0.0, $0.1, in: root) }
    let whole = root.appendingPathComponent("whole").path
    let sharded = root.appendingPathComponent("sharded").path
    #expect(CLI.exitCode(["whatif", instance, "--baseline", baseline, "--scenario"] + files + ["--out", whole]) == 0)
    for shard in ["1/2", "2/2"] {
      #expect(
        CLI.exitCode(
          ["whatif", instance, "--baseline", baseline, "--scenario"] + files + ["--out", sharded, "--shard", shard])
          == 0)
    }
    // 3 scenarios in 2 slices: [0, 1) and [1, 3).
    #expect(
      try Self.comparison(sharded + "/comparison-shard-1-of-2.json").rows.map(\.scenario) == [
        "baseline", "smaller-hall",
      ])
    #expect(CLI.exitCode(["whatif", "merge", sharded]) == 0)
    let merged = try Self.comparison(sharded + "/comparison.json")
    let reference = try Self.comparison(whole + "/comparison.json")
    #expect(merged.shard == nil)
    #expect(merged.rows.map(\.scenario) == reference.rows.map(\.scenario))
    #expect(merged.rows.map(\.status) == reference.rows.map(\.status))
  }

  @Test("wrong usage: no scenario, a bad shard, a missing baseline")
  func usage() throws {
    let instance = ScenarioFixtureFolder.tinyHand
    #expect(CLI.exitCode(["whatif", instance, "--baseline", "x.json"]) == 64)  // 2 once through main
    #expect(
      CLI.exitCode(["whatif", instance, "--baseline", "x.json", "--scenario", "a.yaml", "--shard", "3/2"]) == 64)
    #expect(CLI.exitCode(["whatif", instance, "--baseline", "/nonexistent.json", "--scenario", "a.yaml"]) == 2)
    #expect(CLI.exitCode(["whatif", "merge", "/nonexistent-folder"]) == 2)
  }
}

enum ScenarioFixtureFolder {
  static let tinyHand = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Instances/tiny-hand").path
}
