extension LinearModel {
  /// The model in CPLEX LP format, readable by GLPK (`glpsol --lp`), HiGHS, CBC and CPLEX.
  ///
  /// Names are made legal and unique (`ModelNames`); a row bounded on both sides is written as two
  /// rows (`name_lo`, `name_hi`), because GLPK's reader takes no ranges; rows free on both sides are
  /// left out; an objective constant becomes a variable `objective_constant` fixed to 1, because
  /// GLPK's reader takes no constant. Deterministic: the same model gives the same text.
  public func lpFormat() -> String {
    let layout = ModelFileLayout(self, splitRanges: true)
    var out = "\\ Model: \(Self.commentSafe(name))\n"
    out += "\\ \(variables.count) variables, \(rows.count) rows, written by Atelier\n"
    if layout.freeRowCount > 0 { out += "\\ \(layout.freeRowCount) rows free on both sides left out\n" }
    out += sense == .minimize ? "Minimize\n" : "Maximize\n"
    var objective = layout.objective
    if let constantName = layout.constantName { objective.append((objectiveConstant, constantName)) }
    if objective.isEmpty, let first = layout.variableNames.first { objective.append((0, first)) }
    out += " obj: " + Self.lpExpression(objective) + "\n"
    out += "Subject To\n"
    for row in layout.rows {
      var terms = row.terms
      // A reader needs a variable in every row; `0 x` changes nothing.
      if terms.isEmpty, let first = layout.variableNames.first { terms = [(0, first)] }
      let sense = switch row.sense { case .equal: "=" case .atLeast: ">=" case .atMost: "<=" }
      out += " \(row.name): " + Self.lpExpression(terms) + " \(sense) \(ModelNames.number(row.rhs))\n"
    }
    if layout.rows.isEmpty, let first = layout.variableNames.first, let placeholder = layout.placeholderRowName {
      // GLPK's reader needs at least one constraint.
      out += " \(placeholder): 0 \(first) >= 0\n"
    }
    out += "Bounds\n"
    var generals: [String] = []
    var binaries: [String] = []
    for (index, variable) in variables.enumerated() {
      let name = layout.variableNames[index]
      let standardBinary = variable.kind == .binary && variable.lower == 0 && variable.upper == 1
      if standardBinary {
        binaries.append(name)
        continue
      }
      if variable.kind != .continuous { generals.append(name) }
      let (lower, upper) = (variable.lower, variable.upper)
      let l = ModelNames.number(lower)
      let u = ModelNames.number(upper)
      switch (lower.isFinite, upper.isFinite) {
      case (false, false): out += " \(name) free\n"
      case (false, true): out += " -inf <= \(name) <= \(u)\n"
      case (true, false): if lower != 0 { out += " \(name) >= \(l)\n" }
      case (true, true): out += lower == upper ? " \(name) = \(l)\n" : " \(l) <= \(name) <= \(u)\n"
      }
    }
    if let constantName = layout.constantName { out += " \(constantName) = 1\n" }
    if !generals.isEmpty { out += "Generals\n" + Self.nameLines(generals) }
    if !binaries.isEmpty { out += "Binaries\n" + Self.nameLines(binaries) }
    out += "End\n"
    return out
  }

  /// The model in free MPS format, readable by GLPK (`glpsol --freemps`), HiGHS, CBC and CPLEX.
  ///
  /// MPS has no objective sense: a maximisation is written as the minimisation of the negated
  /// objective (a comment line says so), whose optimum is the negated optimum. Ranged rows use
  /// `RANGES`; rows free on both sides are left out; integer columns get explicit bounds (some
  /// readers take an unbounded integer column as binary); an objective constant becomes a column
  /// `objective_constant` fixed to 1. Deterministic.
  public func mpsFormat() -> String {
    let layout = ModelFileLayout(self, splitRanges: false)
    let sign: Double = sense == .minimize ? 1 : -1
    var out = "* Model: \(Self.commentSafe(name))\n"
    out += "* \(variables.count) variables, \(rows.count) rows, written by Atelier\n"
    if sense == .maximize {
      out += "* Maximisation written as minimisation of the negated objective: "
      out += "this file's optimum is minus the model's optimum.\n"
    }
    if layout.freeRowCount > 0 { out += "* \(layout.freeRowCount) rows free on both sides left out\n" }
    out += "NAME \(ModelNames.legal(name, fallback: "model"))\n"
    out += "ROWS\n N obj\n"
    for row in layout.rows {
      let type = switch row.sense { case .equal: "E" case .atLeast: "G" case .atMost: "L" }
      out += " \(type) \(row.name)\n"
    }
    // Column-wise entries, in row order.
    var entries = [[(String, Double)]](repeating: [], count: variables.count)
    for (index, variable) in variables.enumerated() where variable.objective != 0 {
      entries[index].append(("obj", sign * variable.objective))
    }
    for row in layout.rows {
      for term in row.source.terms { entries[term.variable.index].append((row.name, term.coefficient)) }
    }
    out += "COLUMNS\n"
    var inIntegerBlock = false
    for (index, variable) in variables.enumerated() {
      let isInteger = variable.kind != .continuous
      if isInteger != inIntegerBlock {
        out += isInteger ? " MARKER 'MARKER' 'INTORG'\n" : " MARKER 'MARKER' 'INTEND'\n"
        inIntegerBlock = isInteger
      }
      let name = layout.variableNames[index]
      // A column with no entry would vanish.
      let columnEntries = entries[index].isEmpty ? [("obj", 0.0)] : entries[index]
      for (row, value) in columnEntries { out += " \(name) \(row) \(ModelNames.number(value))\n" }
    }
    if inIntegerBlock { out += " MARKER 'MARKER' 'INTEND'\n" }
    if let constantName = layout.constantName {
      out += " \(constantName) obj \(ModelNames.number(sign * objectiveConstant))\n"
    }
    out += "RHS\n"
    for row in layout.rows where row.rhs != 0 { out += " RHS \(row.name) \(ModelNames.number(row.rhs))\n" }
    let ranged = layout.rows.filter { $0.range != nil }
    if !ranged.isEmpty {
      out += "RANGES\n"
      for row in ranged { out += " RNG \(row.name) \(ModelNames.number(row.range ?? 0))\n" }
    }
    out += "BOUNDS\n"
    for (index, variable) in variables.enumerated() {
      let name = layout.variableNames[index]
      let (lower, upper) = (variable.lower, variable.upper)
      let isInteger = variable.kind != .continuous
      if lower == upper {
        out += " FX BND \(name) \(ModelNames.number(lower))\n"
        continue
      }
      if !lower.isFinite && !upper.isFinite {
        out += " FR BND \(name)\n"
        continue
      }
      // Upper first: some readers move a zero lower bound to −∞ on a negative upper bound.
      if upper.isFinite {
        out += " UP BND \(name) \(ModelNames.number(upper))\n"
      } else if isInteger {
        out += " PL BND \(name)\n"
      }
      if !lower.isFinite {
        out += " MI BND \(name)\n"
      } else if lower != 0 || isInteger || upper < 0 {
        out += " LO BND \(name) \(ModelNames.number(lower))\n"
      }
    }
    if let constantName = layout.constantName { out += " FX BND \(constantName) 1\n" }
    out += "ENDATA\n"
    return out
  }

