/// A what-if scenario (`atelier-scenario/1`, documented in `docs/scenarios.md`): a named list of
/// changes to an instance, applied in order to the instance's file form (`InstanceFile` and its
/// participants table) so that the changed instance is validated by the normal loader.
public struct Scenario: Sendable, Hashable {
  /// A safe folder name: the `name:` key, else the file name without its extension.
  public var name: String
  public var title: String?
  public var description: String?
  public var changes: [ScenarioChange]
  /// The scenario file, for diagnostics.
  public var file: String
  /// Where each change is written in the file (line and column of the change's item).
  public var changeLocations: [Diagnostic.Location]
  /// Where every value is written, by key path (empty for a scenario built in code).
  public var marks = ScenarioMarks()

  public init(
    name: String, title: String? = nil, description: String? = nil, changes: [ScenarioChange],
    file: String = "scenario.yaml", changeLocations: [Diagnostic.Location] = []
  ) {
    self.name = name
    self.title = title
    self.description = description
    self.changes = changes
    self.file = file
    self.changeLocations = changeLocations
  }

  /// Where change `index` (or a value inside it, `subpath` such as `close_room.day`) is written.
  public func location(ofChange index: Int, _ subpath: String? = nil) -> Diagnostic.Location {
    let path = "changes[\(index)]" + (subpath.map { ".\($0)" } ?? "")
    if let position = marks.position(of: path) {
      return Diagnostic.Location(file: file, line: position.line, column: position.column, path: path)
    }
    var location =
      changeLocations.indices.contains(index) ? changeLocations[index] : Diagnostic.Location(file: file)
    location.path = path
    return location
  }
}

/// The file form of a scenario: plain `Codable` values with the file's spelling.
public struct ScenarioFile: Codable, Sendable, Hashable {
  /// `atelier-scenario/1`.
  public var format: String?
  public var name: String?
  public var title: String?
  public var description: String?
  public var changes: [ScenarioChange]

  public init(
    format: String? = "atelier-scenario/1", name: String? = nil, title: String? = nil, description: String? = nil,
    changes: [ScenarioChange]
  ) {
    self.format = format
    self.name = name
    self.title = title
    self.description = description
    self.changes = changes
  }
}

/// One change of a scenario. In the file, each change is a one-key mapping whose key names its
/// kind: `- close_room: {room: salon-trannin, day: d2, start: "08:30", end: "13:00"}`.
public enum ScenarioChange: Sendable, Hashable {
  /// The room cannot be used during a window (a whole day without times; the whole event without a day).
  case closeRoom(RoomWindow)
  /// The room seats fewer people for the whole event.
  case shrinkRoom(RoomCapacity)
  /// A new session, written as in `event.yaml`.
  case addSession(InstanceFile.SessionEntry)
  /// The session is cancelled: removed with its runs, from other sessions' `after` and from choices.
  case removeSession(SessionReference)
  /// Some fields of a session take new values (the others are kept).
  case changeSession(SessionChange)
  /// The speaker withdraws: removed from every session; sessions left without a speaker are cancelled.
  case cancelSpeaker(SpeakerReference)
  /// The speaker cannot be there during a window (a whole day without times; the event without a day).
  case speakerUnavailable(SpeakerWindow)
  /// The speaker can now come only within these windows (replaces the speaker's `available`).
  case speakerAvailable(SpeakerAvailability)
  /// Run `run` (default 1) is pinned to the given day, start and room (replacing its pin).
  case pinSession(SessionPin)
  /// Run `run`'s pin (every run's pins without `run`) is removed: the solver chooses.
  case unpinSession(SessionUnpin)
  /// `count` more participants, each a copy of an existing one drawn with a seed (new ids).
  case addParticipants(ParticipantAddition)
  /// Participants resampled to `factor` × their number and every stated `audience` scaled.
  case scaleDemand(DemandScale)
  /// Objective weights (and `workshops_per_participant`) overridden.
  case setWeights(InstanceFile.WeightsEntry)

  /// The keys that name kinds in the file, in documentation order.
  public static let kinds = [
    "close_room", "shrink_room", "add_session", "remove_session", "change_session", "cancel_speaker",
    "speaker_unavailable", "speaker_available", "pin_session", "unpin_session", "add_participants",
    "scale_demand", "set_weights",
  ]

