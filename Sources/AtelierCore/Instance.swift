/// A validated event: everything the solver, the checker and the renderers need, with references
/// resolved to indices. Built by `InstanceLoader` from the file format (`InstanceFile`), or by the
/// generator; never constructed from unchecked input.
///
/// Times are minutes after local midnight of a day, in the event's time zone.
public struct Instance: Sendable, Hashable {
  public var name: String
  /// IANA time zone identifier, such as `Europe/Paris`.
  public var timeZone: String
  public var venue: String?
  public var days: [Day]
  /// Every slot of every day, ordered by day then start. `Slot.index` is the position here.
  public var slots: [Slot]
  public var rooms: [Room]
  public var tracks: [Track]
  /// The declared room-feature vocabulary.
  public var features: [String]
  public var speakers: [Speaker]
  public var sessions: [Session]
  public var participants: [Participant]
  public var weights: Weights
  /// Minutes a room needs between two sessions (cleaning, set-up), on top of the grid's gaps.
  public var changeoverMinutes: Int
  /// Share of the participants present on a day who must find a seat in every slot (1 = all).
  public var seatCoverage: Double
  /// SHA-256 of the instance files as read, so a schedule can say which input it answers.
  public var hash: String
  /// What a workshop run below its `Session.minSize` means (issue 17).
  public var minSizePolicy: MinSizePolicy = .cancel
  /// Default of `Participant.anywhere`: participants may be seated in any workshop for the rest of
  /// their limit (issue 17), at `Weights.anywhere` a seat.
  public var seatAnywhere = false
  /// `max_workshops: every_slot` as the event's default (issue 17): each participant whose row
  /// gives no number sits in exactly one workshop run in every slot of their days where one runs.
  public var everySlot = false
  /// Same slot, different slot and same day between pairs of sessions (rules H13–H15), each pair
  /// once per kind; `before` is folded into the later session's `Session.after` when loading.
  public var relations: [SessionRelation] = []
  /// Tracks whose runs never share a block (`tracks[].similar`, rule H18), each pair once, sorted.
  public var similarTracks: [TrackPair] = []
  /// Default of `Participant.attendance` (issue 17): `attendance: online` makes every row that says
  /// nothing an online attendee.
  public var attendance: Attendance = .inPerson

  public init(
    name: String, timeZone: String, venue: String? = nil, days: [Day], slots: [Slot], rooms: [Room],
    tracks: [Track], features: [String], speakers: [Speaker], sessions: [Session],
    participants: [Participant], weights: Weights = Weights(), changeoverMinutes: Int = 0,
    seatCoverage: Double = 1, hash: String = ""
  ) {
    self.name = name
    self.timeZone = timeZone
    self.venue = venue
    self.days = days
    self.slots = slots
    self.rooms = rooms
    self.tracks = tracks
    self.features = features
    self.speakers = speakers
    self.sessions = sessions
    self.participants = participants
    self.weights = weights
    self.changeoverMinutes = changeoverMinutes
    self.seatCoverage = seatCoverage
    self.hash = hash
  }
}

/// A half-open interval of local time on one day: [start, end) in minutes after midnight.
public struct TimeWindow: Sendable, Hashable, Codable {
  public var day: Int
  public var start: Int
  public var end: Int

  public init(day: Int, start: Int, end: Int) {
    self.day = day
    self.start = start
    self.end = end
  }

  public func overlaps(_ other: TimeWindow) -> Bool {
    day == other.day && start < other.end && other.start < end
  }

  public func contains(_ other: TimeWindow) -> Bool {
    day == other.day && start <= other.start && other.end <= end
  }
}

public struct Day: Sendable, Hashable {
  public var id: String
  /// Calendar date as `YYYY-MM-DD`.
  public var date: String
  public var label: String?
  /// Indices into `Instance.slots` of this day's slots, in time order.
  public var slots: [Int]
  public var breaks: [Break]

  public init(id: String, date: String, label: String? = nil, slots: [Int], breaks: [Break] = []) {
    self.id = id
    self.date = date
    self.label = label
    self.slots = slots
    self.breaks = breaks
  }
}

/// A period with no sessions (lunch, coffee, welcome): shown in the programme, never crossed.
/// A break that names rooms or kinds (issue 16) holds only for runs of those kinds in those rooms:
/// other runs may run through it (labs through the talks' lunch), so it does not split blocks.
public struct Break: Sendable, Hashable {
  public var title: String
  public var start: Int
  public var end: Int
  /// Indices of the rooms that take the break; nil: every room.
  public var rooms: Set<Int>?
  /// Session kinds that take the break; nil: every kind.
  public var kinds: Set<SessionKind>?

