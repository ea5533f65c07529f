import AtelierCore

/// The independent checker: verifies a timetable against every hard rule (H1–H18, A1–A9) and
/// measures the soft terms exactly, straight from their definitions in `docs/schedule-format.md`.
///
/// It shares no code with the solver's formulations, so a modelling bug cannot hide from it.
/// Work is sorting and sweeping (per room, speaker, participant, day): near-linear in the size of
/// the timetable, so ten times the reference instance checks in milliseconds.
public struct Checker: Sendable {
  public let instance: Instance
  let choiceCounts: [Int]
  /// Seats each slot must offer.
  let seatDemand: [Int]
  /// For each slot, the minute its block ends (end of the block's last slot).
  let blockEnd: [Int]
  /// For each day, its slots in time order.
  let daySlots: [[Int]]
  /// `Thursday 29 Sep` for each day, computed once (messages name days often).
  let dayNames: [String]

  public init(instance: Instance) {
    self.instance = instance
    // Choices naming no session are ignored here; the loader never lets them through.
    var counts = [Int](repeating: 0, count: instance.sessions.count)
    for participant in instance.participants {
      for choice in Set(participant.choices) where counts.indices.contains(choice) { counts[choice] += 1 }
    }
    choiceCounts = counts
    seatDemand = instance.slots.indices.map { instance.seatDemand(inSlot: $0) }
    var ends: [Int: Int] = [:]  // "day block" → end
    for slot in instance.slots {
      let key = slot.day * 1_000_003 + slot.block
      ends[key] = max(ends[key] ?? slot.end, slot.end)
    }
    blockEnd = instance.slots.map { ends[$0.day * 1_000_003 + $0.block] ?? $0.end }
    var byDay = [[Int]](repeating: [], count: instance.days.count)
    for slot in instance.slots where byDay.indices.contains(slot.day) { byDay[slot.day].append(slot.index) }
    daySlots = byDay.map { $0.sorted { instance.slots[$0].start < instance.slots[$1].start } }
    dayNames = instance.days.indices.map { instance.dayName($0) }
  }

  /// A run as placed, with its times in minutes (`from`/`to` on one absolute axis: day × 1440 + minutes).
  struct Placed {
    var run: SessionRun
    var slot: Int
    var room: Int
    var day: Int
    var start: Int
    var end: Int
    var from: Int { day * 1440 + start }
    var to: Int { day * 1440 + end }
    var window: TimeWindow { TimeWindow(day: day, start: start, end: end) }
  }

  public func check(_ timetable: Timetable) -> CheckReport {
    var found: [Violation] = []
    let placed = placedRuns(timetable, &found)
    checkPlacements(placed, &found)
    checkRooms(placed, &found)
    checkSpeakers(placed, &found)
    checkExclusive(placed, &found)
    checkPrecedence(placed, &found)
    checkRepeats(placed, &found)
    checkSeats(placed, &found)
    checkRelations(placed, &found)
    checkBlocks(placed, &found)
    checkAssignments(timetable.assignments, placed, &found)
    // Rule positions computed once per violation, not once per comparison.
    let ranks = Dictionary(uniqueKeysWithValues: Violation.rules.enumerated().map { ($1, $0) })
    found = found.map { (ranks[$0.rule] ?? ranks.count, $0) }
      .sorted { a, b in a.0 != b.0 ? a.0 < b.0 : a.1.message < b.1.message }
      .map(\.1)
    let terms = softTerms(placed)
    return CheckReport(
      violations: found, softTerms: terms, objective: terms.reduce(0) { $0 + $1.contribution },
      welfare: welfare(timetable.assignments))
  }

  // MARK: - H1: every run placed exactly once

