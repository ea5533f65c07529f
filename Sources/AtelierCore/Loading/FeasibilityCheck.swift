import Foundation

/// Necessary conditions for a timetable to exist, each failure named in domain terms.
///
/// None of these proves an instance feasible; each one that fails proves it infeasible, so they are
/// errors. Diagnostics carry key paths (`sessions[3]`); the loader adds file positions.
public enum FeasibilityCheck {
  /// Every necessary-condition failure of `instance` (sessions too large for every room, overbooked
  /// speakers, colliding pins, feature and seat shortages, exclusive runs no room can seat the
  /// day's demand for, sessions that fit nowhere).
  public static func diagnostics(for instance: Instance) -> [Diagnostic] {
    var found: [Diagnostic] = []
    let counts = instance.choiceCounts
    var reported = Set<Int>()
    found += audience(instance, counts, reported: &reported)
    var overbooked = Set<Int>()
    found += speakers(instance, overbooked: &overbooked)
    found += pinnedCollisions(instance)
    var shortFeatures = Set<String>()
    found += featureShortage(instance, short: &shortFeatures)
    found += seatShortage(instance)
    found += exclusiveSeatShortage(instance)
    found += unplaceable(instance, counts, skipping: reported)
    found += minimumSizes(instance, counts)
    // Counts of slots (issue 15, item 12), for what the checks above cannot see: only when none
    // of them failed, so that each cause is named once, by its most specific check.
    if !found.hasErrors {
      found += slotCounts(instance, counts, shortFeatures: shortFeatures, overbooked: overbooked)
    }
    return found
  }

  /// With `min_size_policy: hard`, every run of a session needs its minimum from those who chose
  /// it: fewer choosers than runs × minimum can never fill them.
  private static func minimumSizes(_ instance: Instance, _ counts: [Int]) -> [Diagnostic] {
    guard instance.minSizePolicy == .hard, !instance.participants.isEmpty else { return [] }
    var found: [Diagnostic] = []
    for (s, session) in instance.sessions.enumerated() {
      guard let m = session.minSize, m > 0 else { continue }
      let runs = max(1, session.runs)
      guard counts[s] < m * runs else { continue }
      found.append(
        .error(
          "min-size-unreachable",
          "'\(session.id)' needs at least \(m) participants in each of its \(runs) run\(runs == 1 ? "" : "s") "
            + "(min_size_policy: hard), but only \(counts[s]) chose it",
          at: .init(path: "sessions[\(s)]"),
          hint: "lower its min_size, give it fewer runs, or set min_size_policy: cancel (a run below its minimum is cancelled)"))
    }
    return found
  }

  public static func number(_ value: Int) -> String {
    let digits = String(value)
    guard digits.count > 3 else { return digits }
    var result = ""
    for (i, character) in digits.reversed().enumerated() {
      if i > 0, i % 3 == 0 { result.append(",") }
      result.append(character)
    }
    return String(result.reversed())
  }

  private static func suitable(_ room: Room, for session: Session) -> Bool {
    session.requires.isSubset(of: room.features) && room.takes(session.kind)
  }

  private static func describeNeeds(_ session: Session) -> String {
    var parts: [String] = []
    if !session.requires.isEmpty {
      parts.append("has " + session.requires.sorted().map { "'\($0)'" }.joined(separator: " and "))
    }
    parts.append("takes \(session.kind.rawValue.replacingOccurrences(of: "_", with: " ")) sessions")
    return parts.joined(separator: " and ")
  }

  /// Days a session's runs may fall on: their pinned days when every run is pinned to one, else all.
  private static func candidateDays(_ instance: Instance, _ session: Session) -> [Int] {
    let pinned = (1...max(1, session.runs)).map { session.pin(forRun: $0)?.day }
    if pinned.allSatisfy({ $0 != nil }) { return Array(Set(pinned.compactMap { $0 })).sorted() }
    return Array(instance.days.indices)
  }

