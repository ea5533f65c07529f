extension LinearModel {
  /// A relaxation of the model as independent parts, for a lower bound (an upper bound when
  /// maximising) that is cheaper to compute than the whole model's: the sum of the parts' optima
  /// (or of their LP relaxations) never exceeds the model's.
  ///
  /// `part[v]` names the part of each integer variable (nil for none). A row whose labelled
  /// variables lie in one part goes to that part; a row spanning several parts, or with no labelled
  /// variable, is dropped (a relaxation). A variable without a label is copied into every part whose
  /// rows use it, its objective coefficient shared equally among the copies (any solution of the
  /// model, copies set to its value, costs the same in the parts); one used by no kept row is
  /// settled at its cheapest bound in the constant. The model's constant goes to the first part.
  /// Returns nil when such a bound is infinite (the relaxation is unbounded). `origins[i]` is the
  /// original id of a part's variable `i` (a copy names the variable it copies), so that a
  /// solution of the model gives one of each part.
  ///
  /// Simplex time grows faster than linearly with the model, so parts of an event's days solve
  /// far faster than the whole (docs/solver.md has the figures).
  public func relaxedParts(by part: [Int?]) -> [(model: LinearModel, origins: [VariableID])]? {
    precondition(part.count == variables.count, "one label per variable")
    let labels = Array(Set(part.compactMap { $0 })).sorted()
    let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
    // Kept rows per part, and the parts each unlabelled variable appears in.
    var rowsOf = [[Row]](repeating: [], count: labels.count)
    var partsOfShared = [Int: Set<Int>]()
    for row in rows {
      var parts = Set<Int>()
      for term in row.terms { if let label = part[term.variable.index] { parts.insert(index[label]!) } }
      guard parts.count == 1, let p = parts.first else { continue }
      rowsOf[p].append(row)
      for term in row.terms where part[term.variable.index] == nil { partsOfShared[term.variable.index, default: []].insert(p) }
    }
    var models = labels.map { LinearModel(name: "\(name)-part-\($0)", sense: sense) }
    guard !models.isEmpty else { return nil }
    models[0].objectiveConstant = objectiveConstant
    var newID = [[Int: Int]](repeating: [:], count: labels.count)
    var origins = [[VariableID]](repeating: [], count: labels.count)
    for (v, variable) in variables.enumerated() {
      if let label = part[v] {
        let p = index[label]!
        newID[p][v] = models[p].addVariable(
          variable.name, kind: variable.kind, lower: variable.lower, upper: variable.upper, objective: variable.objective
        ).index
        origins[p].append(VariableID(v))
      } else if let parts = partsOfShared[v] {
        let share = variable.objective / Double(parts.count)
        for p in parts.sorted() {
          newID[p][v] = models[p].addVariable(
            variable.name, kind: variable.kind, lower: variable.lower, upper: variable.upper, objective: share
          ).index
          origins[p].append(VariableID(v))
        }
      } else if variable.objective != 0 {
        let cheaper = cheaperBound(of: variable)
        guard cheaper.isFinite else { return nil }
        models[0].objectiveConstant += variable.objective * cheaper
      }
    }
    for p in models.indices {
      for row in rowsOf[p] {
        models[p].addRow(
          row.name, row.terms.map { Term(VariableID(newID[p][$0.variable.index]!), $0.coefficient) }, lower: row.lower,
          upper: row.upper)
      }
    }
    return models.indices.map { (models[$0], origins[$0]) }
  }

  /// The model without the `dropped` variables and every row that uses one, for a bound: a
  /// relaxation (dropping rows only widens the others' choices), and the dropped variables' least
  /// cost goes to the constant. `kept[i]` is the original id of the new model's variable `i`. Nil
  /// when a dropped variable's least cost is unbounded.
  ///
  /// The timetable's clash guide has no cost in the organisers' model, but its rows and helpers
  /// made the bound's LP larger by a third on nec2022 (docs/solver.md).
  public func dropping(_ dropped: Set<VariableID>) -> (model: LinearModel, kept: [VariableID])? {
    var relaxed = LinearModel(name: name, sense: sense)
    relaxed.objectiveConstant = objectiveConstant
    var newID = [Int](repeating: -1, count: variables.count)
    var kept: [VariableID] = []
    for (v, variable) in variables.enumerated() {
      guard !dropped.contains(VariableID(v)) else {
        guard variable.objective != 0 else { continue }
        let cheaper = cheaperBound(of: variable)
        guard cheaper.isFinite else { return nil }
        relaxed.objectiveConstant += variable.objective * cheaper
        continue
      }
      newID[v] = relaxed.addVariable(
        variable.name, kind: variable.kind, lower: variable.lower, upper: variable.upper, objective: variable.objective
      ).index
      kept.append(VariableID(v))
    }
    for row in rows where !row.terms.contains(where: { dropped.contains($0.variable) }) {
      relaxed.addRow(
        row.name, row.terms.map { Term(VariableID(newID[$0.variable.index]), $0.coefficient) }, lower: row.lower,
        upper: row.upper)
    }
    return (relaxed, kept)
  }

  /// The bound at which `variable` costs least (its lower one for a cost of 0): where a variable
  /// left out of every row is settled.
  func cheaperBound(of variable: Variable, lower: Double? = nil, upper: Double? = nil) -> Double {
    (variable.objective >= 0) == (sense == .minimize) ? lower ?? variable.lower : upper ?? variable.upper
  }
}
