import Foundation

/// A scenario applied to an instance: the changed files, what each change did in words, and the
/// changed instance as the normal loader reads it.
public struct AppliedScenario: Sendable {
  public enum Status: String, Sendable, Hashable, Codable {
    /// The changed instance is valid: it can be solved.
    case valid
    /// The scenario or the changed instance breaks a rule of the formats (unknown id, bad pin, …).
    case invalid
    /// The changed instance is well formed, but a necessary condition for any timetable fails.
    case infeasible
  }

  public var scenario: Scenario
  public var status: Status
  /// The changed event and participants (nil when the scenario could not be applied).
  public var event: InstanceFile?
  public var participants: ParticipantsTable?
  /// `event.json` and `participants.csv` as loaded (and as `whatif` writes them beside the results).
  public var eventData: Data?
  public var participantsData: Data?
  /// One sentence per change, in order (`Room 'Salon Trannin' closed Thursday 29 Sep 08:30–13:00`).
  public var descriptions: [String]
  /// Problems of the scenario, and those of the changed instance attributed to the change at fault.
  public var diagnostics: [Diagnostic]
  /// The changed instance, when valid.
  public var instance: Instance?
  /// Why the changed instance has no timetable, when `status` is `infeasible`.
  public var infeasibility: [String]
}

extension Scenario {
  /// Applies the changes in order to `base`'s file form, then loads the result with `InstanceLoader`.
  public func apply(to base: ScenarioBase) -> AppliedScenario {
    var applier = ScenarioApplier(scenario: self, base: base)
    return applier.run()
  }
}

/// Applies a scenario's changes one by one, checking every id against the instance as changed so
/// far (with did-you-mean hints), and remembers which entities each change touched, so that a
/// problem the loader finds in the changed instance is reported at the change that caused it.
struct ScenarioApplier {
  let scenario: Scenario
  let base: ScenarioBase
  var event: InstanceFile
  var table: ParticipantsTable?
  var diagnostics: [Diagnostic] = []
  var descriptions: [String] = []
  /// (section, id) → the last change that touched it: `sessions`/`rooms`/`speakers` by id,
  /// `weights` and `participants` with an empty id.
  var touched: [String: Int] = [:]
  /// Sessions cancelled so far, by id → the change that cancelled them.
  var cancelled: [String: Int] = [:]
  /// The change being applied.
  var current = 0

  /// Codes of `FeasibilityCheck`: a changed instance failing only these is infeasible, not invalid.
  static let feasibilityCodes: Set<String> = [
    "audience-exceeds-rooms", "exclusive-seat-shortage", "feature-shortage", "no-suitable-room", "pinned-collision", "seat-shortage",
    "session-unplaceable", "speaker-overbooked",
  ]

  init(scenario: Scenario, base: ScenarioBase) {
    self.scenario = scenario
    self.base = base
    self.event = base.event
    self.table = base.participants
  }

