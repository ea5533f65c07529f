import AtelierCore
import Foundation

/// What changed between a published schedule and a new one, by ids: runs moved in time or room,
/// runs added or cancelled, and participants whose agenda changed. Each schedule is read with its
/// own instance (the published one with the instance it was made for, the new one with the changed
/// instance), for day dates and room names.
struct ScheduleDiff: Sendable {
  /// Where a run is: day id, start `HH:MM`, room id, and how people read it (`Thu 10:45 Salon Trannin`).
  struct Place: Sendable, Hashable {
    var day: String
    var start: String
    var room: String
    var text: String
  }

  struct RunKey: Sendable, Hashable, Comparable {
    var session: String
    var run: Int
    static func < (a: RunKey, b: RunKey) -> Bool { (a.session, a.run) < (b.session, b.run) }
  }

  struct MovedRun: Sendable, Hashable {
    var key: RunKey
    /// `Atelier numérique responsable run 2` (no run number for a session that runs once).
    var label: String
    var before: Place
    var after: Place
    var timeMoved: Bool { before.day != after.day || before.start != after.start }
    var roomMoved: Bool { before.room != after.room }
    /// Participants to tell: assigned to the run before or after (workshops), or who chose the session (others).
    var notified: Int
    /// False for sessions without assignments: `notified` counts those who chose the session.
    var assigned: Bool
  }

  struct AgendaChange: Sendable, Hashable {
    var participant: String
    var lost: [RunKey]
    var gained: [RunKey]
    var moved: [RunKey]
  }

  var moved: [MovedRun] = []
  var added: [(key: RunKey, label: String, place: Place)] = []
  var cancelled: [(key: RunKey, label: String, place: Place)] = []
  var agendaChanges: [AgendaChange] = []
  var participantsAdded = 0
  var participantsRemoved = 0
  /// Labels and places of every run of both schedules, for agenda lines.
  var labels: [RunKey: String] = [:]
  var placesBefore: [RunKey: Place] = [:]
  var placesAfter: [RunKey: Place] = [:]

  var movedInTime: Int { moved.filter(\.timeMoved).count }
  var movedInRoom: Int { moved.filter(\.roomMoved).count }

  init(published: Schedule, publishedInstance: Instance, result: Schedule, instance: Instance) {
    let before = Self.places(published, publishedInstance)
    let after = Self.places(result, instance)
    placesBefore = before
    placesAfter = after
    let runsBefore = Self.runCounts(published)
    let runsAfter = Self.runCounts(result)
    var titles: [String: String] = [:]
    for run in published.runs { titles[run.session] = run.title ?? run.session }
    for run in result.runs { titles[run.session] = run.title ?? run.session }
    for key in Set(before.keys).union(after.keys) {
      let several = max(runsBefore[key.session] ?? 0, runsAfter[key.session] ?? 0) > 1
      labels[key] = (titles[key.session] ?? key.session) + (several ? " run \(key.run)" : "")
    }

    let assignedBefore = Self.assignments(published)
    let assignedAfter = Self.assignments(result)
    var attendees: [RunKey: Set<String>] = [:]
    for (participant, runs) in assignedBefore { for run in runs { attendees[run, default: []].insert(participant) } }
    for (participant, runs) in assignedAfter { for run in runs { attendees[run, default: []].insert(participant) } }
    let sessionIndex = Dictionary(instance.sessions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let dayIndex = Dictionary(instance.days.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })

    for key in before.keys.sorted() {
      guard let old = before[key] else { continue }
      guard let new = after[key] else {
        cancelled.append((key, labels[key] ?? key.session, old))
        continue
      }
      guard old.day != new.day || old.start != new.start || old.room != new.room else { continue }
      var notified = attendees[key]?.count ?? 0
      var assigned = true
      if let s = sessionIndex[key.session], instance.sessions[s].kind != .workshop, let day = dayIndex[new.day] {
        notified = instance.participants.filter { $0.days.contains(day) && $0.choices.contains(s) }.count
        assigned = false
      }
      moved.append(
        MovedRun(
          key: key, label: labels[key] ?? key.session, before: old, after: new, notified: notified, assigned: assigned))
    }
    for key in after.keys.sorted() where before[key] == nil {
      if let place = after[key] { added.append((key, labels[key] ?? key.session, place)) }
    }
    let movedKeys = Set(moved.map(\.key))

    let publishedPeople = Set(publishedInstance.participants.map(\.id))
    let people = Set(instance.participants.map(\.id))
    participantsAdded = people.subtracting(publishedPeople).count
    participantsRemoved = publishedPeople.subtracting(people).count
    for participant in publishedPeople.intersection(people).sorted() {
      let old = assignedBefore[participant] ?? []
      let new = assignedAfter[participant] ?? []
      let change = AgendaChange(
        participant: participant, lost: old.subtracting(new).sorted(), gained: new.subtracting(old).sorted(),
        moved: old.intersection(new).filter { movedKeys.contains($0) }.sorted())
      if !change.lost.isEmpty || !change.gained.isEmpty || !change.moved.isEmpty { agendaChanges.append(change) }
    }
  }

