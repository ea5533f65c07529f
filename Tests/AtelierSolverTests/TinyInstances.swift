import AtelierCore

/// Builds tiny instances in code, small enough to solve by hand.
///
/// The grid: `days` days (d1 = 2024-06-03, d2 = 2024-06-04), each with `slots` one-hour slots from
/// 09:00 (09:00–10:00, 10:00–11:00, …), all in one block per day unless `lunchAfter` puts a
/// 30-minute lunch after that many slots (the later slots then start 30 minutes later, in a new block).
/// Slot indices are global: day `d`, slot `i` has index `d * slots + i`.
///
/// Weights default to `Tiny.timeWeights`: only preference_missed (3) and avoided_time (10) count,
/// so that each test's hand optimum has few terms.
enum Tiny {
  static func clock(_ hour: Int, _ minute: Int = 0) -> Int { hour * 60 + minute }

  /// Only the time terms: preference_missed 3, avoided_time 10.
  static var timeWeights: Weights {
    var weights = Weights()
    weights.coChoiceConflict = 0
    weights.trackParallel = 0
    weights.emptySeats = 0
    weights.trackRoomChange = 0
    weights.speakerMakespan = 0
    return weights
  }

  /// The time terms plus empty_seats 1 (per 100 seats).
  static var seatWeights: Weights {
    var weights = timeWeights
    weights.emptySeats = 1
    return weights
  }

  /// A window on `day` from `from` to `to` (hours).
  static func window(_ day: Int, _ from: Int, _ to: Int) -> TimeWindow {
    TimeWindow(day: day, start: clock(from), end: clock(to))
  }

  static func room(
    _ id: String, _ capacity: Int, features: Set<String> = [], kinds: Set<SessionKind>? = nil,
    unavailable: [TimeWindow] = []
  ) -> Room {
    Room(
      id: id, name: id.prefix(1).uppercased() + id.dropFirst(), capacity: capacity, features: features, kinds: kinds,
      unavailable: unavailable)
  }

  /// A one-hour talk with audience 10 unless told otherwise.
  static func talk(
    _ id: String, minutes: Int = 60, kind: SessionKind = .talk, speakers: [Int] = [], track: Int? = nil,
    requires: Set<String> = [], audience: Int? = 10, maxSize: Int? = nil, runs: Int = 1, exclusive: Bool = false,
    pins: [Pin] = [], after: [Int] = [], preferred: [TimeWindow] = [], avoided: [TimeWindow] = []
  ) -> Session {
    Session(
      id: id, title: id.prefix(1).uppercased() + id.dropFirst(), kind: kind, durationMinutes: minutes,
      speakers: speakers, track: track, requires: requires, audience: audience, maxSize: maxSize, runs: runs,
      exclusive: exclusive, pins: pins, after: after, preferred: preferred, avoided: avoided)
  }

  /// A one-hour workshop of at most `maxSize` people.
  static func workshop(_ id: String, maxSize: Int, runs: Int = 1) -> Session {
    talk(id, kind: .workshop, audience: nil, maxSize: maxSize, runs: runs)
  }

  static func instance(
    days: Int = 1, slots: Int = 2, lunchAfter: Int? = nil, rooms: [Room], sessions: [Session],
    speakers: [Speaker] = [], tracks: [Track] = [], participants: [Participant] = [],
    weights: Weights = timeWeights, changeover: Int = 0, seatCoverage: Double = 1
  ) -> Instance {
    var allSlots: [Slot] = []
    var allDays: [Day] = []
    var block = 0
    for d in 0..<days {
      var indices: [Int] = []
      var breaks: [Break] = []
      for i in 0..<slots {
        var start = clock(9 + i)
        if let lunch = lunchAfter, i >= lunch {
          start += 30
          if i == lunch {
            block += 1
            breaks.append(Break(title: "Lunch", start: clock(9 + i), end: clock(9 + i, 30)))
          }
        }
        allSlots.append(Slot(index: allSlots.count, day: d, start: start, end: start + 60, block: block))
        indices.append(allSlots.count - 1)
      }
      block += 1
      allDays.append(Day(id: "d\(d + 1)", date: "2024-06-0\(d + 3)", slots: indices, breaks: breaks))
    }
    let features = Array(Set(rooms.flatMap(\.features)).union(sessions.flatMap(\.requires))).sorted()
    return Instance(
      name: "tiny", timeZone: "Europe/Paris", days: allDays, slots: allSlots, rooms: rooms, tracks: tracks,
      features: features, speakers: speakers, sessions: sessions, participants: participants, weights: weights,
      changeoverMinutes: changeover, seatCoverage: seatCoverage)
  }

  /// Where a solved timetable put each run, as (session id, run) → (slot, room id), for exact expectations.
  static func placements(_ timetable: Timetable, in instance: Instance) -> [String: String] {
    var result: [String: String] = [:]
    for placement in timetable.placements {
      let session = instance.sessions[placement.run.session]
      let key = session.runs > 1 ? "\(session.id)#\(placement.run.run)" : session.id
      result[key] = "\(placement.slot)@\(instance.rooms[placement.room].id)"
    }
    return result
  }

  /// Where a solved timetable put each run, without rooms: (session id, run) → slot.
  static func starts(_ timetable: Timetable, in instance: Instance) -> [String: Int] {
    var result: [String: Int] = [:]
    for placement in timetable.placements {
      let session = instance.sessions[placement.run.session]
      result[session.runs > 1 ? "\(session.id)#\(placement.run.run)" : session.id] = placement.slot
    }
    return result
  }
}
