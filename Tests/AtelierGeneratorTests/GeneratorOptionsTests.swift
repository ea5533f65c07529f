import AtelierCore
import Foundation
import Testing

@testable import AtelierGenerator

/// `generate`'s options for issue 17: what they write loads, and says what it should.
@Suite("Generator options")
struct GeneratorOptionsTests {
  static func load(_ options: GeneratorOptions, participants: Int = 300) throws -> (Instance, InstanceLoadResult) {
    var generator = InstanceGenerator(participants: participants, days: 2, seed: 7)
    generator.options = options
    let generated = generator.generate()
    let result = InstanceLoader.load(
      eventData: Data(try generated.yaml().utf8), participants: Data(generated.participantsCSV.utf8),
      participantsFile: "participants.csv")
    let instance = try #require(result.instance, "\(result.diagnostics.filter { $0.severity == .error }.prefix(5).map(\.formatted))")
    return (instance, result)
  }

  @Test("ties and scores: a column per workshop, read with tied ranks", arguments: [GeneratorOptions.Preferences.ties, .scores])
  func preferences(_ style: GeneratorOptions.Preferences) throws {
    var options = GeneratorOptions()
    options.preferences = style
    options.rankWeights = [10, 6, 3, 1]
    let (instance, result) = try Self.load(options)
    #expect(!result.diagnostics.hasErrors)
    #expect(instance.weights.ranks == [10, 6, 3, 1])
    let tied = instance.participants.filter { Set($0.ranks).count < $0.ranks.count }
    #expect(tied.count > 10)
    #expect(instance.participants.filter { !$0.choices.isEmpty }.count > 250)
  }

  @Test("the default options write the same files as before")
  func defaults() throws {
    let plain = InstanceGenerator(participants: 200, days: 2, seed: 3).generate()
    var generator = InstanceGenerator(participants: 200, days: 2, seed: 3)
    generator.options = GeneratorOptions()
    let again = generator.generate()
    #expect(plain.participantsCSV == again.participantsCSV)
    #expect(try plain.yaml() == again.yaml())
    #expect(plain.participantsCSV.hasPrefix("id,days,choice_1"))
  }
}

extension GeneratorOptionsTests {
  @Test("--min-size: every workshop run gets the minimum, and the instance loads")
  func minimumSize() throws {
    var options = GeneratorOptions()
    options.minSize = 5
    options.minSizePolicy = .cancel
    let (instance, _) = try Self.load(options)
    let workshops = instance.sessions.filter { $0.kind == .workshop && !$0.exclusive }
    #expect(!workshops.isEmpty)
    #expect(workshops.allSatisfy { $0.minSize == 5 })
    #expect(instance.sessions.filter { $0.kind != .workshop }.allSatisfy { $0.minSize == nil })
    #expect(instance.minSizePolicy == .cancel)
  }
}

extension GeneratorOptionsTests {
  @Test("--anywhere-share: about that share of participants sit anywhere, in both layouts", arguments: [GeneratorOptions.Preferences.ranks, .ties])
  func anywhere(_ style: GeneratorOptions.Preferences) throws {
    var options = GeneratorOptions()
    options.preferences = style
    options.anywhereShare = 0.3
    let (instance, _) = try Self.load(options)
    let share = Double(instance.participants.filter { $0.seatsAnywhere(in: instance) }.count) / Double(instance.participants.count)
    #expect(share > 0.2 && share < 0.4)
  }
}

extension GeneratorOptionsTests {
  @Test("--every-slot-share and --parallel-runs-share: that share of participants fill every slot, repeated workshops run in parallel without speakers")
  func everySlotAndParallel() throws {
    var options = GeneratorOptions()
    options.everySlotShare = 0.2
    options.parallelRunsShare = 1
    options.anywhereShare = 0.3
    let (instance, result) = try Self.load(options)
    #expect(!result.diagnostics.hasErrors)
    let share = Double(instance.participants.filter { $0.fillsEverySlot(in: instance) }.count) / Double(instance.participants.count)
    #expect(share > 0.1 && share < 0.3)
    let repeated = instance.sessions.filter { $0.kind == .workshop && $0.runs > 1 }
    #expect(!repeated.isEmpty)
    #expect(repeated.allSatisfy { $0.parallelRuns && $0.speakers.isEmpty })
    // The anywhere column still reads after the rewritten max_workshops column.
    #expect(instance.participants.contains { $0.anywhere == true })
  }
}

extension GeneratorOptionsTests {
  @Test("--relations-share: relations of every kind that the witness timetable keeps; none by default")
  func relations() throws {
    var options = GeneratorOptions()
    options.relationsShare = 0.5
    let (instance, result) = try Self.load(options)
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.errors.map(\.message))")
    #expect(Set(instance.relations.map(\.kind)) == Set(SessionRelation.Kind.allCases))
    var generator = InstanceGenerator(participants: 300, days: 2, seed: 7)
    generator.options = options
    let generated = generator.generate()
    // The witness's window of each session (all run once), on one axis: day index × 1440 + minutes.
    let days = generated.file.days.map(\.id)
    var window = [String: (day: Int, from: Int, to: Int)]()
    for p in generated.witness {
      let parts = p.start.split(separator: ":").compactMap { Int($0) }
      let day = try #require(days.firstIndex(of: p.day))
      let from = day * 1440 + parts[0] * 60 + parts[1]
      let duration = try #require(generated.file.sessions.first { $0.id == p.session }?.duration)
      window[p.session] = (day, from, from + duration)
    }
    for relation in instance.relations {
      let a = try #require(window[instance.sessions[relation.first].id])
      let b = try #require(window[instance.sessions[relation.second].id])
      switch relation.kind {
      case .sameSlot: #expect(a.from == b.from)
      case .differentSlot: #expect(a.to <= b.from || b.to <= a.from)
      case .sameDay: #expect(a.day == b.day)
      }
    }
    #expect(try Self.load(GeneratorOptions()).0.relations.isEmpty)
  }

  @Test("--stream-keynotes: keynotes and plenaries that are not exclusive stream into the second-largest room, and the instance loads")
  func streamKeynotes() throws {
    var options = GeneratorOptions()
    options.streamKeynotes = true
    let (instance, result) = try Self.load(options)
    #expect(!result.diagnostics.hasErrors)
    let second = instance.rooms.indices.sorted { (instance.rooms[$0].capacity, instance.rooms[$1].id) > (instance.rooms[$1].capacity, instance.rooms[$0].id) }[1]
    let streamed = instance.sessions.filter { !$0.overflowRooms.isEmpty }
    #expect(!streamed.isEmpty)
    #expect(streamed.allSatisfy { [.keynote, .plenary].contains($0.kind) && !$0.exclusive && $0.overflowRooms == [second] })
  }
}
