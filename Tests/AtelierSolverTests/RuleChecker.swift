import AtelierCore

/// A small, deliberately naive checker of the hard rules (H1–H12, A1–A8), written from the rules'
/// text with pairwise loops: it shares nothing with the formulations, so the solver cannot be
/// wrong in the same way. Returns one message per violation, starting with the rule's number.
struct RuleChecker {
  let instance: Instance
  let timetable: Timetable

  /// Minutes since the start of day 0, so that windows of different days compare.
  private func absolute(_ window: TimeWindow) -> (start: Int, end: Int) {
    (window.day * 1440 + window.start, window.day * 1440 + window.end)
  }

  private func name(_ run: SessionRun) -> String { "\(instance.sessions[run.session].id)#\(run.run)" }

  func timetableViolations() -> [String] {
    var problems: [String] = []
    let expected = Set(instance.runs)
    var seen = Set<SessionRun>()
    var placed: [(run: SessionRun, slot: Int, room: Int, window: TimeWindow)] = []
    for p in timetable.placements {
      guard expected.contains(p.run), instance.slots.indices.contains(p.slot), instance.rooms.indices.contains(p.room)
      else {
        problems.append("H1 unknown run, slot or room in \(p)")
        continue
      }
      if !seen.insert(p.run).inserted { problems.append("H1 \(name(p.run)) placed twice") }
      let slot = instance.slots[p.slot]
      let w = TimeWindow(
        day: slot.day, start: slot.start, end: slot.start + instance.sessions[p.run.session].durationMinutes)
      placed.append((p.run, p.slot, p.room, w))
    }
    for run in expected.subtracting(seen).sorted() { problems.append("H1 \(name(run)) not placed") }

    let counts = instance.choiceCounts
    for u in placed {
      let session = instance.sessions[u.run.session]
      let room = instance.rooms[u.room]
      // H2: the block's slots end no earlier than the run.
      let block = instance.slots[u.slot].block
      let blockEnd = instance.slots.filter { $0.block == block }.map(\.end).max() ?? 0
      if u.window.end > blockEnd {
        problems.append("H2 \(name(u.run)) leaves its block (ends \(u.window.end) > \(blockEnd))")
      }
      for pause in instance.days[u.window.day].breaks
      where pause.applies(to: session.kind, inRoom: u.room) && pause.start < u.window.end && u.window.start < pause.end {
        problems.append("H2 \(name(u.run)) runs through the break \(pause.title) in \(room.id)")
      }
      let audience = instance.expectedAudience(ofSession: u.run.session, onDay: u.window.day, choiceCounts: counts)
      if room.capacity < audience {
        problems.append("H3 \(name(u.run)) audience \(audience) in \(room.id) (\(room.capacity))")
      }
      if !session.requires.isSubset(of: room.features) {
        problems.append("H4 \(name(u.run)) lacks features in \(room.id)")
      }
      if !room.takes(session.kind) { problems.append("H4 \(room.id) does not take \(session.kind)") }
      if room.unavailable.contains(where: { $0.overlaps(u.window) }) {
        problems.append("H5 \(room.id) closed for \(name(u.run))")
      }
      for s in session.speakers where instance.speakers[s].unavailable.contains(where: { $0.overlaps(u.window) }) {
        problems.append("H7 speaker \(instance.speakers[s].id) away for \(name(u.run))")
      }
      if let pin = session.pin(forRun: u.run.run) {
        if let day = pin.day, day != u.window.day { problems.append("H8 \(name(u.run)) not on pinned day") }
        if let start = pin.start, start != u.window.start { problems.append("H8 \(name(u.run)) not at pinned start") }
        if let r = pin.room, r != u.room { problems.append("H8 \(name(u.run)) not in pinned room") }
      }
      for p in session.after {
        for v in placed where v.run.session == p && absolute(u.window).start < absolute(v.window).end {
          problems.append("H10 \(name(u.run)) starts before \(name(v.run)) ends")
        }
      }
    }

    for i in placed.indices {
      for j in placed.indices where i < j {
        let a = placed[i]
        let b = placed[j]
        let sa = instance.sessions[a.run.session]
        let sb = instance.sessions[b.run.session]
        let overlap = a.window.overlaps(b.window)
        if a.room == b.room && a.window.day == b.window.day {
          let c = instance.changeoverMinutes
          if !(b.window.start >= a.window.end + c || a.window.start >= b.window.end + c) {
            problems.append("H6 \(name(a.run)) and \(name(b.run)) in \(instance.rooms[a.room].id) too close")
          }
        }
        for s in Set(sa.speakers).intersection(sb.speakers) where a.window.day == b.window.day {
          let pause = instance.speakers[s].minPause
          if !(b.window.start >= a.window.end + pause || a.window.start >= b.window.end + pause) {
            problems.append("H7 speaker \(instance.speakers[s].id) in \(name(a.run)) and \(name(b.run))")
          }
        }
        if overlap && (sa.exclusive || sb.exclusive) {
          problems.append("H9 \(name(a.run)) and \(name(b.run)) in parallel with an exclusive session")
        }
        if overlap && a.run.session == b.run.session && !sa.parallelRuns {
          problems.append("H11 \(name(a.run)) and \(name(b.run)) overlap")
        }
      }
    }

    for t in instance.slots {
      let demand = instance.seatDemand(inSlot: t.index)
      let seats = placed.filter { $0.window.overlaps(t.window) }.reduce(0) { sum, u in
        let capacity = instance.rooms[u.room].capacity
        return sum + (instance.sessions[u.run.session].maxSize.map { min($0, capacity) } ?? capacity)
      }
      if seats < demand { problems.append("H12 slot \(t.index) seats \(seats) < \(demand)") }
    }
    return problems
  }

