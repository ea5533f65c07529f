import ArgumentParser
import AtelierCommands
import AtelierCore
import Foundation
import Testing

/// `atelier check` in process, on Instances/tiny-hand and schedules written by hand.
@Suite("atelier check")
struct CheckCommandTests {
  static let instance = CLI.instance("tiny-hand")

  /// Runs `atelier check …` and returns its exit code (0 when it returns normally).
  static func exitCode(_ arguments: [String]) -> Int32 { CLI.exitCode(["check"] + arguments) }

  /// A schedule for tiny-hand as a person would write it: `HH:MM` starts, no end, status manual.
  /// `runs` are (session, start, room); the day is always `mon`.
  static func write(_ runs: [(String, String, String)], format: String = "atelier-schedule/1") throws -> String {
    let entries = runs.map {
      "{\"session\": \"\($0.0)\", \"run\": 1, \"day\": \"mon\", \"start\": \"\($0.1)\", \"room\": \"\($0.2)\"}"
    }
    let text = """
      {"format": "\(format)", "instance": {"name": "Tiny", "hash": "edited"}, "status": "manual",
       "runs": [\(entries.joined(separator: ",\n  "))]}
      """
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-check-\(UUID().uuidString).json")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  // The hand optimum (see Instances/tiny-hand/event.yaml): the talks fill `big`, the workshop 10:15 in `lab`.
  static let optimum = [("talk-a", "09:00", "big"), ("talk-b", "10:15", "big"), ("workshop", "10:15", "lab")]

  @Test("a valid schedule exits 0, in text and in JSON (the stale hash is only a warning)")
  func valid() throws {
    let path = try Self.write(Self.optimum)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(Self.exitCode([Self.instance, path]) == 0)
    #expect(Self.exitCode([Self.instance, path, "--format", "json"]) == 0)
  }

  @Test(
    "broken rules and unknown ids exit 1",
    arguments: [
      // Both talks at 09:00 in `big`: H6 (and Ada twice, H7).
      [("talk-a", "09:00", "big"), ("talk-b", "09:00", "big"), ("workshop", "10:15", "lab")],
      // The workshop is missing: H1.
      [("talk-a", "09:00", "big"), ("talk-b", "10:15", "big")],
      // A misspelt room: a mapping error, with a hint.
      [("talk-a", "09:00", "big"), ("talk-b", "10:15", "big"), ("workshop", "10:15", "lba")],
      // 09:30 is no slot start (H2).
      [("talk-a", "09:30", "big"), ("talk-b", "10:15", "big"), ("workshop", "10:15", "lab")],
    ])
  func broken(_ runs: [(String, String, String)]) throws {
    let path = try Self.write(runs)
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(Self.exitCode([Self.instance, path]) == 1)
  }

  @Test("missing files, other formats and bad JSON exit 2")
  func unreadable() throws {
    #expect(Self.exitCode([Self.instance, "/nonexistent/schedule.json"]) == 2)
    #expect(Self.exitCode(["/nonexistent/instance", "/nonexistent/schedule.json"]) == 2)
    let other = try Self.write(Self.optimum, format: "atelier-schedule/9")
    defer { try? FileManager.default.removeItem(atPath: other) }
    #expect(Self.exitCode([Self.instance, other]) == 2)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-check-\(UUID().uuidString).json")
    try Data("{\"format\": ".utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(Self.exitCode([Self.instance, url.path]) == 2)
  }
}
