import Foundation

/// Turns a schema-valid `InstanceFile` into an `Instance`, checking what a schema cannot: unique ids,
/// references, the time grid, pins and precedence. Diagnostics carry key paths only; the loader
/// adds file, line and column from the positions the schema validator recorded.
struct InstanceResolver {
  private(set) var diagnostics: [Diagnostic] = []

  mutating func error(_ code: String, _ message: String, _ path: String, hint: String? = nil) {
    diagnostics.append(.error(code, message, at: .init(path: path), hint: hint))
  }

  mutating func warning(_ code: String, _ message: String, _ path: String, hint: String? = nil) {
    diagnostics.append(.warning(code, message, at: .init(path: path), hint: hint))
  }

  /// Index of each id, reporting duplicates (`duplicate-id`).
  private mutating func index(_ ids: [String], kind: String, section: String) -> [String: Int] {
    var map: [String: Int] = [:]
    for (i, id) in ids.enumerated() {
      if let first = map[id] {
        error("duplicate-id", "duplicate \(kind) id '\(id)' (first at \(section)[\(first)])", "\(section)[\(i)].id")
      } else {
        map[id] = i
      }
    }
    return map
  }

  /// Looks up a reference, reporting a dangling one with a did-you-mean hint.
  private mutating func reference(
    _ id: String, in map: [String: Int], kind: String, code: String, path: String
  ) -> Int? {
    if let index = map[id] { return index }
    error(
      code, "unknown \(kind) '\(id)'", path,
      hint: NameSuggester.hint(for: id, among: map.keys.sorted()) ?? (map.isEmpty ? "no \(kind) is declared" : nil))
    return nil
  }

  private mutating func time(_ text: String?, default value: Int, path: String) -> Int {
    guard let text else { return value }
    guard let minutes = TimeText.minutes(text) else {
      error("invalid-format", "'\(text)' is not a time of day HH:MM", path)
      return value
    }
    return minutes
  }

  private var dayIndex: [String: Int] = [:]

  /// Windows as written (preferences, avoidances, `unavailable:`).
  private mutating func windows(_ entries: [InstanceFile.WindowEntry]?, path: String) -> [TimeWindow] {
    var result: [TimeWindow] = []
    for (i, entry) in (entries ?? []).enumerated() {
      let entryPath = "\(path)[\(i)]"
      guard let day = reference(entry.day, in: dayIndex, kind: "day", code: "unknown-day", path: "\(entryPath).day")
      else { continue }
      let start = time(entry.start, default: 0, path: "\(entryPath).start")
      let end = time(entry.end, default: 24 * 60, path: "\(entryPath).end")
      guard end > start else {
        error(
          "window-end-before-start",
          "the window ends (\(TimeText.clock(end))) before it starts (\(TimeText.clock(start)))", entryPath)
        continue
      }
      result.append(TimeWindow(day: day, start: start, end: end))
    }
    return result
  }