  /// The changed event file's bytes: JSON with sorted keys, so equal instances give equal bytes.
  static func encode(_ event: InstanceFile) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return ((try? encoder.encode(event)) ?? Data()) + Data("\n".utf8)
  }

  mutating func run() -> AppliedScenario {
    for (i, change) in scenario.changes.enumerated() {
      current = i
      let before = diagnostics.errors.count
      let description = apply(change)
      if diagnostics.errors.count == before, let description { descriptions.append(description) }
    }
    var result = AppliedScenario(
      scenario: scenario, status: .invalid, event: nil, participants: nil, eventData: nil, participantsData: nil,
      descriptions: descriptions, diagnostics: diagnostics, instance: nil, infeasibility: [])
    guard !diagnostics.hasErrors else { return result }

    event.participants = table == nil ? nil : event.participants?.withFile("participants.csv") ?? "participants.csv"
    let eventData = Self.encode(event)
    let participantsData = table?.csv()
    result.event = event
    result.participants = table
    result.eventData = eventData
    result.participantsData = participantsData
    let loaded = InstanceLoader.load(
      eventData: eventData, eventFile: "event.json", participants: participantsData,
      participantsFile: "participants.csv")
    let known = Set(base.warnings.map { "\($0.code)|\($0.message)" })
    let fresh = loaded.diagnostics.filter { $0.severity == .error || !known.contains("\($0.code)|\($0.message)") }
    result.diagnostics += fresh.map(attribute)
    if let instance = loaded.instance {
      result.status = .valid
      result.instance = instance
    } else if loaded.diagnostics.errors.allSatisfy({ Self.feasibilityCodes.contains($0.code) }) {
      result.status = .infeasible
      result.infeasibility = loaded.diagnostics.errors.map { $0.message }
    }
    result.diagnostics = result.diagnostics.sortedForDisplay
    return result
  }

  // MARK: - Diagnostics

  private mutating func error(_ subpath: String, _ code: String, _ message: String, hint: String? = nil) {
    diagnostics.append(.error(code, message, at: scenario.location(ofChange: current, subpath), hint: hint))
  }

  private mutating func warning(_ subpath: String, _ code: String, _ message: String, hint: String? = nil) {
    diagnostics.append(.warning(code, message, at: scenario.location(ofChange: current, subpath), hint: hint))
  }

  private mutating func touch(_ section: String, _ id: String = "") { touched["\(section)|\(id)"] = current }

  /// A diagnostic of the changed instance, moved to the change that last touched what it names.
  private func attribute(_ diagnostic: Diagnostic) -> Diagnostic {
    let path = diagnostic.location.path ?? ""
    var key: String?
    if diagnostic.location.file == "participants.csv" {
      key = "participants|"
    } else if path.hasPrefix("weights") {
      key = "weights|"
    } else {
      for section in ["sessions", "rooms", "speakers"] where path.hasPrefix(section + "[") {
        let digits = path.dropFirst(section.count + 1).prefix { $0.isNumber }
        guard let index = Int(digits) else { continue }
        let ids: [String]
        switch section {
        case "sessions": ids = event.sessions.map(\.id)
        case "rooms": ids = event.rooms.map(\.id)
        default: ids = (event.speakers ?? []).map(\.id)
        }
        if ids.indices.contains(index) { key = "\(section)|\(ids[index])" }
      }
    }
    var moved = diagnostic
    let where_ = path.isEmpty ? "" : " (\(path) of the changed instance)"
    if let key, let change = touched[key] {
      moved.location = scenario.location(ofChange: change)
      moved.message = diagnostic.message + where_
    } else {
      moved.location = Diagnostic.Location(file: scenario.file, path: path.isEmpty ? nil : path)
      moved.message = "the changed instance: " + diagnostic.message
    }
    return moved
  }

  // MARK: - Lookups

  private mutating func index(
    of id: String, among ids: [String], kind: String, subpath: String, code: String
  ) -> Int? {
    if let index = ids.firstIndex(of: id) { return index }
    var hint = NameSuggester.hint(for: id, among: ids)
    if kind == "session", let change = cancelled[id] { hint = "it was cancelled by changes[\(change)]" }
    error(subpath, code, "unknown \(kind) '\(id)'", hint: hint)
    return nil
  }

  private mutating func room(_ id: String, _ subpath: String) -> Int? {
    index(of: id, among: event.rooms.map(\.id), kind: "room", subpath: subpath, code: "unknown-room")
  }

  private mutating func session(_ id: String, _ subpath: String) -> Int? {
    index(of: id, among: event.sessions.map(\.id), kind: "session", subpath: subpath, code: "unknown-session")
  }

  private mutating func speaker(_ id: String, _ subpath: String) -> Int? {
    index(of: id, among: (event.speakers ?? []).map(\.id), kind: "speaker", subpath: subpath, code: "unknown-speaker")
  }

  private mutating func day(_ id: String, _ subpath: String) -> Bool {
    index(of: id, among: event.days.map(\.id), kind: "day", subpath: subpath, code: "unknown-day") != nil
  }

  /// `Thursday 29 Sep` for a day id.
  private func dayText(_ id: String) -> String {
    event.days.first { $0.id == id }.flatMap { TimeText.dayName($0.date) } ?? id
  }

  /// Checks a window written as `day`, `start`, `end` (all optional) and returns it as window
  /// entries: one per day when no day is given (the whole event), with its description.
  private mutating func windows(
    day: String?, start: String?, end: String?, kindPath: String
  ) -> (entries: [InstanceFile.WindowEntry], text: String)? {
    guard let day else {
      if start != nil || end != nil {
        error("\(kindPath).start", "window-without-day", "a start or end needs a day", hint: "add `day:`")
        return nil
      }
      return (event.days.map { InstanceFile.WindowEntry(day: $0.id) }, "for the whole event")
    }
    guard self.day(day, "\(kindPath).day") else { return nil }
    let from = start.flatMap(TimeText.minutes) ?? 0
    let to = end.flatMap(TimeText.minutes) ?? 24 * 60
    guard to > from else {
      error(
        "\(kindPath).end", "window-end-before-start",
        "the window ends (\(TimeText.clock(to))) before it starts (\(TimeText.clock(from)))")
      return nil
    }
    let text =
      start == nil && end == nil
      ? "on \(dayText(day))" : "\(dayText(day)) \(TimeText.clock(from))–\(TimeText.clock(to))"
    return ([InstanceFile.WindowEntry(day: day, start: start, end: end)], text)
  }

  // MARK: - Changes

  /// Applies one change; returns its description, or nil when it could not be applied.
  private mutating func apply(_ change: ScenarioChange) -> String? {
    let kind = change.kind
    switch change {
    case .closeRoom(let c):
      // Both looked up before giving up, so that every problem is reported.
      let r = room(c.room, "\(kind).room")
      let window = windows(day: c.day, start: c.start, end: c.end, kindPath: kind)
      guard let r, let (entries, text) = window else { return nil }
      event.rooms[r].unavailable = (event.rooms[r].unavailable ?? []) + entries
      touch("rooms", c.room)
      return "Room '\(event.rooms[r].name ?? c.room)' closed \(text)."

    case .shrinkRoom(let c):
      guard let r = room(c.room, "\(kind).room") else { return nil }
      let old = event.rooms[r].capacity
      if c.capacity >= old {
        warning(
          "\(kind).capacity", "room-not-shrunk",
          "capacity \(c.capacity) is not below the current \(old): the room grows or stays")
      }
      event.rooms[r].capacity = c.capacity
      touch("rooms", c.room)
      return "Room '\(event.rooms[r].name ?? c.room)' seats \(c.capacity) instead of \(old)."

    case .addSession(let entry):
      if event.sessions.contains(where: { $0.id == entry.id }) {
        error(
          "\(kind).id", "duplicate-id", "a session '\(entry.id)' already exists",
          hint: "choose a new id, or use change_session")
        return nil
      }
      event.sessions.append(entry)
      cancelled[entry.id] = nil
      touch("sessions", entry.id)
      let runs = entry.runs ?? 1
      return "New \(entry.kind) '\(entry.title)' (\(entry.duration) min"
        + (runs > 1 ? ", \(runs) runs" : "") + ")."

    case .removeSession(let c):
      guard let s = session(c.session, "\(kind).session") else { return nil }
      return cancelSession(at: s) + "."

    case .changeSession(let c):
      return changeSession(c, kind: kind)

    case .cancelSpeaker(let c):
      guard let p = speaker(c.speaker, "\(kind).speaker"), var speakers = event.speakers else { return nil }
      let name = speakers[p].name ?? c.speaker
      var kept: [String] = []
      var dropped: [String] = []
      var s = 0
      while s < event.sessions.count {
        guard let list = event.sessions[s].speakers, list.contains(c.speaker) else {
          s += 1
          continue
        }
        let remaining = list.filter { $0 != c.speaker }
        if remaining.isEmpty {
          dropped.append(cancelSession(at: s, because: "no speaker left"))
          continue
        }
        event.sessions[s].speakers = remaining
        touch("sessions", event.sessions[s].id)
        kept.append("'\(event.sessions[s].title)'")
        s += 1
      }
      speakers.remove(at: p)
      event.speakers = speakers
      var text = "Speaker '\(name)' cancels"
      if !kept.isEmpty { text += "; they leave " + kept.joined(separator: ", ") }
      if !dropped.isEmpty { text += "; " + dropped.joined(separator: "; ") }
      if kept.isEmpty && dropped.isEmpty { text += " (they gave no session)" }
      return text + "."

    case .speakerUnavailable(let c):
      let p = speaker(c.speaker, "\(kind).speaker")
      let window = windows(day: c.day, start: c.start, end: c.end, kindPath: kind)
      guard let p, let (entries, text) = window else { return nil }
      let previous = event.speakers?[p].unavailable ?? []
      event.speakers?[p].unavailable = previous + entries
      touch("speakers", c.speaker)
      return "Speaker '\(event.speakers?[p].name ?? c.speaker)' unavailable \(text)."

    case .speakerAvailable(let c):
      let p = speaker(c.speaker, "\(kind).speaker")
      var texts: [String] = []
      for (k, window) in c.windows.enumerated() {
        if let (_, text) = windows(
          day: window.day, start: window.start, end: window.end, kindPath: "\(kind).windows[\(k)]")
        {
          texts.append(text.hasPrefix("on ") ? String(text.dropFirst(3)) : text)
        }
      }
      guard let p, texts.count == c.windows.count else { return nil }
      event.speakers?[p].available = c.windows
      touch("speakers", c.speaker)
      return "Speaker '\(event.speakers?[p].name ?? c.speaker)' can come only " + texts.joined(separator: ", ") + "."

    case .pinSession(let c):
      return pinSession(c, kind: kind)

    case .unpinSession(let c):
      guard let s = session(c.session, "\(kind).session") else { return nil }
      var pins = event.sessions[s].pins ?? event.sessions[s].pin.map { [$0] } ?? []
      let runs = event.sessions[s].runs ?? 1
      let title = event.sessions[s].title
      if let run = c.run {
        guard run <= runs else {
          error(
            "\(kind).run", "unknown-run",
            "'\(c.session)' runs \(runs) time\(runs == 1 ? "" : "s"); there is no run \(run)")
          return nil
        }
        if run <= pins.count { pins[run - 1] = InstanceFile.PinEntry() }
        while let last = pins.last, last == InstanceFile.PinEntry() { pins.removeLast() }
      } else {
        if pins.isEmpty { warning("\(kind).session", "not-pinned", "'\(c.session)' has no pin; nothing changes") }
        pins = []
      }
      event.sessions[s].pin = nil
      event.sessions[s].pins = pins.isEmpty ? nil : pins
      touch("sessions", c.session)
      return "'\(title)'" + (c.run.map { " run \($0)" } ?? "")
        + " unpinned: the solver chooses its day, start and room."

    case .addParticipants(let c):
      return addParticipants(c, kind: kind)

    case .scaleDemand(let c):
      return scaleDemand(c)

    case .setWeights(let w):
      var weights = event.weights ?? InstanceFile.WeightsEntry()
      let defaults = Weights()
      var parts: [String] = []
      func set(_ name: String, _ new: Double?, _ old: inout Double?, _ fallback: Double) {
        guard let new else { return }
        parts.append("\(name) \(Self.number(old ?? fallback)) → \(Self.number(new))")
        old = new
      }
      set("co_choice_conflict", w.coChoiceConflict, &weights.coChoiceConflict, defaults.coChoiceConflict)
      set("track_parallel", w.trackParallel, &weights.trackParallel, defaults.trackParallel)
      set("empty_seats", w.emptySeats, &weights.emptySeats, defaults.emptySeats)
      set("track_room_change", w.trackRoomChange, &weights.trackRoomChange, defaults.trackRoomChange)
      set("speaker_makespan", w.speakerMakespan, &weights.speakerMakespan, defaults.speakerMakespan)
      set("preference_missed", w.preferenceMissed, &weights.preferenceMissed, defaults.preferenceMissed)
      set("avoided_time", w.avoidedTime, &weights.avoidedTime, defaults.avoidedTime)
      set("room_preference_missed", w.roomPreferenceMissed, &weights.roomPreferenceMissed, defaults.roomPreferenceMissed)
      if let new = w.workshopsPerParticipant {
        parts.append(
          "workshops_per_participant \(weights.workshopsPerParticipant ?? defaults.workshopsPerParticipant) → \(new)")
        weights.workshopsPerParticipant = new
      }
      set("anywhere", w.anywhere, &weights.anywhere, defaults.anywhere)
      if let new = w.ranks {
        let shown = { (table: [Double]) in "[" + table.map(Self.number).joined(separator: ", ") + "]" }
        parts.append("ranks \(weights.ranks.map(shown) ?? "L + 1 − k") → \(shown(new))")
        weights.ranks = new
      }
      if parts.isEmpty {
        warning(kind, "no-weight", "no weight is given; nothing changes")
        return nil
      }
      event.weights = weights
      touch("weights")
      return "Weights: " + parts.joined(separator: ", ") + "."
    }
  }

  /// Removes session `s`, its id from other sessions' `after` and relations, and its choices; returns a description.
  private mutating func cancelSession(at s: Int, because reason: String? = nil) -> String {
    let entry = event.sessions.remove(at: s)
    cancelled[entry.id] = current
    // And from their relations (before, same_slot, different_slot, same_day), which bind it no more.
    let references: [WritableKeyPath<InstanceFile.SessionEntry, [String]?>] = [
      \.after, \.before, \.sameSlot, \.differentSlot, \.sameDay,
    ]
    for other in event.sessions.indices {
      for key in references {
        guard let ids = event.sessions[other][keyPath: key], ids.contains(entry.id) else { continue }
        event.sessions[other][keyPath: key] = ids.filter { $0 != entry.id }
      }
    }
    let choosers = table?.removeChoices(of: entry) ?? 0
    if choosers > 0 { touch("participants") }
    let notes = [reason, choosers > 0 ? "\(choosers) participant\(choosers == 1 ? "" : "s") lose a choice" : nil]
      .compactMap { $0 }
    return "'\(entry.title)' cancelled" + (notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")")
  }

  private mutating func changeSession(_ c: ScenarioChange.SessionChange, kind: String) -> String? {
    guard let s = session(c.session, "\(kind).session") else { return nil }
    if c.pin != nil, c.pins != nil {
      error("\(kind).pin", "pin-and-pins", "give either `pin` or `pins`, not both")
      return nil
    }
    var entry = event.sessions[s]
    var parts: [String] = []
    func note<T: CustomStringConvertible>(_ name: String, _ old: T?, _ new: T?) {
      guard let new else { return }
      parts.append("\(name) \(old.map { "\($0)" } ?? "–") → \(new)")
    }
    note("kind", entry.kind, c.kind)
    note("duration", entry.duration, c.duration)
    note("runs", entry.runs ?? 1, c.runs)
    note("audience", entry.audience, c.audience)
    note("max_size", entry.maxSize, c.maxSize)
    note("track", entry.track, c.track)
    note("exclusive", entry.exclusive ?? false, c.exclusive)
    if let title = c.title { parts.append("renamed '\(title)'") }
    for name in [
      "speakers", "requires", "pin", "pins", "after", "before", "same_slot", "different_slot", "same_day", "prefer", "avoid",
      "description",
    ]
    where c.fieldsSet.contains(name) {
      parts.append("\(name) changed")
    }
    let title = entry.title
    if let v = c.title { entry.title = v }
    if let v = c.kind { entry.kind = v }
    if let v = c.duration { entry.duration = v }
    if let v = c.speakers { entry.speakers = v }
    if let v = c.track { entry.track = v }
    if let v = c.requires { entry.requires = v }
    if let v = c.audience { entry.audience = v }
    if let v = c.maxSize { entry.maxSize = v }
    if let v = c.runs { entry.runs = v }
    if let v = c.exclusive { entry.exclusive = v }
    if let v = c.pin {
      entry.pin = v
      entry.pins = nil
    }
    if let v = c.pins {
      entry.pins = v
      entry.pin = nil
    }
    if let v = c.after { entry.after = v }
    if let v = c.before { entry.before = v }
    if let v = c.sameSlot { entry.sameSlot = v }
    if let v = c.differentSlot { entry.differentSlot = v }
    if let v = c.sameDay { entry.sameDay = v }
    if let v = c.prefer { entry.prefer = v }
    if let v = c.avoid { entry.avoid = v }
    if let v = c.description { entry.description = v }
    if parts.isEmpty {
      warning(kind, "no-field", "no field of '\(c.session)' is given; nothing changes")
      return nil
    }
    event.sessions[s] = entry
    touch("sessions", c.session)
    return "'\(title)': " + parts.joined(separator: ", ") + "."
  }

  private mutating func pinSession(_ c: ScenarioChange.SessionPin, kind: String) -> String? {
    let found = session(c.session, "\(kind).session")
    let dayKnown = c.day.map { self.day($0, "\(kind).day") } ?? true
    let roomKnown = c.room.map { room($0, "\(kind).room") != nil } ?? true
    guard let s = found, dayKnown, roomKnown else { return nil }
    let run = c.run ?? 1
    let runs = event.sessions[s].runs ?? 1
    guard run <= runs else {
      error(
        "\(kind).run", "unknown-run", "'\(c.session)' runs \(runs) time\(runs == 1 ? "" : "s"); there is no run \(run)")
      return nil
    }
    guard c.day != nil || c.start != nil || c.room != nil else {
      error(kind, "empty-pin", "a pin needs a day, a start or a room", hint: "to free a run, use unpin_session")
      return nil
    }
    var pins = event.sessions[s].pins ?? event.sessions[s].pin.map { [$0] } ?? []
    while pins.count < run { pins.append(InstanceFile.PinEntry()) }
    // Fields given replace the run's pin fields; the others (a day pin, say) are kept.
    var pin = pins[run - 1]
    if let day = c.day { pin.day = day }
    if let start = c.start { pin.start = start }
    if let room = c.room { pin.room = room }
    pins[run - 1] = pin
    event.sessions[s].pin = nil
    event.sessions[s].pins = pins
    touch("sessions", c.session)
    var place: [String] = []
    if let day = pin.day { place.append(dayText(day)) }
    if let start = pin.start { place.append(start) }
    if let room = pin.room { place.append("in '\(event.rooms.first { $0.id == room }?.name ?? room)'") }
    let runText = runs > 1 ? " run \(run)" : ""
    return "'\(event.sessions[s].title)'\(runText) pinned to " + place.joined(separator: " ") + "."
  }

  /// Day ids a participant row attends (every day when its days cell is empty).
  private func attendedDays(_ row: Int, in table: ParticipantsTable) -> Set<String> {
    let tokens = table.dayTokens(ofRow: row)
    guard !tokens.isEmpty else { return Set(event.days.map(\.id)) }
    var days = Set<String>()
    for token in tokens {
      let lowered = token.lowercased()
      if let day = event.days.first(where: { $0.id.lowercased() == lowered || $0.date == token }) {
        days.insert(day.id)
      } else if let (year, month, dayOfMonth) = Self.slashDate(token),
        let day = event.days.first(where: { TimeText.date($0.date).map { $0 == (year, month, dayOfMonth) } ?? false })
      {
        days.insert(day.id)
      }
    }
    return days
  }

  /// `27/09/2022` or `27/9/2022` → (2022, 9, 27).
  private static func slashDate(_ text: String) -> (Int, Int, Int)? {
    let parts = text.split(separator: "/")
    guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
    return (y, m, d)
  }

  private mutating func addParticipants(_ c: ScenarioChange.ParticipantAddition, kind: String) -> String? {
    guard var table else {
      error(kind, "no-participants", "the instance has no participants file, so there is nobody to copy")
      return nil
    }
    var wanted = Set<String>()
    for (k, day) in (c.days ?? []).enumerated() {
      guard self.day(day, "\(kind).days[\(k)]") else { return nil }
      wanted.insert(day)
    }
    let candidates = table.rows.indices.filter { wanted.isSubset(of: attendedDays($0, in: table)) }
    guard !candidates.isEmpty else {
      error(kind, "no-participants", "no participant attends " + (c.days ?? []).map(dayText).joined(separator: " and "))
      return nil
    }
    var rng = SplitMix64(seed: UInt64(max(0, c.seed ?? 1)))
    let sources = (0..<c.count).map { _ in candidates[rng.int(below: candidates.count)] }
    let ids = table.appendCopies(of: sources, idPrefix: c.idPrefix ?? "extra-")
    self.table = table
    touch("participants")
    let like = c.days.map { " attending " + $0.map(dayText).joined(separator: " and ") } ?? ""
    return "\(ids.count) more participants (copies of participants\(like) drawn with seed \(c.seed ?? 1): "
      + "\(ids.first ?? "")…\(ids.last ?? ""))."
  }

  private mutating func scaleDemand(_ c: ScenarioChange.DemandScale) -> String? {
    var text = "Demand × \(Self.number(c.factor))"
    if var table {
      let n = table.rows.count
      let target = Int(saturating: (Double(n) * c.factor).rounded())
      var rng = SplitMix64(seed: UInt64(max(0, c.seed ?? 1)))
      if target > n, n > 0 {
        let sources = (0..<(target - n)).map { _ in rng.int(below: n) }
        table.appendCopies(of: sources, idPrefix: "scaled-")
      } else if target < n {
        var order = Array(table.rows.indices)
        rng.shuffle(&order)
        let dropped = Set(order.prefix(n - target))
        table.rows = table.rows.indices.filter { !dropped.contains($0) }.map { table.rows[$0] }
      }
      self.table = table
      touch("participants")
      text += ": \(n) → \(table.rows.count) participants"
    }
    var scaled = 0
    for s in event.sessions.indices {
      guard let audience = event.sessions[s].audience else { continue }
      event.sessions[s].audience = min(1_000_000, Int(saturating: (Double(audience) * c.factor).rounded(.up)))
      touch("sessions", event.sessions[s].id)
      scaled += 1
    }
    if scaled > 0 { text += (table == nil ? ": " : "; ") + "stated audiences of \(scaled) sessions scaled" }
    return text + "."
  }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
