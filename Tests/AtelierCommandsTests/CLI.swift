import ArgumentParser
import AtelierCommands
import AtelierCore
import Foundation

/// Running `atelier` commands in process from tests, and the repository's bundled instances.
enum CLI {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// `Instances/<name>` of the repository.
  static func instance(_ name: String) -> String { repository.appendingPathComponent("Instances/\(name)").path }

  /// A fresh path under the temporary folder (not created).
  static func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("atelier-test-\(UUID().uuidString)")
  }

  /// Runs a command line (`["solve", …]`) and returns its exit code (0 when it returns normally).
  static func exitCode(_ arguments: [String]) -> Int32 {
    do {
      var command = try AtelierCommand.parseAsRoot(arguments)
      try command.run()
      return 0
    } catch {
      return AtelierCommand.exitCode(for: error).rawValue
    }
  }

  /// Runs the built `atelier` executable, in `folder` as its working directory when given: its exit
  /// status, whether it exited normally (not by a signal, as a trap would), and what it printed on
  /// standard output and standard error together.
  static func run(_ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, exited: Bool, output: Data) {
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
    return (process.terminationStatus, process.terminationReason == .exit, output)
  }

  /// The exit status `solve` owes for the schedule it wrote when interrupted: 0 when the score was
  /// already proven within the default `--gap` (1 %) at the interrupt, 4 otherwise.
  static func interruptedExitStatus(schedule path: String) -> Int32 {
    guard let proof = Schedule.load(path: path).schedule?.proof else { return 4 }
    return proof.proven || (proof.score.relativeGap.map { $0 <= 0.01 + 1e-12 } ?? false) ? 0 : 4
  }
}