  public init(title: String, start: Int, end: Int, rooms: Set<Int>? = nil, kinds: Set<SessionKind>? = nil) {
    self.title = title
    self.start = start
    self.end = end
    self.rooms = rooms
    self.kinds = kinds
  }

  /// Every room and kind takes it: it splits the day into blocks.
  public var isGeneral: Bool { rooms == nil && kinds == nil }

  /// Whether a run of `kind` in room `room` must keep clear of the break.
  public func applies(to kind: SessionKind, inRoom room: Int) -> Bool {
    (rooms?.contains(room) ?? true) && (kinds?.contains(kind) ?? true)
  }
}

/// One cell of the day's grid. Sessions start at slot starts; a session longer than its slot runs
/// on into the following slots of the same block.
public struct Slot: Sendable, Hashable {
  public var index: Int
  public var day: Int
  public var start: Int
  public var end: Int
  /// Slots of one block follow each other with no general break in between; a session never
  /// leaves its block.
  public var block: Int
  /// Share of those present who need a seat in this slot, overriding `Instance.seatCoverage`
  /// (0 for a meal slot; issue 16).
  public var seatCoverage: Double?

  public init(index: Int, day: Int, start: Int, end: Int, block: Int, seatCoverage: Double? = nil) {
    self.index = index
    self.day = day
    self.start = start
    self.end = end
    self.block = block
    self.seatCoverage = seatCoverage
  }

  public var window: TimeWindow { TimeWindow(day: day, start: start, end: end) }
}

/// What a workshop run's minimum size means.
public enum MinSizePolicy: String, Sendable, Hashable, Codable, CaseIterable {
  /// A run with fewer participants than its minimum does not take place: it has none, and those who
  /// would have come are seated elsewhere (the assignment decides which runs take place).
  case cancel
  /// Every run takes place with at least its minimum.
  case hard
}

public enum SessionKind: String, Sendable, Hashable, Codable, CaseIterable {
  case plenary, keynote, talk
  case roundTable = "round_table"
  case workshop, pitch, retex
}

public struct Room: Sendable, Hashable {
  public var id: String
  public var name: String
  public var capacity: Int
  public var features: Set<String>
  /// Session kinds the room takes; `nil` takes every kind.
  public var kinds: Set<SessionKind>?
  /// When the room cannot be used (the complement of its availability windows, day by day).
  public var unavailable: [TimeWindow]

  public init(
    id: String, name: String, capacity: Int, features: Set<String> = [], kinds: Set<SessionKind>? = nil,
    unavailable: [TimeWindow] = []
  ) {
    self.id = id
    self.name = name
    self.capacity = capacity
    self.features = features
    self.kinds = kinds
    self.unavailable = unavailable
  }

  public func takes(_ kind: SessionKind) -> Bool { kinds?.contains(kind) ?? true }
  public func isAvailable(during window: TimeWindow) -> Bool { !unavailable.contains { $0.overlaps(window) } }
}

public struct Track: Sendable, Hashable {
  public var id: String
  public var name: String
  /// `#rrggbb`, used by the HTML programme.
  public var color: String?
  /// Session blocks (issue 16, academic conferences): a room-block (a room during one block of
  /// consecutive slots) that holds a run of this track holds runs of this track only (rule H16),
  /// and a speaker's runs of such tracks in one block are in one room (rule H17).
  public var blocks = false
  /// Rooms its runs should be in, by index (term room_preference_missed); empty: no preference.
  public var preferredRooms: [Int] = []

  public init(id: String, name: String, color: String? = nil) {
    self.id = id
    self.name = name
    self.color = color
  }
}

public struct Speaker: Sendable, Hashable {
  public var id: String
  public var name: String
  public var unavailable: [TimeWindow]
  /// Minutes the speaker needs between the end of one session and the start of the next.
  public var minPause: Int

  public init(id: String, name: String, unavailable: [TimeWindow] = [], minPause: Int = 0) {
    self.id = id
    self.name = name
    self.unavailable = unavailable
    self.minPause = minPause
  }

  public func isAvailable(during window: TimeWindow) -> Bool { !unavailable.contains { $0.overlaps(window) } }
}

