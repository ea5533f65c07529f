import AtelierCore

/// A tiny event built in code, small enough to check every rule by hand.
///
/// Two days in Europe/Paris (summer time, +02:00):
///
///     slot  day  time          block      rooms: 0 hall  "Main hall" 100 seats {projector, sound}
///      0    d1   09:00–10:00   0                 1 lab   "Lab"        12 seats, workshops only
///      1    d1   10:00–11:00   0                 2 salon "Salon"      30 seats, closed d1 11:30–12:30
///      2    d1   11:30–12:30   1 (lunch before)  3 studio "Studio"    60 seats {projector}
///      3    d2   09:00–10:00   2
///      4    d2   10:00–11:00   2          speakers: 0 Ada; 1 Bob (away d1 11:30–12:30); 2 Cy (pause 30)
///      5    d2   11:30–12:30   3
///
/// Sessions (all 60 minutes but `long`, 120; track 0 "Main" where marked T):
///   0 open    plenary, exclusive, Ada, needs projector, pinned d1 09:00 hall
///   1 talk-a  talk T, Bob + Ada, audience 40, preferred d1 09:00–11:00
///   2 talk-b  talk T, Cy, needs sound, audience 10, preferred d2 09:00–12:30
///   3 ws-x    workshop, 2 runs, max 10
///   4 ws-y    workshop, max 10
///   5 long    talk T, Bob, audience 50, 120 min, avoided d2 08:00–09:30
///   6 meet    round table T, audience 5
///   7 ws-v    workshop T, max 10, after ws-x
///
/// Participants: p1 d1 [ws-x, ws-y, ws-v]; p2 d1 [ws-x]; p3 d1 [ws-y, ws-x]; p4 d1 [ws-x, ws-y, ws-v];
/// p5 d2, no choices. Seats needed per slot: 4 on d1, 1 on d2.
enum TinyEvent {
  static func minutes(_ h: Int, _ m: Int = 0) -> Int { h * 60 + m }

  static var instance: Instance {
    let slots = [
      Slot(index: 0, day: 0, start: minutes(9), end: minutes(10), block: 0),
      Slot(index: 1, day: 0, start: minutes(10), end: minutes(11), block: 0),
      Slot(index: 2, day: 0, start: minutes(11, 30), end: minutes(12, 30), block: 1),
      Slot(index: 3, day: 1, start: minutes(9), end: minutes(10), block: 2),
      Slot(index: 4, day: 1, start: minutes(10), end: minutes(11), block: 2),
      Slot(index: 5, day: 1, start: minutes(11, 30), end: minutes(12, 30), block: 3),
    ]
    let lunch = [Break(title: "Lunch", start: minutes(11), end: minutes(11, 30))]
    let days = [
      Day(id: "d1", date: "2022-09-28", slots: [0, 1, 2], breaks: lunch),
      Day(id: "d2", date: "2022-09-29", slots: [3, 4, 5], breaks: lunch),
    ]
    let rooms = [
      Room(id: "hall", name: "Main hall", capacity: 100, features: ["projector", "sound"]),
      Room(id: "lab", name: "Lab", capacity: 12, kinds: [.workshop]),
      Room(
        id: "salon", name: "Salon", capacity: 30,
        unavailable: [TimeWindow(day: 0, start: minutes(11, 30), end: minutes(12, 30))]),
      Room(id: "studio", name: "Studio", capacity: 60, features: ["projector"]),
    ]
    let speakers = [
      Speaker(id: "ada", name: "Ada"),
      Speaker(id: "bob", name: "Bob", unavailable: [TimeWindow(day: 0, start: minutes(11, 30), end: minutes(12, 30))]),
      Speaker(id: "cy", name: "Cy", minPause: 30),
    ]
    let sessions = [
      Session(
        id: "open", title: "Opening", kind: .plenary, durationMinutes: 60, speakers: [0], requires: ["projector"],
        exclusive: true, pins: [Pin(day: 0, start: minutes(9), room: 0)]),
      Session(
        id: "talk-a", title: "Talk A", kind: .talk, durationMinutes: 60, speakers: [1, 0], track: 0, audience: 40,
        preferred: [TimeWindow(day: 0, start: minutes(9), end: minutes(11))]),
      Session(
        id: "talk-b", title: "Talk B", kind: .talk, durationMinutes: 60, speakers: [2], track: 0, requires: ["sound"],
        audience: 10, preferred: [TimeWindow(day: 1, start: minutes(9), end: minutes(12, 30))]),
      Session(id: "ws-x", title: "Workshop X", kind: .workshop, durationMinutes: 60, maxSize: 10, runs: 2),
      Session(id: "ws-y", title: "Workshop Y", kind: .workshop, durationMinutes: 60, maxSize: 10),
      Session(
        id: "long", title: "Long talk", kind: .talk, durationMinutes: 120, speakers: [1], track: 0, audience: 50,
        avoided: [TimeWindow(day: 1, start: minutes(8), end: minutes(9, 30))]),
      Session(id: "meet", title: "Meet-up", kind: .roundTable, durationMinutes: 60, track: 0, audience: 5),
      Session(id: "ws-v", title: "Workshop V", kind: .workshop, durationMinutes: 60, track: 0, maxSize: 10, after: [3]),
    ]
    let participants = [
      Participant(id: "p1", days: [0], choices: [3, 4, 7]),
      Participant(id: "p2", days: [0], choices: [3]),
      Participant(id: "p3", days: [0], choices: [4, 3]),
      Participant(id: "p4", days: [0], choices: [3, 4, 7]),
      Participant(id: "p5", days: [1], choices: []),
    ]
    return Instance(
      name: "Tiny", timeZone: "Europe/Paris", days: days, slots: slots, rooms: rooms,
      tracks: [Track(id: "main", name: "Main")], features: ["projector", "sound"], speakers: speakers,
      sessions: sessions, participants: participants, hash: "tiny-hash")
  }

