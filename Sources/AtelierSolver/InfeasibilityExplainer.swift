import AtelierCore
import AtelierGLPK
import AtelierMIP

/// Says why an instance has no timetable: solves the model with penalised slack on every hard-rule
/// family and reports, in domain terms, the rules whose slack had to be used.
struct InfeasibilityExplainer {
  let instance: Instance

  func explain(options: SolveOptions) -> [String] {
    let formulation = TimetableFormulation(instance: instance, relaxed: true)
    var relaxedOptions = SolveOptions()
    relaxedOptions.timeLimit = options.timeLimit.map { max(10, $0 / 2) } ?? 60
    relaxedOptions.cancellation = options.cancellation
    let result = GLPKSolver().solve(formulation.model, options: relaxedOptions)
    guard result.hasSolution else {
      return [
        "the hard rules cannot all hold, and the relaxed model found no answer to say which (\(result.termination))"
      ]
    }
    // Where the relaxed model put the runs it could place: what an unplaced pinned run clashes with.
    let placed = formulation.timetable(from: result.values)
    var messages: [String] = []
    var leftOut = false
    for (variable, rule) in formulation.slacks {
      let amount = result.values[variable.index]
      guard amount > 1e-6 else { continue }
      if case .unplaced = rule { leftOut = true }
      messages.append(describe(rule, amount: amount, placed: placed))
    }
    if leftOut {
      // Leaving a run out costs as much as breaking one row, so "cannot be placed" may hide the
      // rule that clashes (a precedence cycle, say). Ask again with every run placed: the rows
      // that must then give say why.
      var placedModel = formulation.model
      for (variable, rule) in formulation.slacks {
        if case .unplaced = rule { placedModel.setBounds(variable, lower: 0, upper: 0) }
      }
      let again = GLPKSolver().solve(placedModel, options: relaxedOptions)
      if again.hasSolution {
        let placedAgain = formulation.timetable(from: again.values)
        for (variable, rule) in formulation.slacks where again.values[variable.index] > 1e-6 {
          messages.append(
            "with every session placed, " + describe(rule, amount: again.values[variable.index], placed: placedAgain))
        }
      }
    }
    // Rows of one family repeat a message (one per time point): say each once.
    var seen = Set<String>()
    messages = messages.filter { seen.insert($0).inserted }
    return messages.isEmpty
      ? ["the hard rules cannot all hold together (no single rule family could be named)"] : messages
  }

  private func slotName(_ slot: Int) -> String {
    let s = instance.slots[slot]
    let day = instance.days[s.day]
    return "\(day.label ?? day.id) \(day.date) \(TimeText.clock(s.start))"
  }

  private func title(_ run: SessionRun) -> String {
    let session = instance.sessions[run.session]
    return "'\(session.title)'\(session.runs > 1 ? " run \(run.run)" : "")"
  }

  /// "d1 2024-06-03 09:00 in 'Hall'", for whichever of day, start and room the pin sets.
  private func describe(_ pin: Pin) -> String {
    var parts: [String] = []
    if let d = pin.day, instance.days.indices.contains(d) {
      parts.append("\(instance.days[d].label ?? instance.days[d].id) \(instance.days[d].date)")
    }
    if let start = pin.start { parts.append(TimeText.clock(start)) }
    if let r = pin.room, instance.rooms.indices.contains(r) { parts.append("in '\(instance.rooms[r].name)'") }
    return parts.joined(separator: " ")
  }

  /// Runs of the relaxed solution that a pinned run would meet at every start its pin allows: same
  /// pinned room, a shared speaker, or either exclusive. Empty unless the pin fixes the start.
  private func clashes(of run: SessionRun, pin: Pin, placed: Timetable) -> [SessionRun] {
    guard pin.start != nil else { return [] }
    let session = instance.sessions[run.session]
    let starts = instance.slots.filter { slot in
      (pin.day.map { $0 == slot.day } ?? true) && (pin.start.map { $0 == slot.start } ?? true)
    }
    var found = Set<SessionRun>()
    for slot in starts {
      let window = instance.window(ofSession: run.session, startingAt: slot.index)
      for other in placed.placements where other.run != run {
        let otherSession = instance.sessions[other.run.session]
        guard instance.window(ofSession: other.run.session, startingAt: other.slot).overlaps(window) else { continue }
        if pin.room == other.room || session.exclusive || otherSession.exclusive
          || !Set(session.speakers).isDisjoint(with: otherSession.speakers)
        {
          found.insert(other.run)
        }
      }
    }
    return found.sorted()
  }

  /// Whether a placed run is under way during a slot.
  private func overlaps(_ placement: Timetable.Placement, _ slot: Int) -> Bool {
    instance.window(ofSession: placement.run.session, startingAt: placement.slot).overlaps(instance.slots[slot].window)
  }

