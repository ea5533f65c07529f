import AtelierCore
import Foundation
import Testing

/// `tracks[].blocks`, `similar` and `preferred_rooms` in event.yaml (issue 16, item 6).
@Suite("Session blocks: loading and validation")
struct SessionBlockLoadingTests {
  static func load(_ tracks: String) -> InstanceLoadResult {
    let yaml = """
      name: B
      time_zone: Europe/Paris
      days:
        - id: d1
          date: 2024-09-02
          slots:
            - {start: "09:00", end: "09:20"}
      rooms:
        - {id: amphi, capacity: 30}
        - {id: salle, capacity: 30}
      tracks:
      \(tracks)
      sessions:
        - {id: p1, title: P1, kind: talk, duration: 20, track: ml}
      """
    return InstanceLoader.load(eventData: Data(yaml.utf8))
  }

  @Test("the keys load into the tracks, similar pairs once whichever side names them")
  func loads() throws {
    let result = Self.load(
      """
        - {id: ml, blocks: true, similar: [cv], preferred_rooms: [salle, amphi]}
        - {id: cv, similar: [ml]}
      """)
    let instance = try #require(result.instance, "\(result.diagnostics.map(\.formatted))")
    #expect(instance.tracks.map(\.blocks) == [true, false])
    #expect(instance.tracks[0].preferredRooms == [1, 0])
    #expect(instance.similarTracks == [TrackPair(0, 1)])
    #expect(instance.usesBlocks && instance.usesRoomPreferences)
  }

  @Test(
    "mistakes are reported at their key path, with a hint",
    arguments: [
      ("- {id: ml, similar: [cvv]}\n  - {id: cv}", "unknown-track", "tracks[0].similar[0]", "cv"),
      ("- {id: ml, preferred_rooms: [amphy]}", "unknown-room", "tracks[0].preferred_rooms[0]", "amphi"),
      ("- {id: ml, similar: [ml]}", "similar-self", "tracks[0].similar[0]", "another track"),
      ("- {id: ml, blocks: yes}", "type-mismatch", "tracks[0].blocks", ""),
    ])
  func mistakes(tracks: String, code: String, path: String, hint: String) {
    let diagnostics = Self.load("  " + tracks).diagnostics.filter { $0.severity == .error }
    let found = diagnostics.first { $0.code == code }
    #expect(found?.location.path == path, "\(diagnostics.map(\.formatted))")
    if !hint.isEmpty { #expect(found?.hint?.contains(hint) == true, "\(diagnostics.map(\.formatted))") }
  }

  @Test("an unknown key on a track gets a did-you-mean hint")
  func unknownKey() {
    let diagnostics = Self.load("  - {id: ml, prefered_rooms: [amphi]}").diagnostics
    #expect(diagnostics.contains { $0.hint?.contains("preferred_rooms") == true }, "\(diagnostics.map(\.formatted))")
  }
}
