import Foundation

extension FrabDocument {
  /// `frab-schedule.json`, in the c3voc schema's shape (draft-06, no additional properties).
  func json() throws -> Data {
    var conference: [JSONValue.Pair] = [
      .init(key: "acronym", value: .string(acronym)),
      .init(key: "title", value: .string(title)),
      .init(key: "start", value: .string(start)),
      .init(key: "end", value: .string(end)),
      .init(key: "daysCount", value: .int(days.count)),
      .init(key: "timeslot_duration", value: .string(timeslotDuration)),
    ]
    if let timeZoneName { conference.append(.init(key: "time_zone_name", value: .string(timeZoneName))) }
    conference.append(
      .init(
        key: "rooms",
        value: .array(
          rooms.map { room in
            var pairs: [JSONValue.Pair] = [.init(key: "name", value: .string(room.name))]
            if let slug = room.slug { pairs.append(.init(key: "slug", value: .string(slug))) }
            pairs.append(.init(key: "guid", value: .string(room.guid)))
            pairs.append(.init(key: "capacity", value: .int(room.capacity)))
            return .object(pairs)
          })))
    conference.append(
      .init(
        key: "tracks",
        value: .array(
          tracks.map { track in
            var pairs: [JSONValue.Pair] = [.init(key: "name", value: .string(track.name))]
            if let slug = track.slug { pairs.append(.init(key: "slug", value: .string(slug))) }
            if let color = track.color { pairs.append(.init(key: "color", value: .string(color))) }
            return .object(pairs)
          })))
    conference.append(
      .init(
        key: "days",
        value: .array(
          days.map { day in
            .object([
              "index": .int(day.index),
              "date": .string(day.date),
              "day_start": .string(day.start),
              "day_end": .string(day.end),
              "rooms": .object(day.rooms.map { .init(key: $0.name, value: .array($0.events.map(Self.json))) }),
            ])
          })))
    var schedule: [JSONValue.Pair] = [.init(key: "version", value: .string(version))]
    if let baseURL { schedule.append(.init(key: "base_url", value: .string(baseURL))) }
    schedule.append(.init(key: "conference", value: .object(conference)))
    let root = JSONValue.object([
      "$schema": .string("https://c3voc.de/schedule/schema.json"),
      "generator": .object(["name": .string("atelier")]),
      "schedule": .object(schedule),
    ])
    return Data(root.text.utf8)
  }

  static func json(_ event: Event) -> JSONValue {
    .object([
      "guid": .string(event.guid),
      "id": .int(event.id),
      "date": .string(event.date),
      "start": .string(event.start),
      "end": .string(event.end),
      "duration": .string(event.duration),
      "room": .string(event.room),
      "slug": .string(event.slug),
      "url": .string(event.url),
      "title": .string(event.title),
      "subtitle": .string(""),
      "track": .optional(event.track),
      "type": .string(event.type),
      "language": .optional(event.language),
      "abstract": .optional(event.abstract),
      "description": .optional(event.description),
      // `name` matches pretalx's person shape; `public_name` is what older apps read.
      "persons": .array(
        event.persons.map {
          .object(["guid": .string($0.guid), "name": .string($0.name), "public_name": .string($0.name)])
        }),
      "links": .array([]),
    ])
  }

  /// `frab-schedule.xml`, valid against `c3voc-schedule.xsd`.
  func xml() -> String {
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n"
    out += "  <generator name=\"atelier\"/>\n"
    out += "  <version>\(Self.xml(version))</version>\n"
    out += "  <conference>\n"
    out += "    <title>\(Self.xml(title))</title>\n"
    out += "    <acronym>\(Self.xml(acronym))</acronym>\n"
    out += "    <start>\(start)</start>\n"
    out += "    <end>\(end)</end>\n"
    out += "    <days>\(days.count)</days>\n"
    out += "    <timeslot_duration>\(timeslotDuration)</timeslot_duration>\n"
    if let baseURL, Self.isHTTP(baseURL) { out += "    <base_url>\(Self.xml(baseURL))</base_url>\n" }
    if let timeZoneName { out += "    <time_zone_name>\(Self.xml(timeZoneName))</time_zone_name>\n" }
    for track in tracks {
      var attributes = "name=\"\(Self.xml(track.name))\""
      if let color = track.color { attributes += " color=\"\(color)\"" }
      // The XSD's track slug must start with a letter.
      if let slug = track.slug, slug.first?.isLetter == true { attributes += " slug=\"\(slug)\"" }
      out += "    <track \(attributes)>\(Self.xml(track.name))</track>\n"
    }
    out += "  </conference>\n"
    for day in days {
      out += "  <day index=\"\(day.index)\" date=\"\(day.date)\" start=\"\(day.start)\" end=\"\(day.end)\">\n"
      for room in day.rooms {
        out += "    <room name=\"\(Self.xml(room.name))\" guid=\"\(room.guid)\">\n"
        for event in room.events {
          out += "      <event id=\"\(event.id)\" guid=\"\(event.guid)\">\n"
          func element(_ name: String, _ value: String) { out += "        <\(name)>\(Self.xml(value))</\(name)>\n" }
          element("date", event.date)
          element("start", event.start)
          element("duration", event.duration)
          element("room", event.room)
          element("slug", event.slug)
          if Self.isHTTP(event.url) { element("url", event.url) }
          element("title", event.title)
          element("subtitle", "")
          element("track", event.track ?? "")
          element("type", event.type)
          if let language = event.language { element("language", language) }
          element("abstract", event.abstract ?? "")
          element("description", event.description ?? "")
          if event.persons.isEmpty {
            out += "        <persons/>\n"
          } else {
            out += "        <persons>\n"
            for person in event.persons {
              out += "          <person guid=\"\(person.guid)\">\(Self.xml(person.name))</person>\n"
            }
            out += "        </persons>\n"
          }
          out += "        <links/>\n"
          out += "      </event>\n"
        }
        out += "    </room>\n"
      }
      out += "  </day>\n"
    }
    return out + "</schedule>\n"
  }

  static func isHTTP(_ url: String) -> Bool { url.hasPrefix("http://") || url.hasPrefix("https://") }

  /// Escapes markup characters and drops characters XML 1.0 does not allow, and bidirectional
  /// controls; NEL becomes a space (`DisplayText`).
  static func xml(_ text: String) -> String {
    var out = ""
    for scalar in DisplayText.neutralised(text).unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      case "\r": out += "&#13;"
      default:
        let v = scalar.value
        if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