  /// When a room or speaker cannot be used: the complement of `available` day by day (when given),
  /// plus `unavailable`.
  private mutating func unavailability(
    available: [InstanceFile.WindowEntry]?, unavailable: [InstanceFile.WindowEntry]?, path: String, dayCount: Int
  ) -> [TimeWindow] {
    var result: [TimeWindow] = []
    if let available {
      let open = windows(available, path: "\(path).available")
      for day in 0..<dayCount {
        var cursor = 0
        for window in open.filter({ $0.day == day }).sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
          if window.start > cursor { result.append(TimeWindow(day: day, start: cursor, end: window.start)) }
          cursor = max(cursor, window.end)
        }
        if cursor < 24 * 60 { result.append(TimeWindow(day: day, start: cursor, end: 24 * 60)) }
      }
    }
    result += windows(unavailable, path: "\(path).unavailable")
    return result.sorted { ($0.day, $0.start, $0.end) < ($1.day, $1.start, $1.end) }
  }

  // swiftlint:disable:next function_body_length cyclomatic_complexity
  mutating func resolve(_ file: InstanceFile) -> Instance {
    if let problem = EventClock.zoneProblem(file.timeZone) {
      error("unknown-time-zone", problem.message, "time_zone", hint: problem.hint)
    }
    let clock = EventClock.zoneProblem(file.timeZone) == nil ? EventClock(timeZone: file.timeZone) : nil

    // Features: the declared vocabulary, or else whatever the rooms offer.
    let declaredFeatures = (file.features ?? []).map(\.id)
    _ = index(declaredFeatures, kind: "feature", section: "features")
    let roomFeatures = Set(file.rooms.flatMap { $0.features ?? [] })
    let vocabulary: [String] = file.features != nil ? Array(Set(declaredFeatures)).sorted() : roomFeatures.sorted()
    let vocabularySet = Set(vocabulary)

    // Days, slots, breaks, blocks.
    dayIndex = index(file.days.map(\.id), kind: "day", section: "days")
    var days: [Day] = []
    var slots: [Slot] = []
    var block = 0
    var seenDates: [String: Int] = [:]
    var previousDate: String?
    // Breaks may name rooms, which are resolved below (duplicates are reported there).
    let roomIds = Dictionary(file.rooms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    for (d, entry) in file.days.enumerated() {
      let path = "days[\(d)]"
      if TimeText.date(entry.date) == nil {
        error("invalid-date", "'\(entry.date)' is not a calendar date", "\(path).date")
      } else if let first = seenDates[entry.date] {
        error("duplicate-date", "day '\(entry.id)' has the same date as days[\(first)]", "\(path).date")
      } else {
        if let previousDate, previousDate > entry.date {
          warning("days-unordered", "day '\(entry.id)' comes before the previous day in the calendar", "\(path).date")
        }
        seenDates[entry.date] = d
        previousDate = entry.date
      }
      var daySlots: [(start: Int, end: Int, seatCoverage: Double?)] = []
      for (k, slot) in entry.slots.enumerated() {
        let slotPath = "\(path).slots[\(k)]"
        let start = time(slot.start, default: 0, path: "\(slotPath).start")
        let end = time(slot.end, default: 0, path: "\(slotPath).end")
        if end <= start {
          error(
            "slot-end-before-start", "the slot ends (\(slot.end)) at or before it starts (\(slot.start))",
            "\(slotPath).end")
          continue
        }
        if let clock, TimeText.date(entry.date) != nil {
          checkLocalTimes(slot: slot, start: start, end: end, date: entry.date, clock: clock, path: slotPath)
        }
        if let previous = daySlots.last {
          if start < previous.start {
            error(
              "slots-unordered",
              "slot \(slot.start)–\(slot.end) comes after a slot that starts later; list slots in time order",
              "\(slotPath).start")
          } else if start < previous.end {
            error(
              "slot-overlap",
              "slot \(slot.start)–\(slot.end) overlaps the previous slot \(TimeText.clock(previous.start))–\(TimeText.clock(previous.end))",
              "\(slotPath).start")
          }
        }
        daySlots.append((start, end, slot.seatCoverage))
      }
      daySlots.sort { ($0.start, $0.end) < ($1.start, $1.end) }
      var breaks: [Break] = []
      for (k, entryBreak) in (entry.breaks ?? []).enumerated() {
        let breakPath = "\(path).breaks[\(k)]"
        let start = time(entryBreak.start, default: 0, path: "\(breakPath).start")
        let end = time(entryBreak.end, default: 0, path: "\(breakPath).end")
        if end <= start {
          error(
            "break-end-before-start", "the break ends (\(entryBreak.end)) at or before it starts (\(entryBreak.start))",
            "\(breakPath).end")
          continue
        }
        var rooms: Set<Int>?
        if let ids = entryBreak.rooms {
          rooms = Set(
            ids.enumerated().compactMap { k, id in
              reference(id, in: roomIds, kind: "room", code: "unknown-room", path: "\(breakPath).rooms[\(k)]")
            })
        }
        let kinds = entryBreak.kinds.map { Set($0.compactMap(SessionKind.init(rawValue:))) }
        // A break that names rooms or kinds may overlap slots: the others use them (labs over lunch).
        if rooms == nil, kinds == nil, let slot = daySlots.first(where: { $0.start < end && start < $0.end }) {
          error(
            "break-overlaps-slot",
            "break \(entryBreak.start)–\(entryBreak.end) overlaps slot \(TimeText.clock(slot.start))–\(TimeText.clock(slot.end))",
            "\(breakPath).start",
            hint: "move the break, or name the rooms or kinds that take it (`rooms: [...]`, `kinds: [...]`) so the others may use the slot")
        }
        breaks.append(Break(title: entryBreak.title ?? "Break", start: start, end: end, rooms: rooms, kinds: kinds))
      }
      var indices: [Int] = []
      for (k, slot) in daySlots.enumerated() {
        if k > 0 {
          let previous = daySlots[k - 1]
          let split = breaks.contains { $0.isGeneral && $0.start < slot.start && $0.end > previous.end }
          if split { block += 1 }
        }
        indices.append(slots.count)
        slots.append(
          Slot(index: slots.count, day: d, start: slot.start, end: slot.end, block: block, seatCoverage: slot.seatCoverage))
      }
      block += 1
      days.append(
        Day(
          id: entry.id, date: entry.date, label: entry.label, slots: indices,
          breaks: breaks.sorted { $0.start < $1.start }))
    }

    // Rooms.
    let roomIndex = index(file.rooms.map(\.id), kind: "room", section: "rooms")
    var rooms: [Room] = []
    for (r, entry) in file.rooms.enumerated() {
      let path = "rooms[\(r)]"
      var features = Set<String>()
      for (k, feature) in (entry.features ?? []).enumerated() {
        if file.features != nil, !vocabularySet.contains(feature) {
          error(
            "unknown-feature", "unknown feature '\(feature)'", "\(path).features[\(k)]",
            hint: NameSuggester.hint(for: feature, among: vocabulary) ?? "declare it under `features:`")
        }
        features.insert(feature)
      }
      let kinds = entry.kinds.map { Set($0.compactMap(SessionKind.init(rawValue:))) }
      rooms.append(
        Room(
          id: entry.id, name: entry.name ?? entry.id, capacity: entry.capacity, features: features, kinds: kinds,
          unavailable: unavailability(
            available: entry.available, unavailable: entry.unavailable, path: path, dayCount: days.count)))
    }

    let trackIndex = index((file.tracks ?? []).map(\.id), kind: "track", section: "tracks")
    var tracks = (file.tracks ?? []).map { Track(id: $0.id, name: $0.name ?? $0.id, color: $0.color) }
    let similarTracks = resolveTrackBlocks(file.tracks ?? [], into: &tracks, trackIndex: trackIndex, roomIndex: roomIndex)

    let speakerIndex = index((file.speakers ?? []).map(\.id), kind: "speaker", section: "speakers")
    var speakers: [Speaker] = []
    for (p, entry) in (file.speakers ?? []).enumerated() {
      speakers.append(
        Speaker(
          id: entry.id, name: entry.name ?? entry.id,
          unavailable: unavailability(
            available: entry.available, unavailable: entry.unavailable, path: "speakers[\(p)]", dayCount: days.count),
          minPause: entry.minPauseMinutes ?? 0))
    }

    // Sessions.
    let sessionIndex = index(file.sessions.map(\.id), kind: "session", section: "sessions")
    var sessions: [Session] = []
    var beforeEdges: [(later: Int, earlier: Int, path: String)] = []
    var relations: [SessionRelation] = []
    var relationPaths: [SessionRelation: String] = [:]
    for (s, entry) in file.sessions.enumerated() {
      let path = "sessions[\(s)]"
      let kind = SessionKind(rawValue: entry.kind) ?? .talk
      var speakerList: [Int] = []
      for (k, id) in (entry.speakers ?? []).enumerated() {
        guard
          let p = reference(
            id, in: speakerIndex, kind: "speaker", code: "unknown-speaker", path: "\(path).speakers[\(k)]")
        else { continue }
        if speakerList.contains(p) {
          warning("duplicate-reference", "speaker '\(id)' is listed twice", "\(path).speakers[\(k)]")
        } else {
          speakerList.append(p)
        }
      }
      var track: Int?
      if let id = entry.track {
        track = reference(id, in: trackIndex, kind: "track", code: "unknown-track", path: "\(path).track")
      }
      var requires = Set<String>()
      for (k, feature) in (entry.requires ?? []).enumerated() {
        if !vocabularySet.contains(feature) {
          error(
            "unknown-feature", "unknown feature '\(feature)'", "\(path).requires[\(k)]",
            hint: NameSuggester.hint(for: feature, among: vocabulary)
              ?? (vocabulary.isEmpty
                ? "no room has any feature" : "known features: \(vocabulary.joined(separator: ", "))"))
        }
        requires.insert(feature)
      }
      let runs = entry.runs ?? 1
      if entry.pin != nil, entry.pins != nil {
        error("pin-and-pins", "give either `pin` or `pins`, not both", "\(path).pin")
      }
      let pinEntries: [(InstanceFile.PinEntry, String)] =
        entry.pins.map { $0.enumerated().map { ($1, "\(path).pins[\($0)]") } }
        ?? entry.pin.map { [($0, "\(path).pin")] } ?? []
      if pinEntries.count > runs {
        error(
          "too-many-pins", "\(pinEntries.count) pins for a session that runs \(runs) time\(runs == 1 ? "" : "s")",
          entry.pins != nil ? "\(path).pins" : "\(path).pin", hint: "set `runs: \(pinEntries.count)` or remove pins")
      }
      var pins: [Pin] = []
      for (pinEntry, pinPath) in pinEntries {
        var pin = Pin()
        if let day = pinEntry.day {
          pin.day = reference(day, in: dayIndex, kind: "day", code: "unknown-day", path: "\(pinPath).day")
        }
        if let room = pinEntry.room {
          pin.room = reference(room, in: roomIndex, kind: "room", code: "unknown-room", path: "\(pinPath).room")
        }
        if let startText = pinEntry.start, let start = TimeText.minutes(startText) {
          let candidates = slots.filter { pin.day == nil ? true : $0.day == pin.day }
          if candidates.contains(where: { $0.start == start }) {
            pin.start = start
          } else if pinEntry.day == nil || pin.day != nil {
            let starts = Array(Set(candidates.map { TimeText.clock($0.start) })).sorted()
            let suggestion = starts.min {
              abs((TimeText.minutes($0) ?? 0) - start) < abs((TimeText.minutes($1) ?? 0) - start)
            }
            error(
              "pin-not-slot-start",
              "pinned start \(startText) is not the start of a slot\(pin.day.map { " on \(days[$0].id)" } ?? "")",
              "\(pinPath).start",
              hint: suggestion.map { "sessions start at slot starts; the nearest is \($0)" })
          }
        } else if let startText = pinEntry.start {
          error("invalid-format", "'\(startText)' is not a time of day HH:MM", "\(pinPath).start")
        }
        pins.append(pin)
      }
      let overflowRooms = resolveOverflowRooms(entry, path: path, pins: pins, roomIndex: roomIndex, speakers: speakerList)
      var after: [Int] = []
      for (k, id) in (entry.after ?? []).enumerated() {
        guard
          let other = reference(
            id, in: sessionIndex, kind: "session", code: "unknown-session", path: "\(path).after[\(k)]")
        else { continue }
        if other == s {
          error("precedence-self", "session '\(entry.id)' cannot come after itself", "\(path).after[\(k)]")
        } else if !after.contains(other) {
          after.append(other)
        }
      }
      for (k, id) in (entry.before ?? []).enumerated() {
        let edgePath = "\(path).before[\(k)]"
        guard let other = reference(id, in: sessionIndex, kind: "session", code: "unknown-session", path: edgePath)
        else { continue }
        if other == s {
          error("precedence-self", "session '\(entry.id)' cannot come before itself", edgePath)
        } else {
          beforeEdges.append((later: other, earlier: s, path: edgePath))
        }
      }
      let relationLists: [(SessionRelation.Kind, [String]?)] = [
        (.sameSlot, entry.sameSlot), (.differentSlot, entry.differentSlot), (.sameDay, entry.sameDay),
      ]
      for (kind, ids) in relationLists {
        for (k, id) in (ids ?? []).enumerated() {
          let relationPath = "\(path).\(kind.rawValue)[\(k)]"
          guard
            let other = reference(id, in: sessionIndex, kind: "session", code: "unknown-session", path: relationPath)
          else { continue }
          if other == s {
            error(
              "relation-self", "session '\(entry.id)' names itself in \(kind.rawValue)", relationPath,
              hint: "name other sessions in \(kind.rawValue)")
          } else if relationPaths[SessionRelation(kind, s, other)] == nil {
            // Given from both sides or twice: kept once.
            relations.append(SessionRelation(kind, s, other))
            relationPaths[SessionRelation(kind, s, other)] = relationPath
          }
        }
      }
      if entry.exclusive == true, (entry.runs ?? 1) > 1 {
        warning(
          "exclusive-repeated",
          "exclusive session '\(entry.id)' runs \(runs) times; each run stops every other session",
          "\(path).runs")
      }
      var minSize = entry.minSize ?? (kind == .workshop && !(entry.exclusive ?? false) ? file.minSize : nil)
      if let m = entry.minSize, m > 0, kind != .workshop {
        error(
          "min-size-not-workshop", "min_size applies to workshop runs; '\(entry.id)' is a \(kind.rawValue)",
          "\(path).min_size", hint: "remove min_size, or make the session a workshop")
        minSize = nil
      }
      if let m = minSize, let maxSize = entry.maxSize, m > maxSize {
        error(
          "min-size-above-max", "'\(entry.id)' needs at least \(m) per run but takes at most \(maxSize)",
          entry.minSize != nil ? "\(path).min_size" : "min_size", hint: "lower min_size to at most max_size (\(maxSize))")
      }
      if minSize == 0 { minSize = nil }
      if entry.parallelRuns == true {
        // A speaker is in every run of their session, so runs with a speaker can never be at once.
        if !speakerList.isEmpty {
          error(
            "parallel-runs-speakers",
            "'\(entry.id)' has speakers, who give every one of its runs: its runs cannot take place at the same time",
            "\(path).parallel_runs",
            hint: "remove parallel_runs (runs then follow each other), or make one session per speaker with the runs each gives")
        } else if entry.exclusive == true {
          error(
            "parallel-runs-exclusive", "exclusive session '\(entry.id)' runs alone, so its runs cannot be at the same time",
            "\(path).parallel_runs", hint: "remove parallel_runs or exclusive")
        } else if runs < 2 {
          warning(
            "parallel-runs-single", "'\(entry.id)' runs once, so parallel_runs has no effect", "\(path).parallel_runs",
            hint: "set runs: 2 or more to give it in several rooms at once")
        }
      }
      sessions.append(
        Session(
          id: entry.id, title: entry.title, kind: kind, durationMinutes: entry.duration, speakers: speakerList,
          track: track, requires: requires, audience: entry.audience, maxSize: entry.maxSize, runs: runs,
          exclusive: entry.exclusive ?? false, pins: pins, after: after,
          preferred: windows(entry.prefer, path: "\(path).prefer"),
          avoided: windows(entry.avoid, path: "\(path).avoid"), description: entry.description, minSize: minSize))
      sessions[sessions.count - 1].parallelRuns = entry.parallelRuns == true && speakerList.isEmpty && entry.exclusive != true
      sessions[sessions.count - 1].overflowRooms = overflowRooms
      resolveStreaming(entry, kind: kind, path: path, into: &sessions[sessions.count - 1])
    }
    // `before` is the mirror of `after`: folded into the later session's list.
    var afterPaths: [PrecedenceEdge: String] = [:]
    for edge in beforeEdges where !sessions[edge.later].after.contains(edge.earlier) {
      sessions[edge.later].after.append(edge.earlier)
      afterPaths[PrecedenceEdge(later: edge.later, earlier: edge.earlier)] = edge.path
    }
    checkPrecedenceCycles(sessions, foldedPaths: afterPaths)

    var weights = Weights()
    if let w = file.weights {
      weights.coChoiceConflict = w.coChoiceConflict ?? weights.coChoiceConflict
      weights.trackParallel = w.trackParallel ?? weights.trackParallel
      weights.emptySeats = w.emptySeats ?? weights.emptySeats
      weights.trackRoomChange = w.trackRoomChange ?? weights.trackRoomChange
      weights.speakerMakespan = w.speakerMakespan ?? weights.speakerMakespan
      weights.preferenceMissed = w.preferenceMissed ?? weights.preferenceMissed
      weights.avoidedTime = w.avoidedTime ?? weights.avoidedTime
      weights.roomPreferenceMissed = w.roomPreferenceMissed ?? weights.roomPreferenceMissed
      weights.workshopsPerParticipant = w.workshopsPerParticipant ?? weights.workshopsPerParticipant
      weights.anywhere = w.anywhere ?? weights.anywhere
      if let ranks = w.ranks {
        weights.ranks = ranks
        if let k = ranks.indices.dropFirst().first(where: { ranks[$0] > ranks[$0 - 1] }) {
          warning(
            "rank-weights-increasing",
            "rank \(k + 1) weighs \(SchemaValidator.number(ranks[k])), more than rank \(k) (\(SchemaValidator.number(ranks[k - 1])))",
            "weights.ranks[\(k)]", hint: "rank 1 is the most wanted: list the weights from the largest down")
        }
        if ranks.allSatisfy({ $0 == 0 }) {
          warning(
            "rank-weights-zero", "every rank weighs 0: the assignment would seat nobody for their choices",
            "weights.ranks", hint: "give rank 1 a positive weight, such as [3, 2, 1]")
        }
      }
    }

    var instance = Instance(
      name: file.name, timeZone: file.timeZone, venue: file.venue, days: days, slots: slots, rooms: rooms,
      tracks: tracks, features: vocabulary, speakers: speakers, sessions: sessions, participants: [],
      weights: weights, changeoverMinutes: file.changeoverMinutes ?? 0, seatCoverage: file.seatCoverage ?? 1)
    instance.minSizePolicy = file.minSizePolicy.flatMap(MinSizePolicy.init(rawValue:)) ?? .cancel
    instance.seatAnywhere = file.seatAnywhere ?? false
    instance.everySlot = file.maxWorkshops == "every_slot"
    instance.attendance = file.attendance.flatMap(Attendance.init(rawValue:)) ?? .inPerson
    let lowest = (weights.ranks ?? [1]).filter { $0 > 0 }.min() ?? 1
    if weights.anywhere >= lowest {
      warning(
        "anywhere-weight-high",
        "a seat anywhere weighs \(SchemaValidator.number(weights.anywhere)), as much as a ranked choice (\(SchemaValidator.number(lowest)))",
        file.weights?.anywhere != nil ? "weights.anywhere" : "weights.ranks",
        hint: "keep weights.anywhere below every rank weight, so that a chosen workshop is always worth more")
    }
    instance.relations = relations
    instance.similarTracks = similarTracks
    checkDurations(instance)
    checkRelations(instance, paths: relationPaths)
    checkOverflowRooms(instance)
    return instance
  }

  /// Refuses a slot whose start or end the clocks skip on its date (a spring-forward gap), or that
  /// spans the skip (it is shorter than written); warns when a time happens twice (fall-back).
  private mutating func checkLocalTimes(
    slot: InstanceFile.SlotEntry, start: Int, end: Int, date: String, clock: EventClock, path: String
  ) {
    func clockText(_ minutes: Int) -> String { TimeText.clock(((minutes % 1440) + 1440) % 1440) }
    var regular = true
    for (minutes, key, text) in [(start, "start", slot.start), (end, "end", slot.end)] {
      switch clock.localTime(date: date, minutes: minutes) {
      case .skipped(let from, let to)?:
        // A slot may end at the moment the clocks jump.
        if key == "end", minutes == from { continue }
        regular = false
        error(
          "nonexistent-local-time",
          "\(text) on \(date) does not exist in \(clock.identifier): clocks go from \(clockText(from)) to \(clockText(to)) "
            + "(daylight saving time starts)",
          "\(path).\(key)", hint: "move the slot out of \(clockText(from))–\(clockText(to))")
      case .repeated(let from, let to, let first, let second)?:
        regular = false
        warning(
          "ambiguous-local-time",
          "\(text) on \(date) happens twice in \(clock.identifier): clocks go back from \(clockText(from)) to \(clockText(to)); "
            + "it is read as the first, at UTC\(EventClock.offsetString(first)) (not UTC\(EventClock.offsetString(second)))",
          "\(path).\(key)", hint: "move the slot out of \(clockText(to))–\(clockText(from)) to make it unambiguous")
      default: break
      }
    }
    guard regular, let a = clock.instant(date: date, minutes: start), let b = clock.instant(date: date, minutes: end)
    else { return }
    let real = Int(b.timeIntervalSince(a)) / 60
    guard real != end - start else { return }
    let message =
      "slot \(slot.start)–\(slot.end) on \(date) spans a daylight-saving change in \(clock.identifier): "
      + "it lasts \(real) minutes, not \(end - start)"
    if real < end - start {
      error("slot-spans-clock-change", message, "\(path).start", hint: "split the slot at the change, or move it")
    } else {
      warning("slot-spans-clock-change", message, "\(path).start", hint: "split the slot at the change, or move it")
    }
  }

  /// Session blocks (issue 16): `blocks`, `preferred_rooms` and `similar` of each track. Returns
  /// the similar pairs, each once, sorted (given on either track or both, as relations are).
  private mutating func resolveTrackBlocks(
    _ entries: [InstanceFile.TrackEntry], into tracks: inout [Track], trackIndex: [String: Int], roomIndex: [String: Int]
  ) -> [TrackPair] {
    var pairs = Set<TrackPair>()
    for (t, entry) in entries.enumerated() where tracks.indices.contains(t) {
      let path = "tracks[\(t)]"
      tracks[t].blocks = entry.blocks ?? false
      for (k, id) in (entry.preferredRooms ?? []).enumerated() {
        guard let r = reference(id, in: roomIndex, kind: "room", code: "unknown-room", path: "\(path).preferred_rooms[\(k)]")
        else { continue }
        if tracks[t].preferredRooms.contains(r) {
          warning("duplicate-reference", "room '\(id)' is listed twice", "\(path).preferred_rooms[\(k)]")
        } else {
          tracks[t].preferredRooms.append(r)
        }
      }
      for (k, id) in (entry.similar ?? []).enumerated() {
        let keyPath = "\(path).similar[\(k)]"
        guard let other = reference(id, in: trackIndex, kind: "track", code: "unknown-track", path: keyPath) else { continue }
        guard other != t else {
          error("similar-self", "track '\(id)' cannot be similar to itself", keyPath, hint: "name another track")
          continue
        }
        pairs.insert(TrackPair(t, other))
      }
    }
    return pairs.sorted()
  }

  /// Reports every session whose duration fits no block anywhere (`duration-fits-no-block`).
  private mutating func checkDurations(_ instance: Instance) {
    guard !instance.slots.isEmpty else { return }
    var longest: [Int: Int] = [:]  // block → minutes from its first start to its last end
    var firstStart: [Int: Int] = [:]
    for slot in instance.slots {
      if firstStart[slot.block] == nil { firstStart[slot.block] = slot.start }
      longest[slot.block] = slot.end - (firstStart[slot.block] ?? slot.start)
    }
    let maxBlock = longest.values.max() ?? 0
    for (s, session) in instance.sessions.enumerated() {
      let fits = instance.slots.indices.contains { instance.coveredSlots(ofSession: s, startingAt: $0) != nil }
      if !fits {
        let stoppedByKind = instance.days.contains { $0.breaks.contains { $0.rooms == nil && $0.kinds?.contains(session.kind) == true } }
        let kind = session.kind.rawValue.replacingOccurrences(of: "_", with: " ")
        error(
          "duration-fits-no-block",
          "session '\(session.id)' lasts \(session.durationMinutes) minutes, but the longest block of consecutive slots without a break lasts \(maxBlock) minutes",
          "sessions[\(s)].duration",
          hint: "shorten the session, or join slots so a block is long enough"
            + (stoppedByKind ? " (breaks that \(kind) sessions take end their blocks too)" : ""))
      }
    }
  }

  /// A session's `overflow_rooms` as room indices: unknown ids (with the nearest id), a room listed
  /// twice, a room a run is pinned to (it cannot be both the run's room and its overflow), and
  /// parallel runs (two runs at once would both take the overflow rooms).
  private mutating func resolveOverflowRooms(
    _ entry: InstanceFile.SessionEntry, path: String, pins: [Pin], roomIndex: [String: Int], speakers: [Int]
  ) -> [Int] {
    guard let ids = entry.overflowRooms else { return [] }
    var result: [Int] = []
    for (k, id) in ids.enumerated() {
      let itemPath = "\(path).overflow_rooms[\(k)]"
      guard let r = reference(id, in: roomIndex, kind: "room", code: "unknown-room", path: itemPath) else { continue }
      if result.contains(r) {
        warning("duplicate-reference", "room '\(id)' is listed twice", itemPath)
        continue
      }
      if let run = pins.firstIndex(where: { $0.room == r }) {
        error(
          "overflow-room-pinned",
          "'\(entry.id)'\(pins.count > 1 || (entry.runs ?? 1) > 1 ? " run \(run + 1)" : "") is pinned to room '\(id)', which is also one of its overflow rooms",
          itemPath, hint: "a run cannot be streamed into its own room: remove '\(id)' from overflow_rooms, or pin another room")
        continue
      }
      result.append(r)
    }
    if entry.parallelRuns == true, speakers.isEmpty, entry.exclusive != true, (entry.runs ?? 1) > 1, !result.isEmpty {
      error(
        "overflow-parallel-runs",
        "'\(entry.id)' has parallel_runs and overflow_rooms: runs at the same time would all take the overflow rooms",
        "\(path).overflow_rooms", hint: "remove parallel_runs (each run then streams in turn), or the overflow rooms")
    }
    return result
  }

  /// Reports each overflow room that is closed, or keeps a break the session takes there, at every
  /// start the session's block and pins allow (`overflow-room-unavailable`): no run could take place.
  private mutating func checkOverflowRooms(_ instance: Instance) {
    for (s, session) in instance.sessions.enumerated() where !session.overflowRooms.isEmpty {
      let starts = instance.slots.indices.filter { t in
        instance.coveredSlots(ofSession: s, startingAt: t) != nil
          && (1...max(1, session.runs)).contains { run in
            let pin = session.pin(forRun: run)
            return (pin?.day.map { $0 == instance.slots[t].day } ?? true)
              && (pin?.start.map { $0 == instance.slots[t].start } ?? true)
          }
      }
      guard !starts.isEmpty else { continue }  // duration-fits-no-block or a pin says why
      for (k, r) in session.overflowRooms.enumerated() {
        let open = starts.contains { t in
          let window = instance.window(ofSession: s, startingAt: t)
          return instance.rooms[r].isAvailable(during: window)
            && instance.breakCrossed(bySession: s, inRoom: r, during: window) == nil
        }
        guard !open else { continue }
        error(
          "overflow-room-unavailable",
          "overflow room '\(instance.rooms[r].id)' of '\(session.id)' is unavailable or on a break at every start the session can have",
          "sessions[\(s)].overflow_rooms[\(k)]",
          hint: "open the room at one of its possible times, or stream into another room")
      }
    }
  }

  /// Reports each cycle of `after` once (`precedence-cycle`).
  private mutating func checkPrecedenceCycles(_ sessions: [Session], foldedPaths: [PrecedenceEdge: String]) {
    var state = [UInt8](repeating: 0, count: sessions.count)  // 0 new, 1 on the stack, 2 done
    for root in sessions.indices where state[root] == 0 {
      var stack: [(node: Int, next: Int)] = [(root, 0)]
      state[root] = 1
      while let top = stack.last {
        let edges = sessions[top.node].after
        if top.next < edges.count {
          stack[stack.count - 1].next += 1
          let target = edges[top.next]
          if state[target] == 0 {
            state[target] = 1
            stack.append((target, 0))
          } else if state[target] == 1, let from = stack.firstIndex(where: { $0.node == target }) {
            let cycle = stack[from...].map { "'\(sessions[$0.node].id)'" } + ["'\(sessions[target].id)'"]
            let edge = sessions[top.node].after.firstIndex(of: target) ?? 0
            error(
              "precedence-cycle", "`after` makes a cycle: \(cycle.joined(separator: " after ")); no order satisfies it",
              foldedPaths[PrecedenceEdge(later: top.node, earlier: target)] ?? "sessions[\(top.node)].after[\(edge)]")
          }
        } else {
          state[top.node] = 2
          stack.removeLast()
        }
      }
    }
  }
}

