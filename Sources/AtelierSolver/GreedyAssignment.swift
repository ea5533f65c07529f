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

  /// The chosen candidates' variables.
  func chosen() -> [VariableID] {
    let instance = formulation.instance
    let placements = Dictionary(uniqueKeysWithValues: formulation.timetable.placements.map { ($0.run, $0) })
    var seatsLeft: [SessionRun: Int] = [:]
    for placement in formulation.timetable.placements {
      seatsLeft[placement.run] = instance.seats(ofSession: placement.run.session, inRoom: placement.room)
    }
    let keys = formulation.candidates.map { c in
      (kept: formulation.welfare.kept.contains(.init(participant: c.participant, run: c.run)) ? 0 : 1, c.rank, c.participant, c.run)
    }
    let order = keys.indices.sorted { keys[$0] < keys[$1] }
    var taken = [[TimeWindow]](repeating: [], count: instance.participants.count)
    var sessionsTaken = [Set<Int>](repeating: [], count: instance.participants.count)
    var chosen: [VariableID] = []
    for index in order {
      let candidate = formulation.candidates[index]
      let p = candidate.participant
      let participant = instance.participants[p]
      let limit = participant.maxWorkshops ?? instance.weights.workshopsPerParticipant
      guard taken[p].count < limit, !sessionsTaken[p].contains(candidate.run.session),
        seatsLeft[candidate.run, default: 0] > 0, let placement = placements[candidate.run]
      else { continue }
      let window = instance.window(ofSession: candidate.run.session, startingAt: placement.slot)
      guard !taken[p].contains(where: { $0.overlaps(window) }) else { continue }
      seatsLeft[candidate.run, default: 0] -= 1
      taken[p].append(window)
      sessionsTaken[p].insert(candidate.run.session)
      chosen.append(candidate.variable)
    }
    return chosen
  }
}
