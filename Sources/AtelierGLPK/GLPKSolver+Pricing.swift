@preconcurrency internal import CGLPK
import AtelierMIP

extension GLPKSolver {
  /// A column that pricing adds to an LP: its bounds [0, upper], objective and row coefficients.
  public struct Column: Sendable {
    public var name: String
    public var upper: Double
    public var objective: Double
    public var terms: [(row: Int, coefficient: Double)]

    public init(name: String, upper: Double, objective: Double, terms: [(row: Int, coefficient: Double)]) {
      self.name = name
      self.upper = upper
      self.objective = objective
      self.terms = terms
    }
  }

  /// Column generation on an LP relaxation: solves `model`, asks `price` for columns to add given
  /// the optimum (values and row duals, indexed like the model's variables and rows, then the
  /// columns added so far in order), adds them and re-solves from the last basis, until `price`
  /// returns none. Keeping one GLPK problem makes each re-solve a few primal pivots instead of a
  /// solve from scratch. The result's values are the model's variables followed by every column
  /// added, in order. `timeLimit` and `cancellation` count over all rounds.
  public func solveRelaxation(
    _ model: LinearModel, options: SolveOptions = SolveOptions(), price: @escaping @Sendable (SolveResult) -> [Column]
  ) -> SolveResult {
    Self.runBlocking { start in Self.priceOnCurrentThread(model, options: options, price: price, start: start) }
  }

  static func priceOnCurrentThread(
    _ model: LinearModel, options: SolveOptions, price: (SolveResult) -> [Column], start: ContinuousClock.Instant
  ) -> SolveResult {
    let errors = model.validationErrors + GLPKProblem.limitErrors(model)
    guard errors.isEmpty, !model.variables.isEmpty, !model.rows.isEmpty else {
      return failure(errors.isEmpty ? "a priced LP needs variables and rows" : errors.joined(separator: "; "), start: start)
    }
    silenceTerminal()
    guard let problem = GLPKProblem(model) else { return failure("GLPK could not create a problem", start: start) }
    var columns = model.variables.count
    var presolve = options.tuning.presolve
    while true {
      let code = problem.simplex(
        presolve: presolve, timeLimitMilliseconds: remaining(options, since: start), cancellation: options.cancellation)
      // Re-solves start from the last basis, which the presolver would discard.
      presolve = false
      switch code {
      case 0: break
      case GLPKProblem.interrupted: return finish(.interrupted, .noSolution, model, start: start)
      case GLP_ETMLIM: return finish(.timeLimit, .noSolution, model, start: start)
      default: return failure("GLPK's simplex failed (\(describe(code)))", start: start)
      }
      guard problem.lpStatus == GLP_OPT else { return failure("GLPK's simplex ended with status \(problem.lpStatus)", start: start) }
      let objective = problem.lpObjective
      var result = SolveResult(
        termination: .completed, status: .optimal, objective: objective, bound: objective,
        values: problem.lpValues(count: columns), seconds: elapsed(since: start))
      result.rowDuals = problem.lpRowDuals(count: model.rows.count)
      let added = price(result)
      guard !added.isEmpty else { return result }
      guard added.allSatisfy({ column in
        column.upper >= 0 && column.upper.isFinite && column.objective.isFinite
          && column.terms.allSatisfy { $0.row >= 0 && $0.row < model.rows.count && $0.coefficient.isFinite }
          && Set(column.terms.map(\.row)).count == column.terms.count
      }) else { return failure("pricing returned a column GLPK would reject (bad row, bound or duplicate row)", start: start) }
      problem.addColumns(added, after: columns)
      columns += added.count
    }
  }
}

extension GLPKProblem {
  /// Appends continuous columns [0, upper] (GLPK aborts on bad indices: checked by the caller).
  func addColumns(_ added: [GLPKSolver.Column], after existing: Int) {
    glp_add_cols(pointer, Int32(added.count))
    for (k, column) in added.enumerated() {
      let j = Int32(existing + k + 1)
      glp_set_col_kind(pointer, j, GLP_CV)
      glp_set_col_bnds(pointer, j, column.upper == 0 ? GLP_FX : GLP_DB, 0, column.upper)
      glp_set_obj_coef(pointer, j, column.objective)
      var rows = [Int32(0)] + column.terms.map { Int32($0.row + 1) }
      var values = [0.0] + column.terms.map(\.coefficient)
      glp_set_mat_col(pointer, j, Int32(column.terms.count), &rows, &values)
    }
  }
}