/// Fixes some of a run's placement. Any field may be left free.
public struct Pin: Sendable, Hashable {
  public var day: Int?
  /// Start time in minutes after midnight.
  public var start: Int?
  public var room: Int?

  public init(day: Int? = nil, start: Int? = nil, room: Int? = nil) {
    self.day = day
    self.start = start
    self.room = room
  }
}

public struct Session: Sendable, Hashable {
  public var id: String
  public var title: String
  public var kind: SessionKind
  public var durationMinutes: Int
  /// Indices into `Instance.speakers`.
  public var speakers: [Int]
  /// Index into `Instance.tracks`.
  public var track: Int?
  public var requires: Set<String>
  /// Expected audience per run, when the instance states it; see `Instance.expectedAudience`.
  public var audience: Int?
  /// Largest group a run takes (workshops).
  public var maxSize: Int?
  /// Smallest group a run takes place with (workshops; see `Instance.minSizePolicy`).
  public var minSize: Int?
  /// How many times the session runs (repeated workshops); each run is placed separately.
  public var runs: Int
  /// Runs may take place at the same time, in different rooms (issue 17): H11 does not apply.
  /// Only for sessions without speakers (a speaker is in every run of their session).
  public var parallelRuns = false
  /// Rooms each run is also streamed into, besides the room it is placed in (issue 16): they are
  /// taken while it runs (H5, H6, H2 as for its own room) and their seats add to its own (H3, H12).
  /// They need neither its features nor its kind (a screen and seats are enough).
  public var overflowRooms: [Int] = []
  /// Online attendees may follow it (issue 17): they take no room seat, only one of `onlineSeats`.
  public var streamed = false
  /// Online attendees a run takes at most (streamed workshops); nil: no limit.
  public var onlineSeats: Int?
  /// Where the stream is watched, for the online attendees' calendars.
  public var streamURL: String?
  /// Nothing else may run in parallel (opening and closing plenaries).
  public var exclusive: Bool
  /// `pins[i]` fixes run `i + 1`.
  public var pins: [Pin]
  /// Indices of sessions that must end before any run of this one starts.
  public var after: [Int]
  public var preferred: [TimeWindow]
  public var avoided: [TimeWindow]
  public var description: String?

  public init(
    id: String, title: String, kind: SessionKind, durationMinutes: Int, speakers: [Int] = [],
    track: Int? = nil, requires: Set<String> = [], audience: Int? = nil, maxSize: Int? = nil,
    runs: Int = 1, exclusive: Bool = false, pins: [Pin] = [], after: [Int] = [],
    preferred: [TimeWindow] = [], avoided: [TimeWindow] = [], description: String? = nil, minSize: Int? = nil
  ) {
    self.minSize = minSize
    self.id = id
    self.title = title
    self.kind = kind
    self.durationMinutes = durationMinutes
    self.speakers = speakers
    self.track = track
    self.requires = requires
    self.audience = audience
    self.maxSize = maxSize
    self.runs = runs
    self.exclusive = exclusive
    self.pins = pins
    self.after = after
    self.preferred = preferred
    self.avoided = avoided
    self.description = description
  }

  public func pin(forRun run: Int) -> Pin? { run - 1 < pins.count ? pins[run - 1] : nil }
}

public struct Participant: Sendable, Hashable {
  public var id: String
  /// Indices of the days the participant attends.
  public var days: Set<Int>
  /// Ranked workshop choices, most wanted first (indices into `Instance.sessions`).
  public var choices: [Int]
  /// The rank of each choice (`ranks[i]` for `choices[i]`, non-decreasing), when ties were given
  /// (equal ranks, or scores): the competition rank, 1 + the number of choices strictly preferred,
  /// so `1, 1, 3`. Empty: the position, `i + 1`.
  public var ranks: [Int] = []
  /// How many workshops the participant wants at most; `nil` uses `Weights.workshopsPerParticipant`.
  public var maxWorkshops: Int?
  /// Line of the participants file the row came from (for diagnostics), when known.
  public var line: Int?
  /// "Seat me anywhere for the rest": beyond their choices, any workshop run on their days, from
  /// the seats ranked choices leave free; nil uses `Instance.seatAnywhere`.
  public var anywhere: Bool?
  /// `max_workshops: every_slot` in their row: exactly one workshop run in every slot of their days
  /// where one takes place; nil: the event's default (`Instance.everySlot`) unless the row gives a
  /// number.
  public var everySlot: Bool?
  /// In person or online (issue 17); nil: the event's `Instance.attendance`.
  public var attendance: Attendance?

