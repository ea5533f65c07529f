/// A solution in domain terms: where each session run takes place, and which runs each participant
/// attends. Produced by the solver or read back from a `schedule.json` (`Schedule.timetable(in:)`),
/// and what the checker verifies.
public struct Timetable: Sendable, Hashable {
  public struct Placement: Sendable, Hashable {
    public var run: SessionRun
    /// Index into `Instance.slots` of the slot the run starts in.
    public var slot: Int
    public var room: Int

    public init(run: SessionRun, slot: Int, room: Int) {
      self.run = run
      self.slot = slot
      self.room = room
    }
  }

  /// One participant in one workshop run.
  public struct Assignment: Sendable, Hashable {
    public var participant: Int
    public var run: SessionRun

    public init(participant: Int, run: SessionRun) {
      self.participant = participant
      self.run = run
    }
  }

  /// Sorted by run.
  public var placements: [Placement]
  /// Sorted by participant then run.
  public var assignments: [Assignment]

  public init(placements: [Placement], assignments: [Assignment] = []) {
    self.placements = placements.sorted { $0.run < $1.run }
    self.assignments = assignments.sorted { ($0.participant, $0.run) < ($1.participant, $1.run) }
  }

  public func placement(of run: SessionRun) -> Placement? {
    placements.first { $0.run == run }
  }

  /// Runs with a minimum size and nobody assigned, under `min_size_policy: cancel`: they do not
  /// take place (their participants are seated elsewhere), so the programme leaves them out.
  /// Empty when nobody is assigned at all (a timetable before its assignment cancels nothing).
  public func cancelledRuns(in instance: Instance) -> [SessionRun] {
    guard instance.minSizePolicy == .cancel, !assignments.isEmpty else { return [] }
    let attended = Set(assignments.map(\.run))
    return placements.map(\.run).filter { run in
      instance.sessions.indices.contains(run.session) && (instance.sessions[run.session].minSize ?? 0) > 0
        && !attended.contains(run)
    }.sorted()
  }
}
