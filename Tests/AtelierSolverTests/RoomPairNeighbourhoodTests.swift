import AtelierCore
import AtelierMIP
import Testing

@testable import AtelierSolver

/// The room-pair neighbourhoods of the search (issue 14): after a round that improves nothing, all
/// the runs of a track's rarest room and of one of its other rooms are freed together.
@Suite("Room-pair neighbourhoods")
struct RoomPairNeighbourhoodTests {
  typealias T = Tiny

  /// Two days of one slot, rooms r1 and r2; track A (a1, a2) and track B (b1, b2), one run of each
  /// per day; only track_room_change counts (weight 1). The start puts A in r1 then r2 and B in
  /// r2 then r1: each track uses two rooms, 2 room changes. Optimum 0: each track in one room all
  /// along (A in r1, B in r2, or the other way round), which needs a run of each track to move on
  /// both days at once. With the neighbourhood cap at 2 and samples of one run (dropped), the
  /// track neighbourhoods ({a1, a2}, {b1, b2}) only swap a track's runs between the cells it
  /// already has: no gain. The room pair of A (r1 with r2) frees all four runs and reaches 0.
  @Test("freeing two rooms of a track together removes a room change nothing else can")
  func removesRoomChange() throws {
    var weights = T.timeWeights
    weights.trackRoomChange = 1
    let instance = T.instance(
      days: 2, slots: 1, rooms: [T.room("r1", 20), T.room("r2", 20)],
      sessions: [T.talk("a1", track: 0), T.talk("a2", track: 0), T.talk("b1", track: 1), T.talk("b2", track: 1)],
      tracks: [Track(id: "a", name: "A"), Track(id: "b", name: "B")], weights: weights)
    let run = { (s: Int) in SessionRun(session: s, run: 1) }
    let start = Timetable(placements: [
      .init(run: run(0), slot: 0, room: 0), .init(run: run(1), slot: 1, room: 1),
      .init(run: run(2), slot: 0, room: 1), .init(run: run(3), slot: 1, room: 0),
    ])
    let formulation = TimetableFormulation(instance: instance)
    let values = try #require(formulation.values(for: start))
    #expect(roomChanges(formulation, values) == 2)
    var search = NeighbourhoodSearch(formulation: formulation, model: formulation.model)
    search.maxNeighbourhood = 2
    search.sampleSize = 1
    let outcome = search.improve(values, deadline: nil, options: SolveOptions()) { _ in }
    #expect(roomChanges(formulation, outcome.values) == 0)
    let rooms = Dictionary(grouping: formulation.timetable(from: outcome.values).placements) { instance.sessions[$0.run.session].track }
      .mapValues { Set($0.map(\.room)) }
    #expect(rooms[0]?.count == 1 && rooms[1]?.count == 1 && rooms[0] != rooms[1])
  }

  func roomChanges(_ formulation: TimetableFormulation, _ values: [Double]) -> Double? {
    formulation.termAmounts(from: values).first { $0.name == "track_room_change" }?.amount
  }
}