  /// The valid placements (first one of each run), reporting unknown ids, duplicates and missing runs.
  func placedRuns(_ timetable: Timetable, _ found: inout [Violation]) -> [Placed] {
    var result: [Placed] = []
    var seen: [SessionRun: Int] = [:]
    for placement in timetable.placements {
      let s = placement.run.session
      guard instance.sessions.indices.contains(s) else {
        found.append(Violation(rule: "H1", message: "a placement names session #\(s), which does not exist"))
        continue
      }
      let session = instance.sessions[s]
      let runs = max(1, session.runs)
      guard (1...runs).contains(placement.run.run) else {
        found.append(
          Violation(
            rule: "H1",
            message: "\(quoted(s)) has \(runs) run\(runs == 1 ? "" : "s"); run \(placement.run.run) does not exist",
            session: session.id))
        continue
      }
      guard instance.rooms.indices.contains(placement.room) else {
        found.append(
          Violation(
            rule: "H1", message: "\(name(placement.run)) is placed in room #\(placement.room), which does not exist",
            session: session.id))
        continue
      }
      guard instance.slots.indices.contains(placement.slot),
        instance.days.indices.contains(instance.slots[placement.slot].day)
      else {
        found.append(
          Violation(
            rule: "H1", message: "\(name(placement.run)) starts in slot #\(placement.slot), which does not exist",
            session: session.id))
        continue
      }
      seen[placement.run, default: 0] += 1
      guard seen[placement.run] == 1 else { continue }
      let slot = instance.slots[placement.slot]
      result.append(
        Placed(
          run: placement.run, slot: placement.slot, room: placement.room, day: slot.day, start: slot.start,
          end: slot.start + session.durationMinutes))
    }
    for (run, count) in seen where count > 1 {
      found.append(
        Violation(
          rule: "H1", message: "\(name(run)) is placed \(count) times", session: instance.sessions[run.session].id))
    }
    for s in instance.sessions.indices {
      for k in 1...max(1, instance.sessions[s].runs) where seen[SessionRun(session: s, run: k)] == nil {
        let run = SessionRun(session: s, run: k)
        found.append(Violation(rule: "H1", message: "\(name(run)) is not placed", session: instance.sessions[s].id))
      }
    }
    return result
  }

  // MARK: - H2, H3, H4, H5, H8: one run at a time

  func checkPlacements(_ placed: [Placed], _ found: inout [Violation]) {
    for p in placed {
      let session = instance.sessions[p.run.session]
      let room = instance.rooms[p.room]
      let ids = (session: session.id, room: room.id)

      // H2: the placement starts at a slot start by construction; it must end within the block.
      if p.end > blockEnd[p.slot] {
        found.append(
          Violation(
            rule: "H2",
            message:
              "\(name(p.run)) runs on \(when(p)), past the end of its block at \(TimeText.clock(blockEnd[p.slot])) "
              + "(a break or the end of the day)",
            session: ids.session, room: ids.room))
      } else {
        // A break that names rooms or kinds splits no block: only the runs it applies to stop, in
        // their room and in the rooms they are streamed into.
        for r in instance.occupiedRooms(bySession: p.run.session, inRoom: p.room) {
          guard
            let pause = instance.days[p.day].breaks.first(where: {
              $0.applies(to: session.kind, inRoom: r) && $0.start < p.end && p.start < $0.end
            })
          else { continue }
          found.append(
            Violation(
              rule: "H2",
              message:
                "\(name(p.run)) runs on \(when(p)),\(r == p.room ? "" : " streamed into \(instance.rooms[r].name),")"
                + " through the break '\(pause.title)' "
                + "\(TimeText.clock(pause.start))–\(TimeText.clock(pause.end)), which \(Self.breakTakers(pause, instance)) take",
              session: ids.session, room: instance.rooms[r].id))
          break
        }
      }

      // H3
      // Its overflow rooms' seats count with its room's.
      let audience = instance.expectedAudience(ofSession: p.run.session, onDay: p.day, choiceCounts: choiceCounts)
      let capacity = instance.capacity(ofSession: p.run.session, inRoom: p.room)
      if capacity < audience {
        let seats = session.overflowRooms.isEmpty ? "\(room.name) seats" : "\(room.name) and its overflow rooms seat"
        found.append(
          Violation(
            rule: "H3",
            message: "\(seats) \(capacity), but \(name(p.run)) "
              + (session.maxSize != nil ? "takes groups of \(audience)" : "expects \(audience) people"),
            session: ids.session, room: ids.room))
      }

      // H4
      let missing = session.requires.subtracting(room.features).sorted()
      if !missing.isEmpty {
        found.append(
          Violation(
            rule: "H4",
            message:
              "\(room.name) lacks \(missing.map { "'\($0)'" }.joined(separator: ", ")), which \(name(p.run)) needs",
            session: ids.session, room: ids.room))
      }
      if !room.takes(session.kind) {
        found.append(
          Violation(
            rule: "H4",
            message: "\(room.name) does not take \(Self.kindName(session.kind)) sessions, such as \(name(p.run))",
            session: ids.session, room: ids.room))
      }

      // H5
      if !room.isAvailable(during: p.window) {
        found.append(
          Violation(
            rule: "H5", message: "\(room.name) is unavailable on \(when(p)), when \(name(p.run)) is placed there",
            session: ids.session, room: ids.room))
      }
      for r in session.overflowRooms where r != p.room && !instance.rooms[r].isAvailable(during: p.window) {
        found.append(
          Violation(
            rule: "H5",
            message: "\(instance.rooms[r].name) is unavailable on \(when(p)), when \(name(p.run)) is streamed into it",
            session: ids.session, room: instance.rooms[r].id))
      }

      // H8
      if let pin = session.pin(forRun: p.run.run) {
        if let day = pin.day, day != p.day {
          found.append(
            Violation(
              rule: "H8", message: "\(name(p.run)) is pinned to \(dayName(day)) but runs on \(when(p))",
              session: ids.session, room: ids.room))
        }
        if let start = pin.start, start != p.start {
          found.append(
            Violation(
              rule: "H8",
              message: "\(name(p.run)) is pinned to start at \(TimeText.clock(start)) but runs on \(when(p))",
              session: ids.session, room: ids.room))
        }
        if let pinned = pin.room, pinned != p.room {
          let pinnedName = instance.rooms.indices.contains(pinned) ? instance.rooms[pinned].name : "room #\(pinned)"
          found.append(
            Violation(
              rule: "H8", message: "\(name(p.run)) is pinned to \(pinnedName) but is placed in \(room.name)",
              session: ids.session, room: ids.room))
        }
      }
    }
  }

