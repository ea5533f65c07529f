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
        let m = runs.filter { overlaps(window($0), slot) }.count
        parallel += Double(m * (m - 1) / 2)
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

    return [
      "empty_seats": emptySeats, "preference_missed": missed, "avoided_time": avoided, "track_parallel": parallel,
      "track_room_change": roomChange, "speaker_makespan": makespan,
    ]
  }

  /// Σ weight × amount.
  func objective(_ amounts: [String: Double]) -> Double {
    let w = instance.weights
    let weights: [String: Double] = [
      "empty_seats": w.emptySeats, "preference_missed": w.preferenceMissed, "avoided_time": w.avoidedTime,
      "track_parallel": w.trackParallel, "track_room_change": w.trackRoomChange, "speaker_makespan": w.speakerMakespan,
    ]
    return amounts.reduce(0) { $0 + (weights[$1.key] ?? 0) * $1.value }
  }
}
