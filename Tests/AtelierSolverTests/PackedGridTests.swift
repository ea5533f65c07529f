import AtelierCore
import AtelierMIP
import Foundation
import Testing

@testable import AtelierSolver

/// Issue 16, item 4: a grid its published programme fills 100 % (Tests/Instances/packed: 6 rooms ×
/// 12 one-hour slots, 50 sessions of 1–3 slots, rooms fixed by features and kinds, 14 speakers with
/// several sessions each). Every timetable of it fills every room in every slot, so the greedy
/// start has no slack to waste.
@Suite("A fully packed grid")
struct PackedGridTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Instances/packed")

  static func instance() throws -> Instance {
    let loaded = InstanceLoader.load(path: folder.path)
    return try #require(loaded.instance, "\(loaded.diagnostics.map(\.formatted))")
  }

  @Test("the greedy start finds a timetable of the packed grid, and it keeps every hard rule")
  func greedyOnPackedGrid() throws {
    let instance = try Self.instance()
    let formulation = TimetableFormulation(instance: instance)
    let timetable = try #require(GreedyTimetable(formulation: formulation).timetable(), "no greedy timetable")
    #expect(timetable.placements.count == 50)
    #expect(RuleChecker(instance: instance, timetable: timetable).timetableViolations() == [])
    let values = try #require(formulation.values(for: timetable))
    #expect(formulation.model.isFeasible(values))
  }
}
