/// The sessions a source lists, before ids and the grid are made: what both importers collect.
struct EventDraft {
  /// One session as the source gives it.
  struct Item {
    var title: String
    var kind: SessionKind
    var duration: Int
    /// Keys into `speakers`.
    var speakers: [String] = []
    /// A track name.
    var track: String?
    /// A room name.
    var room: String?
    /// `YYYY-MM-DD` and minutes after midnight, when the source gives them.
    var date: String?
    var start: Int?
    var runs: Int?
    var maxSize: Int?
    var description: String?
    /// A preferred id (a spreadsheet's id column), else one is made of the title.
    var id: String?
  }

  var name: String
  var timeZone: String
  var venue: String?
  /// Room names in the source's order, with their capacity when it gives one.
  var rooms: [(name: String, capacity: Int?)] = []
  /// Speakers by key (pretalx code, guid or id; a spreadsheet's name), in order of appearance.
  var speakers: [(key: String, name: String)] = []
  /// Track names in order of appearance, with a colour when the source gives one.
  var tracks: [(name: String, color: String?)] = []
  var items: [Item] = []
  /// Dates of days to hold even when nothing is placed on them (`--days`).
  var extraDates: [String] = []
  /// The grid of every day (`--slots`), else it is made of the placed sessions.
  var fixedSlots: [(start: Int, end: Int)]?
  /// Breaks the source publishes as events (frab's `type: break`): by date, with their titles.
  var pauses: [String: [(start: Int, end: Int, title: String)]] = [:]

  mutating func addRoom(_ name: String, capacity: Int? = nil) {
    guard !rooms.contains(where: { $0.name == name }) else { return }
    rooms.append((name, capacity))
  }

  mutating func addSpeaker(key: String, name: String) {
    guard !speakers.contains(where: { $0.key == key }) else { return }
    speakers.append((key, name))
  }

  mutating func addTrack(_ name: String, color: String? = nil) {
    guard !tracks.contains(where: { $0.name == name }) else { return }
    tracks.append((name, color))
  }

