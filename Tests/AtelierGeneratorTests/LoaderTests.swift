import AtelierCore
import Foundation
import Testing

@testable import AtelierGenerator

/// The reference and generated instances pass `InstanceLoader` (the validator) with no error.
@Suite("Instances load")
struct LoaderTests {
  static func errors(_ result: InstanceLoadResult) -> [String] {
    result.diagnostics.filter { $0.severity == .error }.map(\.formatted)
  }

  @Test("Instances/nec2022 loads with no error")
  func reference() {
    let result = InstanceLoader.load(path: repositoryRoot.appendingPathComponent("Instances/nec2022").path)
    #expect(result.isValid, "\(Self.errors(result).prefix(10))")
    #expect(Self.errors(result).isEmpty)
    #expect(result.instance?.participants.count == 1500)
    #expect(result.instance?.sessions.count == 128)
  }

  @Test("generated instances load with no error", arguments: [(40, 1, UInt64(1)), (1500, 3, 42), (7500, 5, 2026)])
  func generated(participants: Int, days: Int, seed: UInt64) throws {
    let generated = InstanceGenerator(participants: participants, days: days, seed: seed).generate()
    let result = InstanceLoader.load(
      eventData: Data(try generated.yaml().utf8), participants: Data(generated.participantsCSV.utf8),
      participantsFile: "participants.csv")
    #expect(result.isValid, "\(Self.errors(result).prefix(10))")
    #expect(Self.errors(result).isEmpty)
    #expect(result.instance?.participants.count == participants)
  }
}
