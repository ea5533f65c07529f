/// `schedule.json`, Atelier's documented output format (`docs/schedule-format.md`): what was solved,
/// how well, and every session run with its day, times (ISO 8601 with offset) and room.
/// `atelier check` reads it back, so a hand-edited file is checked like one we wrote.
public struct Schedule: Codable, Sendable, Hashable {
  public var format: String = "atelier-schedule/1"
  public var instance: InstanceReference
  public var status: Status
  public var objective: Objective?
  /// The participant assignment's objective (welfare and its bound), when participants were assigned.
  public var assignmentObjective: Objective?
  /// What the solver proved, per side, in each side's units (nil for hand-made schedules).
  public var proof: Proof?
  public var runs: [Run]
  public var assignments: [AssignmentEntry]?
  public var statistics: Statistics?

  public init(
    instance: InstanceReference, status: Status, objective: Objective? = nil, runs: [Run],
    assignments: [AssignmentEntry]? = nil, statistics: Statistics? = nil
  ) {
    self.instance = instance
    self.status = status
    self.objective = objective
    self.runs = runs
    self.assignments = assignments
    self.statistics = statistics
  }

  enum CodingKeys: String, CodingKey {
    case format, instance, status, objective, proof, runs, assignments, statistics
    case assignmentObjective = "assignment_objective"
  }

  /// The proof of a solve (docs/solver.md, "What is proved"): the score S = welfare − penalties is
  /// at most `score.bound` = (the most welfare any timetable allows) − (the organisers' proven
  /// minimum), because only "a participant is in one place at a time" is relaxed between them.
  public struct Proof: Codable, Sendable, Hashable {
    /// Participants: welfare (Σ rank weights of the assignment) against the most any timetable
    /// allows. Nil when nobody was assigned.
    public var participants: Side?
    /// Organisers: the penalties (soft terms) against their proven minimum.
    public var organisers: Side
    /// The combined score S = welfare − penalties against its upper bound; `relativeGap` is
    /// what `--gap` is compared with.
    public var score: Side
    /// Every part is proved: welfare at its bound and penalties at their minimum.
    public var proven: Bool
    /// What ended the timetable search (issue 16); nil in schedules written before it was recorded.
    public var stop: StopReason?
    public init(participants: Side?, organisers: Side, score: Side, proven: Bool, stop: StopReason? = nil) {
      self.participants = participants
      self.organisers = organisers
      self.score = score
      self.proven = proven
      self.stop = stop
    }
  }

  /// Why the timetable search stopped. Only a time limit or an interrupt makes the result depend on
  /// the machine; the others are the same on any machine for the same input.
  public enum StopReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// The penalties reached their proven minimum: no timetable is better for the organisers.
    case proven
    /// The work budget (sub-problems of the neighbourhood search, or branch-and-bound nodes) was spent.
    case workBudget = "work_budget"
    /// The neighbourhood search went two rounds without an improvement.
    case searchIdle = "search_idle"
    /// `--time-limit` ended it.
    case timeLimit = "time_limit"
    /// Ctrl-C or SIGTERM ended it.
    case interrupted

