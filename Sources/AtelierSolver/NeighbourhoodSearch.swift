import AtelierCore
import AtelierGLPK
import AtelierMIP
import Foundation
import Synchronization

/// Large-neighbourhood search over the timetable model: keep most runs where the incumbent has
/// them, let GLPK re-place the others (two adjacent slots, one track, or a seeded sample
/// of runs) from the incumbent, keep any improvement, repeat until two rounds bring nothing.
/// Sub-problems are solved `batchSize` at a time from one incumbent, on threads of their own, so
/// that both cores work.
/// GLPK's branch-and-bound on the whole model improves slowly on event timetables (its LP bound is
/// weak and it finds few incumbents), while these sub-problems are small enough to be solved to
/// optimality in a second or two.
struct NeighbourhoodSearch {
  let formulation: TimetableFormulation
  /// The model actually solved (possibly scaled to an integral objective); same variables as the
  /// formulation's.
  let model: LinearModel
  /// The factor `model`'s objective was scaled by (1 when it was not).
  var scale = 1.0
  /// Branch-and-bound nodes per sub-problem, and sub-problems in all: a work budget, not a time
  /// limit, so that the same input gives the same timetable on any machine (the overall time limit
  /// stays as a safety net, and a stop by it is reported as such).
  var subproblemNodes = 200
  var maxSubproblems = 300
  /// Runs freed by a sampled neighbourhood, and at most by any neighbourhood (larger ones are
  /// freed in seeded chunks): the time of a sub-problem grows much faster than its size, so many
  /// small ones beat fewer large ones (measured in docs/solver.md).
  var sampleSize = 12
  var maxNeighbourhood = 16
  /// Sub-problems solved at once, from one incumbent: fixed, not the machine's core count, so that
  /// the same input gives the same timetable on any machine.
  var batchSize = 2

  struct Outcome {
    var values: [Double]
    var objective: Double
    var improvements: Int
    var subproblems: Int
    /// What ended the search (issue 16: reported as such).
    var stop = Schedule.StopReason.searchIdle
    /// The overall time limit ended the search (the result then depends on the machine's speed).
    var stoppedByTime: Bool { stop == .timeLimit }
  }

  /// Improves `start` until two rounds bring nothing, the budget is spent, the objective meets
  /// `lowerBound` (a bound on the model's optimum, when one is known: nothing better can exist),
  /// the deadline or an interrupt. `report` is called after each sub-problem, with the incumbent
  /// and the sub-problems done (for the progress line).
  func improve(
    _ start: [Double], deadline: Date?, options: SolveOptions, lowerBound: () -> Double? = { nil },
    report: (Outcome) -> Void
  ) -> Outcome {
    var best = Outcome(values: start, objective: objectiveValue(of: start), improvements: 0, subproblems: 0)
    func atBound() -> Bool {
      guard let bound = lowerBound() else { return false }
      return best.objective <= (options.integralObjective ? (bound - 1e-6).rounded(.up) : bound) + 1e-6
    }
    if atBound() {
      best.stop = .proven
      return best
    }
    // The unmodelled guide pairs add coefficients scale × weight × count to each sub-problem.
    let integralPairs = (scale * formulation.guideWeight).rounded() == scale * formulation.guideWeight
    var generator = SplitMix64(seed: 0x4C4E_53)
    var idleRounds = 0
    // Neighbourhoods already solved at the current incumbent: solving one again gives the same
    // answer (GLPK is deterministic), so it is skipped and not counted as a sub-problem.
    var tried = Set<Set<Int>>()
    let rowsOf = rowsByVariable()
    // The every_slot binaries follow the runs that cover their slot, as continuous helpers do.
    let slotHelpers = Set(formulation.workshopSlots.map(\.variable))
    while idleRounds < 2 && best.subproblems < maxSubproblems {
      var improvedThisRound = false
      var queue = neighbourhoods(of: best.values, withRoomPairs: idleRounds > 0, using: &generator)[...]
      while !queue.isEmpty {
        var batch: [Set<Int>] = []
        while batch.count < min(batchSize, maxSubproblems - best.subproblems), let neighbourhood = queue.popFirst() {
          if tried.insert(neighbourhood).inserted { batch.append(neighbourhood) }
        }
        if options.cancellation?.isCancelled == true {
          best.stop = .interrupted
          return best
        }
        if batch.isEmpty {
          guard best.subproblems >= maxSubproblems else { continue }
          best.stop = .workBudget
          return best
        }
        let remaining = deadline?.timeIntervalSinceNow
        if let remaining, remaining <= 0.5 {
          best.stop = .timeLimit
          return best
        }
        // Every sub-problem of a batch starts from the same incumbent and is built and solved on a
        // thread of its own; the answers are then taken in order. The batch's size is fixed, not
        // the machine's core count, so that the same input gives the same timetable everywhere.
        let incumbentValues = best.values
        let freed = batch
        let answers = Mutex([Answer?](repeating: nil, count: batch.count))
        DispatchQueue.concurrentPerform(iterations: batch.count) { i in
          let sub = subproblem(
            freeing: freed[i], at: incumbentValues, rowsOf: rowsOf, slotHelpers: slotHelpers,
            integralPairs: integralPairs, remaining: remaining, options: options)
          let result = GLPKSolver().solve(sub.model, options: sub.options)
          answers.withLock { $0[i] = Answer(result: result, kept: sub.kept, settled: sub.settled) }
        }
        let incumbent = best.objective
        for answer in answers.withLock({ $0 }) {
          best.subproblems += 1
          defer { report(best) }
          guard let answer, answer.result.hasSolution else { continue }
          // An answer after an accepted one in the same batch is applied to the new incumbent:
          // it still holds when the two freed different runs, the rows and the objective decide.
          var candidate = best.values
          for (k, id) in answer.kept.enumerated() { candidate[id.index] = answer.result.values[k] }
          for (id, value) in answer.settled { candidate[id.index] = value }
          guard model.isFeasible(candidate) else { continue }
          let value = objectiveValue(of: candidate)
          if value < best.objective - 1e-6 {
            best.values = candidate
            best.objective = value
            best.improvements += 1
            improvedThisRound = true
            if atBound() {
              best.stop = .proven
              return best
            }
          }
        }
        // Neighbourhoods tried at an incumbent that has since changed may improve the new one.
        if best.objective < incumbent - 1e-6 { tried.removeAll() }
      }
      idleRounds = improvedThisRound ? 0 : idleRounds + 1
    }
    if idleRounds < 2 { best.stop = .workBudget }
    return best
  }

