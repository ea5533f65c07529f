/// The instance format (v1) as written in `event.yaml` / `event.json`: plain `Codable` values with the
/// file's own spelling (ids as strings, times as `HH:MM`). `InstanceLoader` validates it and resolves
/// it into an `Instance`; `docs/instance-format.md` and `docs/instance.schema.json` document it.
public struct InstanceFile: Codable, Sendable, Hashable {
  /// `atelier/1`.
  public var format: String?
  public var name: String
  public var timeZone: String
  public var venue: String?
  public var changeoverMinutes: Int?
  public var seatCoverage: Double?
  /// Participants file, relative to the instance folder (`participants.csv` when present), and
  /// optionally which of its columns hold the id, the days and the choices.
  public var participants: ParticipantsEntry?
  public var features: [FeatureEntry]?
  public var days: [DayEntry]
  public var rooms: [RoomEntry]
  public var tracks: [TrackEntry]?
  public var speakers: [SpeakerEntry]?
  public var sessions: [SessionEntry]
  public var weights: WeightsEntry?
  /// Default `min_size` of every workshop session that gives none.
  public var minSize: Int?
  /// `cancel` (default) or `hard`.
  public var minSizePolicy: String?
  /// Default of the participants' "seat me anywhere for the rest" (default false).
  public var seatAnywhere: Bool?
  /// `every_slot`: the default of each participant's `max_workshops` (a number goes in
  /// `weights.workshops_per_participant`).
  public var maxWorkshops: String?
  /// `in_person` (default) or `online`: the default of each participant's attendance.
  public var attendance: String?

  public init(
    format: String? = "atelier/1", name: String, timeZone: String, venue: String? = nil,
    changeoverMinutes: Int? = nil, seatCoverage: Double? = nil, participants: ParticipantsEntry? = nil,
    features: [FeatureEntry]? = nil, days: [DayEntry], rooms: [RoomEntry], tracks: [TrackEntry]? = nil,
    speakers: [SpeakerEntry]? = nil, sessions: [SessionEntry], weights: WeightsEntry? = nil
  ) {
    self.format = format
    self.name = name
    self.timeZone = timeZone
    self.venue = venue
    self.changeoverMinutes = changeoverMinutes
    self.seatCoverage = seatCoverage
    self.participants = participants
    self.features = features
    self.days = days
    self.rooms = rooms
    self.tracks = tracks
    self.speakers = speakers
    self.sessions = sessions
    self.weights = weights
  }

  enum CodingKeys: String, CodingKey {
    case format, name, venue, participants, features, days, rooms, tracks, speakers, sessions, weights
    case timeZone = "time_zone"
    case changeoverMinutes = "changeover_minutes"
    case seatCoverage = "seat_coverage"
    case minSize = "min_size"
    case minSizePolicy = "min_size_policy"
    case seatAnywhere = "seat_anywhere"
    case maxWorkshops = "max_workshops"
    case attendance
  }

  /// `participants: inscriptions.csv`, or `participants: {file: inscriptions.csv, id: Email,
  /// choices: ["Atelier 1", "Atelier 2"], days: Jours}`: the file, and the columns that hold each
  /// field when their headings are not the usual ones. A column not named here is found by its heading.
  public struct ParticipantsEntry: Codable, Sendable, Hashable, ExpressibleByStringLiteral {
    public var file: String?
    public var id: String?
    public var days: String?
    /// Choice columns, most wanted first; `[]` says the file holds no choices.
    public var choices: [String]?
    public var maxWorkshops: String?
    /// What the cells of columns named after workshops hold: `ranks` (1 = most wanted, equal
    /// numbers tie; the default) or `scores` (0–10, `must`, `maybe`; higher is more wanted).
    public var preferences: String?
    /// Heading of the "seat me anywhere for the rest" column (yes/no).
    public var anywhere: String?
    /// Heading of the attendance column (in person or online).
    public var attendance: String?

    public init(
      file: String? = nil, id: String? = nil, days: String? = nil, choices: [String]? = nil,
      maxWorkshops: String? = nil, preferences: String? = nil, anywhere: String? = nil, attendance: String? = nil
    ) {
      self.anywhere = anywhere
      self.attendance = attendance
      self.file = file
      self.id = id
      self.days = days
      self.choices = choices
      self.maxWorkshops = maxWorkshops
      self.preferences = preferences
    }

    public init(stringLiteral file: String) { self.init(file: file) }

    /// True when only the file is given (written back as a plain string).
    public var namesFileOnly: Bool {
      id == nil && days == nil && choices == nil && maxWorkshops == nil && preferences == nil && anywhere == nil
        && attendance == nil
    }

    enum CodingKeys: String, CodingKey {
      case file, id, days, choices, preferences, anywhere, attendance
      case maxWorkshops = "max_workshops"
    }