/// A precedence edge: `later` starts after `earlier` ends.
private struct PrecedenceEdge: Hashable {
  var later: Int
  var earlier: Int
}

extension InstanceResolver {
  /// What makes relations between sessions (rules H13–H15) impossible whatever the timetable:
  /// runs that cannot line up, a shared speaker or an exclusive session in one slot, same-slot
  /// groups that need more rooms than the venue has or that other rules keep apart, and pins.
  fileprivate mutating func checkRelations(_ instance: Instance, paths: [SessionRelation: String]) {
    let sessions = instance.sessions
    func name(_ s: Int) -> String { "'\(sessions[s].id)'" }
    func runNumbers(_ s: Int) -> ClosedRange<Int> { 1...max(1, sessions[s].runs) }
    /// The days of every run when each run's pin fixes its day; nil otherwise.
    func pinnedDays(_ s: Int) -> Set<Int>? {
      let days = runNumbers(s).compactMap { sessions[s].pin(forRun: $0)?.day }
      return days.count == runNumbers(s).count ? Set(days) : nil
    }
    func pinnedStart(_ s: Int, _ run: Int) -> (day: Int, start: Int)? {
      guard let pin = sessions[s].pin(forRun: run), let day = pin.day, let start = pin.start else { return nil }
      return (day, start)
    }
    /// The (day, start) of every run when each run's pin fixes both; nil otherwise.
    func pinnedStarts(_ s: Int) -> [Int]? {
      let starts = runNumbers(s).compactMap { pinnedStart(s, $0).map { $0.day * 1440 + $0.start } }
      return starts.count == runNumbers(s).count ? starts : nil
    }
    for relation in instance.relations {
      let (a, b) = (relation.first, relation.second)
      let path = paths[relation] ?? "sessions[\(a)].\(relation.kind.rawValue)"
      switch relation.kind {
      case .sameSlot:
        if let shared = sessions[a].speakers.first(where: sessions[b].speakers.contains) {
          error(
            "same-slot-speaker",
            "\(name(a)) and \(name(b)) must start together (same_slot), but speaker '\(instance.speakers[shared].id)' gives both",
            path, hint: "remove same_slot, or give one of the sessions other speakers")
        }
        for s in [a, b] where sessions[s].exclusive {
          error(
            "same-slot-exclusive", "\(name(s)) is exclusive, so nothing can start with it (same_slot with \(name(relation.partner(of: s)!)))",
            path, hint: "remove same_slot, or exclusive")
        }
        // Runs that cannot overlap start at as many different times as there are runs.
        for (s, t) in [(a, b), (b, a)] where !sessions[s].parallelRuns && sessions[s].runs > sessions[t].runs {
          error(
            "same-slot-runs",
            "\(name(s)) runs \(sessions[s].runs) times, at \(sessions[s].runs) different times, but \(name(t)) runs "
              + "\(sessions[t].runs == 1 ? "once" : "\(sessions[t].runs) times"): same_slot needs a run of each at every start of the other",
            path, hint: "give both the same number of runs, or parallel_runs to \(name(t))")
        }
        for (s, t) in [(a, b), (b, a)] {
          guard let starts = pinnedStarts(t) else { continue }
          for run in runNumbers(s) {
            if let fixed = pinnedStart(s, run), !starts.contains(fixed.day * 1440 + fixed.start) {
              error(
                "relation-pins",
                "\(name(s))\(sessions[s].runs > 1 ? " run \(run)" : "") is pinned to \(instance.days[fixed.day].id) "
                  + "\(TimeText.clock(fixed.start)), when no run of \(name(t)) starts (pins), but same_slot makes them start together",
                path, hint: "pin them to the same start, or remove same_slot")
            }
          }
        }
      case .differentSlot:
        for ra in runNumbers(a) {
          guard let p = pinnedStart(a, ra) else { continue }
          for rb in runNumbers(b) {
            guard let q = pinnedStart(b, rb), p.day == q.day else { continue }
            if p.start < q.start + sessions[b].durationMinutes && q.start < p.start + sessions[a].durationMinutes {
              error(
                "relation-pins",
                "\(name(a)) and \(name(b)) are pinned to overlapping times on \(instance.days[p.day].id) "
                  + "(\(TimeText.clock(p.start)) and \(TimeText.clock(q.start))), but different_slot keeps them apart",
                path, hint: "move one of the pins, or remove different_slot")
            }
          }
        }
      case .sameDay:
        break
      }
      if relation.kind != .differentSlot {
        for (s, t) in [(a, b), (b, a)] {
          guard let days = pinnedDays(t) else { continue }
          for run in runNumbers(s) {
            if let day = sessions[s].pin(forRun: run)?.day, !days.contains(day) {
              error(
                "relation-pins",
                "\(name(s))\(sessions[s].runs > 1 ? " run \(run)" : "") is pinned to \(instance.days[day].id), when "
                  + "\(name(t)) has no run (pins), but \(relation.kind.rawValue) puts them on the same days",
                path, hint: "pin them to the same day, or remove \(relation.kind.rawValue)")
            }
          }
        }
      }
    }
    checkSameSlotGroups(instance, paths: paths)
  }