    /// For the terminal and report.md.
    public var description: String {
      switch self {
      case .proven: "the penalties reached their proven minimum"
      case .workBudget: "work budget spent"
      case .searchIdle: "search idle (two rounds without improvement)"
      case .timeLimit: "time limit"
      case .interrupted: "interrupted"
      }
    }
  }

  /// One side of the proof: what was achieved, the bound, and the distance between them in the
  /// side's own units (`gap`, never negative) and as a share of the bound or value.
  public struct Side: Codable, Sendable, Hashable {
    public var value: Double
    /// Nil when no bound is known (a time limit stopped its computation).
    public var bound: Double?
    public var gap: Double?
    public var relativeGap: Double?
    public init(value: Double, bound: Double?, gap: Double?, relativeGap: Double?) {
      self.value = value
      self.bound = bound
      self.gap = gap
      self.relativeGap = relativeGap
    }
    enum CodingKeys: String, CodingKey {
      case value, bound, gap
      case relativeGap = "relative_gap"
    }
  }

  public struct InstanceReference: Codable, Sendable, Hashable {
    public var name: String
    public var hash: String
    public init(name: String, hash: String) {
      self.name = name
      self.hash = hash
    }
  }

  public enum Status: String, Codable, Sendable, Hashable {
    /// Proven optimal (within the requested gap, 0 by default).
    case optimal
    /// A valid schedule, not proven optimal: the search stopped (time limit, interrupt) with a gap.
    case feasible
    case infeasible
    /// Written or edited by hand: nothing is claimed about its quality.
    case manual
    /// Breaks hard rules (exported with `--allow-violations` to look at): not for publication.
    case draft
  }

  public struct Objective: Codable, Sendable, Hashable {
    public var value: Double
    public var bound: Double?
    /// Relative gap between value and bound, 0 when proven optimal.
    public var gap: Double?
    public var terms: [Term]
    public init(value: Double, bound: Double? = nil, gap: Double? = nil, terms: [Term] = []) {
      self.value = value
      self.bound = bound
      self.gap = gap
      self.terms = terms
    }
  }

  public struct Term: Codable, Sendable, Hashable {
    public var name: String
    public var weight: Double
    /// The term's raw amount (conflicts, empty seats, …) before weighting.
    public var amount: Double
    /// `weight × amount`: its contribution to the objective.
    public var contribution: Double
    public init(name: String, weight: Double, amount: Double, contribution: Double) {
      self.name = name
      self.weight = weight
      self.amount = amount
      self.contribution = contribution
    }
  }

  public struct Run: Codable, Sendable, Hashable {
    public var session: String
    public var run: Int
    public var title: String?
    public var kind: String?
    public var day: String
    /// ISO 8601 with offset: `2022-09-28T10:45:00+02:00`.
    public var start: String
    public var end: String?
    public var room: String
    public var speakers: [String]?
    public var track: String?
    /// The rooms the run is also streamed into (its session's `overflow_rooms`), for readers of the
    /// file; absent when none. Not read back: the instance says them.
    public var overflowRooms: [String]?
    enum CodingKeys: String, CodingKey {
      case session, run, title, kind, day, start, end, room, speakers, track
      case overflowRooms = "overflow_rooms"
    }
    public init(
      session: String, run: Int, title: String? = nil, kind: String? = nil, day: String, start: String,
      end: String? = nil, room: String, speakers: [String]? = nil, track: String? = nil
    ) {
      self.session = session
      self.run = run
      self.title = title
      self.kind = kind
      self.day = day
      self.start = start
      self.end = end
      self.room = room
      self.speakers = speakers
      self.track = track
    }
  }

  public struct AssignmentEntry: Codable, Sendable, Hashable {
    public var participant: String
    public var session: String
    public var run: Int
    /// 1 = first choice.
    public var rank: Int?
    public init(participant: String, session: String, run: Int, rank: Int? = nil) {
      self.participant = participant
      self.session = session
      self.run = run
      self.rank = rank
    }
  }

  public struct Statistics: Codable, Sendable, Hashable {
    public var participants: Int
    public var gotFirstChoice: Int
    public var gotTopThree: Int
    public var gotAllAsked: Int
    /// `rankHistogram[k]` participants-runs at choice rank k + 1.
    public var rankHistogram: [Int]
    public var worstOff: [String]
    public var unmetDemand: [UnmetDemand]
    /// Workshop runs that do not take place, below their minimum size (`min_size_policy: cancel`),
    /// as `session#run`; absent when none is.
    public var cancelledRuns: [String]?
    /// Seats given to participants who sit anywhere, in workshops they did not choose; absent when none.
    public var seatedAnywhere: Int?
    /// Assignments of online attendees (issue 17), who follow a streamed run without a seat; absent when none.
    public var onlineAssignments: Int?
    /// Online attendees' choices of workshops that are not streamed, ignored; absent when none.
    public var onlineChoicesIgnored: Int?
    public init(
      participants: Int, gotFirstChoice: Int, gotTopThree: Int, gotAllAsked: Int, rankHistogram: [Int],
      worstOff: [String], unmetDemand: [UnmetDemand], cancelledRuns: [String]? = nil,
      seatedAnywhere: Int? = nil
    ) {
      self.seatedAnywhere = seatedAnywhere
      self.cancelledRuns = cancelledRuns
      self.participants = participants
      self.gotFirstChoice = gotFirstChoice
      self.gotTopThree = gotTopThree
      self.gotAllAsked = gotAllAsked
      self.rankHistogram = rankHistogram
      self.worstOff = worstOff
      self.unmetDemand = unmetDemand
    }
    enum CodingKeys: String, CodingKey {
      case participants
      case gotFirstChoice = "got_first_choice"
      case gotTopThree = "got_top_three"
      case gotAllAsked = "got_all_asked"
      case rankHistogram = "rank_histogram"
      case worstOff = "worst_off"
      case unmetDemand = "unmet_demand"
      case cancelledRuns = "cancelled_runs"
      case seatedAnywhere = "seated_anywhere"
      case onlineAssignments = "online_assignments"
      case onlineChoicesIgnored = "online_choices_ignored"
    }
  }

  /// A workshop more people wanted than got in: the organiser's signal to add a run.
  public struct UnmetDemand: Codable, Sendable, Hashable {
    public var session: String
    /// Participants who chose it.
    public var wanted: Int
    /// Participants assigned to one of its runs.
    public var placed: Int
    /// Participants who chose it, did not get it, and received fewer workshops than they asked for.
    public var turnedAway: Int
    public init(session: String, wanted: Int, placed: Int, turnedAway: Int) {
      self.session = session
      self.wanted = wanted
      self.placed = placed
      self.turnedAway = turnedAway
    }
    enum CodingKeys: String, CodingKey {
      case session, wanted, placed
      case turnedAway = "turned_away"
    }
  }
}
