import Foundation
import Testing

/// `kill -9` while outputs are being written (issue 7): the previous outputs stay whole. `export`
/// spends most of its time writing files (440 for a generated instance of 400 participants), so
/// kills spread over its run land in the middle of writing.
@Suite("SIGKILL during writing")
struct KillTests {
  /// Every file under `folder` by relative path, with its bytes; hidden temporaries apart.
  static func snapshot(_ folder: URL) throws -> (files: [String: Data], temporaries: [String]) {
    var files: [String: Data] = [:]
    var temporaries: [String] = []
    let base = folder.resolvingSymlinksInPath().path + "/"
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = enumerator?.nextObject() as? URL {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
      let path = String(url.resolvingSymlinksInPath().path.dropFirst(base.count))
      if url.lastPathComponent.hasPrefix("."), url.lastPathComponent.contains(".tmp-") {
        temporaries.append(path)
      } else {
        files[path] = try Data(contentsOf: url)
      }
    }
    return (files, temporaries)
  }

  @Test("export killed with SIGKILL at eight moments: every previous file is still there, byte for byte")
  func killDuringExport() throws {
    let root = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let instance = root.appendingPathComponent("instance").path
    #expect(
      CLI.exitCode(["generate", "--participants", "400", "--days", "2", "--seed", "5", "--out", instance])
        == 0)
    let solved = root.appendingPathComponent("solved")
    #expect(
      [0, 4].contains(CLI.exitCode(["solve", instance, "--out", solved.path, "--time-limit", "3"])))
    let schedule = solved.appendingPathComponent("schedule.json").path
    let out = root.appendingPathComponent("out")
    let arguments = ["export", instance, schedule, "--out", out.path]

    // The previous outputs, and how long a whole export takes.
    let started = ContinuousClock.now
    let first = try HostileOutputTests.run(arguments)
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    #expect(first.status == 0)
    let previous = try Self.snapshot(out)
    #expect(previous.files.count > 400)

    // The same export writes the same bytes: after a kill at any moment, each file is the previous
    // one or the new one, so equal to the previous one. Only hidden temporaries may be added.
    var interrupted = 0
    for step in 1...8 {
      let process = Process()
      process.executableURL = try FaultTests.executable()
      process.arguments = arguments
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: seconds * Double(step) / 9)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let after = try Self.snapshot(out)
      #expect(Set(after.files.keys) == Set(previous.files.keys), "kill \(step)")
      let changed = after.files.filter { previous.files[$0.key] != $0.value }.map(\.key).sorted()
      #expect(changed.isEmpty, "kill \(step): \(changed.prefix(5))")
      if process.terminationReason == .uncaughtSignal { interrupted += 1 }
    }
    // Most kills land before the export ends (the last ones may come after it).
    #expect(interrupted >= 4)
  }
}
