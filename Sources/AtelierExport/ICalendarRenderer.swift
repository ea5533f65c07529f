import AtelierCore
import Foundation

/// iCalendar feeds (RFC 5545): `programme.ics` (every run), `rooms/<room>.ics`,
/// `tracks/<track>.ics` and `participants/<participant>.ics` (their workshop runs plus the
/// exclusive and plenary sessions of the days they attend).
///
/// Each calendar carries a `VTIMEZONE` for the event's zone built from its transitions, and
/// events with `DTSTART;TZID=` local times. UIDs are stable per session run
/// (`<session>-<run>@<instance-slug>.atelier`); `DTSTAMP` is the first day at 00:00Z, never the
/// clock, so output is byte-identical across runs.
public struct ICalendarRenderer: ProgrammeRenderer {
  /// Base of per-session links (`URL:<base>/<session-id>`), when the programme is published.
  public var baseURL: String?
  /// The schedule published before this one, when re-publishing: an event whose start, end or room
  /// differs from the same session run there gets `SEQUENCE:1`, so calendar clients take the change
  /// as a revision; unchanged and new runs keep `SEQUENCE:0`. (`schedule.json` keeps no sequence
  /// numbers, so a run moved twice stays at 1.)
  public var previous: Schedule?
  /// Language of the descriptions' words (`fr…` French, else English).
  public var language: String?

  public init(baseURL: String? = nil, previous: Schedule? = nil, language: String? = nil) {
    self.baseURL = baseURL
    self.previous = previous
    self.language = language
  }

  var labels: HTMLLabels { HTMLLabels.forLanguage(language ?? "en") }

  public func render(_ instance: Instance, _ timetable: Timetable, _ schedule: Schedule) throws -> [RenderedFile] {
    let model = try ProgrammeModel(instance, timetable, schedule)
    let timeZone = vTimeZone(model)
    let revised = revisedRuns(model)
    var files: [RenderedFile] = []
    func calendar(_ path: String, _ name: String, _ entries: [ProgrammeModel.Entry], online: Bool = false) {
      files.append(
        RenderedFile(
          path: path,
          text: self.calendar(model, name: name, timeZone: timeZone, entries: entries, revised: revised, online: online)))
    }
    calendar("programme.ics", instance.name, model.entries)
    for (index, room) in instance.rooms.enumerated() {
      calendar(
        "rooms/\(FileName.component(for: room.id)).ics", "\(instance.name) – \(room.name)",
        model.entries(inRoom: index))
    }
    for (index, track) in instance.tracks.enumerated() {
      calendar(
        "tracks/\(FileName.component(for: track.id)).ics", "\(instance.name) – \(track.name)",
        model.entries.filter { $0.session.track == index })
    }
    var assigned: [Int: Set<SessionRun>] = [:]
    for assignment in timetable.assignments { assigned[assignment.participant, default: []].insert(assignment.run) }
    for (index, participant) in instance.participants.enumerated() {
      let runs = assigned[index] ?? []
      // Online attendees (issue 17): the streams they can follow, once each (not in overflow rooms).
      let online = participant.isOnline(in: instance)
      let entries = model.entries.filter {
        (runs.contains($0.run) || (ProgrammeModel.isForEveryone($0.session) && participant.days.contains($0.day)))
          && (!online || ($0.session.streamed && $0.streamedFrom == nil))
      }
      calendar(
        "participants/\(FileName.component(for: participant.id)).ics", "\(instance.name) – \(participant.id)", entries,
        online: online)
    }
    return files
  }

  /// Runs whose start, end or room changed since `previous`.
  func revisedRuns(_ model: ProgrammeModel) -> Set<SessionRun> {
    guard let previous else { return [] }
    let clock = EventClock(timeZone: model.instance.timeZone)
    var before: [String: [Int: Schedule.Run]] = [:]
    for run in previous.runs { before[run.session, default: [:]][run.run] = run }
    var revised: Set<SessionRun> = []
    for entry in model.entries {
      guard let old = before[entry.session.id]?[entry.run.run] else { continue }
      func same(_ text: String?, _ time: LocalClock.DateTime) -> Bool {
        guard let text else { return true }  // no end given: nothing to compare
        guard let local = clock.local(iso8601: text) else { return false }
        return local.date == time.dateString && local.minutes == time.minute
      }
      if old.room != model.instance.rooms[entry.room].id || !same(old.start, entry.start) || !same(old.end, entry.end) {
        revised.insert(entry.run)
      }
    }
    return revised
  }