  /// The key naming this change's kind in the file.
  public var kind: String {
    switch self {
    case .closeRoom: "close_room"
    case .shrinkRoom: "shrink_room"
    case .addSession: "add_session"
    case .removeSession: "remove_session"
    case .changeSession: "change_session"
    case .cancelSpeaker: "cancel_speaker"
    case .speakerUnavailable: "speaker_unavailable"
    case .speakerAvailable: "speaker_available"
    case .pinSession: "pin_session"
    case .unpinSession: "unpin_session"
    case .addParticipants: "add_participants"
    case .scaleDemand: "scale_demand"
    case .setWeights: "set_weights"
    }
  }

  public struct RoomWindow: Codable, Sendable, Hashable {
    public var room: String
    public var day: String?
    public var start: String?
    public var end: String?
    public init(room: String, day: String? = nil, start: String? = nil, end: String? = nil) {
      self.room = room
      self.day = day
      self.start = start
      self.end = end
    }
  }

  public struct RoomCapacity: Codable, Sendable, Hashable {
    public var room: String
    public var capacity: Int
    public init(room: String, capacity: Int) {
      self.room = room
      self.capacity = capacity
    }
  }

  public struct SessionReference: Codable, Sendable, Hashable {
    public var session: String
    public init(session: String) { self.session = session }
  }

  /// `change_session`: the session's id, then any field of a session but `id`.
  public struct SessionChange: Codable, Sendable, Hashable {
    public var session: String
    public var title: String?
    public var kind: String?
    public var duration: Int?
    public var speakers: [String]?
    public var track: String?
    public var requires: [String]?
    public var audience: Int?
    public var maxSize: Int?
    public var runs: Int?
    public var exclusive: Bool?
    public var pin: InstanceFile.PinEntry?
    public var pins: [InstanceFile.PinEntry]?
    public var after: [String]?
    /// Relations (issue 17): each replaces the session's own list.
    public var before: [String]?
    public var sameSlot: [String]?
    public var differentSlot: [String]?
    public var sameDay: [String]?
    public var prefer: [InstanceFile.WindowEntry]?
    public var avoid: [InstanceFile.WindowEntry]?
    public var description: String?

    public init(session: String) { self.session = session }

    enum CodingKeys: String, CodingKey {
      case session, title, kind, duration, speakers, track, requires, audience, runs, exclusive, pin, pins, after, before
      case prefer, avoid, description
      case maxSize = "max_size"
      case sameSlot = "same_slot"
      case differentSlot = "different_slot"
      case sameDay = "same_day"
    }

    /// The file keys this change sets, in a fixed order (for descriptions).
    public var fieldsSet: [String] {
      var fields: [String] = []
      if title != nil { fields.append("title") }
      if kind != nil { fields.append("kind") }
      if duration != nil { fields.append("duration") }
      if speakers != nil { fields.append("speakers") }
      if track != nil { fields.append("track") }
      if requires != nil { fields.append("requires") }
      if audience != nil { fields.append("audience") }
      if maxSize != nil { fields.append("max_size") }
      if runs != nil { fields.append("runs") }
      if exclusive != nil { fields.append("exclusive") }
      if pin != nil { fields.append("pin") }
      if pins != nil { fields.append("pins") }
      if after != nil { fields.append("after") }
      if before != nil { fields.append("before") }
      if sameSlot != nil { fields.append("same_slot") }
      if differentSlot != nil { fields.append("different_slot") }
      if sameDay != nil { fields.append("same_day") }
      if prefer != nil { fields.append("prefer") }
      if avoid != nil { fields.append("avoid") }
      if description != nil { fields.append("description") }
      return fields
    }
  }

  public struct SpeakerReference: Codable, Sendable, Hashable {
    public var speaker: String
    public init(speaker: String) { self.speaker = speaker }
  }

  public struct SpeakerWindow: Codable, Sendable, Hashable {
    public var speaker: String
    public var day: String?
    public var start: String?
    public var end: String?
    public init(speaker: String, day: String? = nil, start: String? = nil, end: String? = nil) {
      self.speaker = speaker
      self.day = day
      self.start = start
      self.end = end
    }
  }

  public struct SpeakerAvailability: Codable, Sendable, Hashable {
    public var speaker: String
    public var windows: [InstanceFile.WindowEntry]
    public init(speaker: String, windows: [InstanceFile.WindowEntry]) {
      self.speaker = speaker
      self.windows = windows
    }
  }