  /// A sub-problem's result, with the ids of its variables in the whole model.
  private struct Answer {
    var result: SolveResult
    var kept: [VariableID]
    var settled: [(variable: VariableID, value: Double)]
  }

  /// The sub-problem that frees `neighbourhood`'s runs (with the helpers their rows reach) and
  /// keeps every other variable at `values`.
  private func subproblem(
    freeing neighbourhood: Set<Int>, at values: [Double], rowsOf: [[Int]], slotHelpers: Set<VariableID>,
    integralPairs: Bool, remaining: Double?, options: SolveOptions
  ) -> (model: LinearModel, kept: [VariableID], settled: [(variable: VariableID, value: Double)], options: SolveOptions) {
    var free = Set<VariableID>()
    for u in neighbourhood {
      for o in formulation.optionsByRun[u] {
        free.insert(formulation.options[o].z)
        for (_, x) in formulation.options[o].rooms { free.insert(x) }
      }
    }
    free = withDependentHelpers(free, rowsOf: rowsOf, slotHelpers: slotHelpers)
    var (sub, kept, settled) = model.restricted(to: free, at: values)
    let appended = formulation.addUnmodelledPairs(to: &sub, freeing: neighbourhood, kept: kept, at: values, scale: scale)
    var subOptions = options
    if !integralPairs { subOptions.integralObjective = false }
    subOptions.timeLimit = remaining
    subOptions.nodeLimit = subproblemNodes
    subOptions.progress = nil
    // Cuts cost more than they save on small sub-problems, and GLPK checks its time limit only
    // between nodes.
    subOptions.tuning.cuts = false
    subOptions.initialSolution = kept.map { values[$0.index] } + appended
    return (sub, kept, settled, subOptions)
  }

  /// For each variable, the rows it appears in.
  private func rowsByVariable() -> [[Int]] {
    var rowsOf = [[Int]](repeating: [], count: model.variables.count)
    for (r, row) in model.rows.enumerated() { for term in row.terms { rowsOf[term.variable.index].append(r) } }
    return rowsOf
  }

  /// `free` with the continuous helpers its variables reach through rows (transitively through
  /// other helpers): only those can have to change when the freed runs move; every other helper
  /// keeps its incumbent value, which stays valid. Freeing every helper made each sub-problem
  /// carry the whole model's helper rows (a speaker's span, a track's rooms in every slot).
  private func withDependentHelpers(_ free: Set<VariableID>, rowsOf: [[Int]], slotHelpers: Set<VariableID>) -> Set<VariableID> {
    var free = free
    var queue = Array(free)
    var seenRows = Set<Int>()
    while let variable = queue.popLast() {
      for r in rowsOf[variable.index] where seenRows.insert(r).inserted {
        for term in model.rows[r].terms
        where (model.variables[term.variable.index].kind == .continuous || slotHelpers.contains(term.variable))
          && free.insert(term.variable).inserted
        {
          queue.append(term.variable)
        }
      }
    }
    return free
  }