  func calendar(
    _ model: ProgrammeModel, name: String, timeZone: String, entries: [ProgrammeModel.Entry],
    revised: Set<SessionRun> = [], online: Bool = false
  ) -> String {
    var lines = ContentLines()
    lines.add("BEGIN", raw: "VCALENDAR")
    lines.add("VERSION", raw: "2.0")
    lines.add("PRODID", text: "-//Atelier//Atelier programme//EN")
    lines.add("CALSCALE", raw: "GREGORIAN")
    lines.add("METHOD", raw: "PUBLISH")
    // A schedule that breaks hard rules says so in the calendar's name, and each event is tentative.
    lines.add("X-WR-CALNAME", text: model.isDraft ? "\(labels.draftMark) – \(name)" : name)
    lines.add("X-WR-TIMEZONE", text: model.instance.timeZone)
    var text = lines.text + timeZone
    lines = ContentLines()
    let stamp =
      model.instance.days.first.map { LocalClock.DateTime(date: $0.date, minute: 0) ?? nil }
      .flatMap { $0 }.map { $0.iCalendarLocal + "Z" } ?? "19700101T000000Z"
    let zone = [("TZID", model.instance.timeZone)]
    for entry in entries {
      let session = entry.session
      lines.add("BEGIN", raw: "VEVENT")
      // A stream is an event of its own (another place), so a calendar app holding both keeps both.
      let stream = entry.streamedFrom == nil ? "" : "-stream-\(ContentLines.uidComponent(model.instance.rooms[entry.room].id))"
      lines.add("UID", raw: "\(ContentLines.uidComponent(session.id))-\(entry.run.run)\(stream)@\(model.slug).atelier")
      lines.add("DTSTAMP", raw: stamp)
      lines.add("DTSTART", zone, raw: entry.start.iCalendarLocal)
      lines.add("DTEND", zone, raw: entry.end.iCalendarLocal)
      lines.add("SUMMARY", text: model.isDraft ? "[\(labels.draftMark)] \(model.summary(session))" : model.summary(session))
      // An online attendee watches the stream: its address when the session gives one.
      lines.add("LOCATION", text: online ? session.streamURL ?? labels.online : model.instance.rooms[entry.room].name)
      lines.add("DESCRIPTION", text: description(model, entry))
      lines.add(
        "CATEGORIES", texts: [ProgrammeModel.kindLabel(session.kind)] + (model.track(session).map { [$0.name] } ?? []))
      if let baseURL {
        lines.add("URL", raw: baseURL.trimmingSuffix("/") + "/" + ContentLines.uidComponent(session.id))
      }
      lines.add("SEQUENCE", raw: revised.contains(entry.run) ? "1" : "0")
      if model.isDraft { lines.add("STATUS", raw: "TENTATIVE") }
      lines.add("END", raw: "VEVENT")
    }
    lines.add("END", raw: "VCALENDAR")
    text += lines.text
    return text
  }

  func description(_ model: ProgrammeModel, _ entry: ProgrammeModel.Entry) -> String {
    let labels = self.labels
    var head = labels.kindName(entry.session.kind)
    if let track = model.track(entry.session) { head += " · " + labels.trackOf(track.name) }
    if entry.session.runs > 1 { head += " · " + labels.runOf(entry.run.run, entry.session.runs) }
    if let from = entry.streamedFrom { head += " · " + labels.streamFrom(model.instance.rooms[from].name) }
    let streamRooms = model.streamRoomNames(entry)
    if entry.streamedFrom == nil, !streamRooms.isEmpty { head += " · " + labels.streamedIn(streamRooms.joined(separator: ", ")) }
    if model.isDraft { head = labels.draftNotice + "\n\n" + head }
    if let text = entry.session.description, !text.isEmpty { return head + "\n\n" + text }
    return head
  }

  /// The event zone's `VTIMEZONE`: one observance per kind of transition (standard or daylight,
  /// offsets, name) with its first onset as `DTSTART` and later ones as `RDATE`s, covering every
  /// year the event touches; one fixed `STANDARD` observance for zones without transitions.
  func vTimeZone(_ model: ProgrammeModel) -> String {
    let clock = model.clock
    let dates = model.instance.days.compactMap { LocalClock.DateTime(date: $0.date, minute: 0) }
    let firstYear = dates.map(\.year).min() ?? 1970
    let lastYear = dates.map(\.year).max() ?? firstYear
    let from = LocalClock.DateTime(year: firstYear, month: 1, day: 1, minute: 0).wallSeconds
    let to = LocalClock.DateTime(year: lastYear + 1, month: 1, day: 1, minute: 0).wallSeconds
    let transitions = clock.transitions(from: from, to: to)
    var lines = ContentLines()
    lines.add("BEGIN", raw: "VTIMEZONE")
    lines.add("TZID", text: model.instance.timeZone)
    if transitions.isEmpty {
      let offset = clock.offset(atInstant: from)
      let name = clock.timeZone.abbreviation(for: Date(timeIntervalSince1970: TimeInterval(from))) ?? ""
      lines.add("BEGIN", raw: "STANDARD")
      lines.add("DTSTART", raw: "19700101T000000")
      lines.add("TZOFFSETFROM", raw: LocalClock.offsetString(offset, separator: ""))
      lines.add("TZOFFSETTO", raw: LocalClock.offsetString(offset, separator: ""))
      if !name.isEmpty { lines.add("TZNAME", text: name) }
      lines.add("END", raw: "STANDARD")
    } else {
      struct Kind: Hashable {
        var daylight: Bool
        var name: String
        var from: Int
        var to: Int
      }
      var order: [Kind] = []
      var onsets: [Kind: [String]] = [:]
      for t in transitions {
        let kind = Kind(daylight: t.isDaylight, name: t.abbreviation, from: t.offsetFrom, to: t.offsetTo)
        if onsets[kind] == nil { order.append(kind) }
        // Onsets are local times in the offset in force before the change.
        onsets[kind, default: []].append(LocalClock.DateTime(wallSeconds: t.instant + t.offsetFrom).iCalendarLocal)
      }
      for kind in order {
        let component = kind.daylight ? "DAYLIGHT" : "STANDARD"
        let times = onsets[kind] ?? []
        lines.add("BEGIN", raw: component)
        lines.add("DTSTART", raw: times.first ?? "19700101T000000")
        for time in times.dropFirst() { lines.add("RDATE", raw: time) }
        lines.add("TZOFFSETFROM", raw: LocalClock.offsetString(kind.from, separator: ""))
        lines.add("TZOFFSETTO", raw: LocalClock.offsetString(kind.to, separator: ""))
        if !kind.name.isEmpty { lines.add("TZNAME", text: kind.name) }
        lines.add("END", raw: component)
      }
    }
    lines.add("END", raw: "VTIMEZONE")
    return lines.text
  }
}

extension String {
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }

  func trimmingSuffix(_ suffix: String) -> String {
    var value = self
    while value.hasSuffix(suffix) { value.removeLast(suffix.count) }
    return value
  }
}
