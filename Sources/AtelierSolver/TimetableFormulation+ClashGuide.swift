import AtelierMIP

/// Two runs (`a` < `b`, indexing the formulation's runs) that participants were given together in
/// the time-relaxed assignment; `count` is the welfare at risk when they clash (Σ over those
/// participants of the smaller of the two rank weights).
struct ClashPair: Hashable {
  var a: Int
  var b: Int
  var count: Int
}

/// The clash-guide pairs the whole model leaves out (see `addClashGuide`): counted exactly in a
/// solution, and added to a neighbourhood sub-problem for the runs it frees. A pair with one run
/// fixed costs a linear term on the free run's starts; only pairs of two free runs need a row.
extension TimetableFormulation {
  /// Welfare at risk × slots in conflict over the unmodelled pairs.
  func unmodelledConflicts(in values: [Double]) -> Double {
    guard !unmodelledPairs.isEmpty else { return 0 }
    let covered = coveredSlotsByRun(values)
    var total = 0
    for pair in unmodelledPairs {
      guard let a = covered[pair.a], let b = covered[pair.b] else { continue }
      total += pair.count * Self.overlap(a, b)
    }
    return Double(total)
  }

  /// The unmodelled pairs' contribution to the search's objective (weight × conflicts).
  func unmodelledCost(in values: [Double]) -> Double {
    unmodelledPairs.isEmpty ? 0 : guideWeight * unmodelledConflicts(in: values)
  }

  /// The clash guide's part of the model objective at `values` (modelled pairs).
  func modelledGuideCost(in values: [Double]) -> Double {
    guideVariables.reduce(0) { $0 + model.variables[$1.index].objective * values[$1.index] }
  }

  /// The organisers' penalties at `values`: the model objective without the clash guide.
  func organisersValue(of values: [Double]) -> Double {
    model.objectiveValue(of: values) - modelledGuideCost(in: values)
  }

  /// Adds to `sub` (the model restricted to `kept`, which frees the runs `free`) the unmodelled pairs
  /// that involve a free run, with objective coefficients multiplied by `scale`. Returns the values
  /// of the variables it appends at the incumbent `values`, to extend the sub-problem's start.
  func addUnmodelledPairs(
    to sub: inout LinearModel, freeing free: Set<Int>, kept: [VariableID], at values: [Double], scale: Double
  ) -> [Double] {
    guard !unmodelledPairs.isEmpty else { return [] }
    var subID = [VariableID: VariableID](minimumCapacity: kept.count)
    for (i, id) in kept.enumerated() { subID[id] = VariableID(i) }
    let covered = coveredSlotsByRun(values)
    var appended: [Double] = []
    for pair in unmodelledPairs {
      let (runA, runB) = (pair.a, pair.b)
      let cost = scale * guideWeight * Double(pair.count)
      switch (free.contains(runA), free.contains(runB)) {
      case (false, false):
        continue  // a constant of this sub-problem
      case (true, false), (false, true):
        let (freeRun, fixedRun) = free.contains(runA) ? (runA, runB) : (runB, runA)
        guard let fixed = covered[fixedRun] else { continue }
        for o in optionsByRun[freeRun] {
          let shared = Self.overlap(options[o].covered, fixed)
          if shared > 0, let z = subID[options[o].z] { sub.addObjective(z, cost * Double(shared)) }
        }
      case (true, true):
        var bySlot = [Int: (terms: [LinearModel.Term], runs: Set<Int>)]()
        var atIncumbent = [Int: Double]()
        for run in [runA, runB] {
          for o in optionsByRun[run] {
            guard let z = subID[options[o].z] else { continue }
            for slot in options[o].covered {
              bySlot[slot, default: ([], [])].terms.append(.init(z))
              bySlot[slot, default: ([], [])].runs.insert(run)
              atIncumbent[slot, default: 0] += values[options[o].z.index]
            }
          }
        }
        for (slot, (terms, runs)) in bySlot.sorted(by: { $0.key < $1.key }) where runs.count == 2 {
          let y = sub.addVariable("clash-runs[\(pair.a),\(pair.b),\(slot)]", kind: .continuous, objective: cost)
          sub.addRow("clash-runs[\(pair.a),\(pair.b),\(slot)]", terms + [.init(y, -1)], upper: 1)
          appended.append(max(0, (atIncumbent[slot] ?? 0) - 1))
        }
      }
    }
    return appended
  }

  /// For each placed run, the slots it covers.
  private func coveredSlotsByRun(_ values: [Double]) -> [Int: [Int]] {
    var result = [Int: [Int]]()
    for option in options where values[option.z.index] > 0.5 { result[option.run] = option.covered }
    return result
  }

  /// Slots two runs share: both lists are the consecutive slots of one day, in order.
  static func overlap(_ a: [Int], _ b: [Int]) -> Int {
    guard let a0 = a.first, let a1 = a.last, let b0 = b.first, let b1 = b.last else { return 0 }
    return max(0, min(a1, b1) - max(a0, b0) + 1)
  }
}
