extension LinearModel {
  /// Every reason a solver would reject this model, in model terms; empty when it is well formed.
  ///
  /// Checked: finite, ordered bounds (a lower bound of `+∞` or an upper bound of `−∞` included),
  /// integral bounds on integer and binary variables, binary bounds within [0, 1], finite objective
  /// coefficients and constant, row terms on existing variables with finite non-zero coefficients,
  /// and no variable twice in one row. Backends call it before touching a solver, because GLPK
  /// aborts the whole process on such input instead of returning an error.
  public var validationErrors: [String] {
    var errors: [String] = []
    if !objectiveConstant.isFinite {
      errors.append("objective constant is \(objectiveConstant)")
    }
    for (index, variable) in variables.enumerated() {
      let label = "variable '\(variable.name)' (#\(index))"
      errors.append(contentsOf: Self.boundErrors(label, lower: variable.lower, upper: variable.upper))
      if !variable.objective.isFinite {
        errors.append("\(label): objective coefficient is \(variable.objective)")
      }
      guard variable.kind != .continuous, !variable.lower.isNaN, !variable.upper.isNaN else { continue }
      for (side, bound) in [("lower", variable.lower), ("upper", variable.upper)]
      where bound.isFinite && bound.rounded() != bound {
        errors.append("\(label): integer variable has fractional \(side) bound \(bound)")
      }
      if variable.kind == .binary && (variable.lower < 0 || variable.upper > 1) {
        errors.append("\(label): binary variable has bounds [\(variable.lower), \(variable.upper)] outside [0, 1]")
      }
    }
    for (index, row) in rows.enumerated() {
      let label = "row '\(row.name)' (#\(index))"
      errors.append(contentsOf: Self.boundErrors(label, lower: row.lower, upper: row.upper))
      var seen = Set<VariableID>()
      for term in row.terms {
        guard variables.indices.contains(term.variable.index) else {
          errors.append("\(label): term on variable #\(term.variable.index), which does not exist")
          continue
        }
        if !seen.insert(term.variable).inserted {
          errors.append("\(label): variable '\(variables[term.variable.index].name)' appears twice")
        }
        if !term.coefficient.isFinite || term.coefficient == 0 {
          errors.append(
            "\(label): coefficient \(term.coefficient) on variable '\(variables[term.variable.index].name)'")
        }
      }
    }
    return errors
  }

  /// Whether the objective takes only integer values on integer solutions: integer coefficients on
  /// integer variables, none on continuous ones, and an integer constant.
  public var hasIntegralObjective: Bool {
    guard objectiveConstant.isFinite, objectiveConstant.rounded() == objectiveConstant else { return false }
    return variables.allSatisfy { variable in
      variable.objective == 0
        || (variable.kind != .continuous && variable.objective.isFinite
          && variable.objective.rounded() == variable.objective)
    }
  }

  private static func boundErrors(_ label: String, lower: Double, upper: Double) -> [String] {
    if lower.isNaN || upper.isNaN { return ["\(label): bound is NaN ([\(lower), \(upper)])"] }
    if lower == .infinity { return ["\(label): lower bound is +∞"] }
    if upper == -.infinity { return ["\(label): upper bound is −∞"] }
    if lower > upper { return ["\(label): lower bound \(lower) > upper bound \(upper)"] }
    return []
  }
}