  public init(
    id: String, days: Set<Int>, choices: [Int], ranks: [Int] = [], maxWorkshops: Int? = nil, line: Int? = nil
  ) {
    self.id = id
    self.days = days
    self.choices = choices
    self.ranks = ranks.count == choices.count ? ranks : []
    self.maxWorkshops = maxWorkshops
    self.line = line
  }
}

extension Participant {
  /// The rank of `choices[index]`: its tied rank when ranks were given, else its position + 1.
  public func rank(at index: Int) -> Int { index < ranks.count ? ranks[index] : index + 1 }

  /// Whether the participant takes any workshop for the rest of their limit.
  public func seatsAnywhere(in instance: Instance) -> Bool { anywhere ?? instance.seatAnywhere }

  /// Whether the participant sits in exactly one workshop run in every slot of their days where a
  /// workshop run takes place (`max_workshops: every_slot`), in a workshop they did not choose where
  /// needed: then they have no count limit, and those seats are not limited to the ones ranked
  /// choices leave free.
  public func fillsEverySlot(in instance: Instance) -> Bool { everySlot ?? (maxWorkshops == nil && instance.everySlot) }

  /// Whether the participant may be seated in a workshop they did not choose: they sit anywhere, or
  /// must fill every slot.
  public func takesUnchosen(in instance: Instance) -> Bool { seatsAnywhere(in: instance) || fillsEverySlot(in: instance) }

  /// The rank of session `s` among the choices, or nil when it is not among them.
  public func rank(ofSession s: Int) -> Int? { choices.firstIndex(of: s).map { rank(at: $0) } }
}

/// Weights of the soft terms. Each has a documented default; an instance's `weights:` overrides them.
public struct Weights: Sendable, Hashable, Codable {
  /// The clash guide of the timetable search, per unit of welfare at risk when two workshops a
  /// participant could get clash (docs/solver.md). Guides the search only: never in a bound or a gap.
  public var coChoiceConflict: Double = 0.5
  /// Per pair of same-track sessions scheduled in parallel.
  public var trackParallel: Double = 5
  /// Per empty seat (room capacity above the run's audience), per 100 seats.
  public var emptySeats: Double = 1
  /// Per extra room a track uses beyond its first.
  public var trackRoomChange: Double = 2
  /// Per day between a speaker's first and last session.
  public var speakerMakespan: Double = 3
  /// Per run placed outside its preferred windows.
  public var preferenceMissed: Double = 3
  /// Per run placed in an avoided window.
  public var avoidedTime: Double = 10
  /// Per run placed outside its track's `preferred_rooms` (issue 16).
  public var roomPreferenceMissed: Double = 2
  /// Default workshops per participant when a participant row gives none.
  public var workshopsPerParticipant: Int = 3
  /// Welfare of a seat per rank (`ranks[k - 1]` for rank k; ranks beyond the table weigh its last
  /// entry); nil: L + 1 − k, L the longest list of choices.
  public var ranks: [Double]?
  /// Welfare of a seat given to a participant who would sit anywhere, in a workshop they did not
  /// choose: low, below every rank weight.
  public var anywhere: Double = 0.5

  public init() {}

  enum CodingKeys: String, CodingKey {
    case coChoiceConflict = "co_choice_conflict"
    case trackParallel = "track_parallel"
    case emptySeats = "empty_seats"
    case trackRoomChange = "track_room_change"
    case speakerMakespan = "speaker_makespan"
    case preferenceMissed = "preference_missed"
    case avoidedTime = "avoided_time"
    case roomPreferenceMissed = "room_preference_missed"
    case workshopsPerParticipant = "workshops_per_participant"
    case ranks, anywhere
  }
}

/// Two tracks, `first < second` (indices into `Instance.tracks`).
public struct TrackPair: Sendable, Hashable, Comparable {
  public var first: Int
  public var second: Int

  public init(_ a: Int, _ b: Int) {
    first = min(a, b)
    second = max(a, b)
  }

  public static func < (a: TrackPair, b: TrackPair) -> Bool { (a.first, a.second) < (b.first, b.second) }
}

