import AtelierCheck
import AtelierCore
import AtelierGenerator
import Foundation
import Testing

/// Issue 16, item 6: the session-block rules H16–H18 and the term room_preference_missed, on
/// Tests/Instances/blocks (2 rooms × 3 blocks of 2 slots; sessions ml1–ml3, cv1–cv3, th1–th2).
@Suite("Session blocks: checker rules H16–H18")
struct SessionBlockRuleTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Instances/blocks")

  static func instance() throws -> Instance {
    let result = InstanceLoader.load(path: folder.path)
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.map(\.formatted))")
    return try #require(result.instance)
  }

  /// Session id → (slot, room); slots 0–1 are block 1, 2–3 block 2, 4–5 block 3; room 0 is a.
  static func timetable(_ instance: Instance, _ places: [String: (Int, Int)]) throws -> Timetable {
    Timetable(
      placements: try places.keys.sorted().map { id in
        let s = try #require(instance.sessions.firstIndex { $0.id == id })
        let (slot, room) = try #require(places[id])
        return Timetable.Placement(run: SessionRun(session: s, run: 1), slot: slot, room: room)
      })
  }

  /// The optimum of the instance's comment: ml3 in b is its one miss.
  static let optimum: [String: (Int, Int)] = [
    "ml1": (0, 0), "ml2": (1, 0), "ml3": (0, 1), "cv2": (2, 0), "cv3": (3, 0), "cv1": (4, 0), "th1": (2, 1), "th2": (3, 1),
  ]

  @Test("the hand-computed optimum keeps every rule and misses one preferred room")
  func optimumHolds() throws {
    let instance = try Self.instance()
    let report = Checker(instance: instance).check(try Self.timetable(instance, Self.optimum))
    #expect(report.violations.isEmpty, "\(report.violations.map(\.message))")
    #expect(report.softTerms.last?.name == "room_preference_missed")
    #expect(report.softTerms.last?.amount == 1)
    #expect(report.objective == 1)
  }

  /// Each move breaks exactly one rule: th2 into ml's room-block (H16); cv1 beside th1 in block 2
  /// (H17: alice in a and b of one block; the slot cv3 leaves is taken by cv1); cv2 and cv3 into
  /// block 1's room b in place of ml3, moved to block 2 (H18: ml and cv in blocks 1 and 2).
  @Test(
    "a schedule that breaks one block rule is reported under it",
    arguments: [
      ("H16", ["th2": (1, 1)] as [String: (Int, Int)]),
      ("H17", ["cv1": (3, 0), "cv3": (4, 0)]),
      ("H18", ["ml3": (2, 0), "cv2": (0, 1), "cv3": (1, 1), "cv1": (4, 0)]),
    ])
  func broken(rule: String, moves: [String: (Int, Int)]) throws {
    let instance = try Self.instance()
    var places = Self.optimum
    for (id, place) in moves { places[id] = place }
    let report = Checker(instance: instance).check(try Self.timetable(instance, places))
    #expect(!report.violations.isEmpty)
    #expect(Set(report.violations.map(\.rule)) == [rule], "\(report.violations.map { "\($0.rule) \($0.message)" })")
  }

  @Test("an event without blocks, similar or preferred_rooms reports the six terms only")
  func optIn() throws {
    var instance = try Self.instance()
    for t in instance.tracks.indices {
      instance.tracks[t].blocks = false
      instance.tracks[t].preferredRooms = []
    }
    instance.similarTracks = []
    var places = Self.optimum
    places["th2"] = (1, 1)
    let report = Checker(instance: instance).check(try Self.timetable(instance, places))
    #expect(report.violations.isEmpty)
    #expect(report.softTerms.map(\.name) == Checker.softTermNames)
  }

  @Test("generate --academic: block tracks, a similar pair and preferred rooms that the witness keeps")
  func generatedAcademic() throws {
    var options = GeneratorOptions()
    options.academic = true
    let (_, instance, timetable) = try GeneratedInstanceCheckTests.generatedWithWitness(options)
    #expect(instance.tracks.contains { $0.blocks })
    #expect(!instance.similarTracks.isEmpty)
    #expect(instance.tracks.allSatisfy { $0.preferredRooms.count == 1 })
    let report = Checker(instance: instance).check(timetable)
    #expect(report.violations.isEmpty, "\(report.violations.prefix(10).map { "\($0.rule) \($0.message)" })")
    #expect(report.softTerms.last?.name == "room_preference_missed")
  }
}
