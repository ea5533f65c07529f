import AtelierCore

/// What a seat in a workshop run is worth to a participant: the rank weight L + 1 − k for their
/// k-th choice (L = the longest list of choices), plus `keepBonus` (more than any rank step) for an
/// assignment a published schedule already gave them. Shared by the assignment, its time-relaxed
/// bound and the checker's recomputation (which keeps its own copy of the rule).
struct WelfareWeights {
  let rankWeights: [Double]
  let keepBonus: Double
  let kept: Set<Timetable.Assignment>

  init(instance: Instance, kept: Set<Timetable.Assignment> = []) {
    let longest = instance.participants.map(\.choices.count).max() ?? 1
    rankWeights = (1...max(1, longest)).map { Double(longest + 1 - $0) }
    keepBonus = Double(longest)
    self.kept = kept
  }

  func weight(participant p: Int, run: SessionRun, rank: Int) -> Double {
    rankWeights[min(rank - 1, rankWeights.count - 1)]
      + (kept.contains(Timetable.Assignment(participant: p, run: run)) ? keepBonus : 0)
  }
}
