import AtelierCore

extension Checker {
  /// A1–A9: participants in workshop runs.
  func checkAssignments(_ assignments: [Timetable.Assignment], _ placed: [Placed], _ found: inout [Violation]) {
    guard !assignments.isEmpty else { return }
    let placedByRun = Dictionary(placed.map { ($0.run, $0) }, uniquingKeysWith: { a, _ in a })
    var attendees: [SessionRun: Int] = [:]  // in person and online: the run takes place
    var inPerson: [SessionRun: Int] = [:]  // those who take a room seat (A2, A6)
    var online: [SessionRun: Int] = [:]  // online attendees (A9)
    var runsOf = [[Placed]](repeating: [], count: instance.participants.count)  // assigned, placed runs (each once)
    var seen = Set<Timetable.Assignment>(minimumCapacity: assignments.count)
    var seatedAnywhere: [SessionRun: Int] = [:]
    var onlineAnywhere: [SessionRun: Int] = [:]

    for assignment in assignments {
      let s = assignment.run.session
      guard instance.participants.indices.contains(assignment.participant) else {
        found.append(
          Violation(
            rule: "A1", message: "an assignment names participant #\(assignment.participant), who does not exist"))
        continue
      }
      let participant = instance.participants[assignment.participant]
      let who = "participant \(participant.id)"
      guard instance.sessions.indices.contains(s) else {
        found.append(
          Violation(
            rule: "A1", message: "\(who) is assigned to session #\(s), which does not exist",
            participant: participant.id))
        continue
      }
      let session = instance.sessions[s]
      guard (1...max(1, session.runs)).contains(assignment.run.run) else {
        found.append(
          Violation(
            rule: "A1",
            message: "\(who) is assigned to run \(assignment.run.run) of \(quoted(s)), which does not exist",
            session: session.id, participant: participant.id))
        continue
      }
      guard seen.insert(assignment).inserted else {
        found.append(
          Violation(
            rule: "A5", message: "\(who) is assigned to \(name(assignment.run)) more than once", session: session.id,
            participant: participant.id))
        continue
      }
      if session.kind != .workshop {
        found.append(
          Violation(
            rule: "A1",
            message: "\(who) is assigned to \(name(assignment.run)), which is a \(Self.kindName(session.kind)), "
              + "not a workshop", session: session.id, participant: participant.id))
      }
      // Unchosen workshops: for those who sit anywhere (from free seats only, A7) or who fill
      // every slot (from any seat).
      let fills = participant.fillsEverySlot(in: instance)
      let anywhere = !participant.choices.contains(s) && participant.seatsAnywhere(in: instance) && !session.exclusive && !fills
      if !participant.choices.contains(s) && !anywhere && !(fills && !session.exclusive) {
        found.append(
          Violation(
            rule: "A1", message: "\(who) is assigned to \(name(assignment.run)), which is not among their choices",
            session: session.id, participant: participant.id))
      }
      guard let p = placedByRun[assignment.run] else {
        found.append(
          Violation(
            rule: "A1", message: "\(who) is assigned to \(name(assignment.run)), which is not placed",
            session: session.id, participant: participant.id))
        continue
      }
      if !participant.days.contains(p.day) {
        found.append(
          Violation(
            rule: "A4",
            message:
              "\(who) is assigned to \(name(assignment.run)) on \(dayName(p.day)), a day they do not attend",
            session: session.id, room: instance.rooms[p.room].id, participant: participant.id))
      }
      attendees[assignment.run, default: 0] += 1
      let remote = participant.isOnline(in: instance)
      if remote {
        online[assignment.run, default: 0] += 1
        if anywhere, session.kind == .workshop { onlineAnywhere[assignment.run, default: 0] += 1 }
        if !session.streamed {
          found.append(
            Violation(
              rule: "A9",
              message: "\(who) attends online and is assigned to \(name(assignment.run)), which is not streamed",
              session: session.id, room: instance.rooms[p.room].id, participant: participant.id))
        }
      } else {
        inPerson[assignment.run, default: 0] += 1
        if anywhere, session.kind == .workshop { seatedAnywhere[assignment.run, default: 0] += 1 }
      }
      runsOf[assignment.participant].append(p)
    }

    // A2: group sizes (those in person: online attendees take no seat).
    for (run, count) in inPerson {
      guard let p = placedByRun[run] else { continue }
      let session = instance.sessions[run.session]
      let room = instance.rooms[p.room]
      let capacity = instance.capacity(ofSession: run.session, inRoom: p.room)  // with its overflow rooms
      let limit = min(session.maxSize ?? capacity, capacity)
      if count > limit {
        let why =
          session.maxSize.map {
            $0 <= capacity ? "groups of at most \($0)" : "\(room.name) seats \(capacity)"
          }
          ?? "\(room.name) seats \(capacity)"
        found.append(
          Violation(
            rule: "A2", message: "\(name(run)) has \(count) participants; it takes \(limit) (\(why))",
            session: session.id, room: room.id))
      }
    }

    checkOnlineSeats(online, onlineAnywhere, placed, placedByRun, &found)

    // A7: seats anywhere only from the seats ranked choices leave free: per session, its seats
    // less the participants in person who ranked it and attend a day of one of its runs, given to
    // its runs from the last one back (each at most its own seats).
    if !seatedAnywhere.isEmpty {
      var runsOfSession = [Int: [Placed]]()
      for p in placed where instance.sessions[p.run.session].kind == .workshop {
        runsOfSession[p.run.session, default: []].append(p)
      }
      for (s, runs) in runsOfSession where runs.contains(where: { seatedAnywhere[$0.run] != nil }) {
        let runDays = Set(runs.map(\.day))
        let demand = instance.participants.filter {
          $0.choices.contains(s) && !$0.days.isDisjoint(with: runDays) && !$0.isOnline(in: instance)
        }.count
        func seats(_ p: Placed) -> Int {
          let capacity = instance.capacity(ofSession: s, inRoom: p.room)
          return min(instance.sessions[s].maxSize ?? capacity, capacity)
        }
        for (p, free) in Self.seatsLeftFree(in: runs, seats: seats, demand: demand) {
          let given = seatedAnywhere[p.run] ?? 0
          guard given > free else { continue }
          found.append(
            Violation(
              rule: "A7",
              message: "\(name(p.run)) seats \(given) participant\(given == 1 ? "" : "s") who did not choose it (seat "
                + "anywhere); the \(demand) who chose \(quoted(s)) leave \(free) of its seats free",
              session: instance.sessions[s].id, room: instance.rooms[p.room].id))
        }
      }
    }

    // A6: minimum sizes. `cancel`: a run has none (it is cancelled) or at least its minimum;
    // `hard`: every run has at least its minimum.
    for p in placed {
      let session = instance.sessions[p.run.session]
      guard let minimum = session.minSize, minimum > 0 else { continue }
      // Those in person count; online attendees alone still make the run take place.
      let count = inPerson[p.run] ?? 0
      let remote = online[p.run] ?? 0
      let hard = instance.minSizePolicy == .hard
      guard count < minimum, hard || count + remote > 0 else { continue }
      found.append(
        Violation(
          rule: "A6",
          message: "\(name(p.run)) has \(count) participant\(count == 1 ? "" : "s")"
            + (remote > 0 ? " in person (and \(remote) online, who do not count)" : "")
            + "; it needs at least \(minimum)"
            + (hard ? " (min_size_policy: hard)" : " or none (cancelled)"),
          session: session.id, room: instance.rooms[p.room].id))
    }

    checkEverySlot(attendees, placed, runsOf, &found)

    for (index, runs) in runsOf.enumerated() where !runs.isEmpty {
      let participant = instance.participants[index]
      let who = "participant \(participant.id)"
      // A3: never two at once.
      Self.closePairs(runs, gap: 0) { a, b in
        found.append(
          Violation(
            rule: "A3", message: "\(who) attends \(placedName(a)) and \(placedName(b)) at once",
            session: instance.sessions[b.run.session].id, participant: participant.id))
      }
      // A5: how many (no count for who fills every slot: A8), and one run per session.
      let limit = participant.maxWorkshops ?? instance.weights.workshopsPerParticipant
      if runs.count > limit && !participant.fillsEverySlot(in: instance) {
        found.append(
          Violation(
            rule: "A5",
            message: "\(who) is assigned \(runs.count) workshop\(runs.count == 1 ? "" : "s"); the limit is \(limit)",
            participant: participant.id))
      }
      var perSession: [Int: [Int]] = [:]
      for p in runs { perSession[p.run.session, default: []].append(p.run.run) }
      for (s, numbers) in perSession where numbers.count > 1 {
        found.append(
          Violation(
            rule: "A5",
            message: "\(who) is assigned to runs \(numbers.sorted().map(String.init).joined(separator: " and ")) of "
              + "\(quoted(s)); one is enough", session: instance.sessions[s].id, participant: participant.id))
      }
    }
  }
}

