import Foundation
import Testing

/// Runs the real consumers of our files (Python's `icalendar`, `jsonschema`, `csv`, `xml`; `xmllint`).
/// A missing tool or module fails the test with what to install (`scripts/install-deps` does it in
/// CI); it never skips.
enum ExternalTool {
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `executable` (looked up on `PATH`) with `arguments`; `nil` (and a recorded issue) when it
  /// cannot start.
  static func run(_ executable: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation)
    -> Output?
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-tool-\(UUID().uuidString)")
    let out = folder.appendingPathComponent("out")
    let err = folder.appendingPathComponent("err")
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data().write(to: out)
      try Data().write(to: err)
      defer { try? FileManager.default.removeItem(at: folder) }
      // Files, not pipes: a tool that writes a lot cannot block on a full pipe.
      process.standardOutput = try FileHandle(forWritingTo: out)
      process.standardError = try FileHandle(forWritingTo: err)
      process.standardInput = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      let output = Output(
        status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
      if output.status == 127 {
        Issue.record("'\(executable)' is not installed: run scripts/install-deps", sourceLocation: sourceLocation)
        return nil
      }
      return output
    } catch {
      Issue.record("could not run '\(executable)': \(error)", sourceLocation: sourceLocation)
      return nil
    }
  }

  /// Runs a Python script that first imports `modules`; a missing module is a recorded failure
  /// naming it. Returns the output when the script ran (whatever its status).
  static func python(
    _ script: String, modules: [String] = [], arguments: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> Output? {
    let imports = modules.map { module in
      "try:\n    import \(module)\nexcept ImportError:\n    print('MISSING-MODULE \(module)'); sys.exit(97)\n"
    }.joined()
    let program = "import sys\n" + imports + script
    guard let output = run("python3", ["-c", program] + arguments, sourceLocation: sourceLocation) else { return nil }
    if output.status == 97,
      let line = output.stdout.split(separator: "\n").first(where: { $0.hasPrefix("MISSING-MODULE") })
    {
      let message =
        "Python module '\(line.dropFirst("MISSING-MODULE ".count))' is missing: run scripts/install-deps "
        + "(python3 -m pip install icalendar jsonschema)"
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
      return nil
    }
    return output
  }

  /// Where the test target's copied resources are (`Golden`, `Schemas`).
  static func resource(_ folder: String, _ name: String) -> URL? {
    Bundle.module.url(forResource: folder, withExtension: nil)?.appendingPathComponent(name)
  }
}
