import AtelierCheck
import AtelierCore
import AtelierGLPK
import AtelierMIP
import Foundation
import Testing

@testable import AtelierSolver

/// Issue 16, item 6: session blocks solved on Tests/Instances/blocks, whose optimum (1) is
/// computed by hand in its event.yaml; without the rules it would be 0.
@Suite("Session blocks: solved")
struct SessionBlockTests {
  static func instance() throws -> Instance {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Instances/blocks")
    return try #require(InstanceLoader.load(path: folder.path).instance)
  }

  static func solve(_ instance: Instance) throws -> (TimetableSolution, Timetable) {
    var options = SolveOptions()
    options.timeLimit = 60
    let solution = TimetableSolver(instance: instance).solve(options: options)
    let timetable = try #require(solution.timetable)
    return (solution, timetable)
  }

  @Test("solve reaches the hand-computed optimum 1, proven, and the checker agrees")
  func optimum() throws {
    let instance = try Self.instance()
    let (solution, timetable) = try Self.solve(instance)
    #expect(solution.status == .optimal)
    #expect(solution.objective?.value == 1)
    #expect(solution.objective?.terms.last?.name == "room_preference_missed")
    let report = Checker(instance: instance).check(timetable)
    #expect(report.violations.isEmpty, "\(report.violations.map(\.message))")
    #expect(report.objective == 1)
  }

  /// Each rule binds: dropping H16 (blocks) and H18 (similar) lets ml and cv keep room a (0).
  @Test("without blocks and similar the optimum is 0")
  func withoutRules() throws {
    var instance = try Self.instance()
    for t in instance.tracks.indices { instance.tracks[t].blocks = false }
    instance.similarTracks = []
    let (solution, _) = try Self.solve(instance)
    #expect(solution.objective?.value == 0)
  }

  /// The greedy start keeps the block rules on its own (the search starts from it).
  @Test("the greedy start keeps H16–H18")
  func greedy() throws {
    let instance = try Self.instance()
    let timetable = try #require(GreedyTimetable(formulation: TimetableFormulation(instance: instance)).timetable())
    let report = Checker(instance: instance).check(timetable)
    #expect(report.violations.isEmpty, "\(report.violations.map(\.message))")
  }

  /// The room-preference term's LP bound: 1 here would need the block rules' integrality; what the
  /// LP proves is above 0 once a track has more runs than its preferred rooms' cells.
  @Test("room_preference_missed has a positive LP bound when the preferred rooms are too few")
  func lpBound() throws {
    var instance = try Self.instance()
    for t in instance.tracks.indices { instance.tracks[t].preferredRooms = [0] }  // 8 papers, 6 cells in a
    instance.weights.roomPreferenceMissed = 1
    let formulation = TimetableFormulation(instance: instance)
    let relaxation = GLPKSolver().solveRelaxation(formulation.model)
    #expect((relaxation.objective ?? 0) >= 2 - 1e-6)
  }

  @Test("an infeasible block programme names the block rule")
  func infeasible() throws {
    var instance = try Self.instance()
    // th1 and ml1 pinned into room a's first block: two tracks in one room-block.
    let th1 = try #require(instance.sessions.firstIndex { $0.id == "th1" })
    let ml1 = try #require(instance.sessions.firstIndex { $0.id == "ml1" })
    instance.sessions[th1].pins = [Pin(day: 0, start: 540, room: 0)]
    instance.sessions[ml1].pins = [Pin(day: 0, start: 560, room: 0)]
    let conflicts = InfeasibilityExplainer(instance: instance).explain(options: SolveOptions())
    #expect(conflicts.contains { $0.contains("rule H16") }, "\(conflicts)")
  }
}
