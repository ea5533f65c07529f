import AtelierCore

/// A published schedule that a re-solve should change as little as possible: where each run was,
/// in the terms of the (possibly changed) instance being solved. Runs, rooms or days the instance
/// no longer has are skipped: they cannot be kept.
public struct Baseline: Sendable, Hashable {
  public struct Place: Sendable, Hashable {
    public var day: Int
    /// Minutes from midnight.
    public var start: Int
    /// Nil when the room no longer exists.
    public var room: Int?
  }

  public var places: [SessionRun: Place]
  /// Cost of a run that moves to another day or start (per run).
  public var timeMoveWeight: Double
  /// Cost of a run that moves to another room (per run): keeping the time weighs more.
  public var roomMoveWeight: Double
  /// Bonus per participant kept in a workshop run they had.
  public var keptAssignments: Set<Timetable.Assignment>

  public static let defaultTimeMoveWeight = 100.0
  public static let defaultRoomMoveWeight = 20.0

  public init(
    places: [SessionRun: Place], keptAssignments: Set<Timetable.Assignment> = [],
    timeMoveWeight: Double = Baseline.defaultTimeMoveWeight, roomMoveWeight: Double = Baseline.defaultRoomMoveWeight
  ) {
    self.places = places
    self.keptAssignments = keptAssignments
    self.timeMoveWeight = timeMoveWeight
    self.roomMoveWeight = roomMoveWeight
  }

  /// Maps a schedule's runs and assignments onto `instance` by ids, leniently.
  public init(schedule: Schedule, instance: Instance) {
    let sessions = Dictionary(instance.sessions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let rooms = Dictionary(instance.rooms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let days = Dictionary(instance.days.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let participants = Dictionary(
      instance.participants.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let clock = EventClock(timeZone: instance.timeZone)
    var places: [SessionRun: Place] = [:]
    for run in schedule.runs {
      let local = clock.local(iso8601: run.start)
      guard let s = sessions[run.session], run.run >= 1, run.run <= max(1, instance.sessions[s].runs),
        let day = local.flatMap({ l in instance.days.firstIndex { $0.date == l.date } }) ?? days[run.day],
        let start = local?.minutes ?? TimeText.minutes(run.start)
      else { continue }
      places[SessionRun(session: s, run: run.run)] = Place(day: day, start: start, room: rooms[run.room])
    }
    var kept = Set<Timetable.Assignment>()
    for entry in schedule.assignments ?? [] {
      guard let p = participants[entry.participant], let s = sessions[entry.session] else { continue }
      kept.insert(Timetable.Assignment(participant: p, run: SessionRun(session: s, run: entry.run)))
    }
    self.init(places: places, keptAssignments: kept)
  }
}
