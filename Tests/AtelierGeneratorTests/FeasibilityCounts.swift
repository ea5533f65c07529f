import AtelierCore
import AtelierGenerator

/// Necessary conditions for a feasible timetable, by counting (the argument of Instances/nec2022/README.md).
struct FeasibilityCounts {
  struct Day {
    var id: String
    var demand: Int
    /// Workshop room × slot cells that are open (not closed, not an exclusive session's slot).
    var workshopCells: Int
    /// Cells the day's workshop runs need (a 90-minute run needs two).
    var workshopNeed: Int
    /// Slots with no exclusive session.
    var freeSlots: Int
    /// Runs of the day that are neither workshops nor exclusive (they fill the big rooms).
    var otherRuns: Int
    /// Largest room that takes plenaries.
    var hall: Int
    var margin: Double { workshopNeed == 0 ? .infinity : Double(workshopCells) / Double(workshopNeed) - 1 }
  }

  let days: [Day]

  init(file: InstanceFile, presentPerDay: [Int]) {
    let checker = WitnessChecker(file: file, presentPerDay: presentPerDay)
    func runDays(_ s: InstanceFile.SessionEntry) -> [String?] {
      let pins = s.pins ?? (s.pin.map { [$0] } ?? [])
      return (0..<max(1, s.runs ?? 1)).map { $0 < pins.count ? pins[$0].day : nil }
    }
    var result: [Day] = []
    for (d, day) in file.days.enumerated() {
      let slots = checker.slots(d)
      let exclusiveStarts = Set(
        file.sessions.filter { ($0.exclusive ?? false) && $0.pin?.day == day.id }.compactMap { $0.pin?.start }
          .map(WitnessChecker.minutes))
      let open = slots.filter { !exclusiveStarts.contains($0.start) }
      var cells = 0
      for room in file.rooms where room.kinds?.contains("workshop") ?? true {
        cells += open.filter { !checker.touches(room.unavailable ?? [], day: d, start: $0.start, end: $0.end) }.count
      }
      var need = 0
      var others = 0
      for session in file.sessions {
        let onDay = runDays(session).filter { $0 == day.id }.count
        if session.kind == "workshop" {
          need += onDay * ((session.duration + 59) / 60)
        } else if !(session.exclusive ?? false) {
          others += onDay
        }
      }
      let hall = file.rooms.filter { $0.kinds?.contains("plenary") ?? true }.map(\.capacity).max() ?? 0
      result.append(
        Day(
          id: day.id, demand: checker.demand(d), workshopCells: cells, workshopNeed: need, freeSlots: open.count,
          otherRuns: others, hall: hall))
    }
    days = result
  }
}
