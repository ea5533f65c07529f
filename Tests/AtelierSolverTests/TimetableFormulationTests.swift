import AtelierCore
import Testing

@testable import AtelierSolver

@Suite("Timetable formulation")
struct TimetableFormulationTests {
  /// Every session of a generated instance is pinned to its day: one part per day. Unpinned, runs
  /// can move between the days, which then form one part (rows between them must stay).
  @Test("day parts: one per day while no run can move between days")
  func dayParts() throws {
    let pinned = try generated(participants: 200, days: 2, seed: 10)
    let labels = TimetableFormulation(instance: pinned).dayParts()
    #expect(Set(labels.compactMap { $0 }).count == 2)
    var loose = pinned
    for s in loose.sessions.indices { loose.sessions[s].pins = [] }
    #expect(Set(TimetableFormulation(instance: loose).dayParts().compactMap { $0 }).count == 1)
  }

  /// Pairs beyond the modelled ones are kept with their runs and counts, most co-chosen first.
  @Test("the co-chosen pairs left out of the model are the least co-chosen ones")
  func unmodelledPairs() throws {
    let instance = try generated(participants: 200, days: 1, seed: 3)
    let one = TimetableFormulation(instance: instance, coChoicePairs: 1)
    let ten = TimetableFormulation(instance: instance, coChoicePairs: 10)
    #expect(one.unmodelledPairs.count == ten.unmodelledPairs.count + 9)
    #expect(Array(one.unmodelledPairs.suffix(ten.unmodelledPairs.count)) == ten.unmodelledPairs)
    #expect(one.unmodelledPairs.map(\.count) == one.unmodelledPairs.map(\.count).sorted(by: >))
    #expect(one.unmodelledPairs.allSatisfy { instance.sessions[one.runs[$0.a].session].runs == 1 })
  }
}
