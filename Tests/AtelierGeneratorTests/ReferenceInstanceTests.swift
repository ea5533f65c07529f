import AtelierCore
import Foundation
import Testing

@testable import AtelierGenerator

/// The repository root, found from this file's path (Tests/AtelierGeneratorTests/…).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

@Suite("Instances/nec2022")
struct ReferenceInstanceTests {
  static let folder = repositoryRoot.appendingPathComponent("Instances/nec2022")

  func load() throws -> (InstanceFile, String) {
    let yaml = try String(contentsOf: Self.folder.appendingPathComponent("event.yaml"), encoding: .utf8)
    let csv = try String(contentsOf: Self.folder.appendingPathComponent("participants.csv"), encoding: .utf8)
    return (try InstanceYAML.decode(yaml), csv)
  }

  @Test("event.yaml decodes into InstanceFile with the documented figures")
  func figures() throws {
    let (file, _) = try load()
    #expect(file.name == "Numérique en Commun[s] 2022")
    #expect(file.timeZone == "Europe/Paris")
    #expect(file.days.map(\.date) == ["2022-09-27", "2022-09-28", "2022-09-29"])
    #expect(file.days.reduce(0) { $0 + $1.slots.count } == 17)
    #expect(file.rooms.count == 18)
    #expect((110...140).contains(file.sessions.count))
    let workshops = file.sessions.filter { $0.kind == "workshop" }
    #expect((60...80).contains(workshops.count))
    #expect(workshops.allSatisfy { $0.maxSize == 30 })
    #expect((120...230).contains(file.speakers?.count ?? 0))
    // Every feature and kind a session needs exists in the declared vocabulary and on some room.
    let vocabulary = Set((file.features ?? []).map(\.id))
    for room in file.rooms { #expect(Set(room.features ?? []).isSubset(of: vocabulary), "\(room.id)") }
    for session in file.sessions {
      #expect(Set(session.requires ?? []).isSubset(of: vocabulary), "\(session.id)")
      #expect(file.rooms.contains { ($0.kinds ?? [session.kind]).contains(session.kind) }, "\(session.id)")
    }
  }

  @Test("participants.csv is what the documented command synthesises, byte for byte")
  func participantsReproduce() throws {
    let (file, csv) = try load()
    let rows = ParticipantSynthesizer(event: file, seed: 2022).participants(attendance: necAttendance)
    #expect(ParticipantSynthesizer.csv(rows) == csv)
  }

  @Test("participants: ~1,500, present 600 / 1,200 / 1,100, choices on attended days")
  func participants() throws {
    let (file, csv) = try load()
    let days = file.days.map(\.id)
    #expect(presentPerDay(csv: csv, days: days) == [600, 1200, 1100])
    let lines = csv.split(separator: "\n").dropFirst()
    #expect(lines.count == 1500)
    let sessions = Dictionary(file.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for line in lines {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let attended = Set(cells[1].split(separator: "|").map(String.init))
      let choices = cells[2..<8].filter { !$0.isEmpty }
      #expect((4...6).contains(choices.count))
      for choice in choices {
        guard let session = sessions[choice] else {
          Issue.record("unknown session \(choice)")
          continue
        }
        #expect(!ParticipantSynthesizer.sessionDays(session, allDays: days).isDisjoint(with: attended))
      }
    }
  }

  @Test("necessary counts of README.md hold: workshop cells, the hall in exclusive slots, enough big-room runs")
  func counts() throws {
    let (file, csv) = try load()
    let present = presentPerDay(csv: csv, days: file.days.map(\.id))
    let counts = FeasibilityCounts(file: file, presentPerDay: present)
    for day in counts.days {
      #expect(day.margin >= 0.2, "\(day.id): \(day.workshopCells) cells for \(day.workshopNeed)")
      #expect(day.hall >= day.demand, "\(day.id)")
      #expect(day.otherRuns >= day.freeSlots, "\(day.id)")
    }
  }

  @Test("a timetable keeping every hard rule H1–H12 exists (found by a greedy search, checked rule by rule)")
  func feasible() throws {
    let (file, csv) = try load()
    let present = presentPerDay(csv: csv, days: file.days.map(\.id))
    let timetable = GreedyTimetable(file: file, presentPerDay: present).search(seed: 1)
    #expect(timetable != nil)
  }
}

/// The attendance of Instances/nec2022 (E), as passed to `atelier generate --attendance`.
let necAttendance: [ParticipantSynthesizer.AttendancePattern] = [
  .init(days: ["d0"], count: 100), .init(days: ["d1"], count: 150), .init(days: ["d2"], count: 150),
  .init(days: ["d0", "d1"], count: 150), .init(days: ["d1", "d2"], count: 600), .init(days: ["d0", "d2"], count: 50),
  .init(days: ["d0", "d1", "d2"], count: 300),
]
