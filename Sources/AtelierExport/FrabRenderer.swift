import AtelierCore
import Crypto
import Foundation

/// The c3voc / frab schedule that conference apps (Giggity, EventFahrplan, ConfClerk,
/// info-beamer) and pretalx read: `frab-schedule.json` (valid against the c3voc JSON schema,
/// draft-06) and `frab-schedule.xml` (valid against `c3voc-schedule.xsd`).
///
/// Event `guid`s are UUID v5 of `atelier:<instance-slug>:session:<session-id>:<run>` in the URL
/// namespace, so they stay the same across re-solves; event `id`s follow the instance's run order.
/// Breaks appear as entries of type `break` in every room used that day; plenaries as entries.
public struct FrabRenderer: ProgrammeRenderer {
  /// Public base URL of the programme: session links become `<base>/<session-id>`; without it,
  /// events link to `urn:uuid:<guid>` (the JSON schema requires a URL).
  public var baseURL: String?
  /// Language of the sessions (`fr`, `en`), when one applies to all.
  public var language: String?

  public init(baseURL: String? = nil, language: String? = nil) {
    self.baseURL = baseURL
    self.language = language
  }

  public func render(_ instance: Instance, _ timetable: Timetable, _ schedule: Schedule) throws -> [RenderedFile] {
    let document = try FrabDocument(ProgrammeModel(instance, timetable, schedule), baseURL: baseURL, language: language)
    return [
      RenderedFile(path: "frab-schedule.json", contents: try document.json()),
      RenderedFile(path: "frab-schedule.xml", text: document.xml()),
    ]
  }
}

/// The schedule in frab's terms, shared by the JSON and XML writers.
struct FrabDocument {
  struct Person {
    var name: String
    var guid: String
  }

  struct Event {
    var id: Int
    var guid: String
    var date: String
    var start: String
    var end: String
    var duration: String
    var room: String
    var slug: String
    var url: String
    var title: String
    var track: String?
    var type: String
    var language: String?
    var abstract: String?
    var description: String?
    var persons: [Person]
  }

  struct Day {
    var index: Int
    var date: String
    var start: String
    var end: String
    /// In the instance's room order; only rooms with events.
    var rooms: [(name: String, guid: String, events: [Event])]
  }

  struct Room {
    var name: String
    var slug: String?
    var guid: String
    var capacity: Int
  }

  struct Track {
    var name: String
    var slug: String?
    var color: String?
  }

  var version: String
  var acronym: String
  var title: String
  var start: String
  var end: String
  var timeslotDuration: String
  var timeZoneName: String?
  var baseURL: String?
  var rooms: [Room]
  var tracks: [Track]
  var days: [Day]