  // MARK: - H6: rooms

  /// H6 counts a run in its room and in each room it is streamed into (`overflow_rooms`), and
  /// refuses a run placed in one of its own overflow rooms.
  func checkRooms(_ placed: [Placed], _ found: inout [Violation]) {
    let changeover = max(0, instance.changeoverMinutes)
    var byRoom = [[Placed]](repeating: [], count: instance.rooms.count)
    for p in placed {
      for r in instance.occupiedRooms(bySession: p.run.session, inRoom: p.room) { byRoom[r].append(p) }
      if instance.sessions[p.run.session].overflowRooms.contains(p.room) {
        found.append(
          Violation(
            rule: "H6",
            message: "\(name(p.run)) is placed in \(instance.rooms[p.room].name), one of the rooms it is streamed into",
            session: instance.sessions[p.run.session].id, room: instance.rooms[p.room].id))
      }
    }
    for (r, runs) in byRoom.enumerated() {
      let room = instance.rooms[r]
      func streamed(_ p: Placed) -> String { p.room == r ? "" : " (streamed from \(instance.rooms[p.room].name))" }
      Self.closePairs(runs, gap: changeover) { a, b in
        if a.to > b.from && b.to > a.from {
          found.append(
            Violation(
              rule: "H6", message: "\(placedName(a))\(streamed(a)) and \(placedName(b))\(streamed(b)) overlap in \(room.name)",
              session: instance.sessions[b.run.session].id, room: room.id))
        } else {
          let (first, second) = a.to <= b.from ? (a, b) : (b, a)
          found.append(
            Violation(
              rule: "H6",
              message: "\(name(second.run))\(streamed(second)) starts in \(room.name) \(second.from - first.to) minutes after "
                + "\(placedName(first))\(streamed(first)) ends; the changeover needs \(changeover)",
              session: instance.sessions[second.run.session].id, room: room.id))
        }
      }
    }
  }

  // MARK: - H7: speakers

