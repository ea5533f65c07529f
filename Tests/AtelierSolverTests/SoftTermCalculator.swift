import AtelierCore

/// The soft terms' exact amounts of a timetable, computed from their definitions with plain loops
/// (independently of the formulation's helper variables), to compare with what the solver reports.
struct SoftTermCalculator {
  let instance: Instance
  let timetable: Timetable

  private func window(_ p: Timetable.Placement) -> TimeWindow {
    instance.window(ofSession: p.run.session, startingAt: p.slot)
  }

  /// Same day and t.start < w.end && w.start < t.end.
  private func overlaps(_ w: TimeWindow, _ t: Slot) -> Bool { w.overlaps(t.window) }

  func amounts() -> [String: Double] {
    let counts = instance.choiceCounts
    var emptySeats = 0.0
    var missed = 0.0
    var avoided = 0.0
    for p in timetable.placements {
      let session = instance.sessions[p.run.session]
      let w = window(p)
      let audience = instance.expectedAudience(ofSession: p.run.session, onDay: w.day, choiceCounts: counts)
      emptySeats += Double(instance.rooms[p.room].capacity - audience) / 100
      if !session.preferred.isEmpty && !session.preferred.contains(where: { $0.contains(w) }) { missed += 1 }
      if session.avoided.contains(where: { $0.overlaps(w) }) { avoided += 1 }
    }

    var parallel = 0.0
    var roomChange = 0.0
    for t in instance.tracks.indices {
      let runs = timetable.placements.filter { instance.sessions[$0.run.session].track == t }
      for slot in instance.slots {
        parallel += Double(max(0, runs.filter { overlaps(window($0), slot) }.count - 1))
      }
      roomChange += Double(max(0, Set(runs.map(\.room)).count - 1))
    }

    var makespan = 0.0
    for s in instance.speakers.indices {
      let days = timetable.placements.filter { instance.sessions[$0.run.session].speakers.contains(s) }.map {
        instance.slots[$0.slot].day
      }
      if let first = days.min(), let last = days.max() { makespan += Double(last - first) }
    }

    // Per participant, per unordered pair of distinct chosen single-run, non-exclusive sessions:
    // the slots both runs overlap.
    let placementOf = Dictionary(timetable.placements.map { ($0.run.session, $0) }, uniquingKeysWith: { a, _ in a })
    var coChoice = 0.0
    for participant in instance.participants {
      let chosen = Array(Set(participant.choices)).sorted().filter {
        instance.sessions[$0].runs == 1 && !instance.sessions[$0].exclusive
      }
      for (i, a) in chosen.enumerated() {
        for b in chosen[(i + 1)...] {
          guard let pa = placementOf[a], let pb = placementOf[b] else { continue }
          let wa = window(pa)
          let wb = window(pb)
          coChoice += Double(instance.slots.filter { overlaps(wa, $0) && overlaps(wb, $0) }.count)
        }
      }
    }
    return [
      "empty_seats": emptySeats, "preference_missed": missed, "avoided_time": avoided, "track_parallel": parallel,
      "track_room_change": roomChange, "speaker_makespan": makespan, "co_choice_conflict": coChoice,
    ]
  }

  /// Σ weight × amount.
  func objective(_ amounts: [String: Double]) -> Double {
    let w = instance.weights
    let weights: [String: Double] = [
      "empty_seats": w.emptySeats, "preference_missed": w.preferenceMissed, "avoided_time": w.avoidedTime,
      "track_parallel": w.trackParallel, "track_room_change": w.trackRoomChange, "speaker_makespan": w.speakerMakespan,
      "co_choice_conflict": w.coChoiceConflict,
    ]
    return amounts.reduce(0) { $0 + (weights[$1.key] ?? 0) * $1.value }
  }

  /// How many distinct co-chosen pairs the co-choice term has (the solver models at most
  /// `TimetableSolver.coChoicePairs` of them; with fewer, its amount is exact).
  var coChosenPairs: Int {
    var pairs = Set<[Int]>()
    for participant in instance.participants {
      let chosen = Array(Set(participant.choices)).sorted().filter {
        instance.sessions[$0].runs == 1 && !instance.sessions[$0].exclusive
      }
      for (i, a) in chosen.enumerated() { for b in chosen[(i + 1)...] { pairs.insert([a, b]) } }
    }
    return pairs.count
  }
}