  init(_ model: ProgrammeModel, baseURL: String?, language: String?) {
    let instance = model.instance
    let slug = model.slug
    self.baseURL = baseURL.map { $0.trimmingSuffix("/") + "/" }
    // Acronym: `^[a-z0-9_-][a-z0-9_]{3,}$`, so no dashes after the first character.
    var acronym = slug.replacingOccurrences(of: "-", with: "_")
    while acronym.count < 4 { acronym += "_" }
    self.acronym = acronym
    // A schedule that breaks hard rules is shown as a draft in the apps' event title.
    title = model.isDraft ? "\(HTMLLabels.forLanguage(language ?? "en").draftMark) – \(instance.name)" : instance.name
    let dates = instance.days.map(\.date).sorted()
    start = dates.first ?? "1970-01-01"
    end = dates.last ?? start
    timeZoneName = Self.matchesTimeZonePattern(instance.timeZone) ? instance.timeZone : nil

    var minutes = instance.slots.flatMap { [$0.start, $0.end] } + instance.sessions.map(\.durationMinutes)
    minutes += instance.days.flatMap { $0.breaks.flatMap { [$0.start, $0.end] } }
    let step = minutes.reduce(0) { Self.gcd($0, $1) }
    timeslotDuration = Self.hoursMinutes(step <= 0 ? 15 : min(step, 60))

    // Room names key the day's events: make them unique.
    var names: [String: Int] = [:]
    for room in instance.rooms { names[room.name, default: 0] += 1 }
    let roomNames = instance.rooms.map { names[$0.name, default: 0] > 1 ? "\($0.name) (\($0.id))" : $0.name }
    let roomGUIDs = instance.rooms.map { StableUUID.v5("atelier:\(slug):room:\($0.id)") }
    rooms = instance.rooms.indices.map { i in
      let roomSlug = Slug.make(instance.rooms[i].id)
      return Room(name: roomNames[i], slug: roomSlug.count >= 2 ? roomSlug : nil, guid: roomGUIDs[i], capacity: instance.rooms[i].capacity)
    }
    tracks = instance.tracks.map { track in
      let trackSlug = Slug.make(track.id)
      return Track(name: track.name, slug: trackSlug.count >= 2 ? trackSlug : nil, color: track.color.flatMap(Self.hexColor))
    }

    var eventIDs: [SessionRun: Int] = [:]
    for (index, run) in instance.runs.enumerated() { eventIDs[run] = index + 1 }
    var nextBreakID = instance.runs.count + 1
    let labels = HTMLLabels.forLanguage(language ?? "en")
    let clock = model.clock
    var days: [Day] = []
    for (dayIndex, day) in instance.days.enumerated() {
      let entries = model.entries.filter { $0.day == dayIndex }
      var first = day.slots.compactMap { instance.slots.indices.contains($0) ? instance.slots[$0].start : nil }
      var last = day.slots.compactMap { instance.slots.indices.contains($0) ? instance.slots[$0].end : nil }
      first += day.breaks.map(\.start) + entries.map(\.startMinute)
      last += day.breaks.map(\.end) + entries.map(\.endMinute)
      var events: [Int: [Event]] = [:]
      for entry in entries {
        let session = entry.session
        let guid = StableUUID.v5("atelier:\(slug):session:\(session.id):\(entry.run.run)")
        let id = eventIDs[entry.run] ?? 0
        let description = session.description.flatMap { $0.isEmpty ? nil : $0 }
        events[entry.room, default: []].append(
          Event(
            id: id, guid: guid, date: clock.iso8601(entry.start), start: entry.start.timeString,
            end: clock.iso8601(entry.end), duration: Self.hoursMinutes(session.durationMinutes),
            room: roomNames[entry.room], slug: Self.eventSlug(acronym, id, session.title),
            url: self.baseURL.map { $0 + ContentLines.uidComponent(session.id) } ?? "urn:uuid:\(guid)",
            title: entry.session.runs > 1 ? "\(session.title) (\(model.runLabel(entry)))" : session.title,
            track: model.track(session)?.name, type: session.kind.rawValue, language: language,
            abstract: description, description: description,
            persons: session.speakers.compactMap { s in
              instance.speakers.indices.contains(s)
                ? Person(name: instance.speakers[s].name, guid: StableUUID.v5("atelier:\(slug):speaker:\(instance.speakers[s].id)"))
                : nil
            }))
      }
      // A run streamed into overflow rooms is an event there too, with its own guid and id (after
      // the runs'), titled as a stream, so apps that list a room show what plays in it.
      for stream in model.streams where stream.day == dayIndex {
        guard let from = stream.streamedFrom, let main = events[from]?.first(where: { $0.id == eventIDs[stream.run] })
        else { continue }
        let id = nextBreakID
        nextBreakID += 1
        let guid = StableUUID.v5(
          "atelier:\(slug):stream:\(stream.session.id):\(stream.run.run):\(instance.rooms[stream.room].id)")
        var event = main
        event.id = id
        event.guid = guid
        event.room = roomNames[stream.room]
        event.slug = Self.eventSlug(acronym, id, main.title)
        if event.url == "urn:uuid:\(main.guid)" { event.url = "urn:uuid:\(guid)" }
        event.title = "\(main.title) (\(labels.streamFrom(instance.rooms[from].name)))"
        events[stream.room, default: []].append(event)
      }
      // Breaks in every room in use that day, so apps show the gap (giggity #544).
      for (breakIndex, pause) in day.breaks.enumerated() {
        for room in instance.rooms.indices where events[room] != nil && model.shows(pause, inRoom: room, day: dayIndex) {
          let id = nextBreakID
          nextBreakID += 1
          let guid = StableUUID.v5("atelier:\(slug):break:\(day.id):\(breakIndex):\(instance.rooms[room].id)")
          let start = model.local(day: dayIndex, minute: pause.start)
          let end = model.local(day: dayIndex, minute: pause.end)
          events[room, default: []].append(
            Event(
              id: id, guid: guid, date: clock.iso8601(start), start: start.timeString, end: clock.iso8601(end),
              duration: Self.hoursMinutes(max(0, pause.end - pause.start)), room: roomNames[room],
              slug: Self.eventSlug(acronym, id, pause.title), url: self.baseURL ?? "urn:uuid:\(guid)",
              title: pause.title, track: nil, type: "break", language: language, abstract: nil,
              description: nil, persons: []))
        }
      }
      let dayStart = model.local(day: dayIndex, minute: first.min() ?? 0)
      let dayEnd = model.local(day: dayIndex, minute: max(last.max() ?? 1439, first.min() ?? 0))
      days.append(
        Day(
          index: dayIndex + 1, date: day.date, start: clock.iso8601(dayStart), end: clock.iso8601(dayEnd),
          rooms: instance.rooms.indices.compactMap { room in
            events[room].map { (roomNames[room], roomGUIDs[room], $0.sorted { ($0.date, $0.id) < ($1.date, $1.id) }) }
          }))
    }
    self.days = days

    var hasher = SHA256()
    hasher.update(data: Data(instance.hash.utf8))
    for placement in model.timetable.placements where !model.cancelled.contains(placement.run) {
      hasher.update(data: Data("\(placement.run.session) \(placement.run.run) \(placement.slot) \(placement.room)\n".utf8))
    }
    version = "atelier-" + hasher.finalize().prefix(6).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
  }

