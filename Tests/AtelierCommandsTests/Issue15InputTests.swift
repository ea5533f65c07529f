import AtelierCore
import Foundation
import Testing

@testable import AtelierCommands

/// Issue 15, input, end to end through the built `atelier` executable: instance paths of any form,
/// weights and numeric options out of range, `generate`'s bounds, non-finite numbers, and
/// infeasible instances whose cause a count names before any solve.
@Suite("issue 15: input")
struct Issue15InputTests {
  /// tiny-hand's event (a hand-computed optimum; no participants).
  static func tinyEvent() throws -> String {
    try String(contentsOf: CLI.repository.appendingPathComponent("Instances/tiny-hand/event.yaml"), encoding: .utf8)
  }

  /// Runs the executable in `folder` (the working directory); status, and whether it exited
  /// normally (not by a signal, as a trap would).
  static func run(_ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, exited: Bool, output: String) {
    let process = Process()
    process.executableURL = try FaultTests.executable()
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, process.terminationReason == .exit, String(decoding: output, as: UTF8.self))
  }

  /// `root/inst/event.yaml` (tiny-hand), an empty `root/inst/sub/`, and `root/solved/schedule.json`.
  static func pathFixture() throws -> URL {
    let root = CLI.temporaryFolder()
    let instance = root.appendingPathComponent("inst")
    try FileManager.default.createDirectory(
      at: instance.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try Data(try tinyEvent().utf8).write(to: instance.appendingPathComponent("event.yaml"))
    #expect(CLI.exitCode(["solve", instance.path, "--out", root.appendingPathComponent("solved").path]) == 0)
    return root
  }

  // MARK: - 1. instance paths

  /// A working directory under the fixture's root, an instance path typed there, and whether it
  /// names the instance.
  struct PathCase: Sendable, CustomTestStringConvertible {
    var cwd: String
    var path: String
    var names: Bool
    var testDescription: String { "cd \(cwd); '\(path)'" }
  }

  static let pathCases: [PathCase] = [
    PathCase(cwd: "inst", path: ".", names: true),  // one character: trapped in NSString
    PathCase(cwd: "inst", path: "./", names: true),
    PathCase(cwd: "inst", path: "x", names: false),  // one character, nonexistent
    PathCase(cwd: "inst/sub", path: "..", names: true),
    PathCase(cwd: "inst/sub", path: "../", names: true),
    PathCase(cwd: "inst/sub", path: "../../inst/", names: true),
    PathCase(cwd: ".", path: "inst/", names: true),  // trailing slash
    PathCase(cwd: "inst", path: "event.yaml", names: true),  // an event file in the working directory
    PathCase(cwd: "inst", path: "./event.yaml", names: true),
    PathCase(cwd: "inst/sub", path: "../event.yaml", names: true),
    PathCase(cwd: "inst", path: "y/", names: false),
  ]

  @Test(
    "every command takes any form of instance path: no trap; the instance, or 'no such file' (exit 2)",
    arguments: ["validate", "solve", "check", "export"], pathCases)
  func instancePaths(command: String, path: PathCase) throws {
    let root = try Self.pathFixture()
    defer { try? FileManager.default.removeItem(at: root) }
    let schedule = root.appendingPathComponent("solved/schedule.json").path
    let out = root.appendingPathComponent("out").path
    let arguments: [String] =
      switch command {
      case "validate": ["validate", path.path]
      case "solve": ["solve", path.path, "--out", out]
      case "check": ["check", path.path, schedule]
      default: ["export", path.path, schedule, "--out", out]
      }
    let run = try Self.run(arguments, in: root.appendingPathComponent(path.cwd))
    #expect(run.exited, "killed by a signal: \(run.output)")
    #expect(!run.output.contains("crashed"), "\(run.output)")
    #expect(run.status == (path.names ? 0 : 2), "\(run.output)")
    if !path.names { #expect(run.output.contains("no such file or folder"), "\(run.output)") }
  }

  @Test("an instance path shows as typed: relative inside the working directory, absolute when typed so")
  func shownPaths() {
    let paths = InstancePaths(path: ".", isDirectory: true, workingDirectory: "/w/inst")
    #expect(paths.file("event.yaml") == "event.yaml")
    #expect(paths.shownFolder == ".")
    #expect(InstancePaths(path: "x", isDirectory: false, workingDirectory: "/w").file("participants.csv") == "participants.csv")
    #expect(InstancePaths(path: "a/b/", isDirectory: true, workingDirectory: "/w").file("event.yaml") == "a/b/event.yaml")
    #expect(InstancePaths(path: "..", isDirectory: true, workingDirectory: "/w/inst").file("event.yaml") == "/w/event.yaml")
    #expect(InstancePaths(path: "/w/i/", isDirectory: true, workingDirectory: "/w").file("e.yaml") == "/w/i/e.yaml")
    #expect(InstancePaths(path: "/", isDirectory: false, workingDirectory: "/w").shownFolder == "/")
    #expect(InstancePaths(path: "", isDirectory: true, workingDirectory: "").file("e") == "e")  // relative to the root
    #expect(InstancePaths.stem(of: "scenarios/closed.yaml") == "closed")
    #expect(InstancePaths.stem(of: "x") == "x")
    #expect(InstancePaths.stem(of: ".") == "")
    #expect(InstancePaths.stem(of: "/") == "")
    #expect(InstancePaths.stem(of: ".hidden") == ".hidden")
  }
}