  /// The objective the search minimises: the model's (penalties and clash guide), plus the guide
  /// pairs it leaves out.
  func objectiveValue(of values: [Double]) -> Double {
    model.objectiveValue(of: values) + scale * formulation.unmodelledCost(in: values)
  }

  /// Neighbourhoods (sets of run indices to free), in a fixed order for a given incumbent: each
  /// pair of adjacent slots of a day, each track, then seeded samples.
  private func neighbourhoods(of values: [Double], withRoomPairs: Bool, using generator: inout SplitMix64) -> [Set<Int>] {
    let instance = formulation.instance
    var slotOf = [Int](repeating: -1, count: formulation.runs.count)
    for option in formulation.options where values[option.z.index] > 0.5 { slotOf[option.run] = option.slot }
    var result: [Set<Int>] = []
    let runs = formulation.runs.indices
    for slots in instance.days.map(\.slots) where !slots.isEmpty {
      for (a, b) in zip(slots, slots.dropFirst()) {
        result.append(Set(runs.filter { slotOf[$0] == a || slotOf[$0] == b }))
      }
    }
    for t in instance.tracks.indices {
      result.append(Set(runs.filter { instance.sessions[formulation.runs[$0].session].track == t }))
    }
    if instance.usesBlocks {
      // Session blocks (H16–H18) tie a block's runs together: a paper moves into another room-block
      // only when that block's papers move too, which slot pairs alone do not free.
      for b in Set(instance.slots.map(\.block)).sorted() {
        result.append(Set(runs.filter { slotOf[$0] >= 0 && instance.slots[slotOf[$0]].block == b }))
      }
    }
    // A large neighbourhood is freed in seeded chunks, so that every sub-problem stays small.
    result = result.flatMap { runs -> [Set<Int>] in
      guard runs.count > maxNeighbourhood else { return [runs] }
      var order = runs.sorted()
      generator.shuffle(&order)
      let chunks = (runs.count + maxNeighbourhood - 1) / maxNeighbourhood
      return (0..<chunks).map { c in Set(order.indices.filter { $0 % chunks == c }.map { order[$0] }) }
    }
    if withRoomPairs { result += roomPairs(of: values) }
    var all = Array(runs)
    for _ in 0..<max(4, formulation.runs.count / sampleSize) {
      generator.shuffle(&all)
      result.append(Set(all.prefix(sampleSize)))
    }
    if !instance.relations.isEmpty { result = result.map(withRelatedRuns) }
    return result.filter { $0.count > 1 }
  }

  /// `runs` with every run of the sessions that must start together or share days with theirs
  /// (same_slot, same_day): the model's rows keep a relation whatever is freed, but a run freed
  /// alone could only stay where its partner holds it.
  private func withRelatedRuns(_ runs: Set<Int>) -> Set<Int> {
    let instance = formulation.instance
    let sessions = Set(runs.map { formulation.runs[$0].session })
    var partners = Set<Int>()
    for relation in instance.relations where relation.kind != .differentSlot {
      if sessions.contains(relation.first) { partners.insert(relation.second) }
      if sessions.contains(relation.second) { partners.insert(relation.first) }
    }
    guard !partners.isSubset(of: sessions) else { return runs }
    return runs.union(formulation.runs.indices.filter { partners.contains(formulation.runs[$0].session) })
  }

  /// Every run in two rooms that one track shares, its rarest room with each of its others: a
  /// track leaves a room only when its runs there move into its other rooms, which the runs
  /// already there must make way for, and neither slot pairs nor chunks of the track free both
  /// (measured in docs/solver.md). Pairs above twice the neighbourhood cap are skipped.
  private func roomPairs(of values: [Double]) -> [Set<Int>] {
    guard formulation.instance.weights.trackRoomChange > 0 else { return [] }
    let instance = formulation.instance
    var roomOf = [Int](repeating: -1, count: formulation.runs.count)
    for option in formulation.options where values[option.z.index] > 0.5 {
      for (room, x) in option.rooms where values[x.index] > 0.5 { roomOf[option.run] = room }
    }
    var runsIn = [Int: Set<Int>]()
    for (u, room) in roomOf.enumerated() where room >= 0 { runsIn[room, default: []].insert(u) }
    var result: [Set<Int>] = []
    for t in instance.tracks.indices {
      var count = [Int: Int]()
      for (u, room) in roomOf.enumerated() where room >= 0 && instance.sessions[formulation.runs[u].session].track == t {
        count[room, default: 0] += 1
      }
      guard count.count > 1 else { continue }
      let byUse = count.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map(\.key)
      let rarest = byUse[0]
      for other in byUse.dropFirst().reversed() {
        let freed = runsIn[rarest, default: []].union(runsIn[other, default: []])
        if freed.count <= 2 * maxNeighbourhood { result.append(freed) }
      }
    }
    return result
  }
}
