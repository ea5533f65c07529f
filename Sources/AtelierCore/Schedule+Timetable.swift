import Foundation

// `schedule.json` to and from a `Timetable`: ids and ISO 8601 times on the file side, indices and
// slots on the domain side. Reading never traps and reports every problem with its key path.

extension Schedule {
  /// The format this version writes and reads.
  public static let currentFormat = "atelier-schedule/1"
  /// Schedule files larger than this are refused unread.
  public static let maxBytes = 256 * 1024 * 1024

  /// The file form of a timetable: runs sorted by day, start, room, session id and run; assignments
  /// (when there are any) sorted by participant id then start, with the choice rank of each.
  /// Placements that name no session, slot or room of `instance` are left out.
  public init(
    instance: Instance, timetable: Timetable, status: Status, objective: Objective? = nil,
    statistics: Statistics? = nil
  ) {
    let clock = EventClock(timeZone: instance.timeZone)
    struct Keyed {
      var day: Int
      var start: Int
      var room: Int
      var run: Run
    }
    var keyed: [Keyed] = []
    var startOf: [SessionRun: Int] = [:]
    for placement in timetable.placements {
      let s = placement.run.session
      guard instance.sessions.indices.contains(s), instance.slots.indices.contains(placement.slot),
        instance.rooms.indices.contains(placement.room)
      else { continue }
      let session = instance.sessions[s]
      let slot = instance.slots[placement.slot]
      guard instance.days.indices.contains(slot.day) else { continue }
      let day = instance.days[slot.day]
      let end = slot.start + session.durationMinutes
      let speakers = session.speakers.compactMap {
        instance.speakers.indices.contains($0) ? instance.speakers[$0].id : nil
      }
      let track = session.track.flatMap { instance.tracks.indices.contains($0) ? instance.tracks[$0].id : nil }
      var run = Run(
        session: session.id, run: placement.run.run, title: session.title, kind: session.kind.rawValue, day: day.id,
        start: Self.time(clock, day.date, slot.start), end: Self.time(clock, day.date, end),
        room: instance.rooms[placement.room].id, speakers: speakers.isEmpty ? nil : speakers, track: track)
      let streams = instance.occupiedRooms(bySession: s, inRoom: placement.room).dropFirst()
      if !streams.isEmpty { run.overflowRooms = streams.map { instance.rooms[$0].id } }
      keyed.append(Keyed(day: slot.day, start: slot.start, room: placement.room, run: run))
      startOf[placement.run] = slot.day * 1440 + slot.start
    }
    keyed.sort { a, b in
      (a.day, a.start, a.room, a.run.session, a.run.run) < (b.day, b.start, b.room, b.run.session, b.run.run)
    }

    var entries: [(participant: String, start: Int, entry: AssignmentEntry)] = []
    for assignment in timetable.assignments {
      let s = assignment.run.session
      guard instance.participants.indices.contains(assignment.participant), instance.sessions.indices.contains(s)
      else { continue }
      let participant = instance.participants[assignment.participant]
      let rank = participant.rank(ofSession: s)
      entries.append(
        (
          participant.id, startOf[assignment.run] ?? Int.max,
          AssignmentEntry(
            participant: participant.id, session: instance.sessions[s].id, run: assignment.run.run, rank: rank)
        ))
    }
    entries.sort { a, b in
      (a.participant, a.start, a.entry.session, a.entry.run) < (b.participant, b.start, b.entry.session, b.entry.run)
    }

    self.init(
      instance: InstanceReference(name: instance.name, hash: instance.hash), status: status, objective: objective,
      runs: keyed.map(\.run), assignments: entries.isEmpty ? nil : entries.map(\.entry), statistics: statistics)
  }

  private static func time(_ clock: EventClock, _ date: String, _ minutes: Int) -> String {
    // A loaded instance always has valid dates; the fallback only keeps a hand-built one readable.
    clock.iso8601(date: date, minutes: minutes) ?? "\(date)T\(TimeText.clock(minutes)):00"
  }