  // Session, room and participant indices, by name.
  static let open = 0, talkA = 1, talkB = 2, wsX = 3, wsY = 4, long = 5, meet = 6, wsV = 7
  static let hall = 0, lab = 1, salon = 2, studio = 3
  static let p1 = 0, p2 = 1, p3 = 2, p4 = 3, p5 = 4

  static func run(_ session: Int, _ run: Int = 1) -> SessionRun { SessionRun(session: session, run: run) }

  static func place(_ session: Int, run k: Int = 1, slot: Int, room: Int) -> Timetable.Placement {
    Timetable.Placement(run: run(session, k), slot: slot, room: room)
  }

  static func assign(_ participant: Int, _ session: Int, run k: Int = 1) -> Timetable.Assignment {
    Timetable.Assignment(participant: participant, run: run(session, k))
  }

  /// Keeps every rule (worked through in the table above):
  ///   d1 09:00 open/hall · 10:00 talk-a/hall, ws-x#1/lab · 11:30 talk-b/hall, ws-x#2/lab
  ///   d2 09:00 long/hall (to 11:00), ws-y/lab, ws-v/studio · 11:30 meet/studio
  /// p1, p2 in ws-x run 1; p3, p4 in ws-x run 2.
  static let placements = [
    place(open, slot: 0, room: hall),
    place(talkA, slot: 1, room: hall),
    place(talkB, slot: 2, room: hall),
    place(wsX, run: 1, slot: 1, room: lab),
    place(wsX, run: 2, slot: 2, room: lab),
    place(wsY, slot: 3, room: lab),
    place(long, slot: 3, room: hall),
    place(meet, slot: 5, room: studio),
    place(wsV, slot: 3, room: studio),
  ]
  static let assignments = [
    assign(p1, wsX, run: 1), assign(p2, wsX, run: 1), assign(p3, wsX, run: 2), assign(p4, wsX, run: 2),
  ]

  static var timetable: Timetable { Timetable(placements: placements, assignments: assignments) }

  /// The valid timetable with `run` moved to `slot` and `room`.
  static func moving(_ run: SessionRun, toSlot slot: Int, room: Int) -> Timetable {
    Timetable(
      placements: placements.map { $0.run == run ? Timetable.Placement(run: run, slot: slot, room: room) : $0 },
      assignments: assignments)
  }
}
