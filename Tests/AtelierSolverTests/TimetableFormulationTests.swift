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

  /// The clash guide keeps the heaviest pairs as rows and the others, heaviest first, for the
  /// search; the organisers' model has the same rows with the guide's costs at 0.
  @Test("the clash guide models the heaviest pairs and leaves the others to the search")
  func clashGuide() throws {
    let instance = try generated(participants: 200, days: 1, seed: 3)
    let plain = TimetableFormulation(instance: instance)
    let bound = try #require(WelfareBound(formulation: plain, weights: WelfareWeights(instance: instance)))
    let pairs = bound.clashPairs(formulation: plain, weights: WelfareWeights(instance: instance))
    #expect(pairs.count > 3)
    var one = plain
    one.addClashGuide(pairs, weight: 0.5, modelled: 1)
    var three = plain
    three.addClashGuide(pairs, weight: 0.5, modelled: 3)
    #expect(one.unmodelledPairs.count == pairs.count - 1)
    #expect(Array(one.unmodelledPairs.suffix(three.unmodelledPairs.count)) == three.unmodelledPairs)
    #expect(one.unmodelledPairs.map(\.count) == one.unmodelledPairs.map(\.count).sorted(by: >))
    #expect(!three.guideVariables.isEmpty)
    let organisers = three.organisersModel
    #expect(organisers.variables.count == three.model.variables.count)
    #expect(three.guideVariables.allSatisfy { organisers.variables[$0.index].objective == 0 })
    #expect(three.guideVariables.allSatisfy { three.model.variables[$0.index].objective > 0 })
  }
}
