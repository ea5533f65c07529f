import AtelierCore

extension Schedule.Proof {
  /// The proof of a solve from its two stages: the participants' welfare against the most any
  /// timetable allows (or, when only one timetable keeps the hard rules, against the assignment's
  /// own bound), the organisers' penalties against their proven minimum, and the score between.
  /// Nil when the timetable stage found nothing.
  public init?(timetable: TimetableSolution, assignment: AssignmentSolution?) {
    guard let objective = timetable.objective else { return nil }
    let penalties = objective.value
    let minimum = timetable.status == .optimal ? penalties : objective.bound.map { min($0, penalties) }
    let organisers = Schedule.Side(
      value: penalties, bound: minimum, gap: minimum.map { Self.rounded(max(0, penalties - $0)) },
      relativeGap: minimum.map { Self.rounded(max(0, penalties - $0) / max(1, abs(penalties))) })
    var participants: Schedule.Side?
    if let assignment, let welfare = assignment.objective?.value {
      var bound = timetable.welfareBound
      if timetable.onlyTimetable {
        // The assignment of the only timetable is all participants can get.
        let own = assignment.status == .optimal ? welfare : assignment.objective?.bound
        bound = [bound, own].compactMap { $0 }.min()
      }
      participants = Schedule.Side(
        value: welfare, bound: bound, gap: bound.map { Self.rounded(max(0, $0 - welfare)) },
        relativeGap: bound.map { Self.rounded(max(0, $0 - welfare) / max(1, abs($0))) })
    }
    let score = (participants?.value ?? 0) - penalties
    let scoreBound: Double?
    if let participants {
      scoreBound = participants.bound.flatMap { welfare in minimum.map { welfare - $0 } }
    } else {
      scoreBound = minimum.map { -$0 }
    }
    let scoreGap = scoreBound.map { max(0, $0 - score) }
    self.init(
      participants: participants, organisers: organisers,
      score: Schedule.Side(
        value: Self.rounded(score), bound: scoreBound.map(Self.rounded), gap: scoreGap.map(Self.rounded),
        relativeGap: scoreGap.flatMap { gap in scoreBound.map { Self.rounded(gap / max(1, abs($0))) } }),
      proven: scoreGap.map { $0 < 1e-6 } ?? false, stop: timetable.stop)
  }

  /// Whether the proven gap of the score is within `relativeGap` (`--gap`).
  public func isWithin(relativeGap: Double) -> Bool {
    proven || (score.relativeGap.map { $0 <= relativeGap + 1e-12 } ?? false)
  }

  private static func rounded(_ value: Double) -> Double { TimetableSolver.rounded(value) }
}