  private static func audience(_ instance: Instance, _ counts: [Int], reported: inout Set<Int>) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for (s, session) in instance.sessions.enumerated() {
      // Its overflow rooms' seats add to its room's (they are never its own room).
      let rooms = instance.rooms.indices.filter { suitable(instance.rooms[$0], for: session) && !session.overflowRooms.contains($0) }
        .map { r in (id: instance.rooms[r].id, capacity: instance.capacity(ofSession: s, inRoom: r)) }
      guard let largest = rooms.max(by: { ($0.capacity, $1.id) < ($1.capacity, $0.id) }) else {
        found.append(
          .error(
            "no-suitable-room", "no room \(describeNeeds(session)), as session '\(session.id)' needs",
            at: .init(path: "sessions[\(s)]")))
        reported.insert(s)
        continue
      }
      let days = candidateDays(instance, session)
      let needs = days.map { instance.expectedAudience(ofSession: s, onDay: $0, choiceCounts: counts) }
      guard let smallest = needs.min(), smallest > largest.capacity else { continue }
      found.append(
        .error(
          "audience-exceeds-rooms",
          "session '\(session.id)' expects \(number(smallest)) people, but the largest room that \(describeNeeds(session)) seats \(number(largest.capacity)) ('\(largest.id)'\(session.overflowRooms.isEmpty ? "" : " with its overflow rooms"))",
          at: .init(
            path: session.maxSize != nil
              ? "sessions[\(s)].max_size" : session.audience != nil ? "sessions[\(s)].audience" : "sessions[\(s)]"),
          hint: session.kind == .workshop
            ? "lower max_size or add runs" : "split the session into runs, or add a larger room"))
      reported.insert(s)
    }
    return found
  }

  /// Minutes of the grid (the union of a day's slots) outside `unavailable`, over every day.
  private static func availableMinutes(_ instance: Instance, unavailable: [TimeWindow]) -> Int {
    var total = 0
    for (d, day) in instance.days.enumerated() {
      var free = [Bool](repeating: false, count: 24 * 60 + 1)
      for k in day.slots {
        let slot = instance.slots[k]
        for m in max(0, slot.start)..<min(24 * 60, slot.end) { free[m] = true }
      }
      for window in unavailable where window.day == d {
        for m in max(0, window.start)..<max(max(0, window.start), min(24 * 60, window.end)) { free[m] = false }
      }
      total += free.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    return total
  }

  private static func speakers(_ instance: Instance, overbooked: inout Set<Int>) -> [Diagnostic] {
    var booked = [Int](repeating: 0, count: instance.speakers.count)
    var sessionsOf = [Int](repeating: 0, count: instance.speakers.count)
    for session in instance.sessions {
      for p in session.speakers where instance.speakers.indices.contains(p) {
        booked[p] += session.durationMinutes * max(1, session.runs)
        sessionsOf[p] += max(1, session.runs)
      }
    }
    var found: [Diagnostic] = []
    for (p, speaker) in instance.speakers.enumerated() where booked[p] > 0 {
      let available = availableMinutes(instance, unavailable: speaker.unavailable)
      if booked[p] > available {
        overbooked.insert(p)
        found.append(
          .error(
            "speaker-overbooked",
            "speaker '\(speaker.id)' is booked for \(booked[p]) minutes (\(sessionsOf[p]) run\(sessionsOf[p] == 1 ? "" : "s")) but is available for \(available) minutes of the programme",
            at: .init(path: "speakers[\(p)]")))
      }
    }
    return found
  }

  private struct PinnedRun {
    var session: Int
    var run: Int
    var window: TimeWindow
    var room: Int?
  }

  private static func pinnedCollisions(_ instance: Instance) -> [Diagnostic] {
    var pinned: [PinnedRun] = []
    for (s, session) in instance.sessions.enumerated() {
      for run in 1...max(1, session.runs) {
        guard let pin = session.pin(forRun: run), let day = pin.day, let start = pin.start else { continue }
        pinned.append(
          PinnedRun(
            session: s, run: run, window: TimeWindow(day: day, start: start, end: start + session.durationMinutes),
            room: pin.room))
      }
    }
    var found: [Diagnostic] = []
    func name(_ p: PinnedRun) -> String {
      let session = instance.sessions[p.session]
      return "'\(session.id)'" + (session.runs > 1 ? " run \(p.run)" : "")
    }
    func times(_ w: TimeWindow) -> String { "\(TimeText.clock(w.start))–\(TimeText.clock(w.end))" }
    for j in pinned.indices {
      for i in 0..<j {
        let a = pinned[i]
        let b = pinned[j]
        guard a.window.day == b.window.day else { continue }
        let sa = instance.sessions[a.session]
        let sb = instance.sessions[b.session]
        let overlap = a.window.overlaps(b.window)
        var cause: String?
        // A run takes its pinned room and its overflow rooms.
        let roomsA = Set(sa.overflowRooms + (a.room.map { [$0] } ?? []))
        let roomsB = Set(sb.overflowRooms + (b.room.map { [$0] } ?? []))
        if let room = roomsA.intersection(roomsB).min() {
          let gap = instance.changeoverMinutes
          if a.window.start < b.window.end + gap && b.window.start < a.window.end + gap {
            let both = a.room == room && b.room == room
            cause = both ? "are both pinned to room '\(instance.rooms[room].id)'" : "both take room '\(instance.rooms[room].id)' (pinned or overflow)"
          }
        }
        if cause == nil, let shared = sa.speakers.first(where: { sb.speakers.contains($0) }) {
          let pause = instance.speakers[shared].minPause
          if a.window.start < b.window.end + pause && b.window.start < a.window.end + pause {
            cause = "share speaker '\(instance.speakers[shared].id)'"
          }
        }
        if cause == nil, overlap, sa.exclusive || sb.exclusive {
          cause = "include the exclusive session '\((sa.exclusive ? sa : sb).id)'"
        }
        if cause == nil, overlap, a.session == b.session, !sa.parallelRuns { cause = "are runs of one session" }
        guard let cause else { continue }
        let pinKey = "pins[\(b.run - 1)]"
        found.append(
          .error(
            "pinned-collision",
            "\(name(a)) and \(name(b)) \(cause) and are pinned to overlapping times on \(instance.dayName(a.window.day)) (\(times(a.window)), \(times(b.window)))",
            at: .init(path: "sessions[\(b.session)].\(pinKey)")))
      }
    }
    return found
  }

  private static func featureShortage(_ instance: Instance, short: inout Set<String>) -> [Diagnostic] {
    var found: [Diagnostic] = []
    let features = Set(instance.sessions.flatMap(\.requires)).sorted()
    for feature in features {
      let rooms = instance.rooms.filter { $0.features.contains(feature) }.count
      guard rooms > 0 else { continue }  // reported as no-suitable-room
      var runsByDay = [Int](repeating: 0, count: instance.days.count)
      var kindsByDay = [Set<SessionKind>](repeating: [], count: instance.days.count)
      var total = 0
      var kinds = Set<SessionKind>()
      var firstSession: Int?
      for (s, session) in instance.sessions.enumerated() where session.requires.contains(feature) {
        firstSession = firstSession ?? s
        for run in 1...max(1, session.runs) {
          total += 1
          kinds.insert(session.kind)
          if let day = session.pin(forRun: run)?.day, runsByDay.indices.contains(day) {
            runsByDay[day] += 1
            kindsByDay[day].insert(session.kind)
          }
        }
      }
      func what(_ count: Int, _ kinds: Set<SessionKind>) -> String {
        let kind =
          kinds.count == 1 ? (kinds.first?.rawValue.replacingOccurrences(of: "_", with: " ") ?? "session") : "session"
        return "\(count) \(kind) run\(count == 1 ? "" : "s")"
      }
      let path = firstSession.map { s in
        "sessions[\(s)].requires[\(instance.sessions[s].requires.sorted().firstIndex(of: feature) ?? 0)]"
      }
      for (d, day) in instance.days.enumerated() where runsByDay[d] > rooms * day.slots.count {
        short.insert(feature)
        found.append(
          .error(
            "feature-shortage",
            "\(what(runsByDay[d], kindsByDay[d])) need '\(feature)' on \(instance.dayName(d)); \(rooms) room\(rooms == 1 ? "" : "s") × \(day.slots.count) slots offer \(rooms * day.slots.count)",
            at: .init(path: path)))
      }
      if total > rooms * instance.slots.count {
        short.insert(feature)
        found.append(
          .error(
            "feature-shortage",
            "\(what(total, kinds)) need '\(feature)'; \(rooms) room\(rooms == 1 ? "" : "s") × \(instance.slots.count) slots offer \(rooms * instance.slots.count)",
            at: .init(path: path)))
      }
    }
    return found
  }

  private static func seatShortage(_ instance: Instance) -> [Diagnostic] {
    guard !instance.participants.isEmpty else { return [] }
    var found: [Diagnostic] = []
    for (d, day) in instance.days.enumerated() {
      for (k, index) in day.slots.enumerated() {
        let slot = instance.slots[index]
        let demand = instance.seatDemand(inSlot: index)
        // A room that takes a break of every kind throughout the slot seats nobody in it.
        let open = instance.rooms.indices.filter { r in
          instance.rooms[r].isAvailable(during: slot.window)
            && !day.breaks.contains { $0.kinds == nil && ($0.rooms?.contains(r) ?? true) && $0.start <= slot.start && slot.end <= $0.end }
        }
        let seats = open.reduce(0) { $0 + instance.rooms[$1].capacity }
        if seats < demand {
          found.append(
            .error(
              "seat-shortage",
              "the \(TimeText.clock(slot.start))–\(TimeText.clock(slot.end)) slot on \(instance.dayName(d)) has \(number(seats)) seats in \(open.count) room\(open.count == 1 ? "" : "s"), fewer than the \(number(demand)) participants who need one",
              at: .init(path: "days[\(d)].slots[\(k)]"),
              hint: slot.seatCoverage == nil
                ? "add rooms, or lower seat_coverage if not everyone attends a session in every slot (`seat_coverage: 0` on a meal slot)"
                : "add rooms, or lower this slot's seat_coverage"))
        }
      }
    }
    return found
  }

  /// An exclusive run is alone in its slots (rule H9), so its room alone must seat the day's seat
  /// demand (rule H12). A scenario that adds participants breaks this first at the opening plenary;
  /// saying so spares a solve that ends "infeasible" without a reason in domain terms.
  private static func exclusiveSeatShortage(_ instance: Instance) -> [Diagnostic] {
    guard !instance.participants.isEmpty else { return [] }
    var found: [Diagnostic] = []
    for (s, session) in instance.sessions.enumerated() where session.exclusive {
      func seats(_ r: Int) -> Int { instance.seats(ofSession: s, inRoom: r) }
      let rooms = instance.rooms.indices.filter { suitable(instance.rooms[$0], for: session) && !session.overflowRooms.contains($0) }
      for run in 1...max(1, session.runs) {
        let pin = session.pin(forRun: run) ?? Pin()
        let candidates = pin.room.map { r in instance.rooms.indices.contains(r) ? [r] : [] } ?? rooms
        let largest = candidates.max { seats($0) < seats($1) }.map { instance.rooms[$0] }
        let best = candidates.map(seats).max() ?? 0
        let days = pin.day.map { [$0] } ?? Array(instance.days.indices)
        // Without a day pin, one slot where it fits is enough (it covers one slot at least).
        let slots = days.flatMap { instance.days[$0].slots }
        guard let slot = slots.min(by: { instance.seatDemand(inSlot: $0) < instance.seatDemand(inSlot: $1) }),
          instance.seatDemand(inSlot: slot) > best
        else { continue }
        let day = instance.slots[slot].day
        let demand = instance.seatDemand(inSlot: slot)
        let present = instance.participantsPresent(onDay: day)
        let runText = session.runs > 1 ? " run \(run)" : ""
        let share = Int(saturating: (instance.seatCoverage(inSlot: slot) * 100).rounded())
        found.append(
          .error(
            "exclusive-seat-shortage",
            "the exclusive session '\(session.title)'\(runText) on \(instance.dayName(day)) runs alone, so its room "
              + "must seat the \(number(demand)) participants who need a seat (\(share) % of the \(number(present)) present), "
              + "but the largest room it can use"
              + (largest.map { ", '\($0.name)', seats \(number(best))" } ?? " does not exist"),
            at: .init(path: "sessions[\(s)]"),
            hint: "give it a larger room, let other sessions run beside it (exclusive: false), or lower seat_coverage"))
      }
    }
    return found
  }

  private static func unplaceable(_ instance: Instance, _ counts: [Int], skipping: Set<Int>) -> [Diagnostic] {
    var found: [Diagnostic] = []
    for (s, session) in instance.sessions.enumerated() where !skipping.contains(s) {
      let starts = instance.slots.indices.filter { instance.coveredSlots(ofSession: s, startingAt: $0) != nil }
      guard !starts.isEmpty else { continue }  // reported as duration-fits-no-block
      for run in 1...max(1, session.runs) {
        let pin = session.pin(forRun: run) ?? Pin()
        // Filter stage by stage, so the message can name the condition that leaves nothing.
        let pinnedStarts = starts.filter { t in
          let slot = instance.slots[t]
          return (pin.day.map { $0 == slot.day } ?? true) && (pin.start.map { $0 == slot.start } ?? true)
        }
        var reason: String?
        if pinnedStarts.isEmpty {
          reason = "its pinned day and start leave no start that keeps it within one block"
        }
        let rooms = instance.rooms.indices.filter { r in
          suitable(instance.rooms[r], for: session) && (pin.room.map { $0 == r } ?? true) && !session.overflowRooms.contains(r)
        }
        if reason == nil, rooms.isEmpty {
          reason =
            "its pinned room does not \(describeNeeds(session).replacingOccurrences(of: "has", with: "have").replacingOccurrences(of: "takes", with: "take"))"
        }
        var large = false
        var roomOpen = false
        var ok = false
        if reason == nil {
          outer: for t in pinnedStarts {
            let window = instance.window(ofSession: s, startingAt: t)
            let need = instance.expectedAudience(ofSession: s, onDay: window.day, choiceCounts: counts)
            for r in rooms where instance.capacity(ofSession: s, inRoom: r) >= need {
              large = true
              guard instance.roomsOpen(forSession: s, inRoom: r, during: window) else { continue }
              roomOpen = true
              guard session.speakers.allSatisfy({ instance.speakers[$0].isAvailable(during: window) }) else { continue }
              ok = true
              break outer
            }
          }
          if !ok {
            reason =
              !large
              ? "no suitable room is large enough at its possible starts"
              : !roomOpen
                ? "no suitable, large enough room is available at any of its possible starts"
                : "its speakers are not all available whenever a suitable room is free"
          }
        }
        guard let reason else { continue }
        found.append(
          .error(
            "session-unplaceable",
            "session '\(session.id)'\(session.runs > 1 ? " run \(run)" : "") fits no slot and room: \(reason)",
            at: .init(path: "sessions[\(s)]")))
        break
      }
    }
    return found
  }
}
