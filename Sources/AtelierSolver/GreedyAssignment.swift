import AtelierCore
import AtelierMIP

/// An assignment built without a solver, from the candidates of an `AssignmentFormulation`, so that
/// it keeps every row of that model: capacity, one run per session, no overlap, the participant's
/// limit, days attended (only candidates on those days exist).
///
/// Rounds by rank: every participant is offered their first choice before anyone gets a second
/// (published assignments, when kept, come before all). A first-come-first-served pass over
/// participants would fill popular runs with the first rows of the CSV.
///
/// *Why:* on 30,000 participants GLPK found no assignment within the time left after the
/// timetable; the stage then ends with this one (status `feasible`, no bound) instead of none.
struct GreedyAssignment {
  let formulation: AssignmentFormulation

  /// The chosen candidates' variables. With `min_size_policy: cancel`, a run left below its
  /// minimum is cancelled and the rounds are served again without it (each pass cancels one run at
  /// least, so this ends); with `hard`, a run below its minimum makes the start fail the model's rows.
  func chosen() -> [VariableID] {
    let instance = formulation.instance
    var closed = formulation.cancelled
    guard instance.minSizePolicy == .cancel else { return chosen(closed: closed) }
    let candidateOf = Dictionary(formulation.candidates.map { ($0.variable, $0) }, uniquingKeysWith: { a, _ in a })
    while true {
      let picked = chosen(closed: closed)
      // Those in person, the ones a minimum counts (online attendees alone do not hold a run).
      var count: [SessionRun: Int] = [:]
      for variable in picked {
        guard let candidate = candidateOf[variable] else { continue }
        let online = instance.participants[candidate.participant].isOnline(in: instance)
        count[candidate.run, default: 0] += online ? 0 : 1
      }
      let short = count.filter { run, n in n < (instance.sessions[run.session].minSize ?? 0) }.map(\.key)
      guard !short.isEmpty else { return picked }
      // The emptiest first: one at a time, since cancelling one run may fill another.
      closed.insert(short.min { (count[$0] ?? 0, $0) < (count[$1] ?? 0, $1) } ?? short[0])
    }
  }

  private func chosen(closed: Set<SessionRun>) -> [VariableID] {
    let instance = formulation.instance
    let placements = Dictionary(uniqueKeysWithValues: formulation.timetable.placements.map { ($0.run, $0) })
    var seatsLeft: [SessionRun: Int] = [:]
    var onlineSeatsLeft: [SessionRun: Int] = [:]  // online attendees (issue 17); absent: no limit
    for placement in formulation.timetable.placements {
      seatsLeft[placement.run] = instance.seats(ofSession: placement.run.session, inRoom: placement.room)
      onlineSeatsLeft[placement.run] = instance.sessions[placement.run.session].onlineSeats
    }
    var onlineAnywhereLeft = formulation.onlineAnywhereSeats
    let keys = formulation.candidates.map { c in
      (
        kept: formulation.welfare.kept.contains(.init(participant: c.participant, run: c.run)) ? 0 : 1,
        c.rank == 0 ? Int.max : c.rank, c.participant, c.run
      )
    }
    let order = keys.indices.sorted { keys[$0] < keys[$1] }
    var taken = [[TimeWindow]](repeating: [], count: instance.participants.count)
    var sessionsTaken = [Set<Int>](repeating: [], count: instance.participants.count)
    var chosen: [VariableID] = []
    var anywhereLeft = formulation.anywhereSeats
    let everySlotters = Set(instance.participants.indices.filter { instance.participants[$0].fillsEverySlot(in: instance) })
    for index in order {
      let candidate = formulation.candidates[index]
      let p = candidate.participant
      let participant = instance.participants[p]
      // Who fills every slot has no count limit; the overlap test keeps one run per slot.
      let everySlot = everySlotters.contains(p)
      let online = participant.isOnline(in: instance)
      let limit = everySlot ? Int.max : participant.maxWorkshops ?? instance.weights.workshopsPerParticipant
      let seatLeft = online ? onlineSeatsLeft[candidate.run].map { $0 > 0 } ?? true : seatsLeft[candidate.run, default: 0] > 0
      guard taken[p].count < limit, !sessionsTaken[p].contains(candidate.run.session),
        seatLeft, !closed.contains(candidate.run), let placement = placements[candidate.run]
      else { continue }
      let window = instance.window(ofSession: candidate.run.session, startingAt: placement.slot)
      guard !taken[p].contains(where: { $0.overlaps(window) }) else { continue }
      if candidate.rank == 0 && !everySlot {
        // Seats anywhere come last, from the seats ranked choices leave free.
        if online {
          if let left = onlineAnywhereLeft[candidate.run] {
            guard left > 0 else { continue }
            onlineAnywhereLeft[candidate.run] = left - 1
          }
        } else {
          guard anywhereLeft[candidate.run, default: 0] > 0 else { continue }
          anywhereLeft[candidate.run, default: 0] -= 1
        }
      }
      if online {
        if let left = onlineSeatsLeft[candidate.run] { onlineSeatsLeft[candidate.run] = left - 1 }
      } else {
        seatsLeft[candidate.run, default: 0] -= 1
      }
      taken[p].append(window)
      sessionsTaken[p].insert(candidate.run.session)
      chosen.append(candidate.variable)
    }
    return chosen
  }
}