  /// The event: ids made of names (`Gray Room` → `gray-room`, made unique with `-2`, `-3`), days
  /// `d1`, `d2` … in date order with the grid of what was placed on them, and, when every session
  /// is placed, the published runs, with rooms taking the kinds they hosted. A session placed only in
  /// part (a spreadsheet row with a day but no room) gets those parts as a pin instead.
  func build(origin: String, diagnostics: [Diagnostic]) -> ImportedEvent {
    var diagnostics = diagnostics
    var roomIDs = UniqueIDs(fallback: "room")
    let roomID = rooms.map { roomIDs.make($0.name) }
    let roomIndex = Dictionary(rooms.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    var trackIDs = UniqueIDs(fallback: "track")
    let trackID = Dictionary(tracks.map { ($0.name, trackIDs.make($0.name)) }, uniquingKeysWith: { a, _ in a })
    var speakerIDs = UniqueIDs(fallback: "speaker")
    let speakerID = Dictionary(speakers.map { ($0.key, speakerIDs.make($0.name)) }, uniquingKeysWith: { a, _ in a })
    var sessionIDs = UniqueIDs(fallback: "session", maxLength: 48)
    let sessionID = items.map { sessionIDs.make($0.id ?? $0.title, keepAsWritten: $0.id != nil) }

    // Days: every date something is placed on, and those asked for.
    let dates = Set(items.compactMap(\.date) + extraDates).sorted()
    let dayID = Dictionary(dates.enumerated().map { ($1, "d\($0 + 1)") }, uniquingKeysWith: { a, _ in a })
    let undated = items.filter { $0.date == nil && $0.start != nil }
    var days: [InstanceFile.DayEntry] = []
    for date in dates {
      let slots: [(start: Int, end: Int)]
      if let fixedSlots {
        slots = fixedSlots
      } else {
        slots = Self.slots((items.filter { $0.date == date } + undated).compactMap { item in
          item.start.map { (start: $0, end: $0 + item.duration) }
        })
      }
      let grid = (slots: slots, breaks: Self.breaks(between: slots, published: pauses[date] ?? []))
      days.append(
        InstanceFile.DayEntry(
          id: dayID[date] ?? date, date: date,
          slots: grid.slots.map { .init(start: TimeText.clock($0.start), end: TimeText.clock($0.end)) },
          breaks: grid.breaks.isEmpty
            ? nil : grid.breaks.map { .init(title: $0.title, start: TimeText.clock($0.start), end: TimeText.clock($0.end)) }
        ))
    }

    // In a published timetable, rooms take the kinds they hosted; otherwise every kind.
    // (A row places one run: a session given several times is pinned, not published.)
    let fullyPlaced =
      !items.isEmpty && items.allSatisfy { $0.date != nil && $0.start != nil && $0.room != nil && ($0.runs ?? 1) == 1 }
    var hosted: [Int: Set<SessionKind>] = [:]
    for item in items where fullyPlaced {
      if let room = item.room.flatMap({ roomIndex[$0] }) { hosted[room, default: []].insert(item.kind) }
    }
    var placeholders: [Int] = []
    let roomEntries = rooms.enumerated().map { r, room -> InstanceFile.RoomEntry in
      if room.capacity == nil { placeholders.append(r) }
      let kinds = hosted[r].map { set in SessionKind.allCases.filter(set.contains).map(\.rawValue) }
      return InstanceFile.RoomEntry(
        id: roomID[r], name: room.name == roomID[r] ? nil : room.name,
        capacity: room.capacity ?? ImportedEvent.placeholderCapacity, kinds: kinds)
    }
    if !placeholders.isEmpty {
      let names = placeholders.prefix(5).map { "'\(rooms[$0].name)'" }.joined(separator: ", ")
      let more = placeholders.count > 5 ? " and \(placeholders.count - 5) more" : ""
      diagnostics.append(
        .warning(
          "import-placeholder-capacity",
          "\(placeholders.count) of \(rooms.count) rooms have no capacity in the source (\(names)\(more)): "
            + "event.yaml gives them \(ImportedEvent.placeholderCapacity) seats, marked PLACEHOLDER",
          at: .init(file: "event.yaml", path: "rooms[\(placeholders[0])].capacity"),
          hint: "write each room's real number of seats in event.yaml before you solve (grep PLACEHOLDER)"))
    }

    var sessions: [InstanceFile.SessionEntry] = []
    var published: [ImportedEvent.PublishedRun] = []
    for (i, item) in items.enumerated() {
      var entry = InstanceFile.SessionEntry(
        id: sessionID[i], title: item.title, kind: item.kind.rawValue, duration: item.duration,
        speakers: item.speakers.isEmpty ? nil : item.speakers.compactMap { speakerID[$0] },
        track: item.track.flatMap { trackID[$0] }, maxSize: item.maxSize, runs: item.runs,
        description: item.description)
      let room = item.room.flatMap { roomIndex[$0] }.map { roomID[$0] }
      let day = item.date.flatMap { dayID[$0] }
      if fullyPlaced, let room, let day, let start = item.start {
        published.append(.init(session: sessionID[i], run: 1, day: day, start: start, room: room))
      } else if room != nil || day != nil || item.start != nil {
        entry.pin = InstanceFile.PinEntry(day: day, start: item.start.map(TimeText.clock), room: room)
      }
      sessions.append(entry)
    }

    let event = InstanceFile(
      name: name, timeZone: timeZone, venue: venue, changeoverMinutes: 0, days: days, rooms: roomEntries,
      tracks: tracks.isEmpty
        ? nil : tracks.map { InstanceFile.TrackEntry(id: trackID[$0.name] ?? $0.name, name: $0.name, color: $0.color) },
      speakers: speakers.isEmpty
        ? nil : speakers.map { InstanceFile.SpeakerEntry(id: speakerID[$0.key] ?? $0.key, name: $0.name) },
      sessions: sessions)
    return ImportedEvent(
      event: event, published: fullyPlaced ? published : nil, placeholderCapacities: placeholders,
      diagnostics: diagnostics, origin: origin)
  }

  /// A day's slots made of what was placed on it: every start and end is a slot boundary, and
  /// each stretch between two boundaries that some session covers is a slot, so every placed
  /// session starts at a slot start and covers whole slots. A stretch nothing covers is a gap.
  static func slots(_ placed: [(start: Int, end: Int)]) -> [(start: Int, end: Int)] {
    let boundaries = Set(placed.flatMap { [$0.start, $0.end] }).sorted()
    return zip(boundaries, boundaries.dropFirst()).filter { a, b in placed.contains { $0.start <= a && b <= $0.end } }
      .map { (start: $0, end: $1) }
  }

  /// The gaps between consecutive slots that are breaks (nothing runs across them): those where
  /// the source publishes a break (with its title), and those of at least
  /// `ImportedEvent.breakMinutes` ("Break"). A shorter gap stays inside its block, as a changeover.
  static func breaks(between slots: [(start: Int, end: Int)], published: [(start: Int, end: Int, title: String)])
    -> [(start: Int, end: Int, title: String)]
  {
    zip(slots, slots.dropFirst()).compactMap { previous, next in
      let gap = (start: previous.end, end: next.start)
      guard gap.end > gap.start else { return nil }
      if let pause = published.first(where: { $0.start < gap.end && gap.start < $0.end }) {
        return (gap.start, gap.end, pause.title)
      }
      return gap.end - gap.start >= ImportedEvent.breakMinutes ? (gap.start, gap.end, "Break") : nil
    }
  }
}

/// Ids made of names: slugs (`Salle Marie Curie` → `salle-marie-curie`), made unique in order of
/// appearance with `-2`, `-3` …; a name with nothing left to slug gets the fallback (`room-2`).
struct UniqueIDs {
  let fallback: String
  var maxLength = 40
  private var taken: Set<String> = []

  init(fallback: String, maxLength: Int = 40) {
    self.fallback = fallback
    self.maxLength = maxLength
  }

  mutating func make(_ name: String, keepAsWritten: Bool = false) -> String {
    var base = Slug.make(name)
    if keepAsWritten, !name.isEmpty, name.unicodeScalars.allSatisfy({ !Self.forbidden.contains($0) }) { base = name }
    if base.count > maxLength {
      base = String(base.prefix(maxLength))
      if let dash = base.lastIndex(of: "-"), base.distance(from: base.startIndex, to: dash) >= maxLength / 2 {
        base = String(base[..<dash])
      }
    }
    if base.isEmpty { base = fallback }
    var id = base
    var n = 2
    while taken.contains(id) {
      id = "\(base)-\(n)"
      n += 1
    }
    taken.insert(id)
    return id
  }

  /// What an id may not hold (the format's `id` pattern: no spaces, none of `| + , ;`).
  private static let forbidden: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r", "|", "+", ",", ";"]
}