  /// The timetable this schedule describes in `instance`, or `nil` with every problem found:
  /// unknown session, room, day or participant ids (with the closest known id as a hint), times that
  /// cannot be read, and starts that are not slot starts (rule H2). Run numbers are kept as written,
  /// so the checker reports missing, extra and duplicate runs (rule H1).
  public func timetable(in instance: Instance, file: String? = nil) -> (
    timetable: Timetable?, diagnostics: [Diagnostic]
  ) {
    var diagnostics: [Diagnostic] = []
    func at(_ path: String) -> Diagnostic.Location { Diagnostic.Location(file: file, path: path) }
    let clock = EventClock(timeZone: instance.timeZone)
    let sessionIndex = Dictionary(instance.sessions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let roomIndex = Dictionary(instance.rooms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let dayIndex = Dictionary(instance.days.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let dayByDate = Dictionary(instance.days.enumerated().map { ($1.date, $0) }, uniquingKeysWith: { a, _ in a })
    var slotAt: [Int: Int] = [:]  // day * 1440 + start → slot index
    for slot in instance.slots { slotAt[slot.day * 1440 + slot.start] = slot.index }

    func unknown(_ what: String, _ value: String, _ path: String, among candidates: [String], extra: String? = nil)
      -> Diagnostic
    {
      .error(
        "unknown-\(what)", "no \(what) has the id '\(value)'", at: at(path),
        hint: NameSuggester.hint(for: value, among: candidates) ?? extra)
    }

    var placements: [Timetable.Placement] = []
    for (i, run) in runs.enumerated() {
      let path = "runs[\(i)]"
      let session = sessionIndex[run.session]
      if session == nil {
        diagnostics.append(unknown("session", run.session, path + ".session", among: instance.sessions.map(\.id)))
      }
      let room = roomIndex[run.room]
      if room == nil {
        let byName = instance.rooms.first { $0.name == run.room }.map { "write the room's id, '\($0.id)'" }
        diagnostics.append(unknown("room", run.room, path + ".room", among: instance.rooms.map(\.id), extra: byName))
      }
      let day = dayIndex[run.day] ?? dayByDate[run.day]
      if day == nil {
        diagnostics.append(
          unknown(
            "day", run.day, path + ".day", among: instance.days.map(\.id),
            extra: "days are " + instance.days.map { "'\($0.id)'" }.joined(separator: ", ")))
      }
      let start: Int
      switch startMinutes(run.start, day: day, in: instance, clock: clock) {
      case .success(let minutes): start = minutes
      case .failure(let problem):
        diagnostics.append(
          Diagnostic(.error, code: problem.code, problem.message, at: at(path + ".start"), hint: problem.hint))
        continue
      }
      guard let session, let room, let day else { continue }
      guard let slot = slotAt[day * 1440 + start] else {
        let starts = instance.days[day].slots.compactMap {
          instance.slots.indices.contains($0) ? TimeText.clock(instance.slots[$0].start) : nil
        }
        diagnostics.append(
          .error(
            "not-slot-start",
            "'\(run.session)' run \(run.run) starts at \(TimeText.clock(start)) on \(instance.dayName(day)), "
              + "which is not a slot start (H2)",
            at: at(path + ".start"), hint: "slots that day start at " + starts.joined(separator: ", ")))
        continue
      }
      if let endText = run.end, let end = endMinutes(endText, clock: clock),
        end != start + instance.sessions[session].durationMinutes
      {
        diagnostics.append(
          .warning(
            "end-ignored",
            "'\(run.session)' lasts \(instance.sessions[session].durationMinutes) minutes, so run \(run.run) ends at "
              + "\(TimeText.clock(start + instance.sessions[session].durationMinutes)), not \(TimeText.clock(end))",
            at: at(path + ".end"), hint: "the end is derived from the session's duration; this value is ignored"))
      }
      placements.append(Timetable.Placement(run: SessionRun(session: session, run: run.run), slot: slot, room: room))
    }

    var assignments: [Timetable.Assignment] = []
    if let entries = self.assignments {
      let participantIndex = Dictionary(
        instance.participants.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
      // Suggestions over thousands of participants cost little, but only compute them when needed.
      for (i, entry) in entries.enumerated() {
        let path = "assignments[\(i)]"
        let participant = participantIndex[entry.participant]
        if participant == nil {
          diagnostics.append(
            unknown("participant", entry.participant, path + ".participant", among: instance.participants.map(\.id)))
        }
        let session = sessionIndex[entry.session]
        if session == nil {
          diagnostics.append(unknown("session", entry.session, path + ".session", among: instance.sessions.map(\.id)))
        }
        if let participant, let session {
          assignments.append(
            Timetable.Assignment(participant: participant, run: SessionRun(session: session, run: entry.run)))
        }
      }
    }
    if diagnostics.hasErrors { return (nil, diagnostics) }
    return (Timetable(placements: placements, assignments: assignments), diagnostics)
  }

  /// Minutes after midnight of a run's start: ISO 8601 (its local date must be the run's day) or `HH:MM`.
  private func startMinutes(_ text: String, day: Int?, in instance: Instance, clock: EventClock) -> Result<
    Int, StartProblem
  > {
    let hint = "write ISO 8601 with the offset, as 2022-09-28T10:45:00+02:00, or HH:MM"
    guard text.count > 5 else {
      guard let minutes = TimeText.minutes(text) else {
        return .failure(StartProblem(code: "bad-time", message: "'\(text)' is not a time", hint: hint))
      }
      return .success(minutes)
    }
    guard let local = clock.local(iso8601: text) else {
      return .failure(StartProblem(code: "bad-time", message: "'\(text)' is not a date and time", hint: hint))
    }
    if let day, instance.days[day].date != local.date {
      return .failure(
        StartProblem(
          code: "day-mismatch",
          message: "the start '\(text)' falls on \(local.date) in \(instance.timeZone), but the run's day "
            + "'\(instance.days[day].id)' is \(instance.days[day].date)", hint: nil))
    }
    return .success(local.minutes)
  }

  private struct StartProblem: Error {
    var code: String
    var message: String
    var hint: String?
  }

  private func endMinutes(_ text: String, clock: EventClock) -> Int? {
    if let local = clock.local(iso8601: text) { return local.minutes }
    return TimeText.minutes(text)
  }
}