  private static func commentSafe(_ text: String) -> String {
    String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
  }

  /// `3 x - y + 2.5 z`, wrapped every 8 terms (CPLEX limits line length).
  private static func lpExpression(_ terms: [(Double, String)]) -> String {
    var out = ""
    for (position, (coefficient, name)) in terms.enumerated() {
      if position > 0 { out += position % 8 == 0 ? "\n   " : " " }
      let magnitude = abs(coefficient)
      let sign = coefficient < 0 || (coefficient == 0 && coefficient.sign == .minus) ? "-" : "+"
      if position > 0 || sign == "-" { out += "\(sign) " }
      out += magnitude == 1 ? name : "\(ModelNames.number(magnitude)) \(name)"
    }
    return out
  }

  private static func nameLines(_ names: [String]) -> String {
    stride(from: 0, to: names.count, by: 10).map { start in
      " " + names[start..<min(start + 10, names.count)].joined(separator: " ") + "\n"
    }.joined()
  }
}

/// Names and row pieces shared by the LP and MPS writers.
struct ModelFileLayout {
  enum RowSense { case equal, atLeast, atMost }

  struct RowPiece {
    var name: String
    var source: LinearModel.Row
    var sense: RowSense
    var rhs: Double
    /// MPS `RANGES` value (only when ranges are not split).
    var range: Double?
    var terms: [(Double, String)]
  }

  var variableNames: [String] = []
  var rows: [RowPiece] = []
  var objective: [(Double, String)] = []
  var freeRowCount = 0
  /// The fixed variable standing for the objective constant in LP files.
  var constantName: String?
  var placeholderRowName: String?

  init(_ model: LinearModel, splitRanges: Bool) {
    var variableNames = ModelNames()
    self.variableNames = model.variables.map { variableNames.claim($0.name, fallback: "x") }
    // Readers disagree on the sign of a constant given as the objective row's MPS right-hand side
    // (GLPK takes it as is, CPLEX and HiGHS negate it) and GLPK's LP reader takes no constant.
    if model.objectiveConstant != 0 {
      constantName = variableNames.claim("objective_constant", fallback: "x")
    }
    var rowNames = ModelNames(reserved: ["obj"])
    for row in model.rows {
      let terms = row.terms.map { ($0.coefficient, self.variableNames[$0.variable.index]) }
      func piece(_ suffix: String, _ sense: RowSense, _ rhs: Double, range: Double? = nil) -> RowPiece {
        let name = rowNames.claim(ModelNames.legal(row.name, fallback: "r") + suffix, fallback: "r")
        return RowPiece(name: name, source: row, sense: sense, rhs: rhs, range: range, terms: terms)
      }
      switch (row.lower.isFinite, row.upper.isFinite) {
      case (false, false): freeRowCount += 1
      case (true, false): rows.append(piece("", .atLeast, row.lower))
      case (false, true): rows.append(piece("", .atMost, row.upper))
      case (true, true) where row.lower == row.upper: rows.append(piece("", .equal, row.lower))
      case (true, true) where splitRanges:
        rows.append(piece("_lo", .atLeast, row.lower))
        rows.append(piece("_hi", .atMost, row.upper))
      case (true, true): rows.append(piece("", .atLeast, row.lower, range: row.upper - row.lower))
      }
    }
    let used = Set(rows.flatMap { $0.source.terms.map(\.variable.index) })
    if rows.isEmpty { placeholderRowName = rowNames.claim("no_constraints", fallback: "r") }
    for (index, variable) in model.variables.enumerated() {
      // Variables in no row and not in the objective still have to appear somewhere.
      if variable.objective != 0 || !used.contains(index) {
        objective.append((variable.objective, self.variableNames[index]))
      }
    }
  }
}