  public struct SessionPin: Codable, Sendable, Hashable {
    public var session: String
    /// 1-based; default 1.
    public var run: Int?
    public var day: String?
    public var start: String?
    public var room: String?
    public init(session: String, run: Int? = nil, day: String? = nil, start: String? = nil, room: String? = nil) {
      self.session = session
      self.run = run
      self.day = day
      self.start = start
      self.room = room
    }
  }

  public struct SessionUnpin: Codable, Sendable, Hashable {
    public var session: String
    /// 1-based; nil = every run.
    public var run: Int?
    public init(session: String, run: Int? = nil) {
      self.session = session
      self.run = run
    }
  }

  public struct ParticipantAddition: Codable, Sendable, Hashable {
    public var count: Int
    /// Seed of the draw (default 1): the same seed gives the same participants.
    public var seed: Int?
    /// Copy only participants who attend every one of these days.
    public var days: [String]?
    /// Prefix of the new ids (default `extra-`): `extra-0001`, …
    public var idPrefix: String?
    public init(count: Int, seed: Int? = nil, days: [String]? = nil, idPrefix: String? = nil) {
      self.count = count
      self.seed = seed
      self.days = days
      self.idPrefix = idPrefix
    }
    enum CodingKeys: String, CodingKey {
      case count, seed, days
      case idPrefix = "id_prefix"
    }
  }

  public struct DemandScale: Codable, Sendable, Hashable {
    public var factor: Double
    public var seed: Int?
    public init(factor: Double, seed: Int? = nil) {
      self.factor = factor
      self.seed = seed
    }
  }
}

extension ScenarioChange: Codable {
  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    guard container.allKeys.count == 1, let key = container.allKeys.first else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "a change is a mapping with exactly one key, its kind"))
    }
    switch key.stringValue {
    case "close_room": self = .closeRoom(try container.decode(RoomWindow.self, forKey: key))
    case "shrink_room": self = .shrinkRoom(try container.decode(RoomCapacity.self, forKey: key))
    case "add_session": self = .addSession(try container.decode(InstanceFile.SessionEntry.self, forKey: key))
    case "remove_session": self = .removeSession(try container.decode(SessionReference.self, forKey: key))
    case "change_session": self = .changeSession(try container.decode(SessionChange.self, forKey: key))
    case "cancel_speaker": self = .cancelSpeaker(try container.decode(SpeakerReference.self, forKey: key))
    case "speaker_unavailable": self = .speakerUnavailable(try container.decode(SpeakerWindow.self, forKey: key))
    case "speaker_available": self = .speakerAvailable(try container.decode(SpeakerAvailability.self, forKey: key))
    case "pin_session": self = .pinSession(try container.decode(SessionPin.self, forKey: key))
    case "unpin_session": self = .unpinSession(try container.decode(SessionUnpin.self, forKey: key))
    case "add_participants": self = .addParticipants(try container.decode(ParticipantAddition.self, forKey: key))
    case "scale_demand": self = .scaleDemand(try container.decode(DemandScale.self, forKey: key))
    case "set_weights": self = .setWeights(try container.decode(InstanceFile.WeightsEntry.self, forKey: key))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: key, in: container, debugDescription: "unknown change '\(key.stringValue)'")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    let key = Key(kind)
    switch self {
    case .closeRoom(let value): try container.encode(value, forKey: key)
    case .shrinkRoom(let value): try container.encode(value, forKey: key)
    case .addSession(let value): try container.encode(value, forKey: key)
    case .removeSession(let value): try container.encode(value, forKey: key)
    case .changeSession(let value): try container.encode(value, forKey: key)
    case .cancelSpeaker(let value): try container.encode(value, forKey: key)
    case .speakerUnavailable(let value): try container.encode(value, forKey: key)
    case .speakerAvailable(let value): try container.encode(value, forKey: key)
    case .pinSession(let value): try container.encode(value, forKey: key)
    case .unpinSession(let value): try container.encode(value, forKey: key)
    case .addParticipants(let value): try container.encode(value, forKey: key)
    case .scaleDemand(let value): try container.encode(value, forKey: key)
    case .setWeights(let value): try container.encode(value, forKey: key)
    }
  }
}