  func checkSpeakers(_ placed: [Placed], _ found: inout [Violation]) {
    var bySpeaker = [[Placed]](repeating: [], count: instance.speakers.count)
    for p in placed {
      for k in Set(instance.sessions[p.run.session].speakers) where bySpeaker.indices.contains(k) {
        bySpeaker[k].append(p)
      }
    }
    for (k, runs) in bySpeaker.enumerated() {
      let speaker = instance.speakers[k]
      let who = "speaker \(speaker.name) (\(speaker.id))"
      for p in runs where !speaker.isAvailable(during: p.window) {
        found.append(
          Violation(
            rule: "H7", message: "\(who) is unavailable on \(when(p)), when they give \(name(p.run))",
            session: instance.sessions[p.run.session].id, room: instance.rooms[p.room].id))
      }
      let pause = max(0, speaker.minPause)
      Self.closePairs(runs, gap: pause) { a, b in
        if a.to > b.from && b.to > a.from {
          found.append(
            Violation(
              rule: "H7", message: "\(who) gives \(placedName(a)) and \(placedName(b)) at once",
              session: instance.sessions[b.run.session].id))
        } else {
          let (first, second) = a.to <= b.from ? (a, b) : (b, a)
          found.append(
            Violation(
              rule: "H7",
              message: "\(who) has \(second.from - first.to) minutes between \(placedName(first)) and "
                + "\(placedName(second)); their pause is \(pause)",
              session: instance.sessions[second.run.session].id))
        }
      }
    }
  }

  // MARK: - H9, H10, H11

  func checkExclusive(_ placed: [Placed], _ found: inout [Violation]) {
    var byDay = [[Placed]](repeating: [], count: instance.days.count)
    for p in placed { byDay[p.day].append(p) }
    for runs in byDay where runs.contains(where: { instance.sessions[$0.run.session].exclusive }) {
      for (i, e) in runs.enumerated() where instance.sessions[e.run.session].exclusive {
        for (j, other) in runs.enumerated() where j != i && other.from < e.to && e.from < other.to {
          // Two exclusive runs overlapping: report the pair once.
          if instance.sessions[other.run.session].exclusive && j < i { continue }
          found.append(
            Violation(
              rule: "H9", message: "\(name(e.run)) is exclusive, but \(placedName(other)) runs alongside it",
              session: instance.sessions[e.run.session].id, room: instance.rooms[other.room].id))
        }
      }
    }
  }

  func checkPrecedence(_ placed: [Placed], _ found: inout [Violation]) {
    var runsOf = [[Placed]](repeating: [], count: instance.sessions.count)
    for p in placed { runsOf[p.run.session].append(p) }
    for (s, session) in instance.sessions.enumerated() {
      for before in Set(session.after).sorted() where runsOf.indices.contains(before) {
        for later in runsOf[s] {
          for earlier in runsOf[before] where later.from < earlier.to {
            found.append(
              Violation(
                rule: "H10",
                message: "\(placedName(later)) starts before \(placedName(earlier)) ends, which it must follow",
                session: session.id))
          }
        }
      }
    }
  }

  func checkRepeats(_ placed: [Placed], _ found: inout [Violation]) {
    var runsOf = [[Placed]](repeating: [], count: instance.sessions.count)
    for p in placed { runsOf[p.run.session].append(p) }
    // A session with parallel_runs may give its runs at the same time (its rooms differ: H6).
    for runs in runsOf where runs.count > 1 && !instance.sessions[runs[0].run.session].parallelRuns {
      Self.closePairs(runs, gap: 0) { a, b in
        let (first, second) = a.run.run < b.run.run ? (a, b) : (b, a)
        found.append(
          Violation(
            rule: "H11",
            message: "runs \(first.run.run) (\(when(first))) and \(second.run.run) (\(when(second))) of "
              + "\(quoted(first.run.session)) overlap",
            session: instance.sessions[first.run.session].id))
      }
    }
  }

  // MARK: - H13, H14, H15: relations between sessions

  /// Same slot (H13: the two sessions' sets of run starts are equal), different slot (H14: no run
  /// of one overlaps a run of the other), same day (H15: their sets of days are equal).
  func checkRelations(_ placed: [Placed], _ found: inout [Violation]) {
    guard !instance.relations.isEmpty else { return }
    var runsOf = [[Placed]](repeating: [], count: instance.sessions.count)
    for p in placed { runsOf[p.run.session].append(p) }
    for relation in instance.relations
    where runsOf.indices.contains(relation.first) && runsOf.indices.contains(relation.second) {
      let (a, b) = (relation.first, relation.second)
      switch relation.kind {
      case .sameSlot:
        for (s, t) in [(a, b), (b, a)] {
          for p in runsOf[s] where !runsOf[t].contains(where: { $0.from == p.from }) {
            found.append(
              Violation(
                rule: "H13",
                message: "\(placedName(p)) starts when no run of \(quoted(t)) starts, but the two are in the same slot (same_slot)",
                session: instance.sessions[s].id))
          }
        }
      case .differentSlot:
        for p in runsOf[a] {
          for q in runsOf[b] where p.from < q.to && q.from < p.to {
            found.append(
              Violation(
                rule: "H14",
                message: "\(placedName(p)) and \(placedName(q)) overlap, but the two are in different slots (different_slot)",
                session: instance.sessions[a].id))
          }
        }
      case .sameDay:
        for (s, t) in [(a, b), (b, a)] {
          for p in runsOf[s] where !runsOf[t].contains(where: { $0.day == p.day }) {
            found.append(
              Violation(
                rule: "H15",
                message: "\(placedName(p)) is on a day when \(quoted(t)) has no run, but the two are on the same days (same_day)",
                session: instance.sessions[s].id))
          }
        }
      }
    }
  }