  /// Sessions linked by same_slot, directly or through others, all start at the same times: each
  /// such start needs a room for each of them, and none of them may keep apart from another
  /// (different_slot) or follow another (after, before).
  private mutating func checkSameSlotGroups(_ instance: Instance, paths: [SessionRelation: String]) {
    let sameSlot = instance.relations.filter { $0.kind == .sameSlot }
    guard !sameSlot.isEmpty else { return }
    let sessions = instance.sessions
    var parent = Array(sessions.indices)
    func root(_ s: Int) -> Int {
      var s = s
      while parent[s] != s { s = parent[s] }
      return s
    }
    for relation in sameSlot { parent[root(relation.second)] = root(relation.first) }
    var groups = [Int: [Int]]()
    for s in sessions.indices { groups[root(s), default: []].append(s) }
    for (_, group) in groups.sorted(by: { $0.key < $1.key }) where group.count > 1 {
      let members = group.map { "'\(sessions[$0].id)'" }.joined(separator: ", ")
      let firstPath = sameSlot.first { group.contains($0.first) }.flatMap { paths[$0] } ?? "sessions[\(group[0])].same_slot"
      if group.count > instance.rooms.count {
        error(
          "same-slot-rooms",
          "same_slot makes \(group.count) sessions (\(members)) start together, each in a room of its own, but the venue has \(instance.rooms.count) room\(instance.rooms.count == 1 ? "" : "s")",
          firstPath, hint: "split the group: remove same_slot between some of them")
      }
      let inGroup = Set(group)
      for relation in instance.relations where relation.kind == .differentSlot && inGroup.contains(relation.first) && inGroup.contains(relation.second) {
        error(
          "relation-contradiction",
          "'\(sessions[relation.first].id)' and '\(sessions[relation.second].id)' must start together through same_slot (\(members)), but different_slot keeps them apart",
          paths[relation] ?? firstPath, hint: "remove different_slot or same_slot between them")
      }
      for s in group {
        for p in sessions[s].after where inGroup.contains(p) {
          error(
            "relation-contradiction",
            "'\(sessions[s].id)' must start after '\(sessions[p].id)' ends (after/before), but same_slot (\(members)) makes them start together",
            "sessions[\(s)].after", hint: "remove after/before or same_slot between them")
        }
      }
    }
  }
}
