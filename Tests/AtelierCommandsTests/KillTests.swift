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
    // Whatever temporaries the kills left, the next export into the folder removes them.
    #expect(try HostileOutputTests.run(arguments).status == 0)
    #expect(try Self.snapshot(out).temporaries.isEmpty)
  }

  /// A child process that sleeps until killed.
  static func sleeper() throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sleep")
    process.arguments = ["60"]
    try process.run()
    return process
  }

  @Test("the next write removes the temporaries of a run killed with SIGKILL, and keeps a live run's")
  func staleTemporariesRemoved() throws {
    let out = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let instance = CLI.instance("tiny-hand")
    #expect(CLI.exitCode(["solve", instance, "--out", out.path]) == 0)
    let rooms = out.appendingPathComponent("rooms")
    #expect(FileManager.default.fileExists(atPath: rooms.path))

    // What a run killed while writing leaves: temporaries named after its process, now gone.
    let killed = try Self.sleeper()
    kill(killed.processIdentifier, SIGKILL)
    killed.waitUntilExit()
    let dead = killed.processIdentifier
    // Another run, still writing into the same folders.
    let live = try Self.sleeper()
    defer {
      // SIGKILL: the in-process solve's interrupt trap ignores SIGTERM, and children inherit that.
      kill(live.processIdentifier, SIGKILL)
      live.waitUntilExit()
    }
    let planted = [
      ".schedule.json.tmp-\(dead)", "rooms/.big.ics.tmp-\(dead)", ".report.md.tmp-\(live.processIdentifier)",
      "rooms/.big.ics.tmp-\(live.processIdentifier)",
    ]
    for path in planted { try Data("half-written".utf8).write(to: out.appendingPathComponent(path)) }

    #expect(CLI.exitCode(["solve", instance, "--out", out.path]) == 0)
    let left = try Self.snapshot(out).temporaries.sorted()
    #expect(left == [".report.md.tmp-\(live.processIdentifier)", "rooms/.big.ics.tmp-\(live.processIdentifier)"])
  }
}
