import AtelierCore
import Foundation
import Testing

@testable import AtelierGenerator

@Suite("Instance generator")
struct InstanceGeneratorTests {
  /// (participants, days, seed): small, one-day, the NEC scale, long, and the 5× benchmark scale.
  static let sizes: [(Int, Int, UInt64)] = [
    (1, 1, 7), (40, 1, 1), (300, 2, 11), (1500, 3, 42), (2500, 4, 3), (800, 14, 5), (7500, 5, 2026),
  ]

  @Test("the same seed gives byte-identical files; another seed gives other files")
  func determinism() throws {
    let a = InstanceGenerator(participants: 900, days: 3, seed: 99).generate()
    let b = InstanceGenerator(participants: 900, days: 3, seed: 99).generate()
    let c = InstanceGenerator(participants: 900, days: 3, seed: 100).generate()
    #expect(try a.yaml() == b.yaml())
    #expect(a.participantsCSV == b.participantsCSV)
    #expect(try a.yaml() != c.yaml())
    #expect(a.participantsCSV != c.participantsCSV)
  }

  @Test("NEC proportions: ~18 rooms and ~130 sessions at 1,500 / 3 days; ~60 rooms and ~600 runs at 7,500 / 5 days")
  func proportions() {
    let nec = InstanceGenerator(participants: 1500, days: 3, seed: 1).generate().file
    #expect(nec.rooms.count == 18)
    #expect((100...160).contains(nec.sessions.count), "\(nec.sessions.count) sessions")
    let big = InstanceGenerator(participants: 7500, days: 5, seed: 1).generate().file
    let runs = big.sessions.reduce(0) { $0 + max(1, $1.runs ?? 1) }
    #expect((55...65).contains(big.rooms.count), "\(big.rooms.count) rooms")
    #expect((500...700).contains(runs), "\(runs) runs")
  }

  @Test("the YAML decodes back into the same InstanceFile", arguments: [(300, 2, UInt64(4)), (1500, 3, 5)])
  func roundTrip(participants: Int, days: Int, seed: UInt64) throws {
    let generated = InstanceGenerator(participants: participants, days: days, seed: seed).generate()
    let yaml = try generated.yaml()
    #expect(try InstanceYAML.decode(yaml) == generated.file)
    // Decimals as YAML 1.1 readers (PyYAML, editors) read them too, not `8e-1`.
    #expect(yaml.contains("\nseat_coverage: 0.8\n"))
  }

  @Test("the witness timetable keeps every hard rule H1–H12", arguments: sizes)
  func witnessIsFeasible(participants: Int, days: Int, seed: UInt64) {
    let generated = InstanceGenerator(participants: participants, days: days, seed: seed).generate()
    let present = presentPerDay(csv: generated.participantsCSV, days: generated.file.days.map(\.id))
    #expect(present == generated.presentPerDay)
    let problems = WitnessChecker(file: generated.file, presentPerDay: present).violations(generated.witness)
    #expect(problems.isEmpty, "\(problems.prefix(10))")
  }

  @Test("necessary counts hold: workshop cells exceed runs by 20 %, the hall seats each day's demand", arguments: sizes)
  func counts(participants: Int, days: Int, seed: UInt64) {
    let generated = InstanceGenerator(participants: participants, days: days, seed: seed).generate()
    let counts = FeasibilityCounts(file: generated.file, presentPerDay: generated.presentPerDay)
    for day in counts.days {
      #expect(day.margin >= 0.2, "\(day.id): \(day.workshopCells) cells for \(day.workshopNeed)")
      #expect(day.hall >= day.demand, "\(day.id): hall \(day.hall) < demand \(day.demand)")
      #expect(
        day.otherRuns >= day.freeSlots, "\(day.id): \(day.otherRuns) runs to fill the hall's \(day.freeSlots) slots")
    }
  }

  @Test(
    "participants: 4–6 choices among sessions of their days, skewed popularity, all present", arguments: [UInt64(1), 2])
  func participants(seed: UInt64) throws {
    let generated = InstanceGenerator(participants: 1500, days: 3, seed: seed).generate()
    let lines = generated.participantsCSV.split(separator: "\n")
    #expect(lines.first == "id,days,choice_1,choice_2,choice_3,choice_4,choice_5,choice_6,max_workshops")
    #expect(lines.count == 1501)
    let sessionDays = Dictionary(
      generated.file.sessions.map { s in
        (s.id, Set(((s.pins ?? []) + (s.pin.map { [$0] } ?? [])).compactMap(\.day)))
      }, uniquingKeysWith: { a, _ in a })
    var counts: [String: Int] = [:]
    for line in lines.dropFirst() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      #expect(cells.count == 9)
      let days = Set(cells[1].split(separator: "|").map(String.init))
      let choices = cells[2..<8].filter { !$0.isEmpty }
      #expect((4...6).contains(choices.count))
      #expect(Set(choices).count == choices.count)
      for choice in choices {
        #expect(!(sessionDays[choice] ?? []).isDisjoint(with: days), "\(choice) not on \(days)")
        counts[choice, default: 0] += 1
      }
      #expect(Int(cells[8]).map { $0 >= 1 } ?? false)
    }
    let sorted = counts.values.sorted(by: >)
    // Zipf-like: the most wanted session is far above the median one.
    #expect(sorted[0] >= 4 * sorted[sorted.count / 2])
    // Partial attendance: some attend one day, some several.
    let dayCounts = lines.dropFirst().map { $0.split(separator: ",")[1].split(separator: "|").count }
    #expect(dayCounts.contains(1) && dayCounts.contains { $0 >= 2 })
  }

  @Test("rooms and speakers look like a real event")
  func realism() {
    let file = InstanceGenerator(participants: 1500, days: 3, seed: 8).generate().file
    let workshopRooms = file.rooms.filter { $0.kinds == ["workshop"] }
    #expect(workshopRooms.count >= file.rooms.count / 2)
    #expect(workshopRooms.contains { ($0.features ?? []).contains("computers") })
    #expect(file.rooms.contains { !($0.unavailable ?? []).isEmpty })
    var sessionsPerSpeaker: [String: Int] = [:]
    for session in file.sessions {
      for speaker in session.speakers ?? [] { sessionsPerSpeaker[speaker, default: 0] += 1 }
    }
    #expect(sessionsPerSpeaker.values.contains { $0 >= 2 })
    #expect(sessionsPerSpeaker.values.allSatisfy { $0 <= 4 })
    #expect(file.sessions.contains { ($0.runs ?? 1) >= 2 })
    #expect(file.sessions.contains { $0.duration == 90 })
    #expect(file.sessions.contains { !($0.after ?? []).isEmpty })
    #expect(file.sessions.filter { $0.exclusive ?? false }.count == 2)
  }
}