  func assignmentViolations() -> [String] {
    var problems: [String] = []
    let placement = Dictionary(timetable.placements.map { ($0.run, $0) }, uniquingKeysWith: { a, _ in a })
    var attendees = [SessionRun: Int]()
    var byParticipant = [Int: [SessionRun]]()
    for a in timetable.assignments {
      guard instance.participants.indices.contains(a.participant) else {
        problems.append("A1 unknown participant \(a.participant)")
        continue
      }
      let participant = instance.participants[a.participant]
      guard let p = placement[a.run] else {
        problems.append("A1 \(participant.id) in unplaced \(name(a.run))")
        continue
      }
      if !participant.choices.contains(a.run.session) && !participant.seatsAnywhere(in: instance)
        && !participant.fillsEverySlot(in: instance)
      {
        problems.append("A1 \(participant.id) did not choose \(name(a.run))")
      }
      if instance.sessions[a.run.session].kind != .workshop { problems.append("A1 \(name(a.run)) is no workshop") }
      if !participant.days.contains(instance.slots[p.slot].day) {
        problems.append("A4 \(participant.id) absent for \(name(a.run))")
      }
      attendees[a.run, default: 0] += 1
      byParticipant[a.participant, default: []].append(a.run)
    }
    for (run, count) in attendees {
      guard let p = placement[run] else { continue }
      let capacity = instance.rooms[p.room].capacity
      let seats = min(instance.sessions[run.session].maxSize ?? capacity, capacity)
      if count > seats { problems.append("A2 \(name(run)) has \(count) > \(seats)") }
    }
    for p in timetable.placements where !timetable.assignments.isEmpty {
      guard let minimum = instance.sessions[p.run.session].minSize else { continue }
      let count = attendees[p.run] ?? 0
      if count < minimum && (count > 0 || instance.minSizePolicy == .hard) {
        problems.append("A6 \(name(p.run)) has \(count) < \(minimum)")
      }
    }
    for (participant, runs) in byParticipant {
      let limit = instance.participants[participant].maxWorkshops ?? instance.weights.workshopsPerParticipant
      let id = instance.participants[participant].id
      if runs.count > limit && !instance.participants[participant].fillsEverySlot(in: instance) { problems.append("A5 \(id) has \(runs.count) > \(limit) workshops") }
      if Set(runs.map(\.session)).count < runs.count { problems.append("A5 \(id) has two runs of one session") }
      let windows = runs.compactMap { run in
        placement[run].map { instance.window(ofSession: run.session, startingAt: $0.slot) }
      }
      for i in windows.indices {
        for j in windows.indices where i < j && windows[i].overlaps(windows[j]) {
          problems.append("A3 \(id) has overlapping runs")
        }
      }
    }
    // A8: who fills every slot attends a workshop in every slot of their days where a workshop
    // run (not exclusive, not cancelled) takes place.
    for (index, participant) in instance.participants.enumerated() where participant.fillsEverySlot(in: instance) {
      let mine = (byParticipant[index] ?? []).compactMap { run in
        placement[run].map { instance.window(ofSession: run.session, startingAt: $0.slot) }
      }
      for t in instance.slots where participant.days.contains(t.day) {
        let running = timetable.placements.contains { p in
          let session = instance.sessions[p.run.session]
          let cancelled = instance.minSizePolicy == .cancel && (session.minSize ?? 0) > 0 && attendees[p.run] == nil
          return session.kind == .workshop && !session.exclusive && !cancelled
            && instance.window(ofSession: p.run.session, startingAt: p.slot).overlaps(t.window)
        }
        if running && !mine.contains(where: { $0.overlaps(t.window) }) {
          problems.append("A8 \(participant.id) has no workshop in slot \(t.index)")
        }
      }
    }
    return problems
  }
}