    public init(from decoder: any Decoder) throws {
      if let file = try? decoder.singleValueContainer().decode(String.self) {
        self.init(file: file)
        return
      }
      let container = try decoder.container(keyedBy: CodingKeys.self)
      self.init(
        file: try container.decodeIfPresent(String.self, forKey: .file),
        id: try container.decodeIfPresent(String.self, forKey: .id),
        days: try container.decodeIfPresent(String.self, forKey: .days),
        choices: try container.decodeIfPresent([String].self, forKey: .choices),
        maxWorkshops: try container.decodeIfPresent(String.self, forKey: .maxWorkshops),
        preferences: try container.decodeIfPresent(String.self, forKey: .preferences),
        anywhere: try container.decodeIfPresent(String.self, forKey: .anywhere),
        attendance: try container.decodeIfPresent(String.self, forKey: .attendance))
    }

    public func encode(to encoder: any Encoder) throws {
      if namesFileOnly, let file {
        var container = encoder.singleValueContainer()
        try container.encode(file)
        return
      }
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encodeIfPresent(file, forKey: .file)
      try container.encodeIfPresent(id, forKey: .id)
      try container.encodeIfPresent(days, forKey: .days)
      try container.encodeIfPresent(choices, forKey: .choices)
      try container.encodeIfPresent(maxWorkshops, forKey: .maxWorkshops)
      try container.encodeIfPresent(preferences, forKey: .preferences)
      try container.encodeIfPresent(anywhere, forKey: .anywhere)
      try container.encodeIfPresent(attendance, forKey: .attendance)
    }

    /// The same columns in another file (a scenario writes its own `participants.csv`).
    public func withFile(_ file: String) -> ParticipantsEntry {
      var copy = self
      copy.file = file
      return copy
    }
  }

  public struct FeatureEntry: Codable, Sendable, Hashable {
    public var id: String
    public var description: String?
    public init(id: String, description: String? = nil) {
      self.id = id
      self.description = description
    }
  }

  /// `{start: "10:45", end: "11:45"}`.
  public struct SlotEntry: Codable, Sendable, Hashable {
    public var start: String
    public var end: String
    /// Share of those present who need a seat in this slot (overrides the event's; 0 for a meal slot).
    public var seatCoverage: Double?
    public init(start: String, end: String, seatCoverage: Double? = nil) {
      self.start = start
      self.end = end
      self.seatCoverage = seatCoverage
    }
    enum CodingKeys: String, CodingKey {
      case start, end
      case seatCoverage = "seat_coverage"
    }
  }

  public struct BreakEntry: Codable, Sendable, Hashable {
    public var title: String?
    public var start: String
    public var end: String
    /// Room ids that take the break (default: every room).
    public var rooms: [String]?
    /// Session kinds that take the break (default: every kind).
    public var kinds: [String]?
    public init(title: String? = nil, start: String, end: String, rooms: [String]? = nil, kinds: [String]? = nil) {
      self.title = title
      self.start = start
      self.end = end
      self.rooms = rooms
      self.kinds = kinds
    }
  }

  public struct DayEntry: Codable, Sendable, Hashable {
    public var id: String
    /// `YYYY-MM-DD`.
    public var date: String
    public var label: String?
    public var slots: [SlotEntry]
    public var breaks: [BreakEntry]?
    public init(id: String, date: String, label: String? = nil, slots: [SlotEntry], breaks: [BreakEntry]? = nil) {
      self.id = id
      self.date = date
      self.label = label
      self.slots = slots
      self.breaks = breaks
    }
  }

  /// A window on one day; `start`/`end` default to the whole day.
  public struct WindowEntry: Codable, Sendable, Hashable {
    public var day: String
    public var start: String?
    public var end: String?
    public init(day: String, start: String? = nil, end: String? = nil) {
      self.day = day
      self.start = start
      self.end = end
    }
  }

