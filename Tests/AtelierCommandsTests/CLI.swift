import ArgumentParser
import AtelierCommands
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
}
