import AtelierCore
import Foundation
import Testing

@testable import AtelierGenerator

/// Issue 15, item 3: every instance `generate` accepts to write is one the loader accepts, up to
/// the documented bounds (`InstanceGenerator.participantRange`, `.dayRange`).
@Suite("generator bounds")
struct GeneratorBoundsTests {
  @Test("the participants bound is the loader's, so the largest generated instance is one the loader takes")
  func boundIsTheLoaders() {
    #expect(InstanceGenerator.participantRange == 1...InstanceLoader.maxParticipants)
    #expect(InstanceGenerator.dayRange == 1...14)
  }

  /// 200,000 participants on one day wrote a plenary hall of 176,000 seats, which `validate`
  /// refused (a room seats at most 100,000).
  @Test(
    "at the bounds, every generated capacity, size, audience and run count is within the format's limits",
    arguments: [(InstanceLoader.maxParticipants, 1), (1, 1), (1, 14), (InstanceLoader.maxParticipants / 10, 14)])
  func corners(participants: Int, days: Int) {
    let file = InstanceGenerator(participants: participants, days: days, seed: 1).generate().file
    #expect(file.days.count == days)
    for room in file.rooms { #expect((1...100_000).contains(room.capacity), "\(room.id): \(room.capacity)") }
    for session in file.sessions {
      if let size = session.maxSize { #expect((1...100_000).contains(size), "\(session.id)") }
      if let audience = session.audience { #expect((0...1_000_000).contains(audience), "\(session.id)") }
      if let runs = session.runs { #expect((1...100).contains(runs), "\(session.id)") }
      #expect((5...1440).contains(session.duration), "\(session.id)")
    }
  }

  @Test("the largest instance generate accepts (100,000 participants on one day) loads with no error")
  func largestLoads() throws {
    let generated = InstanceGenerator(
      participants: InstanceGenerator.participantRange.upperBound, days: 1, seed: 1
    ).generate()
    let result = InstanceLoader.load(
      eventData: Data(try generated.yaml().utf8), participants: Data(generated.participantsCSV.utf8),
      participantsFile: "participants.csv")
    #expect(result.isValid, "\(result.diagnostics.errors.prefix(5).map(\.formatted))")
    #expect(result.instance?.participants.count == InstanceGenerator.participantRange.upperBound)
  }
}
