import AtelierCore
import AtelierGenerator
import Foundation
import Testing

@Suite("Generated instances load")
struct GeneratedInstanceLoadTests {
  @Test(
    "the generator's YAML and CSV pass the validator", arguments: [(150, 1, 1 as UInt64), (600, 2, 7), (1500, 3, 42)])
  func generatedInstancesAreValid(participants: Int, days: Int, seed: UInt64) throws {
    let generated = InstanceGenerator(participants: participants, days: days, seed: seed).generate()
    let yaml = try generated.yaml()
    let result = InstanceLoader.load(
      eventData: Data(yaml.utf8), participants: Data(generated.participantsCSV.utf8),
      participantsFile: "participants.csv")
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.prefix(5).map(\.formatted))")
    let instance = try #require(result.instance)
    #expect(instance.participants.count == participants)
  }

  @Test("Instances/nec2022 loads without a diagnostic")
  func nec2022() throws {
    let folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Instances/nec2022")
    let result = InstanceLoader.load(path: folder.path)
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics.prefix(5).map(\.formatted))")
    #expect(result.instance?.participants.count == 1500)
  }

  @Test("Instances/devconf loads with no error or warning, its keynotes streamed into Room B")
  func devconf() throws {
    let folder = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Instances/devconf")
    let result = InstanceLoader.load(path: folder.path)
    // Its form export names its columns, which validate reports in a note.
    #expect(result.diagnostics.filter { $0.severity != .note }.isEmpty, "\(result.diagnostics.prefix(5).map(\.formatted))")
    let instance = try #require(result.instance)
    #expect(instance.participants.count == 360)
    #expect(instance.rooms.count == 6 && instance.days.count == 2)
    let room = try #require(instance.rooms.firstIndex { $0.id == "room-b" })
    #expect(instance.sessions.filter { $0.overflowRooms == [room] }.map(\.kind) == [.keynote, .keynote])
  }
}