  /// " ('A', 'B', and the exclusive 'C' elsewhere)" for the runs the relaxed timetable put there,
  /// so that a person can find them.
  private func named(_ placements: [Timetable.Placement], exclusive: [Timetable.Placement] = []) -> String {
    var parts = placements.map { (instance.sessions[$0.run.session].exclusive ? "the exclusive " : "") + title($0.run) }
    parts += exclusive.map { "the exclusive \(title($0.run)) in '\(instance.rooms[$0.room].name)'" }
    return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
  }

  private func describe(_ rule: RelaxedRule, amount: Double, placed: Timetable) -> String {
    switch rule {
    case .unplaced(let run):
      var text = "\(title(run)) cannot be placed with the other rules holding"
      if let pin = instance.sessions[run.session].pin(forRun: run.run),
        pin.day != nil || pin.start != nil || pin.room != nil
      {
        let others = clashes(of: run, pin: pin, placed: placed).map(title)
        text +=
          " (pinned \(describe(pin))" + (others.isEmpty ? "" : ", clashing with \(others.joined(separator: ", "))")
          + ")"
      }
      return text
    case .roomOverlap(let room, let slot):
      // An exclusive run occupies every room while it runs (rule H9), so it is named too.
      // Runs streamed into the room (overflow) take it too.
      let inRoom = placed.placements.filter {
        instance.occupiedRooms(bySession: $0.run.session, inRoom: $0.room).contains(room) && overlaps($0, slot)
      }
      let exclusive = placed.placements.filter {
        $0.room != room && instance.sessions[$0.run.session].exclusive && overlaps($0, slot)
      }
      return "room '\(instance.rooms[room].name)' would need to host two sessions at \(slotName(slot))"
        + named(inRoom, exclusive: exclusive)
    case .exclusiveOverlap(let slot):
      let running = placed.placements.filter { overlaps($0, slot) }
      let exclusive = running.filter { instance.sessions[$0.run.session].exclusive }
      guard !exclusive.isEmpty else {
        return "an exclusive session at \(slotName(slot)) would have other sessions in parallel" + named(running)
      }
      return "the exclusive session\(exclusive.count > 1 ? "s" : "") \(exclusive.map { title($0.run) }.joined(separator: ", ")) at "
        + "\(slotName(slot)) would have other sessions in parallel"
        + named(running.filter { !instance.sessions[$0.run.session].exclusive })
    case .speakerOverlap(let speaker, let slot):
      return
        "speaker '\(instance.speakers[speaker].name)' would have to be in two sessions (or without their pause) at \(slotName(slot))"
    case .repeatedRunsOverlap(let session, let slot):
      return "two runs of '\(instance.sessions[session].title)' would overlap at \(slotName(slot))"
    case .precedence(let session, let prerequisite):
      return "'\(instance.sessions[session].title)' cannot start after '\(instance.sessions[prerequisite].title)' ends"
    case .relation(let relation):
      let (a, b) = (instance.sessions[relation.first].title, instance.sessions[relation.second].title)
      switch relation.kind {
      case .sameSlot: return "'\(a)' and '\(b)' cannot start at the same times (same_slot, rule H13)"
      case .differentSlot: return "'\(a)' and '\(b)' cannot be kept apart in time (different_slot, rule H14)"
      case .sameDay: return "'\(a)' and '\(b)' cannot take place on the same days (same_day, rule H15)"
      }
    case .seats(let slot):
      return
        "at \(slotName(slot)) the sessions can seat only \(instance.seatDemand(inSlot: slot) - Int(saturating: amount.rounded())) of the \(instance.seatDemand(inSlot: slot)) participants who need a seat (short by \(Int(saturating: amount.rounded())))"
    case .everySlotSeats(let slot):
      let need = instance.everySlotDemand(onDay: instance.slots[slot].day)
      let short = Int(saturating: amount.rounded())
      return
        "not enough workshop seats at \(slotName(slot)) for the \(need) participants present with max_workshops: every_slot: "
        + "\(need - short) seats (short by \(short))"
    case .trackBlock(let room, let block):
      return "room '\(instance.rooms[room].name)' would hold two tracks in the block starting \(slotName(blockStart(block))) (blocks, rule H16)"
    case .speakerBlock(let speaker, let block):
      return "speaker '\(instance.speakers[speaker].name)' would present in two rooms in the block starting \(slotName(blockStart(block))) (blocks, rule H17)"
    case .similarTracks(let pair, let block):
      return "similar tracks '\(instance.tracks[pair.first].name)' and '\(instance.tracks[pair.second].name)' would share the block starting \(slotName(blockStart(block))) (rule H18)"
    }
  }

  /// The first slot of a block.
  private func blockStart(_ block: Int) -> Int { instance.slots.first { $0.block == block }?.index ?? 0 }
}
