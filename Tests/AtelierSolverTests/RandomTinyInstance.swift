import AtelierCore

/// Random tiny instances (1–2 days of 2–4 slots, 2–3 rooms, at most 4 runs) with every rule in
/// play, small enough that `BruteForce` can enumerate every timetable.
enum RandomTinyInstance {
  static func make(seed: UInt64) -> Instance {
    var g = SplitMix64(seed: seed)
    let days = g.chance(0.3) ? 2 : 1
    let slots = g.int(in: 2...4)
    let lunchAfter = slots >= 3 && g.chance(0.3) ? 2 : nil

    func window(_ day: Int) -> TimeWindow {
      let from = g.int(in: 9...11)
      return TimeWindow(day: day, start: from * 60, end: from * 60 + g.pick([60, 90, 120]))
    }

    var rooms: [Room] = []
    for r in 0..<g.int(in: 2...3) {
      rooms.append(
        Room(
          // Room 0 takes every kind and 60 people, so that most sessions fit somewhere.
          id: "r\(r)", name: "R\(r)", capacity: r == 0 ? 60 : g.pick([5, 10, 20, 40]),
          features: g.chance(0.4) ? ["projector"] : [], kinds: r > 0 && g.chance(0.15) ? [.workshop] : nil,
          unavailable: g.chance(0.2) ? [window(g.int(below: days))] : []))
    }
    var speakers: [Speaker] = []
    for s in 0..<g.int(in: 0...2) {
      speakers.append(
        Speaker(
          id: "s\(s)", name: "S\(s)", unavailable: g.chance(0.2) ? [window(g.int(below: days))] : [],
          minPause: g.pick([0, 0, 30])))
    }
    var sessions: [Session] = []
    var runsLeft = 4
    while runsLeft > 0 && sessions.count < 4 {
      let index = sessions.count
      let runs = runsLeft >= 2 && g.chance(0.2) ? 2 : 1
      runsLeft -= runs
      let kind: SessionKind = g.chance(0.3) ? .workshop : g.chance(0.25) ? .plenary : .talk
      var pins: [Pin] = []
      if g.chance(0.15) {
        let slotIndex = g.int(below: slots)
        let start = (9 + slotIndex) * 60 + (lunchAfter.map { slotIndex >= $0 ? 30 : 0 } ?? 0)
        pins = [
          Pin(
            day: g.chance(0.5) ? g.int(below: days) : nil, start: g.chance(0.5) ? start : nil,
            room: g.chance(0.4) ? g.int(below: rooms.count) : nil)
        ]
      }
      sessions.append(
        Session(
          id: "x\(index)", title: "X\(index)", kind: kind, durationMinutes: g.pick([60, 60, 60, 60, 30, 120]),
          speakers: speakers.indices.filter { _ in g.chance(0.4) }, track: g.chance(0.4) ? 0 : nil,
          requires: rooms.contains { !$0.features.isEmpty } && g.chance(0.2) ? ["projector"] : [],
          audience: g.chance(0.7) ? g.pick([3, 8, 8, 15]) : nil,
          maxSize: kind == .workshop ? g.pick([4, 8, 15]) : nil, runs: runs,
          exclusive: kind == .plenary && g.chance(0.8), pins: pins,
          after: index > 0 && g.chance(0.2) ? [g.int(below: index)] : [],
          preferred: g.chance(0.3) ? [window(g.int(below: days))] : [],
          avoided: g.chance(0.3) ? [window(g.int(below: days))] : []))
    }
    var participants: [Participant] = []
    for p in 0..<g.int(in: 0...6) {
      var chosen = Array(sessions.indices).filter { _ in g.chance(0.5) }
      g.shuffle(&chosen)
      let attends = days == 2 && g.chance(0.4) ? Set([g.int(below: 2)]) : Set(0..<days)
      participants.append(
        Participant(id: "p\(p)", days: attends, choices: chosen, maxWorkshops: g.pick([nil, 1, 2])))
    }
    return Tiny.instance(
      days: days, slots: slots, lunchAfter: lunchAfter, rooms: rooms, sessions: sessions, speakers: speakers,
      tracks: [Track(id: "t", name: "T")], participants: participants, weights: Weights(),
      changeover: g.pick([0, 0, 10, 15]), seatCoverage: g.pick([0, 0, 0.3, 1]))
  }
}

/// Every timetable of a tiny instance, by backtracking with `RuleChecker` on partial timetables.
struct BruteForce {
  let instance: Instance

  /// The least objective over all timetables keeping H1–H12, with one such timetable; nil when none.
  func optimum() -> (value: Double, timetable: Timetable)? {
    var best: (value: Double, timetable: Timetable)?
    forEachTimetable { timetable in
      let calculator = SoftTermCalculator(instance: instance, timetable: timetable)
      let value = calculator.objective(calculator.amounts())
      if value < (best?.value ?? .infinity) - 1e-9 { best = (value, timetable) }
    }
    return best
  }

  /// Calls `visit` with every timetable keeping H1–H12.
  func forEachTimetable(_ visit: (Timetable) -> Void) {
    let runs = instance.runs
    // Rules about one placement alone: block, capacity, features and kinds, rooms and speakers
    // away, pins.
    let unary = ["H2 ", "H3 ", "H4 ", "H5 ", "H8 "]
    let options: [[Timetable.Placement]] = runs.map { run in
      instance.slots.indices.flatMap { slot in
        instance.rooms.indices.map { Timetable.Placement(run: run, slot: slot, room: $0) }
      }.filter { p in
        RuleChecker(instance: instance, timetable: Timetable(placements: [p])).timetableViolations().allSatisfy { m in
          !unary.contains { m.hasPrefix($0) } && !(m.hasPrefix("H7 ") && m.contains(" away "))
        }
      }
    }
    var chosen: [Timetable.Placement] = []
    func place(_ u: Int) {
      if u == runs.count {
        let timetable = Timetable(placements: chosen)
        guard RuleChecker(instance: instance, timetable: timetable).timetableViolations().isEmpty else { return }
        visit(timetable)
        return
      }
      for option in options[u] {
        chosen.append(option)
        // Pairwise rules on the runs placed so far (H1 and H12 need them all).
        let partial = RuleChecker(instance: instance, timetable: Timetable(placements: chosen)).timetableViolations()
        if partial.allSatisfy({ $0.hasPrefix("H1 ") || $0.hasPrefix("H12 ") }) { place(u + 1) }
        chosen.removeLast()
      }
    }
    place(0)
  }
}
