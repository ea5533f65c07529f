import AtelierCore

/// What a seat in a workshop run is worth to a participant: the rank weight of their choice
/// (`weights.ranks[k − 1]` for rank k, ranks beyond the table weighing its last entry; by default
/// L + 1 − k, L = the longest list of choices), plus `keepBonus` (more than any rank weight) for an
/// assignment a published schedule already gave them. Ranks may tie (`Participant.ranks`). Shared
/// by the assignment, its time-relaxed bound and the statistics; the checker keeps its own copy of
/// the rule.
struct WelfareWeights {
  let rankWeights: [Double]
  let keepBonus: Double
  /// A seat anywhere (rank 0: a workshop the participant did not choose, `weights.anywhere`).
  let anywhere: Double
  let kept: Set<Timetable.Assignment>
  /// Every weight is a whole number, so every welfare is: bounds may round down.
  let integral: Bool

  init(instance: Instance, kept: Set<Timetable.Assignment> = []) {
    let longest = instance.participants.map(\.choices.count).max() ?? 1
    if let table = instance.weights.ranks, !table.isEmpty {
      rankWeights = table
    } else {
      rankWeights = (1...max(1, longest)).map { Double(longest + 1 - $0) }
    }
    keepBonus = max(1, (rankWeights.max() ?? 1).rounded(.up))
    self.kept = kept
    anywhere = instance.weights.anywhere
    let seatsAnywhere = instance.participants.contains { $0.takesUnchosen(in: instance) }
    integral = rankWeights.allSatisfy { $0 == $0.rounded() } && (!seatsAnywhere || anywhere == anywhere.rounded())
  }

  /// The weight of rank `rank` (1 = most wanted; 0 = a seat anywhere).
  func rankWeight(_ rank: Int) -> Double {
    rank == 0 ? anywhere : rankWeights[max(0, min(rank - 1, rankWeights.count - 1))]
  }

  func weight(participant p: Int, run: SessionRun, rank: Int) -> Double {
    rankWeight(rank) + (kept.contains(Timetable.Assignment(participant: p, run: run)) ? keepBonus : 0)
  }

  /// A welfare value as reported: whole when every weight is, else to 1e-6.
  func rounded(_ value: Double) -> Double { integral ? value.rounded() : (value * 1e6).rounded() / 1e6 }
}