  /// `HH:MM` (frab's convention, as pretalx writes it): `00:30`, `01:30`.
  static func hoursMinutes(_ minutes: Int) -> String {
    String(minutes / 60).leftPadded(to: 2) + ":" + String(minutes % 60).leftPadded(to: 2)
  }

  /// `<acronym>-<id>-<title-slug>`: matches both the JSON schema's slug and the XSD's `voc-slug-new`.
  static func eventSlug(_ acronym: String, _ id: Int, _ title: String) -> String {
    let titleSlug = String(Slug.make(title).prefix(60)).trimmingSuffix("-")
    return "\(acronym)-\(id)-\(titleSlug.isEmpty ? "session" : titleSlug)"
  }

  static func hexColor(_ value: String) -> String? {
    let digits = value.dropFirst()
    guard value.hasPrefix("#"), digits.count == 6, digits.allSatisfy(\.isHexDigit) else { return nil }
    return value.lowercased()
  }

  /// The schema's `^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$` (its first branch is only anchored at the start).
  static func matchesTimeZonePattern(_ zone: String) -> Bool {
    if zone.hasSuffix("UTC") { return true }
    let parts = zone.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
    func word(_ s: Substring) -> Bool {
      s.count >= 2 && s.first.map { $0.isASCII && $0.isUppercase } == true
        && s.dropFirst().prefix(1).allSatisfy { $0.isASCII && $0.isLowercase }
    }
    return parts.count == 2 && word(parts[0]) && parts[0].dropFirst().allSatisfy { $0.isASCII && $0.isLowercase } && word(parts[1])
  }

  static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
}
