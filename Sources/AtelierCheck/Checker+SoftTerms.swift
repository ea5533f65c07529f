import AtelierCore

extension Checker {
  /// The soft term names (the organisers' penalties), in report order.
  public static let softTermNames = [
    "empty_seats", "preference_missed", "avoided_time", "track_parallel", "track_room_change", "speaker_makespan",
  ]

  /// The participants' welfare of an assignment, as defined in docs/solver.md: Σ over assignments
  /// of the rank weight of the session's rank k in the participant's choices (ties share a rank):
  /// `weights.ranks[k − 1]` (the last entry beyond the table), by default L + 1 − k (L = the
  /// longest list of choices), plus `weights.anywhere` per seat anywhere (a workshop not chosen, for a
  /// participant who accepts one). Kept apart from the solver's copy of the rule on purpose.
  func welfare(_ assignments: [Timetable.Assignment]) -> Double {
    let longest = instance.participants.map(\.choices.count).max() ?? 1
    let table = instance.weights.ranks ?? []
    func weight(_ k: Int) -> Double {
      table.isEmpty ? Double(longest + 1 - k) : table[min(k, table.count) - 1]
    }
    var total = 0.0
    for assignment in Set(assignments) where instance.participants.indices.contains(assignment.participant) {
      let participant = instance.participants[assignment.participant]
      guard let i = participant.choices.firstIndex(of: assignment.run.session) else {
        // A seat anywhere, for a participant who accepts one (others break A1 and count nothing).
        if participant.seatsAnywhere(in: instance) || participant.fillsEverySlot(in: instance),
          instance.sessions.indices.contains(assignment.run.session),
          instance.sessions[assignment.run.session].kind == .workshop, !instance.sessions[assignment.run.session].exclusive
        {
          total += instance.weights.anywhere
        }
        continue
      }
      total += weight(participant.rank(at: i))
    }
    return (total * 1e6).rounded() / 1e6
  }

  /// The worst rank any participant receives among their assignments (`--assignment-objective
  /// worst-rank`): the largest rank of a chosen workshop; a seat anywhere has no rank. 0 when no
  /// assignment is of a chosen workshop. Kept apart from the solver's copy of the rule on purpose.
  public func worstRank(_ assignments: [Timetable.Assignment]) -> Int {
    var worst = 0
    for assignment in assignments where instance.participants.indices.contains(assignment.participant) {
      let participant = instance.participants[assignment.participant]
      if let i = participant.choices.firstIndex(of: assignment.run.session) { worst = max(worst, participant.rank(at: i)) }
    }
    return worst
  }

  /// The six soft terms, exactly as defined (no approximation), over the runs as placed, and
  /// room_preference_missed when a track has `preferred_rooms` (issue 16: opt-in, last).
  func softTerms(_ placed: [Placed]) -> [Schedule.Term] {
    let weights = instance.weights
    var emptySeats = 0
    var preferenceMissed = 0
    var roomPreferenceMissed = 0
    var avoidedTime = 0
    var trackSlots = [[Int: Int]](repeating: [:], count: instance.tracks.count)  // track → slot → runs
    var trackRooms = [Set<Int>](repeating: [], count: instance.tracks.count)
    var speakerDays = [(first: Int, last: Int)?](repeating: nil, count: instance.speakers.count)

    for p in placed {
      let s = p.run.session
      let session = instance.sessions[s]
      let window = p.window
      emptySeats +=
        instance.capacity(ofSession: s, inRoom: p.room)
        - instance.expectedAudience(ofSession: s, onDay: p.day, choiceCounts: choiceCounts)
      if !session.preferred.isEmpty && !session.preferred.contains(where: { $0.contains(window) }) {
        preferenceMissed += 1
      }
      if session.avoided.contains(where: { $0.overlaps(window) }) { avoidedTime += 1 }
      if let track = session.track, instance.tracks.indices.contains(track) {
        let preferred = instance.tracks[track].preferredRooms
        if !preferred.isEmpty && !preferred.contains(p.room) { roomPreferenceMissed += 1 }
      }
      let slots = overlappedSlots(p)
      if let track = session.track, trackSlots.indices.contains(track) {
        for t in slots { trackSlots[track][t, default: 0] += 1 }
        trackRooms[track].insert(p.room)
      }
      for k in Set(session.speakers) where speakerDays.indices.contains(k) {
        let days = speakerDays[k]
        speakerDays[k] = (min(days?.first ?? p.day, p.day), max(days?.last ?? p.day, p.day))
      }
    }

    // Pairs of same-track runs in each slot: C(m, 2) for m runs.
    let trackParallel = trackSlots.reduce(0) { sum, counts in sum + counts.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 } }
    let trackRoomChange = trackRooms.reduce(0) { $0 + max(0, $1.count - 1) }
    let speakerMakespan = speakerDays.reduce(0) { $0 + ($1.map { $0.last - $0.first } ?? 0) }

    var amounts: [(String, Double, Double)] = [
      ("empty_seats", weights.emptySeats, Double(emptySeats) / 100),
      ("preference_missed", weights.preferenceMissed, Double(preferenceMissed)),
      ("avoided_time", weights.avoidedTime, Double(avoidedTime)),
      ("track_parallel", weights.trackParallel, Double(trackParallel)),
      ("track_room_change", weights.trackRoomChange, Double(trackRoomChange)),
      ("speaker_makespan", weights.speakerMakespan, Double(speakerMakespan)),
    ]
    if instance.tracks.contains(where: { !$0.preferredRooms.isEmpty }) {
      amounts.append(("room_preference_missed", weights.roomPreferenceMissed, Double(roomPreferenceMissed)))
    }
    return amounts.map { Schedule.Term(name: $0.0, weight: $0.1, amount: $0.2, contribution: $0.1 * $0.2) }
  }
}