extension Checker {
  /// A8: a participant with `max_workshops: every_slot` attends a workshop run in every slot of
  /// their days where one takes place: placed, not exclusive, and not cancelled (under
  /// `min_size_policy: cancel` a run with a minimum and nobody does not take place). Two at once
  /// is A3's.
  func checkEverySlot(
    _ attendees: [SessionRun: Int], _ placed: [Placed], _ runsOf: [[Placed]], _ found: inout [Violation]
  ) {
    let fillers = instance.participants.indices.filter { instance.participants[$0].fillsEverySlot(in: instance) }
    guard !fillers.isEmpty else { return }
    var takingPlace = [Int: Int]()  // slot → workshop runs taking place over it
    var streamedTakingPlace = [Int: Int]()  // the same for online attendees: streamed runs only
    for p in placed {
      let session = instance.sessions[p.run.session]
      guard session.kind == .workshop, !session.exclusive else { continue }
      let cancelled = instance.minSizePolicy == .cancel && (session.minSize ?? 0) > 0 && attendees[p.run] == nil
      if cancelled { continue }
      for t in overlappedSlots(p) {
        takingPlace[t, default: 0] += 1
        if session.streamed { streamedTakingPlace[t, default: 0] += 1 }
      }
    }
    for index in fillers {
      let participant = instance.participants[index]
      let remote = participant.isOnline(in: instance)
      for day in participant.days.sorted() where daySlots.indices.contains(day) {
        for t in daySlots[day] {
          guard let count = remote ? streamedTakingPlace[t] : takingPlace[t] else { continue }
          let slot = instance.slots[t]
          let window = TimeWindow(day: day, start: slot.start, end: slot.end)
          guard !runsOf[index].contains(where: { $0.window.overlaps(window) }) else { continue }
          found.append(
            Violation(
              rule: "A8",
              message: "participant \(participant.id) attends no workshop at \(dayName(day)) \(TimeText.clock(slot.start)), "
                + "where \(count) \(remote ? "streamed " : "")workshop run\(count == 1 ? " takes" : "s take") place "
                + "(max_workshops: every_slot\(remote ? ", online" : ""))",
              participant: participant.id))
        }
      }
    }
  }
}

