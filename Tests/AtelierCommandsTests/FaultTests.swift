import Foundation
import Testing

/// Faults during a solve: signals and unwritable outputs (issue 7). These run the built `atelier`
/// executable as a child process, since a signal must reach a real process.
@Suite("faults")
struct FaultTests {
  /// The `atelier` executable built beside the test bundle.
  static func executable() throws -> URL {
    let folder = Bundle.main.bundleURL.deletingLastPathComponent()
    let candidates = [
      folder.appendingPathComponent("atelier"), Bundle.main.bundleURL.appendingPathComponent("atelier"),
    ]
    return try #require(
      candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
      "atelier executable not found beside \(Bundle.main.bundleURL.path); build it with `swift build`")
  }

  @Test("SIGINT or SIGTERM during the timetable search writes the best schedule, marked feasible, and exits 4",
    arguments: [SIGINT, SIGTERM])
  func signalKeepsBestSchedule(signal: Int32) throws {
    let out = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let process = Process()
    process.executableURL = try Self.executable()
    process.arguments = ["solve", CLI.instance("nec2022"), "--out", out.path, "--time-limit", "300"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Long enough to be inside the search (loading and the greedy start take about a second).
    Thread.sleep(forTimeInterval: 6)
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit)
    let published = out.appendingPathComponent("schedule.json")
    // Six seconds in, the score may already be proven within --gap (exit 0), or not (4), by the load.
    #expect(process.terminationStatus == CLI.interruptedExitStatus(schedule: published.path))
    let schedule = try String(contentsOf: published, encoding: .utf8)
    #expect(schedule.contains("\"status\" : \"feasible\""))
    // Participants were still assigned (agendas are the point of the programme).
    #expect(schedule.contains("\"assignments\""))
  }

  @Test("an output that cannot be written exits 2 and leaves the previous outputs untouched")
  func unwritableOutputKeepsPrevious() throws {
    let out = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let instance = CLI.instance("tiny-hand")
    #expect(CLI.exitCode(["solve", instance, "--out", out.path]) == 0)
    let schedule = out.appendingPathComponent("schedule.json")
    try Data("previous\n".utf8).write(to: schedule)
    // `rooms` becomes a file: rooms/*.ics cannot be written.
    let rooms = out.appendingPathComponent("rooms")
    try FileManager.default.removeItem(at: rooms)
    try Data().write(to: rooms)
    #expect(CLI.exitCode(["solve", instance, "--out", out.path]) == 2)
    #expect(try String(contentsOf: schedule, encoding: .utf8) == "previous\n")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.contains(".tmp-") }
    #expect(leftovers.isEmpty)
  }
}
