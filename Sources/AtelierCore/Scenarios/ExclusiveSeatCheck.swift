/// A necessary condition `FeasibilityCheck` does not cover yet: an exclusive run is alone in its
/// slots (rule H9), so its room alone must seat the day's seat demand (rule H12). A scenario that
/// adds participants breaks it first at the opening plenary; saying so here spares a solve that
/// ends "infeasible" without a reason in domain terms.
public enum ExclusiveSeatCheck {
  /// One sentence per exclusive run that no suitable room can seat, on its pinned day (every day
  /// the run could take when it has no day pin).
  public static func problems(in instance: Instance) -> [String] {
    guard !instance.participants.isEmpty else { return [] }
    var found: [String] = []
    for session in instance.sessions where session.exclusive {
      let rooms = instance.rooms.filter { $0.takes(session.kind) && session.requires.isSubset(of: $0.features) }
      for run in 1...max(1, session.runs) {
        let pin = session.pin(forRun: run) ?? Pin()
        let candidates = pin.room.map { r in instance.rooms.indices.contains(r) ? [instance.rooms[r]] : [] } ?? rooms
        let largest = candidates.max { seats($0, session) < seats($1, session) }
        let best = largest.map { seats($0, session) } ?? 0
        let days = pin.day.map { [$0] } ?? Array(instance.days.indices)
        // Without a day pin, one day where it fits is enough.
        guard let day = days.min(by: { instance.seatDemand(onDay: $0) < instance.seatDemand(onDay: $1) }),
          instance.seatDemand(onDay: day) > best
        else { continue }
        let demand = instance.seatDemand(onDay: day)
        let present = instance.participantsPresent(onDay: day)
        let runText = session.runs > 1 ? " run \(run)" : ""
        let share = Int((instance.seatCoverage * 100).rounded())
        found.append(
          "the exclusive session '\(session.title)'\(runText) on \(instance.dayName(day)) runs alone, so its room "
            + "must seat the \(demand) participants who need a seat (\(share) % of the \(present) present), "
            + "but the largest room it can use"
            + (largest.map { ", '\($0.name)', seats \(best)" } ?? " does not exist"))
      }
    }
    return found
  }

  private static func seats(_ room: Room, _ session: Session) -> Int {
    session.maxSize.map { min($0, room.capacity) } ?? room.capacity
  }
}
