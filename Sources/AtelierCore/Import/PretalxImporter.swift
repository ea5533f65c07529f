import Foundation

/// Reads the frab/c3voc schedule JSON that pretalx, frab and c3voc publish
/// (`{"schedule": {"conference": {"days": [{"rooms": {"Room": [event…]}}]}}}`) into an
/// `ImportedEvent`: rooms, tracks, speakers and sessions carried over, the grid made of the
/// published times, and every event's placement as the published timetable.
///
/// Every problem is reported at once with its key path (`schedule.conference.days[0].rooms.Gray
/// Room[3].duration`) and line and column; nothing traps. Times are read as the wall clock the
/// schedule shows (`date`'s local part, else the day's date and `start`).
public enum PretalxImporter {
  /// Schedules larger than this are refused unread.
  public static let maxBytes = 64 * 1024 * 1024

  /// The event, or `nil` when an error was found; every diagnostic either way.
  public static func read(_ data: Data, file: String) -> (event: ImportedEvent?, diagnostics: [Diagnostic]) {
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    let at = Diagnostic.Location(file: file, line: 1, column: 1)
    if bytes.isEmpty { return (nil, [.error("empty-file", "the schedule file is empty", at: at)]) }
    guard String(validating: bytes, as: UTF8.self) != nil else {
      let hint = "a pretalx, frab or c3voc schedule is UTF-8 JSON: download it again"
      return (nil, [CSVReader.encodingError(in: bytes, file: file, what: "schedule file", hint: hint)])
    }
    let scanner = JSONScanner(bytes)
    if let error = scanner.firstError() {
      return (
        nil,
        [
          .error(
            "syntax-error", "not valid JSON: \(error.message)",
            at: .init(file: file, line: error.position.line, column: error.position.column),
            hint: "export the schedule as JSON (pretalx: Schedule → Export → schedule.json)")
        ]
      )
    }
    guard let root = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
      return (nil, [.error("syntax-error", "not valid JSON", at: at)])
    }
    var reader = Reader(file: file, positions: scanner.positions(depth: 12) ?? [:])
    let event = reader.event(root)
    // What the built event says (placeholders) only matters when it is written.
    guard !reader.diagnostics.hasErrors, let event else { return (nil, reader.diagnostics) }
    return (event, reader.diagnostics + event.diagnostics)
  }

  /// The walk over the parsed JSON, collecting diagnostics.
  private struct Reader {
    let file: String
    let positions: [String: JSONScanner.Position]
    var diagnostics: [Diagnostic] = []
    /// Types that fit no kind, reported once each.
    var unknownTypes: Set<String> = []
    var offsetWarned = false
    /// The schedule names its zone (else it is guessed from the offsets, which then agree with it).
    var zoneNamed = false

    init(file: String, positions: [String: JSONScanner.Position]) {
      self.file = file
      self.positions = positions
    }

    func location(_ path: String) -> Diagnostic.Location {
      let position = JSONScanner.nearest(path, in: positions)
      return .init(file: file, line: position?.line, column: position?.column, path: path)
    }

    mutating func error(_ code: String, _ message: String, _ path: String, hint: String? = nil) {
      diagnostics.append(.error(code, message, at: location(path), hint: hint))
    }

    mutating func warning(_ code: String, _ message: String, _ path: String, hint: String? = nil) {
      diagnostics.append(.warning(code, message, at: location(path), hint: hint))
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

    static func typeName(_ value: Any) -> String {
      switch value {
      case is NSNull: "null"
      case is String: "a string"
      case is [Any]: "a list"
      case is [String: Any]: "an object"
      case let number as NSNumber: number.isJSONBoolean ? "true or false" : "a number"
      default: "a value"
      }
    }

    /// The value at `key` of `object` as `T`; a missing key (when required) or another type is an error.
    mutating func value<T>(
      _ object: [String: Any], _ key: String, at path: String, as type: String, required: Bool = true,
      hint: String? = nil
    ) -> T? {
      let keyPath = Self.join(path, key)
      guard let raw = object[key], !(raw is NSNull && !required) else {
        if required {
          error(
            "missing-key", "required key '\(key)' is missing", path,
            hint: hint ?? "a frab/c3voc schedule has it: check that this is the schedule JSON, not another export")
        }
        return nil
      }
      if let typed = raw as? T { return typed }
      error(
        "type-error", "expected \(type) here, found \(Self.typeName(raw))", keyPath,
        hint: hint ?? "the c3voc schedule schema has \(type) here: export the schedule again, or fix this value")
      return nil
    }

    mutating func event(_ root: Any) -> ImportedEvent? {
      guard let top = root as? [String: Any] else {
        error("type-error", "expected an object with a 'schedule' key, found \(Self.typeName(root))", "")
        return nil
      }
      guard let schedule: [String: Any] = value(
        top, "schedule", at: "", as: "an object",
        hint: "this is not a frab/c3voc schedule: pretalx publishes it at /<event>/schedule/export/schedule.json")
      else { return nil }
      guard let conference: [String: Any] = value(schedule, "conference", at: "schedule", as: "an object") else {
        return nil
      }
      let cPath = "schedule.conference"
      let title: String? = value(conference, "title", at: cPath, as: "a string")
      let zoneName: String? = value(conference, "time_zone_name", at: cPath, as: "a string", required: false)
      if let zoneName, let problem = EventClock.zoneProblem(zoneName) {
        error("bad-time-zone", problem.message, Self.join(cPath, "time_zone_name"), hint: problem.hint)
      }
      var draft = EventDraft(name: title ?? "", timeZone: zoneName ?? "UTC")
      zoneNamed = zoneName != nil

      // Rooms and tracks the conference lists.
      var listedRooms = false
      if let rooms: [Any] = value(conference, "rooms", at: cPath, as: "a list", required: false) {
        listedRooms = true
        for (i, item) in rooms.enumerated() {
          let path = "\(cPath).rooms[\(i)]"
          guard let room = item as? [String: Any] else {
            error("type-error", "expected an object here, found \(Self.typeName(item))", path)
            continue
          }
          guard let name: String = value(room, "name", at: path, as: "a string") else { continue }
          var capacity: Int?
          if let raw = room["capacity"], !(raw is NSNull) {
            if let number = raw as? NSNumber, !number.isJSONBoolean, number.doubleValue.isFinite,
              number.doubleValue >= 1, number.doubleValue <= 1_000_000
            {
              capacity = Int(number.doubleValue.rounded())
            } else {
              warning(
                "import-bad-capacity", "the capacity is not a number of seats (\(Self.typeName(raw))): ignored",
                Self.join(path, "capacity"), hint: "write the room's capacity in event.yaml")
            }
          }
          if draft.rooms.contains(where: { $0.name == name }) {
            warning("import-duplicate-room", "room '\(name)' is listed twice: read once", path)
          }
          draft.addRoom(name, capacity: capacity)
        }
      }
      if let tracks: [Any] = value(conference, "tracks", at: cPath, as: "a list", required: false) {
        for (i, item) in tracks.enumerated() {
          let path = "\(cPath).tracks[\(i)]"
          guard let track = item as? [String: Any], let name = track["name"] as? String, !name.isEmpty else {
            warning("import-bad-track", "a track without a name: ignored", path)
            continue
          }
          let color = (track["color"] as? String).flatMap(Self.hexColor)
          draft.addTrack(name, color: color)
        }
      }

      guard let days: [Any] = value(conference, "days", at: cPath, as: "a list") else { return nil }
      var seenEvents = 0
      for (d, item) in days.enumerated() {
        let dPath = "\(cPath).days[\(d)]"
        guard let day = item as? [String: Any] else {
          error("type-error", "expected an object here, found \(Self.typeName(item))", dPath)
          continue
        }
        let date: String? = value(day, "date", at: dPath, as: "a date YYYY-MM-DD")
        if let date, TimeText.date(date) == nil {
          error("bad-date", "'\(date)' is not a date", Self.join(dPath, "date"), hint: "write YYYY-MM-DD")
        }
        guard let rooms: [String: Any] = value(day, "rooms", at: dPath, as: "an object of rooms") else { continue }
        for roomName in rooms.keys.sorted() {
          let rPath = "\(dPath).rooms.\(roomName)"
          guard let events = rooms[roomName] as? [Any] else {
            error("type-error", "expected a list of events here, found \(Self.typeName(rooms[roomName] as Any))", rPath)
            continue
          }
          for (e, raw) in events.enumerated() {
            seenEvents += 1
            let ePath = "\(rPath)[\(e)]"
            guard let object = raw as? [String: Any] else {
              error("type-error", "expected an event object here, found \(Self.typeName(raw))", ePath)
              continue
            }
            if let item = self.item(object, at: ePath, dayDate: date, roomKey: roomName, draft: &draft,
              listedRooms: listedRooms)
            {
              draft.items.append(item)
            }
          }
        }
      }
      if seenEvents == 0, !diagnostics.hasErrors {
        error(
          "import-no-sessions", "the schedule has no event", "\(cPath).days",
          hint: "publish a schedule in pretalx first, or import a spreadsheet with `atelier import sessions`")
      }
      // Sessions in published order: day, start, room as listed, then the file's order.
      let roomOrder = Dictionary(draft.rooms.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
      draft.items = draft.items.enumerated().sorted { a, b in
        (a.element.date ?? "", a.element.start ?? 0, roomOrder[a.element.room ?? ""] ?? 0, a.offset)
          < (b.element.date ?? "", b.element.start ?? 0, roomOrder[b.element.room ?? ""] ?? 0, b.offset)
      }.map(\.element)
      if zoneName == nil { draft.timeZone = guessedZone ?? "UTC" }
      if zoneName == nil {
        warning(
          "import-time-zone-guessed",
          "the schedule names no time zone (time_zone_name): event.yaml says '\(draft.timeZone)', from the events' UTC offset",
          cPath, hint: "write the event's IANA time zone (such as Europe/Berlin) in event.yaml's time_zone")
      }
      return draft.build(origin: "atelier import pretalx \(Self.baseName(file))", diagnostics: [])
    }

    /// `Etc/GMT-1` for the first event's offset of +01:00, when the schedule names no zone.
    var guessedZone: String?

    /// One event, or `nil` (with an error) when it cannot be placed.
    mutating func item(
      _ object: [String: Any], at path: String, dayDate: String?, roomKey: String, draft: inout EventDraft,
      listedRooms: Bool
    ) -> EventDraft.Item? {
      let before = diagnostics.errors.count
      let title: String? = value(object, "title", at: path, as: "a string")
      if let title, title.trimmingCharacters(in: .whitespaces).isEmpty {
        error("import-empty-title", "the event has an empty title", Self.join(path, "title"))
      }
      // The room: the event's own `room`, else the key it is listed under.
      let room: String = value(object, "room", at: path, as: "a string", required: false) ?? roomKey
      if listedRooms, !draft.rooms.contains(where: { $0.name == room }) {
        let names = draft.rooms.map(\.name)
        error(
          "unknown-room", "the event is in room '\(room)', which schedule.conference.rooms does not list",
          object["room"] == nil ? path : Self.join(path, "room"),
          hint: NameSuggester.hint(for: room, among: names)
            ?? "rooms are " + names.map { "'\($0)'" }.joined(separator: ", "))
      } else if !listedRooms {
        draft.addRoom(room)
      }

      // Start: `date`'s wall clock as written, else the day's date and `start`.
      var date: String?
      var start: Int?
      if let text: String = value(object, "date", at: path, as: "a date-time", required: object["start"] == nil) {
        if let parsed = Self.wallClock(text) {
          (date, start) = (parsed.date, parsed.minutes)
          noteOffset(parsed.offset, date: parsed.date, minutes: parsed.minutes, draft: draft, at: Self.join(path, "date"))
        } else {
          error(
            "bad-time", "'\(text)' is not a date and time", Self.join(path, "date"),
            hint: "write ISO 8601, as 2020-12-14T09:00:00+01:00")
        }
      } else if let text: String = value(object, "start", at: path, as: "a time HH:MM") {
        if let minutes = TimeText.minutes(text), minutes < 1440 {
          (date, start) = (dayDate, minutes)
        } else {
          error("bad-time", "'\(text)' is not a time", Self.join(path, "start"), hint: "write HH:MM, as 09:30")
        }
      }

      // Duration: `duration` (H:MM), else `end` − start.
      var duration: Int?
      if let text: String = value(object, "duration", at: path, as: "a duration H:MM", required: object["end"] == nil) {
        duration = Self.minutes(ofDuration: text)
        if duration == nil {
          error("bad-duration", "'\(text)' is not a duration", Self.join(path, "duration"), hint: "write H:MM, as 01:30")
        }
      } else if object["duration"] == nil, let text: String = value(object, "end", at: path, as: "a date-time"),
        let start, let date
      {
        if let end = Self.wallClock(text), let days = Self.dayDifference(date, end.date) {
          duration = days * 1440 + end.minutes - start
        } else {
          error("bad-time", "'\(text)' is not a date and time", Self.join(path, "end"))
        }
      }
      guard diagnostics.errors.count == before, let title, let date, let start, let duration else { return nil }
      let shown = "'\(title)' (\(date) \(TimeText.clock(start)))"
      if duration < 5 {
        warning(
          "import-too-short", "\(shown) lasts \(duration) minutes; Atelier sessions last 5 to 1440: left out",
          Self.join(path, "duration"))
        return nil
      }
      if start + duration > 1440 {
        warning(
          "import-past-midnight",
          "\(shown) runs past midnight; an Atelier day ends at 24:00: left out",
          Self.join(path, "duration"), hint: "add it by hand, or split it at midnight")
        return nil
      }

      // A break the schedule publishes as an event (frab's and Atelier's `type: break`) is a break.
      if let type = object["type"] as? String, Self.breakTypes.contains(ParticipantsColumns.normalize(type)) {
        draft.pauses[date, default: []].append((start, start + duration, title))
        return nil
      }

      // Kind.
      var kind = SessionKind.talk
      if let type = object["type"] as? String, !type.isEmpty {
        if let known = ImportedKind.kind(type) {
          kind = known
        } else if unknownTypes.insert(type).inserted {
          warning(
            "import-unknown-kind", "type '\(type)' is no Atelier kind: its sessions are read as talks",
            Self.join(path, "type"), hint: "change `kind:` in event.yaml where needed (\(ImportedKind.names))")
        }
      }

      var item = EventDraft.Item(title: title, kind: kind, duration: duration, room: room, date: date, start: start)
      if let track = object["track"] as? String, !track.isEmpty {
        draft.addTrack(track)
        item.track = track
      }
      if let persons = object["persons"] as? [Any] {
        for (p, raw) in persons.enumerated() {
          guard let person = raw as? [String: Any],
            let name = (person["name"] as? String) ?? (person["public_name"] as? String), !name.isEmpty
          else {
            warning("import-bad-person", "a person without a name: left out", "\(path).persons[\(p)]")
            continue
          }
          let key =
            (person["code"] as? String) ?? (person["guid"] as? String)
            ?? (person["id"] as? NSNumber).map { "id:\($0)" } ?? "name:\(name)"
          draft.addSpeaker(key: key, name: name)
          if !item.speakers.contains(key) { item.speakers.append(key) }
        }
      }
      if let abstract = object["abstract"] as? String, !abstract.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        item.description = abstract
      }
      return item
    }

    /// Warns once when the offsets written disagree with the named zone (the times are kept as shown).
    mutating func noteOffset(_ offset: Int?, date: String, minutes: Int, draft: EventDraft, at path: String) {
      guard let offset else { return }
      if guessedZone == nil {
        guessedZone = offset == 0 ? "UTC" : offset % 3600 == 0 ? "Etc/GMT\(offset > 0 ? "-" : "+")\(abs(offset) / 3600)" : nil
      }
      guard zoneNamed, !offsetWarned, EventClock.zoneProblem(draft.timeZone) == nil,
        let expected = EventClock(timeZone: draft.timeZone).utcOffset(date: date, minutes: minutes),
        expected != offset
      else { return }
      offsetWarned = true
      warning(
        "import-offset-mismatch",
        "times are written with the offset \(EventClock.offsetString(offset)), but the schedule's time zone "
          + "'\(draft.timeZone)' is at \(EventClock.offsetString(expected)) then: the times are read as the "
          + "schedule shows them (\(TimeText.clock(minutes)))",
        path, hint: "check time_zone in event.yaml: it should be the zone whose clock the schedule shows")
    }

    /// Event types that are breaks, normalised (`Coffee break` → `coffeebreak`).
    static let breakTypes: Set<String> = ["break", "pause", "lunch", "coffeebreak", "coffee", "dejeuner", "repas", "meal"]

    /// `#rrggbb` of a colour, when it is one.
    static func hexColor(_ text: String) -> String? {
      let hex = text.hasPrefix("#") ? text.dropFirst() : Substring(text)
      guard hex.count == 6, hex.allSatisfy(\.isHexDigit) else { return nil }
      return "#" + hex.lowercased()
    }

    /// Date, minutes and offset (seconds; `nil` without one) of `YYYY-MM-DDTHH:MM[:SS][.fff][Z|±HH:MM]`,
    /// as written: the wall clock, not converted.
    static func wallClock(_ text: String) -> (date: String, minutes: Int, offset: Int?)? {
      let chars = Array(text)
      guard chars.count >= 16, chars[10] == "T" || chars[10] == " " else { return nil }
      let date = String(chars[0..<10])
      guard TimeText.date(date) != nil, let minutes = TimeText.minutes(String(chars[11..<16])), minutes < 1440 else {
        return nil
      }
      var rest = chars[16...]
      if rest.first == ":" {
        rest = rest.dropFirst()
        guard rest.prefix(2).count == 2, rest.prefix(2).allSatisfy(\.isASCIIDigitForImport) else { return nil }
        rest = rest.dropFirst(2)
        if rest.first == "." { rest = rest.dropFirst().drop(while: \.isASCIIDigitForImport) }
      }
      if rest.isEmpty { return (date, minutes, nil) }
      if rest == ["Z"] { return (date, minutes, 0) }
      guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
      let digits = rest.dropFirst().filter { $0 != ":" }
      guard digits.count == 4, digits.allSatisfy(\.isASCIIDigitForImport), let hours = Int(String(digits.prefix(2))),
        let mins = Int(String(digits.suffix(2)))
      else { return nil }
      let offset = (hours * 3600 + mins * 60) * (sign == "-" ? -1 : 1)
      return (date, minutes, offset)
    }

    /// Minutes of `H:MM`, `HH:MM` or `HH:MM:SS` (frab's durations; hours may exceed 24).
    static func minutes(ofDuration text: String) -> Int? {
      let parts = text.split(separator: ":", omittingEmptySubsequences: false)
      guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitForImport) }),
        parts[0].count <= 3, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), minutes < 60
      else { return nil }
      return hours * 60 + minutes
    }

    /// Days from `a` to `b`, two valid dates.
    static func dayDifference(_ a: String, _ b: String) -> Int? {
      guard let x = TimeText.date(a), let y = TimeText.date(b) else { return nil }
      return EventClock.daysFromCivil(y.year, y.month, y.day) - EventClock.daysFromCivil(x.year, x.month, x.day)
    }

    static func baseName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
  }
}

extension NSNumber {
  /// Whether a number `JSONSerialization` made holds `true`/`false` (its type is `c`, a C char).
  fileprivate var isJSONBoolean: Bool { String(cString: objCType) == "c" }
}

extension Character {
  fileprivate var isASCIIDigitForImport: Bool { isASCII && isNumber }
}
