import AtelierCore
import AtelierMIP
import Testing

@testable import AtelierSolver

/// The search solves its sub-problems in batches from one incumbent (two at once by default) and
/// takes the answers in order: an answer after an accepted one is applied to the new incumbent
/// when the model's rows still hold.
@Suite("Batched neighbourhood search")
struct BatchedSearchTests {
  typealias T = Tiny

  /// Two days of one slot each (no adjacent slots, so the only neighbourhoods are the tracks'),
  /// five rooms; only track_parallel counts (weight 1). Slot 0 (day 1) holds both talks of tracks
  /// A and C, slot 1 (day 2) both of B and D: 4 pairs, one free room per slot. After two
  /// sub-problems (tracks A and B, a batch of two at the start): A moves a talk into slot 1's free
  /// room, B one into slot 0's (the first talk of each track is pinned where it is, so these are
  /// the only answers of their value); the two freed different runs and rooms, so both hold
  /// together: 2 pairs left (C and D), by batch or one after the other. Discarding B's answer
  /// because A's came first would leave 3.
  @Test("answers of one batch that free different runs are both kept", arguments: [1, 2, 3])
  func disjointAnswersMerge(batch: Int) throws {
    let (formulation, values) = try fourTracks(
      tracks: ["a", "b", "c", "d"], rooms: 5,
      slotOf: ["a": 0, "c": 0, "b": 1, "d": 1])
    #expect(pairs(formulation, values) == 4)
    var search = NeighbourhoodSearch(formulation: formulation, model: formulation.model)
    search.batchSize = batch
    search.sampleSize = 1
    search.maxSubproblems = 2
    let outcome = search.improve(values, deadline: nil, options: SolveOptions()) { _ in }
    #expect(outcome.subproblems == 2)
    #expect(formulation.model.isFeasible(outcome.values))
    #expect(pairs(formulation, outcome.values) == 2)
    // Every sub-problem: all four tracks, 0 pairs, whatever the batch.
    search.maxSubproblems = 300
    let full = search.improve(values, deadline: nil, options: SolveOptions()) { _ in }
    #expect(pairs(formulation, full.values) == 0)
    #expect(full.values == search.improve(values, deadline: nil, options: SolveOptions()) { _ in }.values)
  }

  /// Slot 0 holds both talks of A and of C (4 of 5 rooms), slot 1 four single talks of other
  /// tracks (one room free): 2 pairs. Solved from the start, A and C each move a talk into slot
  /// 1's only free room; applied together they would put two talks in one room (rule H1), so C's
  /// answer is dropped: 1 pair after the batch, and the timetable keeps every rule.
  @Test("an answer that clashes with an accepted one of its batch is dropped", arguments: [1, 2])
  func clashingAnswerDropped(batch: Int) throws {
    let (formulation, values) = try fourTracks(
      tracks: ["a", "c"], rooms: 5, slotOf: ["a": 0, "c": 0], singles: 4)
    #expect(pairs(formulation, values) == 2)
    var search = NeighbourhoodSearch(formulation: formulation, model: formulation.model)
    search.batchSize = batch
    search.sampleSize = 1
    search.maxSubproblems = 2
    let outcome = search.improve(values, deadline: nil, options: SolveOptions()) { _ in }
    #expect(formulation.model.isFeasible(outcome.values))
    #expect(pairs(formulation, outcome.values) == 1)
    #expect(outcome.improvements == 1)
  }

  /// Tracks with two talks each, both in the slot `slotOf` gives (the first pinned there), and
  /// `singles` one-talk tracks in slot 1; rooms in order of filling.
  private func fourTracks(
    tracks: [String], rooms: Int, slotOf: [String: Int], singles: Int = 0
  ) throws -> (TimetableFormulation, [Double]) {
    var weights = T.timeWeights
    weights.trackParallel = 1
    var sessions: [Session] = []
    var allTracks: [Track] = []
    var placements: [Timetable.Placement] = []
    var used = [0, 0]
    func add(_ id: String, track: Int, slot: Int, pinned: Bool = false) {
      // A pinned talk keeps its cell, so that each sub-problem's answer is the only one of its value.
      let pins = pinned ? [Pin(day: slot, start: T.clock(9), room: used[slot])] : []
      sessions.append(T.talk(id, track: track, pins: pins))
      placements.append(.init(run: SessionRun(session: sessions.count - 1, run: 1), slot: slot, room: used[slot]))
      used[slot] += 1
    }
    for (t, track) in tracks.enumerated() {
      allTracks.append(Track(id: track, name: track.uppercased()))
      let slot = try #require(slotOf[track])
      add("\(track)1", track: t, slot: slot, pinned: true)
      add("\(track)2", track: t, slot: slot)
    }
    for i in 0..<singles {
      allTracks.append(Track(id: "x\(i)", name: "X\(i)"))
      add("x\(i)", track: allTracks.count - 1, slot: 1)
    }
    let instance = T.instance(
      days: 2, slots: 1, rooms: (0..<rooms).map { T.room("r\($0)", 20) }, sessions: sessions, tracks: allTracks,
      weights: weights)
    let formulation = TimetableFormulation(instance: instance)
    let values = try #require(formulation.values(for: Timetable(placements: placements)))
    return (formulation, values)
  }

  private func pairs(_ formulation: TimetableFormulation, _ values: [Double]) -> Double? {
    formulation.termAmounts(from: values).first { $0.name == "track_parallel" }?.amount
  }
}