extension GLPKSolver {
  /// The LP relaxation of `model` by column generation from `support` (one flag per variable,
  /// e.g. where a known solution is non-zero, which keeps the first restricted LP feasible): every
  /// row is kept, the variables outside the support start at 0 and join when their reduced cost
  /// d = c − Σ a·π says they can improve the objective, the most improving `perRound` at a time,
  /// until none can (then the optimum is the whole LP's, by duality). Continuous variables, and
  /// variables whose bounds exclude 0 or are unbounded above, are always in.
  ///
  /// Most of a timetable's (start, room) options are at 0 at the LP optimum; the simplex over all
  /// of them was the critical path of the organisers' bound on large events (docs/solver.md).
  public func solveRelaxation(
    _ model: LinearModel, support: [Bool], perRound: Int, options: SolveOptions = SolveOptions()
  ) -> SolveResult {
    precondition(support.count == model.variables.count, "one flag per variable")
    let minimize = model.sense == .minimize
    var restricted = LinearModel(name: model.name, sense: model.sense)
    restricted.objectiveConstant = model.objectiveConstant
    var newID = [Int](repeating: -1, count: model.variables.count)
    var absent: [Int] = []
    for (v, variable) in model.variables.enumerated() {
      let always = variable.kind == .continuous || variable.lower != 0 || !variable.upper.isFinite
      guard support[v] || always else {
        absent.append(v)
        continue
      }
      newID[v] =
        restricted.addVariable(
          variable.name, kind: variable.kind, lower: variable.lower, upper: variable.upper, objective: variable.objective
        ).index
    }
    var columnTerms = [[(row: Int, coefficient: Double)]](repeating: [], count: model.variables.count)
    for (r, row) in model.rows.enumerated() {
      var terms: [LinearModel.Term] = []
      for term in row.terms {
        let id = newID[term.variable.index]
        if id >= 0 { terms.append(.init(VariableID(id), term.coefficient)) } else { columnTerms[term.variable.index].append((r, term.coefficient)) }
      }
      restricted.addRow(row.name, terms, lower: row.lower, upper: row.upper)
    }
    let pending = PendingColumns(absent)
    let termsOf = columnTerms
    var result = solveRelaxation(restricted, options: options) { lp in
      let dual = lp.rowDuals
      var improving: [(d: Double, v: Int)] = []
      for v in pending.columns {
        var d = model.variables[v].objective
        for term in termsOf[v] { d -= term.coefficient * dual[term.row] }
        if minimize ? d < -1e-7 : d > 1e-7 { improving.append((minimize ? d : -d, v)) }
      }
      let added = improving.sorted { ($0.d, $0.v) < ($1.d, $1.v) }.prefix(perRound).map(\.v)
      pending.remove(added)
      return added.map { v in
        let variable = model.variables[v]
        return Column(name: variable.name, upper: variable.upper, objective: variable.objective, terms: termsOf[v])
      }
    }
    // Values in the model's order: the restricted model's variables, then the added columns (the
    // rows, and so the duals, are the model's).
    if result.hasSolution {
      var values = [Double](repeating: 0, count: model.variables.count)
      for (v, id) in newID.enumerated() where id >= 0 { values[v] = result.values[id] }
      for (k, v) in pending.added.enumerated() { values[v] = result.values[restricted.variables.count + k] }
      result.values = values
    }
    return result
  }

  /// The variables column generation has not added yet. Read and written only by the pricing
  /// closure, on the one GLPK thread, while the caller waits for it: no concurrent access.
  private final class PendingColumns: @unchecked Sendable {
    private(set) var columns: [Int]
    /// The columns added, in order.
    private(set) var added: [Int] = []
    init(_ columns: [Int]) { self.columns = columns }
    func remove(_ more: [Int]) {
      let gone = Set(more)
      columns.removeAll { gone.contains($0) }
      added += more
    }
  }
}