  public struct RoomEntry: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var capacity: Int
    public var features: [String]?
    public var kinds: [String]?
    /// When given, the room can be used only within these windows.
    public var available: [WindowEntry]?
    public var unavailable: [WindowEntry]?
    public init(
      id: String, name: String? = nil, capacity: Int, features: [String]? = nil, kinds: [String]? = nil,
      available: [WindowEntry]? = nil, unavailable: [WindowEntry]? = nil
    ) {
      self.id = id
      self.name = name
      self.capacity = capacity
      self.features = features
      self.kinds = kinds
      self.available = available
      self.unavailable = unavailable
    }
  }

  public struct TrackEntry: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var color: String?
    /// Session blocks (rules H16, H17).
    public var blocks: Bool?
    /// Tracks never in the same block (rule H18).
    public var similar: [String]?
    /// Rooms its runs should be in (term room_preference_missed).
    public var preferredRooms: [String]?
    public init(
      id: String, name: String? = nil, color: String? = nil, blocks: Bool? = nil, similar: [String]? = nil,
      preferredRooms: [String]? = nil
    ) {
      self.id = id
      self.name = name
      self.color = color
      self.blocks = blocks
      self.similar = similar
      self.preferredRooms = preferredRooms
    }
    enum CodingKeys: String, CodingKey {
      case id, name, color, blocks, similar
      case preferredRooms = "preferred_rooms"
    }
  }

  public struct SpeakerEntry: Codable, Sendable, Hashable {
    public var id: String
    public var name: String?
    public var available: [WindowEntry]?
    public var unavailable: [WindowEntry]?
    public var minPauseMinutes: Int?
    public init(
      id: String, name: String? = nil, available: [WindowEntry]? = nil, unavailable: [WindowEntry]? = nil,
      minPauseMinutes: Int? = nil
    ) {
      self.id = id
      self.name = name
      self.available = available
      self.unavailable = unavailable
      self.minPauseMinutes = minPauseMinutes
    }
    enum CodingKeys: String, CodingKey {
      case id, name, available, unavailable
      case minPauseMinutes = "min_pause_minutes"
    }
  }

  public struct PinEntry: Codable, Sendable, Hashable {
    public var day: String?
    public var start: String?
    public var room: String?
    public init(day: String? = nil, start: String? = nil, room: String? = nil) {
      self.day = day
      self.start = start
      self.room = room
    }
  }

  public struct SessionEntry: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var kind: String
    /// Minutes.
    public var duration: Int
    public var speakers: [String]?
    public var track: String?
    public var requires: [String]?
    public var audience: Int?
    public var maxSize: Int?
    /// Smallest group a run takes place with (workshops); 0 for none.
    public var minSize: Int?
    public var runs: Int?
    /// Runs may take place at the same time, in different rooms.
    public var parallelRuns: Bool?
    /// Rooms the session is also streamed into (issue 16): taken while each run lasts.
    public var overflowRooms: [String]?
    /// Online attendees may follow it (issue 17).
    public var streamed: Bool?
    /// Online attendees a run takes at most (default: no limit).
    public var onlineSeats: Int?
    /// Where the stream is watched.
    public var streamURL: String?
    public var exclusive: Bool?
    /// Shorthand for `pins: [pin]`.
    public var pin: PinEntry?
    /// `pins[i]` fixes run `i + 1`.
    public var pins: [PinEntry]?
    /// Sessions that must end before this one starts.
    public var after: [String]?
    /// Sessions that must start only after this one ends (the mirror of `after`).
    public var before: [String]?
    /// Sessions whose runs start at the same times as this one's (rule H13).
    public var sameSlot: [String]?
    /// Sessions no run of which overlaps a run of this one (rule H14).
    public var differentSlot: [String]?
    /// Sessions that run on the same days as this one (rule H15).
    public var sameDay: [String]?
    public var prefer: [WindowEntry]?
    public var avoid: [WindowEntry]?
    public var description: String?
    public init(
      id: String, title: String, kind: String, duration: Int, speakers: [String]? = nil, track: String? = nil,
      requires: [String]? = nil, audience: Int? = nil, maxSize: Int? = nil, runs: Int? = nil,
      exclusive: Bool? = nil, pin: PinEntry? = nil, pins: [PinEntry]? = nil, after: [String]? = nil,
      prefer: [WindowEntry]? = nil, avoid: [WindowEntry]? = nil, description: String? = nil
    ) {
      self.id = id
      self.title = title
      self.kind = kind
      self.duration = duration
      self.speakers = speakers
      self.track = track
      self.requires = requires
      self.audience = audience
      self.maxSize = maxSize
      self.runs = runs
      self.exclusive = exclusive
      self.pin = pin
      self.pins = pins
      self.after = after
      self.prefer = prefer
      self.avoid = avoid
      self.description = description
    }
    enum CodingKeys: String, CodingKey {
      case id, title, kind, duration, speakers, track, requires, audience, runs, exclusive, pin, pins, after, before
      case prefer, avoid, description
      case sameSlot = "same_slot"
      case differentSlot = "different_slot"
      case sameDay = "same_day"
      case maxSize = "max_size"
      case minSize = "min_size"
      case parallelRuns = "parallel_runs"
      case overflowRooms = "overflow_rooms"
      case streamed
      case onlineSeats = "online_seats"
      case streamURL = "stream_url"
    }
  }

  /// Overrides of `Weights`' defaults; every key optional.
  public struct WeightsEntry: Codable, Sendable, Hashable {
    public var coChoiceConflict: Double?
    public var trackParallel: Double?
    public var emptySeats: Double?
    public var trackRoomChange: Double?
    public var speakerMakespan: Double?
    public var preferenceMissed: Double?
    public var avoidedTime: Double?
    public var roomPreferenceMissed: Double?
    public var workshopsPerParticipant: Int?
    /// Welfare of a seat per rank, rank 1 first.
    public var ranks: [Double]?
    /// Welfare of a seat anywhere (a workshop not chosen, for participants who accept one).
    public var anywhere: Double?
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
}
