import AtelierCore

extension Checker {
  /// The soft term names, in report order.
  public static let softTermNames = [
    "empty_seats", "preference_missed", "avoided_time", "track_parallel", "track_room_change", "speaker_makespan",
    "co_choice_conflict",
  ]

  /// The seven soft terms, exactly as defined (no approximation), over the runs as placed.
  func softTerms(_ placed: [Placed]) -> [Schedule.Term] {
    let weights = instance.weights
    var emptySeats = 0
    var preferenceMissed = 0
    var avoidedTime = 0
    var trackSlots = [[Int: Int]](repeating: [:], count: instance.tracks.count)  // track → slot → runs
    var trackRooms = [Set<Int>](repeating: [], count: instance.tracks.count)
    var speakerDays = [(first: Int, last: Int)?](repeating: nil, count: instance.speakers.count)
    var singleRunSlots: [Int: Range<Int>] = [:]  // session (runs == 1, not exclusive) → slots its run overlaps

    for p in placed {
      let s = p.run.session
      let session = instance.sessions[s]
      let window = p.window
      emptySeats +=
        instance.rooms[p.room].capacity
        - instance.expectedAudience(ofSession: s, onDay: p.day, choiceCounts: choiceCounts)
      if !session.preferred.isEmpty && !session.preferred.contains(where: { $0.contains(window) }) {
        preferenceMissed += 1
      }
      if session.avoided.contains(where: { $0.overlaps(window) }) { avoidedTime += 1 }
      let slots = overlappedSlots(p)
      if let track = session.track, trackSlots.indices.contains(track) {
        for t in slots { trackSlots[track][t, default: 0] += 1 }
        trackRooms[track].insert(p.room)
      }
      for k in Set(session.speakers) where speakerDays.indices.contains(k) {
        let days = speakerDays[k]
        speakerDays[k] = (min(days?.first ?? p.day, p.day), max(days?.last ?? p.day, p.day))
      }
      // A day's slots are in time order and never overlap, so the overlapped ones are consecutive indices.
      if session.runs == 1 && !session.exclusive, let first = slots.first, let last = slots.last {
        singleRunSlots[s] = first..<(last + 1)
      }
    }

    let trackParallel = trackSlots.reduce(0) { sum, counts in sum + counts.values.reduce(0) { $0 + max(0, $1 - 1) } }
    let trackRoomChange = trackRooms.reduce(0) { $0 + max(0, $1.count - 1) }
    let speakerMakespan = speakerDays.reduce(0) { $0 + ($1.map { $0.last - $0.first } ?? 0) }

    var coChoice = 0
    for participant in instance.participants {
      var seen = Set<Int>()
      let ranges = participant.choices.compactMap { s in seen.insert(s).inserted ? singleRunSlots[s] : nil }
      guard ranges.count > 1 else { continue }
      for i in 0..<(ranges.count - 1) {
        for j in (i + 1)..<ranges.count {
          coChoice += max(
            0, min(ranges[i].upperBound, ranges[j].upperBound) - max(ranges[i].lowerBound, ranges[j].lowerBound))
        }
      }
    }

    let amounts: [(String, Double, Double)] = [
      ("empty_seats", weights.emptySeats, Double(emptySeats) / 100),
      ("preference_missed", weights.preferenceMissed, Double(preferenceMissed)),
      ("avoided_time", weights.avoidedTime, Double(avoidedTime)),
      ("track_parallel", weights.trackParallel, Double(trackParallel)),
      ("track_room_change", weights.trackRoomChange, Double(trackRoomChange)),
      ("speaker_makespan", weights.speakerMakespan, Double(speakerMakespan)),
      ("co_choice_conflict", weights.coChoiceConflict, Double(coChoice)),
    ]
    return amounts.map { Schedule.Term(name: $0.0, weight: $0.1, amount: $0.2, contribution: $0.1 * $0.2) }
  }
}