extension Instance {
  /// Whether any session-block rule (H16–H18) or the room preference term is in use (issue 16):
  /// all of them are opt-in, so events without them build the model they always did.
  public var usesBlocks: Bool { tracks.contains(where: \.blocks) || !similarTracks.isEmpty }
  public var usesRoomPreferences: Bool { tracks.contains { !$0.preferredRooms.isEmpty } }

  /// Whether session `s` belongs to a track with `blocks: true`.
  public func inBlockTrack(_ s: Int) -> Bool { sessions[s].track.map { tracks[$0].blocks } ?? false }

  /// Whether a run of session `s` in `room` misses its track's preferred rooms.
  public func missesPreferredRoom(session s: Int, room: Int) -> Bool {
    guard let t = sessions[s].track, !tracks[t].preferredRooms.isEmpty else { return false }
    return !tracks[t].preferredRooms.contains(room)
  }

  /// Whether runs of sessions `a` and `b` may not share a room-block (H16): their tracks differ and
  /// one of them has `blocks: true`.
  public func blockExcludes(_ a: Int, _ b: Int) -> Bool {
    let (ta, tb) = (sessions[a].track, sessions[b].track)
    return ta != tb && (inBlockTrack(a) || inBlockTrack(b))
  }
}

/// One run of a session: the unit the timetable places. Run numbers start at 1.
public struct SessionRun: Sendable, Hashable, Comparable {
  public var session: Int
  public var run: Int

  public init(session: Int, run: Int) {
    self.session = session
    self.run = run
  }

  public static func < (a: SessionRun, b: SessionRun) -> Bool { (a.session, a.run) < (b.session, b.run) }
}

extension Instance {
  /// Every run of every session, ordered by session then run.
  public var runs: [SessionRun] {
    sessions.indices.flatMap { s in (1...max(1, sessions[s].runs)).map { SessionRun(session: s, run: $0) } }
  }

  /// Participants in the venue on `day`: online attendees need no seat, so they are not counted.
  public func participantsPresent(onDay day: Int) -> Int {
    participants.reduce(0) { $0 + ($1.days.contains(day) && !$1.isOnline(in: self) ? 1 : 0) }
  }

  /// The share of those present who need a seat in slot `t`: its own, else the event's.
  public func seatCoverage(inSlot t: Int) -> Double { slots[t].seatCoverage ?? seatCoverage }

  /// Seats slot `t` must offer (H12): its seat coverage × those present that day.
  public func seatDemand(inSlot t: Int) -> Int {
    Int(saturating: (Double(participantsPresent(onDay: slots[t].day)) * seatCoverage(inSlot: t)).rounded(.up))
  }

  /// Participants present on `day` who sit in a workshop in every slot where one runs
  /// (`max_workshops: every_slot`).
  public func everySlotDemand(onDay day: Int) -> Int {
    participants.reduce(0) { $0 + ($1.days.contains(day) && $1.fillsEverySlot(in: self) && !$1.isOnline(in: self) ? 1 : 0) }
  }

  /// How many participants in person ranked each session among their choices (the seats the
  /// choices ask of rooms; online attendees take none).
  public var choiceCounts: [Int] {
    var counts = [Int](repeating: 0, count: sessions.count)
    for participant in participants where !participant.isOnline(in: self) {
      for choice in Set(participant.choices) { counts[choice] += 1 }
    }
    return counts
  }

  /// Expected audience of one run, the number its room must seat:
  /// workshops seat their maximum size; others their stated audience, else their share of the
  /// participants who chose them; exclusive sessions everyone present on `day`.
  public func expectedAudience(ofSession s: Int, onDay day: Int, choiceCounts: [Int]) -> Int {
    let session = sessions[s]
    if let maxSize = session.maxSize { return maxSize }
    if let audience = session.audience { return audience }
    if session.exclusive { return participantsPresent(onDay: day) }
    let runs = max(1, session.runs)
    return (choiceCounts[s] + runs - 1) / runs
  }

  /// Seats a run of session `s` offers in room `r` (H12, A2): its maximum size within the room's
  /// capacity, or the room's capacity.
  public func seats(ofSession s: Int, inRoom r: Int) -> Int {
    let capacity = capacity(ofSession: s, inRoom: r)
    return sessions[s].maxSize.map { min($0, capacity) } ?? capacity
  }

  /// The rooms a run of session `s` placed in room `r` takes: `r`, then its overflow rooms.
  public func occupiedRooms(bySession s: Int, inRoom r: Int) -> [Int] {
    sessions[s].overflowRooms.isEmpty ? [r] : [r] + sessions[s].overflowRooms.filter { $0 != r }
  }