  private static func runCounts(_ schedule: Schedule) -> [String: Int] {
    var counts: [String: Int] = [:]
    for run in schedule.runs { counts[run.session, default: 0] += 1 }
    return counts
  }

  private static func assignments(_ schedule: Schedule) -> [String: Set<RunKey>] {
    var result: [String: Set<RunKey>] = [:]
    for entry in schedule.assignments ?? [] {
      result[entry.participant, default: []].insert(RunKey(session: entry.session, run: entry.run))
    }
    return result
  }

  private static func places(_ schedule: Schedule, _ instance: Instance) -> [RunKey: Place] {
    var result: [RunKey: Place] = [:]
    let clock = EventClock(timeZone: instance.timeZone)
    for run in schedule.runs {
      // The event's local time, whatever offset the file wrote it with; as written when unreadable.
      let start = clock.local(iso8601: run.start).map { TimeText.clock($0.minutes) } ?? String(run.start.prefix(5))
      let date = instance.days.first { $0.id == run.day }?.date
      let weekday = date.flatMap(TimeText.dayName).map { String($0.prefix(3)) } ?? run.day
      let room = instance.rooms.first { $0.id == run.room }?.name ?? run.room
      result[RunKey(session: run.session, run: run.run)] = Place(
        day: run.day, start: start, room: run.room, text: "\(weekday) \(start) \(room)")
    }
    return result
  }

  // MARK: - Text

  /// `Atelier X run 2: Thu 10:45 Salon A → Thu 14:00 Salon B; 28 participants notified`.
  /// For a session nobody is assigned to (a talk), those who chose it: `12 participants chose it`.
  static func line(_ run: MovedRun) -> String {
    let people = "\(run.notified) participant\(run.notified == 1 ? "" : "s")"
    return "\(run.label): \(run.before.text) → \(run.after.text); "
      + (run.assigned ? "\(people) notified" : run.notified == 0 ? "no participant chose it" : "\(people) chose it")
  }

  /// `p0001: lost 'A' run 2 (Thu 10:45 Salon A); got 'B' (Thu 14:00 Salon B); 'C' moved: … → …`.
  func agendaLine(_ change: AgendaChange) -> String {
    var parts: [String] = []
    for key in change.lost { parts.append("lost \(labels[key] ?? key.session) (\(placesBefore[key]?.text ?? "?"))") }
    for key in change.gained { parts.append("got \(labels[key] ?? key.session) (\(placesAfter[key]?.text ?? "?"))") }
    for key in change.moved {
      parts.append(
        "\(labels[key] ?? key.session) moved: \(placesBefore[key]?.text ?? "?") → \(placesAfter[key]?.text ?? "?")")
    }
    return "\(change.participant): " + parts.joined(separator: "; ")
  }

  /// `agenda-changes.csv`: one line per participant and run that changed, for a mail merge.
  func agendaCSV() -> Data {
    // As AtelierExport's CSV files: RFC 4180, CRLF, and a leading `'` on what a spreadsheet would run as a formula.
    func cell(_ text: String) -> String {
      var text = text
      if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
      return text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
    var lines = ["participant,change,session,run,before,after"]
    for change in agendaChanges {
      for (kind, keys) in [("lost", change.lost), ("gained", change.gained), ("moved", change.moved)] {
        for key in keys {
          let before = kind == "gained" ? "" : placesBefore[key]?.text ?? ""
          let after = kind == "lost" ? "" : placesAfter[key]?.text ?? ""
          lines.append(
            [change.participant, kind, key.session, String(key.run), before, after].map(cell).joined(separator: ","))
        }
      }
    }
    return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
  }
}
