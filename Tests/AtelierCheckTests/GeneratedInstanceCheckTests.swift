import AtelierCheck
import AtelierCore
import AtelierGenerator
import Foundation
import Testing

@Suite("Checker on generated instances")
struct GeneratedInstanceCheckTests {
  static func load(_ generated: GeneratedInstance) throws -> Instance {
    let result = InstanceLoader.load(
      eventData: Data(try generated.yaml().utf8), participants: Data(generated.participantsCSV.utf8),
      participantsFile: "participants.csv")
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics.prefix(5).map(\.formatted))")
    return try #require(result.instance)
  }

  /// The witness as a hand-written schedule would give it: ids, day ids and `HH:MM` starts.
  static func witnessSchedule(_ generated: GeneratedInstance, _ instance: Instance) -> Schedule {
    Schedule(
      instance: .init(name: instance.name, hash: instance.hash), status: .manual,
      runs: generated.witness.map {
        Schedule.Run(session: $0.session, run: $0.run, day: $0.day, start: $0.start, room: $0.room)
      })
  }

  /// The 300-participant, 2-day instance of seed 7 generated with `options`, loaded, and its
  /// witness as a timetable of it.
  static func generatedWithWitness(_ options: GeneratorOptions) throws -> (GeneratedInstance, Instance, Timetable) {
    var generator = InstanceGenerator(participants: 300, days: 2, seed: 7)
    generator.options = options
    let generated = generator.generate()
    let instance = try load(generated)
    let mapped = witnessSchedule(generated, instance).timetable(in: instance)
    #expect(mapped.diagnostics == [], "\(mapped.diagnostics.prefix(5).map(\.formatted))")
    return (generated, instance, try #require(mapped.timetable))
  }

  @Test("the generator's witness keeps every hard rule")
  func witness() throws {
    let (_, instance, timetable) = try Self.generatedWithWitness(GeneratorOptions())
    #expect(timetable.placements.count == instance.runs.count)
    let report = Checker(instance: instance).check(timetable)
    #expect(report.violations == [], "\(report.violations.prefix(10).map { "\($0.rule) \($0.message)" })")
    #expect(report.softTerms.count == Checker.softTermNames.count)
    #expect(report.objective.isFinite)

    // Written and read back, it is the same timetable.
    let schedule = Schedule(instance: instance, timetable: timetable, status: .manual)
    let back = try #require(Schedule.load(data: schedule.encoded()).schedule)
    #expect(back.timetable(in: instance).timetable == timetable)
  }

  /// `generate --labs-through-lunch` (issue 16): a meal slot at 13:00 that needs no seats, and a
  /// lunch break every room takes but the labs. The witness still holds; a lab workshop moved to
  /// 13:00 in its own room keeps every rule (for some run whose neighbours leave the changeover),
  /// while a talk moved to 13:00 in its room breaks H2 (its room takes the break).
  @Test("--labs-through-lunch: labs may run at lunch, talk rooms may not")
  func labsThroughLunch() throws {
    var options = GeneratorOptions()
    options.labsThroughLunch = true
    let (_, instance, timetable) = try Self.generatedWithWitness(options)
    let meals = instance.slots.filter { $0.start == 13 * 60 }
    #expect(meals.map(\.day) == [0, 1])
    #expect(meals.allSatisfy { $0.seatCoverage == 0 })
    let labs = Set(
      instance.rooms.indices.filter { instance.rooms[$0].features.contains("computers") && instance.rooms[$0].kinds == [.workshop] })
    #expect(!labs.isEmpty)
    let checker = Checker(instance: instance)
    #expect(checker.check(timetable).violations == [])

    func moved(_ index: Int) -> Timetable {
      var placements = timetable.placements
      let day = instance.slots[placements[index].slot].day
      placements[index].slot = meals.first { $0.day == day }!.index
      return Timetable(placements: placements)
    }
    let hourLong = timetable.placements.indices.filter { instance.sessions[timetable.placements[$0].run.session].durationMinutes == 60 }
    let labRuns = hourLong.filter { labs.contains(timetable.placements[$0].room) }
    #expect(labRuns.contains { checker.check(moved($0)).violations == [] })
    let talk = try #require(hourLong.first { instance.sessions[timetable.placements[$0].run.session].kind == .talk })
    #expect(checker.check(moved(talk)).violations.contains { $0.rule == "H2" })
  }

  /// H2 as the checker applies it (end of the block) agrees with `Instance.coveredSlots`, the
  /// definition's "stays within one block", for every session at every slot of Instances/nec2022.
  @Test("H2 agrees with coveredSlots on Instances/nec2022")
  func blocks() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Instances/nec2022")
    let instance = try #require(InstanceLoader.load(path: folder.path).instance)
    let checker = Checker(instance: instance)
    var leaving = 0
    for slot in instance.slots.indices {
      let placements = instance.sessions.indices.map {
        // Spread over the rooms so the other rules have few pairs to report.
        Timetable.Placement(run: SessionRun(session: $0, run: 1), slot: slot, room: $0 % instance.rooms.count)
      }
      let report = checker.check(Timetable(placements: placements))
      let flagged = Set(report.violations.filter { $0.rule == "H2" }.compactMap(\.session))
      let expected = Set(
        instance.sessions.indices.filter { instance.coveredSlots(ofSession: $0, startingAt: slot) == nil }
          .map { instance.sessions[$0].id })
      #expect(flagged == expected, "slot \(slot)")
      leaving += expected.count
    }
    #expect(leaving > 0)  // some sessions do leave some blocks: the comparison means something
  }

  /// A greedy assignment that keeps A1–A5: participants in order, each chosen workshop's first run
  /// with room left, on a day they attend, clear of their other workshops, up to their limit.
  static func greedyAssignments(_ instance: Instance, _ timetable: Timetable) -> [Timetable.Assignment] {
    var window: [SessionRun: (day: Int, start: Int, end: Int, limit: Int)] = [:]
    for p in timetable.placements {
      let session = instance.sessions[p.run.session]
      let slot = instance.slots[p.slot]
      let capacity = instance.rooms[p.room].capacity
      window[p.run] = (
        slot.day, slot.start, slot.start + session.durationMinutes, min(session.maxSize ?? capacity, capacity)
      )
    }
    var taken: [SessionRun: Int] = [:]
    var result: [Timetable.Assignment] = []
    for (index, participant) in instance.participants.enumerated() {
      var mine: [(day: Int, start: Int, end: Int)] = []
      let limit = participant.maxWorkshops ?? instance.weights.workshopsPerParticipant
      for s in participant.choices where mine.count < limit && instance.sessions[s].kind == .workshop {
        for k in 1...max(1, instance.sessions[s].runs) {
          let run = SessionRun(session: s, run: k)
          guard let w = window[run], participant.days.contains(w.day), taken[run, default: 0] < w.limit,
            !mine.contains(where: { $0.day == w.day && $0.start < w.end && w.start < $0.end })
          else { continue }
          taken[run, default: 0] += 1
          mine.append((w.day, w.start, w.end))
          result.append(Timetable.Assignment(participant: index, run: run))
          break
        }
      }
    }
    return result
  }

  /// Ten times the reference instance's participants (15,000), each in up to three chosen workshops.
  @Test("a large instance checks in well under a second, and a greedy assignment keeps A1–A5")
  func speed() throws {
    let generated = InstanceGenerator(participants: 15_000, days: 3, seed: 11).generate()
    let instance = try Self.load(generated)
    let timetable = try #require(Self.witnessSchedule(generated, instance).timetable(in: instance).timetable)
    let assignments = Self.greedyAssignments(instance, timetable)
    #expect(assignments.count > 15_000)
    let loaded = Timetable(placements: timetable.placements, assignments: assignments)
    let checker = Checker(instance: instance)
    let clock = ContinuousClock()
    var report: CheckReport?
    let elapsed = clock.measure { report = checker.check(loaded) }
    #expect(report?.violations == [], "\(report?.violations.prefix(5).map(\.message) ?? [])")
    // Debug builds are several times slower than release ones.
    #expect(
      elapsed < .seconds(1), "checked \(loaded.placements.count) runs, \(assignments.count) assignments in \(elapsed)")

    // Every participant in their first three choices, whatever the rooms and days: thousands of
    // violations, still fast (messages are built only for what is wrong).
    var crowded: [Timetable.Assignment] = []
    for (p, participant) in instance.participants.enumerated() {
      for s in participant.choices.prefix(3) {
        crowded.append(Timetable.Assignment(participant: p, run: SessionRun(session: s, run: 1)))
      }
    }
    var crowdedReport: CheckReport?
    let crowdedElapsed = clock.measure {
      crowdedReport = checker.check(Timetable(placements: timetable.placements, assignments: crowded))
    }
    #expect(crowdedReport?.isValid == false)
    #expect(crowdedElapsed < .seconds(3))
    print(
      "check: \(instance.runs.count) runs, \(assignments.count) assignments: \(elapsed); \(crowded.count) crowded assignments, \(crowdedReport?.violations.count ?? 0) violations: \(crowdedElapsed)"
    )
  }
}