  // MARK: - H12: seats in every slot

  func checkSeats(_ placed: [Placed], _ found: inout [Violation]) {
    var seats = [Int](repeating: 0, count: instance.slots.count)
    for p in placed {
      let session = instance.sessions[p.run.session]
      let capacity = instance.capacity(ofSession: p.run.session, inRoom: p.room)  // with its overflow rooms
      let offered = session.maxSize.map { min($0, capacity) } ?? capacity
      for t in overlappedSlots(p) { seats[t] += offered }
    }
    for slot in instance.slots {
      let demand = seatDemand[slot.index]
      if seats[slot.index] < demand {
        let share = slot.seatCoverage.map { "the slot's seat coverage \(Self.share($0))" } ?? "seat coverage"
        found.append(
          Violation(
            rule: "H12",
            message: "\(dayName(slot.day)) \(TimeText.clock(slot.start))–\(TimeText.clock(slot.end)) offers "
              + "\(seats[slot.index]) seats; \(demand) are needed (those present that day × \(share))"))
      }
    }
  }

  /// Slots of the run's day that its window overlaps (`t.start < end && start < t.end`).
  func overlappedSlots(_ p: Placed) -> [Int] {
    daySlots[p.day].filter { instance.slots[$0].start < p.end && p.start < instance.slots[$0].end }
  }

  // MARK: - Helpers

  /// Calls `report` once for every pair of runs closer than `gap` minutes (or overlapping): a sweep
  /// by start time that keeps only the runs still "open", so a valid list costs O(n log n).
  static func closePairs(_ runs: [Placed], gap: Int, _ report: (Placed, Placed) -> Void) {
    let sorted = runs.sorted { ($0.from, $0.to, $0.run) < ($1.from, $1.to, $1.run) }
    var open: [Placed] = []
    for current in sorted {
      open.removeAll { $0.to + gap <= current.from }
      for earlier in open { report(earlier, current) }
      open.append(current)
    }
  }

  func dayName(_ day: Int) -> String { dayNames.indices.contains(day) ? dayNames[day] : instance.dayName(day) }

  /// `the talk sessions in Room A, Room B`: who a break that names rooms or kinds stops.
  static func breakTakers(_ pause: Break, _ instance: Instance) -> String {
    let kinds = pause.kinds.map { $0.map(kindName).sorted().joined(separator: ", ") + " sessions" } ?? "sessions"
    let rooms = pause.rooms.map { set in
      " in " + set.sorted().filter { instance.rooms.indices.contains($0) }.map { instance.rooms[$0].name }.joined(separator: ", ")
    }
    return kinds + (rooms ?? "")
  }

  /// `0.5` for a share.
  static func share(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%g", value)
  }

  /// `round table` for `.roundTable`.
  static func kindName(_ kind: SessionKind) -> String { kind.rawValue.replacingOccurrences(of: "_", with: " ") }

  /// `'ws-12' (Paper prototyping)`.
  func quoted(_ s: Int) -> String { "'\(instance.sessions[s].id)' (\(instance.sessions[s].title))" }

  /// `'ws-12' run 2 (Paper prototyping)`; no run number for sessions that run once.
  func name(_ run: SessionRun) -> String { label(run, detail: instance.sessions[run.session].title) }

  /// `'ws-12' run 2 (Paper prototyping, Thursday 29 Sep 10:45–12:15)`.
  func placedName(_ p: Placed) -> String {
    label(p.run, detail: instance.sessions[p.run.session].title + ", " + when(p))
  }

