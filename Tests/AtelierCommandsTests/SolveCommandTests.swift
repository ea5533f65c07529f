import ArgumentParser
import AtelierCheck
@testable import AtelierCommands
import AtelierCore
import Foundation
import Testing

/// `atelier solve` end to end, in process, on the bundled tiny instances.
@Suite("atelier solve")
struct SolveCommandTests {
  /// The timetable takes 80 % of --time-limit only when an assignment stage follows: tiny-hand has
  /// no participants, nec2022 has 1,500 with workshop choices.
  @Test(
    "the timetable's share of --time-limit leaves time to the assignment only when there is one",
    arguments: [("tiny-hand", true, 300.0), ("nec2022", true, 240.0), ("nec2022", false, 300.0)])
  func timetableShare(instance name: String, assign: Bool, share: Double) throws {
    let instance = try #require(InstanceLoader.load(path: CLI.instance(name)).instance)
    var settings = SolvePipeline.Settings()
    settings.timeLimit = 300
    settings.assignParticipants = assign
    #expect(SolvePipeline(instance: instance, settings: settings, clock: StageClock()).timetableTimeLimit == share)
  }

  @Test("the hand-computed optimum of Instances/tiny-hand (0.6: see its event.yaml) is found and proved")
  func handOptimum() throws {
    let out = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    #expect(CLI.exitCode(["solve", CLI.instance("tiny-hand"), "--out", out.path]) == 0)
    let (schedule, diagnostics) = Schedule.load(path: out.appendingPathComponent("schedule.json").path)
    #expect(diagnostics.isEmpty)
    let solved = try #require(schedule)
    #expect(solved.status == .optimal)
    #expect(abs((solved.objective?.value ?? -1) - 0.6) < 1e-9)
    // The workshop avoids 09:00: it runs at 10:15 in the lab.
    let workshop = try #require(solved.runs.first { $0.session == "workshop" })
    #expect(workshop.room == "lab")
    #expect(workshop.start == "2026-03-02T10:15:00+01:00")
    for file in ["report.md", "programme.ics", "programme.html", "frab-schedule.json"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file) missing")
    }
  }

  @Test("an infeasible instance exits 3 and writes nothing")
  func infeasible() {
    let out = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    #expect(CLI.exitCode(["solve", CLI.instance("tiny-infeasible"), "--out", out.path]) == 3)
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test("--assignment-objective worst-rank parses; a near miss is a usage error")
  func worstRankOption() throws {
    let command = try SolveCommand.parse([CLI.instance("tiny-hand"), "--assignment-objective", "worst-rank"])
    #expect(command.assignmentObjective == .worstRank)
    #expect(throws: (any Error).self) { try SolveCommand.parse([CLI.instance("tiny-hand"), "--assignment-objective", "worst_rank"]) }
  }

  @Test("wrong usage and unreadable instances exit 2; an invalid option value is a usage error")
  func usage() {
    let out = CLI.temporaryFolder()
    #expect(CLI.exitCode(["solve", "/nonexistent/instance", "--out", out.path]) == 2)
    #expect(CLI.exitCode(["solve", CLI.instance("tiny-hand"), "--gap", "2"]) == 64)  // 2 once through main
    #expect(CLI.exitCode(["solve", CLI.instance("tiny-hand"), "--write-model", "model.txt"]) == 64)
  }

  @Test("a generated instance: solve, then `atelier check` on what it wrote passes; a second solve is byte-identical")
  func generatedRoundTrip() throws {
    let root = CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let instance = root.appendingPathComponent("instance").path
    #expect(CLI.exitCode(["generate", "--participants", "120", "--days", "1", "--seed", "3", "--out", instance]) == 0)
    let first = root.appendingPathComponent("first")
    let second = root.appendingPathComponent("second")
    let code = CLI.exitCode(["solve", instance, "--out", first.path, "--time-limit", "20"])
    #expect(code == 0 || code == 4)
    let schedule = first.appendingPathComponent("schedule.json").path
    #expect(CLI.exitCode(["check", instance, schedule]) == 0)
    // report.md and schedule.json give the proof per side; exit 0 exactly when its gap is within --gap.
    let report = try String(contentsOf: first.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(report.contains("## What is proved"))
    let proof = try #require(Schedule.load(path: schedule).0?.proof)
    let participants = try #require(proof.participants)
    #expect(participants.value <= (participants.bound ?? 0) + 1e-6)
    #expect((code == 0) == (proof.proven || (proof.score.relativeGap ?? 1) <= 0.01))
    // Both stages stop on work budgets: the same input gives the same files.
    do {
      #expect(CLI.exitCode(["solve", instance, "--out", second.path, "--time-limit", "20"]) == code)
      for file in ["schedule.json", "report.md", "programme.ics", "assignments.csv", "programme.html"] {
        let a = try Data(contentsOf: first.appendingPathComponent(file))
        let b = try Data(contentsOf: second.appendingPathComponent(file))
        #expect(a == b, "\(file) differs between two solves")
      }
    }
  }
}
