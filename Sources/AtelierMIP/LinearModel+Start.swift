/// Start solutions: checking one, and completing the continuous helper variables of one.
extension LinearModel {
  /// Whether `values` has one value per variable, within bounds, integral where required, and
  /// keeps every row (tolerance 1e-6).
  public func isFeasible(_ values: [Double], tolerance: Double = 1e-6) -> Bool {
    guard values.count == variables.count else { return false }
    for (value, variable) in zip(values, variables) {
      guard value.isFinite, value >= variable.lower - tolerance, value <= variable.upper + tolerance else { return false }
      if variable.kind != .continuous && abs(value - value.rounded()) > tolerance { return false }
    }
    return violatedRows(by: values, tolerance: tolerance).isEmpty
  }

  /// Given values for the integer variables, sets each continuous variable to the least value its
  /// rows allow (continuous variables here are penalty helpers: excess, used, span), repeating while
  /// a row still asks for more. Returns nil when some row cannot be met that way.
  public func completingContinuous(_ values: [Double], passes: Int = 8) -> [Double]? {
    guard values.count == variables.count else { return nil }
    var values = values
    for (index, variable) in variables.enumerated() where variable.kind == .continuous {
      values[index] = max(variable.lower, 0)
    }
    for _ in 0..<passes {
      var changed = false
      for r in rows.indices {
        let row = rows[r]
        let activity = row.terms.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
        // Shortfall to cover: below the lower bound, or above the upper bound.
        let need: Double
        if activity < row.lower - 1e-9 { need = row.lower - activity } else if activity > row.upper + 1e-9 {
          need = row.upper - activity
        } else { continue }
        // Raise the first continuous variable whose coefficient has the right sign.
        guard
          let term = row.terms.first(where: {
            variables[$0.variable.index].kind == .continuous && ($0.coefficient > 0) == (need > 0)
          })
        else { return nil }
        let index = term.variable.index
        let raised = values[index] + need / term.coefficient
        guard raised <= variables[index].upper + 1e-9 else { return nil }
        values[index] = raised
        changed = true
      }
      if !changed { return values }
    }
    return violatedRows(by: values).isEmpty ? values : nil
  }
}

extension LinearModel {
  /// The model left when every variable outside `free` is fixed at its value in `values`: fixed
  /// variables leave (their part moves into row bounds and the objective constant), rows with no
  /// free variable left are dropped. `variables[i]` is the original id of the restricted model's
  /// variable `i`. Sub-problems of a neighbourhood search solve far faster this way than with fixed
  /// bounds, since GLPK's simplex (presolve off) still walks every column of a model.
  public func restricted(to free: Set<VariableID>, at values: [Double]) -> (model: LinearModel, variables: [VariableID]) {
    var sub = LinearModel(name: name, sense: sense)
    var newID = [Int](repeating: -1, count: variables.count)
    var kept: [VariableID] = []
    var constant = objectiveConstant
    for (index, variable) in variables.enumerated() {
      if free.contains(VariableID(index)) {
        newID[index] = sub.addVariable(
          variable.name, kind: variable.kind, lower: variable.lower, upper: variable.upper, objective: variable.objective
        ).index
        kept.append(VariableID(index))
      } else {
        constant += variable.objective * values[index]
      }
    }
    sub.objectiveConstant = constant
    for row in rows {
      var shift = 0.0
      var terms: [Term] = []
      for term in row.terms {
        let id = newID[term.variable.index]
        if id >= 0 { terms.append(Term(VariableID(id), term.coefficient)) } else { shift += term.coefficient * values[term.variable.index] }
      }
      guard !terms.isEmpty else { continue }
      sub.addRow(row.name, terms, lower: row.lower - shift, upper: row.upper - shift)
    }
    return (sub, kept)
  }
}
