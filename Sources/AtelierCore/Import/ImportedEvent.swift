/// What `atelier import` makes of a file organisers already have (a pretalx/frab/c3voc schedule, a
/// spreadsheet of sessions): an event in the instance format to complete, the published timetable
/// when the source places every session, and what the import found to say about it.
///
/// Plain values: `PretalxImporter` and `SessionsImporter` build it, `ImportedEvent+Files` renders
/// it as `event.yaml` and `schedule.json` in memory; the command writes the files.
public struct ImportedEvent: Sendable, Hashable {
  /// Where one run was published: ids of the event file and minutes after local midnight.
  public struct PublishedRun: Sendable, Hashable {
    public var session: String
    public var run: Int
    public var day: String
    public var start: Int
    public var room: String

    public init(session: String, run: Int, day: String, start: Int, room: String) {
      self.session = session
      self.run = run
      self.day = day
      self.start = start
      self.room = room
    }
  }

  /// The event, as `event.yaml` will hold it.
  public var event: InstanceFile
  /// Every run where the source placed it; `nil` when some session has no complete placement
  /// (then no `schedule.json` is written).
  public var published: [PublishedRun]?
  /// Indices into `event.rooms` of the rooms whose capacity is a placeholder (the source gave none).
  public var placeholderCapacities: [Int]
  /// What the import found: errors (nothing is written), warnings and notes.
  public var diagnostics: [Diagnostic]
  /// The command that made it (`atelier import pretalx`) and the source file's name, for the
  /// header of `event.yaml` (no folder: the same input gives the same bytes wherever it lies).
  public var origin: String

  public init(
    event: InstanceFile, published: [PublishedRun]?, placeholderCapacities: [Int], diagnostics: [Diagnostic],
    origin: String
  ) {
    self.event = event
    self.published = published
    self.placeholderCapacities = placeholderCapacities
    self.diagnostics = diagnostics
    self.origin = origin
  }

  /// The capacity written for a room whose source gives none, marked in `event.yaml` and warned about.
  public static let placeholderCapacity = 100
  /// A gap of at least this many minutes in which nothing was published becomes a break (sessions
  /// never run across it); a shorter one stays a gap inside the block (a changeover).
  public static let breakMinutes = 30
}