  /// The seats of room `r` and of the session's overflow rooms together: the capacity the audience
  /// rule (H3) and the empty-seats term see.
  public func capacity(ofSession s: Int, inRoom r: Int) -> Int {
    occupiedRooms(bySession: s, inRoom: r).reduce(0) { $0 + rooms[$1].capacity }
  }

  /// Whether room `r` and the session's overflow rooms are all open throughout `window` and keep no
  /// break that applies to the session there.
  public func roomsOpen(forSession s: Int, inRoom r: Int, during window: TimeWindow) -> Bool {
    occupiedRooms(bySession: s, inRoom: r).allSatisfy {
      rooms[$0].isAvailable(during: window) && breakCrossed(bySession: s, inRoom: $0, during: window) == nil
    }
  }

  /// Slots of the window's day that the window overlaps (a run "overlaps slot t" for H12 and the
  /// per-slot soft terms).
  public func slots(overlapping window: TimeWindow) -> [Int] {
    days[window.day].slots.filter { slots[$0].start < window.end && window.start < slots[$0].end }
  }

  /// The window a run occupies when it starts at slot `slot`.
  public func window(ofSession s: Int, startingAt slot: Int) -> TimeWindow {
    let start = slots[slot]
    return TimeWindow(day: start.day, start: start.start, end: start.start + sessions[s].durationMinutes)
  }

  /// Where a run may start and in which rooms: each slot start that keeps it within its block and
  /// matches its pin, with every speaker free throughout, and the rooms (index order) that take its
  /// kind, have its features, seat its expected audience and are open throughout (its pinned room
  /// only). Starts with no such room are left out. The timetable's options and validate's counts of
  /// slots both start from these.
  public func placements(of run: SessionRun, choiceCounts: [Int]) -> [(slot: Int, rooms: [Int])] {
    let session = sessions[run.session]
    let pin = session.pin(forRun: run.run)
    let suitable = rooms.indices.filter { r in
      (pin?.room.map { $0 == r } ?? true) && rooms[r].takes(session.kind) && session.requires.isSubset(of: rooms[r].features)
        && !session.overflowRooms.contains(r)
    }
    var result: [(slot: Int, rooms: [Int])] = []
    for slot in slots {
      if let day = pin?.day, day != slot.day { continue }
      if let start = pin?.start, start != slot.start { continue }
      guard coveredSlots(ofSession: run.session, startingAt: slot.index) != nil else { continue }
      let window = window(ofSession: run.session, startingAt: slot.index)
      guard session.speakers.allSatisfy({ speakers[$0].isAvailable(during: window) }) else { continue }
      let audience = expectedAudience(ofSession: run.session, onDay: slot.day, choiceCounts: choiceCounts)
      let open = suitable.filter {
        capacity(ofSession: run.session, inRoom: $0) >= audience
          && roomsOpen(forSession: run.session, inRoom: $0, during: window)
      }
      if !open.isEmpty { result.append((slot.index, open)) }
    }
    return result
  }

  /// Slots a run starting at `slot` covers, or `nil` when it would leave its block
  /// (run past the block's last slot, across a break, or past the end of the day), or run through
  /// a break its kind takes in every room.
  public func coveredSlots(ofSession s: Int, startingAt slot: Int) -> Range<Int>? {
    let first = slots[slot]
    let end = first.start + sessions[s].durationMinutes
    var last = slot
    while slots[last].end < end {
      let next = last + 1
      guard next < slots.count, slots[next].block == first.block else { return nil }
      if slots[next].start >= end { break }  // ends in the gap before the next slot
      last = next
    }
    let kind = sessions[s].kind
    let crossed = days[first.day].breaks.contains { pause in
      pause.rooms == nil && pause.kinds?.contains(kind) == true && pause.start < end && first.start < pause.end
    }
    return crossed ? nil : slot..<(last + 1)
  }

  /// The first break naming rooms or kinds (general breaks end blocks instead) that a run of
  /// session `s` in room `r` would overlap during `window`, when that break applies to it.
  public func breakCrossed(bySession s: Int, inRoom r: Int, during window: TimeWindow) -> Break? {
    let kind = sessions[s].kind
    return days[window.day].breaks.first { pause in
      !pause.isGeneral && pause.applies(to: kind, inRoom: r) && pause.start < window.end && window.start < pause.end
    }
  }
}
