import AtelierCore
import Foundation

/// What every renderer needs, resolved once: each placed run that takes place with its local and
/// absolute times, checked against the instance so that no renderer indexes out of range.
struct ProgrammeModel: Sendable {
  /// One placed session run.
  struct Entry: Sendable, Hashable {
    var run: SessionRun
    var session: Session
    var day: Int
    var room: Int
    /// Minutes after the day's local midnight.
    var startMinute: Int
    var endMinute: Int
    var start: LocalClock.DateTime
    var end: LocalClock.DateTime
    /// Seconds since the epoch.
    var startInstant: Int
    var endInstant: Int
    /// For a stream (the run shown in one of its overflow rooms, `room`): the room it takes place in.
    var streamedFrom: Int? = nil

    var window: TimeWindow { TimeWindow(day: day, start: startMinute, end: endMinute) }
  }

  let instance: Instance
  let timetable: Timetable
  let schedule: Schedule
  let clock: LocalClock
  /// Sorted by start instant, then room, then run; cancelled runs left out.
  let entries: [Entry]
  /// Each entry again in each of its session's overflow rooms (`streamedFrom` its room), same order.
  let streams: [Entry]
  /// Runs below their minimum size, which do not take place (report.md and schedule.json's
  /// statistics name them; no programme, calendar or sign-up sheet lists them).
  let cancelled: Set<SessionRun>
  /// Lower-case ASCII slug of the instance name (`nec2022`), never empty.
  let slug: String

  init(_ instance: Instance, _ timetable: Timetable, _ schedule: Schedule) throws {
    var problems: [Diagnostic] = []
    guard let clock = LocalClock(identifier: instance.timeZone) else {
      throw DiagnosticsError([
        .error(
          "unknown-time-zone", "unknown time zone '\(instance.timeZone)'",
          at: .init(path: "time_zone"), hint: "use an IANA name such as 'Europe/Paris'")
      ])
    }
    for (index, day) in instance.days.enumerated() where LocalClock.DateTime(date: day.date, minute: 0) == nil {
      problems.append(.error("bad-date", "day '\(day.id)' has no valid date '\(day.date)'", at: .init(path: "days[\(index)].date")))
    }
    var entries: [Entry] = []
    var seen: Set<SessionRun> = []
    let cancelled = Set(timetable.cancelledRuns(in: instance))
    for (index, placement) in timetable.placements.enumerated() {
      let path = Diagnostic.Location(path: "runs[\(index)]")
      let run = placement.run
      guard instance.sessions.indices.contains(run.session) else {
        problems.append(.error("unknown-session", "placement \(index + 1) refers to no session", at: path))
        continue
      }
      let session = instance.sessions[run.session]
      guard (1...max(1, session.runs)).contains(run.run) else {
        problems.append(.error("unknown-run", "session '\(session.id)' has no run \(run.run)", at: path))
        continue
      }
      guard seen.insert(run).inserted else {
        problems.append(.error("duplicate-run", "run \(run.run) of session '\(session.id)' is placed twice", at: path))
        continue
      }
      guard instance.slots.indices.contains(placement.slot) else {
        problems.append(.error("unknown-slot", "run \(run.run) of session '\(session.id)' starts in no known slot", at: path))
        continue
      }
      guard instance.rooms.indices.contains(placement.room) else {
        problems.append(.error("unknown-room", "run \(run.run) of session '\(session.id)' is in no known room", at: path))
        continue
      }
      let slot = instance.slots[placement.slot]
      guard instance.days.indices.contains(slot.day),
        let start = LocalClock.DateTime(date: instance.days[slot.day].date, minute: slot.start),
        session.durationMinutes > 0
      else {
        problems.append(.error("bad-run-time", "run \(run.run) of session '\(session.id)' has no valid time", at: path))
        continue
      }
      if cancelled.contains(run) { continue }
      let endMinute = slot.start + session.durationMinutes
      var end = start
      end.minute = endMinute
      entries.append(
        Entry(
          run: run, session: session, day: slot.day, room: placement.room, startMinute: slot.start,
          endMinute: endMinute, start: start.normalised, end: end.normalised,
          startInstant: clock.instant(of: start), endInstant: clock.instant(of: end)))
    }
    for (index, assignment) in timetable.assignments.enumerated() {
      if !instance.participants.indices.contains(assignment.participant) || !seen.contains(assignment.run) {
        problems.append(.error("bad-assignment", "assignment \(index + 1) refers to an unknown participant or unplaced run", at: .init(path: "assignments[\(index)]")))
      }
    }
    if !problems.isEmpty { throw DiagnosticsError(problems) }
    self.instance = instance
    self.timetable = timetable
    self.schedule = schedule
    self.clock = clock
    self.cancelled = cancelled
    self.entries = entries.sorted {
      ($0.startInstant, $0.room, $0.run.session, $0.run.run) < ($1.startInstant, $1.room, $1.run.session, $1.run.run)
    }
    let slug = Slug.make(instance.name)
    self.slug = slug.isEmpty ? "event" : slug
    self.streams = self.entries.flatMap { entry in
      instance.occupiedRooms(bySession: entry.run.session, inRoom: entry.room).dropFirst().map { room in
        var stream = entry
        stream.room = room
        stream.streamedFrom = entry.room
        return stream
      }
    }
  }