extension Checker {
  /// The seats of a workshop's runs that `demand` (those who chose it) leave free, counted from its
  /// last run backwards (A7 and A9: seats anywhere come only from these).
  static func seatsLeftFree(in runs: [Placed], seats: (Placed) -> Int, demand: Int) -> [(Placed, Int)] {
    var left = max(0, runs.reduce(0) { $0 + seats($1) } - demand)
    return runs.sorted(by: { $0.run.run > $1.run.run }).map { p in
      let free = min(seats(p), left)
      left -= free
      return (p, free)
    }
  }

  /// A9 (issue 17): an online attendee only in streamed runs (checked with each assignment), and a
  /// run's online attendees within its `online_seats`; seats anywhere online only from the online
  /// seats the online attendees who chose the workshop leave free (as A7 for seats in the room).
  func checkOnlineSeats(
    _ online: [SessionRun: Int], _ onlineAnywhere: [SessionRun: Int], _ placed: [Placed],
    _ placedByRun: [SessionRun: Placed], _ found: inout [Violation]
  ) {
    for (run, count) in online.sorted(by: { $0.key < $1.key }) {
      guard let seats = instance.sessions[run.session].onlineSeats, count > seats, let p = placedByRun[run] else { continue }
      found.append(
        Violation(
          rule: "A9", message: "\(name(run)) has \(count) online attendees; it takes \(seats) (online_seats)",
          session: instance.sessions[run.session].id, room: instance.rooms[p.room].id))
    }
    guard !onlineAnywhere.isEmpty else { return }
    var runsOfSession = [Int: [Placed]]()
    for p in placed where instance.sessions[p.run.session].kind == .workshop && instance.sessions[p.run.session].onlineSeats != nil {
      runsOfSession[p.run.session, default: []].append(p)
    }
    for (s, runs) in runsOfSession.sorted(by: { $0.key < $1.key }) where runs.contains(where: { onlineAnywhere[$0.run] != nil }) {
      let seats = instance.sessions[s].onlineSeats ?? 0
      let runDays = Set(runs.map(\.day))
      let demand = instance.participants.filter {
        $0.choices.contains(s) && !$0.days.isDisjoint(with: runDays) && $0.isOnline(in: instance)
      }.count
      for (p, free) in Self.seatsLeftFree(in: runs, seats: { _ in seats }, demand: demand) {
        let given = onlineAnywhere[p.run] ?? 0
        guard given > free else { continue }
        found.append(
          Violation(
            rule: "A9",
            message: "\(name(p.run)) has \(given) online attendee\(given == 1 ? "" : "s") who did not choose it (seat "
              + "anywhere); the \(demand) online attendees who chose \(quoted(s)) leave \(free) of its online seats free",
            session: instance.sessions[s].id, room: instance.rooms[p.room].id))
      }
    }
  }
}