  private func label(_ run: SessionRun, detail: String) -> String {
    let session = instance.sessions[run.session]
    return "'\(session.id)'" + (session.runs > 1 ? " run \(run.run)" : "") + " (\(detail))"
  }

  /// `Thursday 29 Sep 10:45–12:15 in Room A`, without the room.
  func when(_ p: Placed) -> String {
    "\(dayName(p.day)) \(TimeText.clock(p.start))–\(TimeText.clock(p.end))"
  }
}

// MARK: - Fields copied from the instance

extension Checker {
  /// Warnings for what `schedule.json` copies from the instance but is not read back (`title`,
  /// `kind`, `speakers`, `track` of a run; `rank` of an assignment), when the file's value differs:
  /// a hand edit there changes nothing, and the person who made it should know. At most
  /// `shownPerField` warnings per field, then one that counts the rest. Also warns when nobody is
  /// assigned although participants chose workshops (a schedule without agendas checks as valid).
  public func ignoredEdits(in schedule: Schedule, file: String?, shownPerField: Int = 5) -> [Diagnostic] {
    let hint = "this field is copied from the instance and ignored when read: change the instance (event.yaml) instead"
    var byField: [String: [Diagnostic]] = [:]
    var order: [String] = []
    func differs(_ field: String, _ path: String, _ message: String) {
      if byField[field] == nil { order.append(field) }
      byField[field, default: []].append(.warning("ignored-edit", message, at: .init(file: file, path: path), hint: hint))
    }
    let sessionIndex = Dictionary(instance.sessions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    for (i, run) in schedule.runs.enumerated() {
      guard let s = sessionIndex[run.session] else { continue }
      let session = instance.sessions[s]
      let what = "'\(run.session)' run \(run.run)"
      if let title = run.title, title != session.title {
        differs("title", "runs[\(i)].title", "\(what): title '\(title)' is not the instance's '\(session.title)'")
      }
      if let kind = run.kind, kind != session.kind.rawValue {
        differs("kind", "runs[\(i)].kind", "\(what): kind '\(kind)' is not the instance's '\(session.kind.rawValue)'")
      }
      let speakers = session.speakers.compactMap { instance.speakers.indices.contains($0) ? instance.speakers[$0].id : nil }
      if let listed = run.speakers, listed != speakers {
        differs(
          "speakers", "runs[\(i)].speakers",
          "\(what): speakers \(listed.map { "'\($0)'" }.joined(separator: ", ")) are not the instance's "
            + (speakers.isEmpty ? "(none)" : speakers.map { "'\($0)'" }.joined(separator: ", ")))
      }
      let track = session.track.flatMap { instance.tracks.indices.contains($0) ? instance.tracks[$0].id : nil }
      if let written = run.track, written != track {
        differs("track", "runs[\(i)].track", "\(what): track '\(written)' is not the instance's '\(track ?? "(none)")'")
      }
    }
    let participantIndex = Dictionary(
      instance.participants.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    for (i, entry) in (schedule.assignments ?? []).enumerated() {
      guard let rank = entry.rank, let p = participantIndex[entry.participant], let s = sessionIndex[entry.session]
      else { continue }
      let actual = instance.participants[p].rank(ofSession: s)
      if actual != rank {
        differs(
          "rank", "assignments[\(i)].rank",
          "'\(entry.participant)' in '\(entry.session)': rank \(rank) is not the participant's choice rank "
            + (actual.map(String.init) ?? "(not among their choices)"))
      }
    }
    var diagnostics: [Diagnostic] = []
    for field in order {
      let all = byField[field] ?? []
      diagnostics += all.prefix(shownPerField)
      if all.count > shownPerField {
        diagnostics.append(
          .warning(
            "ignored-edit", "\(all.count - shownPerField) more '\(field)' values differ from the instance",
            at: .init(file: file), hint: hint))
      }
    }
    let choosing = instance.participants.filter { !$0.choices.isEmpty }.count
    if choosing > 0 && (schedule.assignments ?? []).isEmpty {
      diagnostics.append(
        .warning(
          "no-assignments",
          "the schedule assigns nobody to a workshop, though \(choosing) participant\(choosing == 1 ? "" : "s") chose workshops",
          at: .init(file: file, path: "assignments"),
          hint: "`atelier solve` assigns them; a schedule without assignments gives nobody an agenda"))
    }
    return diagnostics
  }
}