  /// What room `room` shows: its runs and the runs streamed into it, by start, then run.
  func entries(inRoom room: Int) -> [Entry] {
    let own = entries.filter { $0.room == room }
    let streamed = streams.filter { $0.room == room }
    guard !streamed.isEmpty else { return own }
    return (own + streamed).sorted { ($0.startInstant, $0.run.session, $0.run.run) < ($1.startInstant, $1.run.session, $1.run.run) }
  }

  /// Names of the rooms an entry's run is streamed into (its session's overflow rooms).
  func streamRoomNames(_ entry: Entry) -> [String] {
    instance.occupiedRooms(bySession: entry.run.session, inRoom: entry.streamedFrom ?? entry.room).dropFirst()
      .map { instance.rooms[$0].name }
  }

  /// Whether the schedule breaks hard rules (exported with `--allow-violations`): every output
  /// then carries the draft mark.
  var isDraft: Bool { schedule.status == .draft }

  /// Local date-time of minutes after midnight of `day`; days were checked in `init`.
  func local(day: Int, minute: Int) -> LocalClock.DateTime {
    var value = LocalClock.DateTime(date: instance.days[day].date, minute: 0) ?? LocalClock.DateTime(year: 1970, month: 1, day: 1, minute: 0)
    value.minute = minute
    return value.normalised
  }

  func speakerNames(_ session: Session) -> [String] {
    session.speakers.compactMap { instance.speakers.indices.contains($0) ? instance.speakers[$0].name : nil }
  }

  func track(_ session: Session) -> Track? {
    session.track.flatMap { instance.tracks.indices.contains($0) ? instance.tracks[$0] : nil }
  }

  /// `Title – Speaker, Speaker`, or the title alone.
  func summary(_ session: Session) -> String {
    let names = speakerNames(session)
    return names.isEmpty ? session.title : "\(session.title) – \(names.joined(separator: ", "))"
  }

  /// Run label for people: empty for single-run sessions, `run 2 of 3` otherwise.
  func runLabel(_ entry: Entry) -> String {
    entry.session.runs > 1 ? "run \(entry.run.run) of \(entry.session.runs)" : ""
  }

  /// Sessions shown in every attendee's agenda: exclusive ones and plenaries.
  static func isForEveryone(_ session: Session) -> Bool { session.exclusive || session.kind == .plenary }

  /// Participant indices assigned to each run.
  var participantsByRun: [SessionRun: [Int]] {
    var result: [SessionRun: [Int]] = [:]
    for assignment in timetable.assignments { result[assignment.run, default: []].append(assignment.participant) }
    return result
  }

  /// 1-based rank of `session` among the participant's choices.
  func rank(ofSession session: Int, forParticipant participant: Int) -> Int? {
    instance.participants[participant].rank(ofSession: session)
  }

  /// Human-readable session kind (`round table`).
  static func kindLabel(_ kind: SessionKind) -> String {
    kind.rawValue.replacingOccurrences(of: "_", with: " ")
  }

  /// Whether room `room` shows break `pause` of day `day`: a general break shows everywhere; one
  /// that names rooms or kinds shows in its rooms, except where a run goes on through it (a lab
  /// through the talks' lunch).
  func shows(_ pause: Break, inRoom room: Int, day: Int) -> Bool {
    guard !pause.isGeneral else { return true }
    guard pause.rooms?.contains(room) ?? true else { return false }
    return !(entries + streams).contains {
      $0.room == room && $0.day == day && $0.startMinute < pause.end && pause.start < $0.endMinute
    }
  }
}
