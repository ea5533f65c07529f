/// A solver-agnostic mixed-integer linear model: named variables with bounds and objective
/// coefficients, named rows with bounds. Formulations build it, tests inspect it without a solver,
/// `lpFormat()`/`mpsFormat()` write it for other solvers, and a backend (`GLPKSolver`) solves it.
public struct LinearModel: Sendable {
  public enum Sense: String, Sendable { case minimize, maximize }
  public enum Kind: String, Sendable { case continuous, integer, binary }

  public struct Variable: Sendable, Hashable {
    public var name: String
    public var lower: Double
    /// `.infinity` for no upper bound.
    public var upper: Double
    public var kind: Kind
    public var objective: Double
  }

  public struct Term: Sendable, Hashable {
    public var variable: VariableID
    public var coefficient: Double
    public init(_ variable: VariableID, _ coefficient: Double = 1) {
      self.variable = variable
      self.coefficient = coefficient
    }
  }

  /// `lower ≤ Σ terms ≤ upper`; either side may be infinite.
  public struct Row: Sendable, Hashable {
    public var name: String
    public var terms: [Term]
    public var lower: Double
    public var upper: Double
  }

  public var name: String
  public var sense: Sense
  public var objectiveConstant: Double = 0
  public private(set) var variables: [Variable] = []
  public private(set) var rows: [Row] = []

  public init(name: String = "atelier", sense: Sense = .minimize) {
    self.name = name
    self.sense = sense
  }

  @discardableResult
  public mutating func addVariable(
    _ name: String, kind: Kind = .binary, lower: Double = 0, upper: Double? = nil, objective: Double = 0
  ) -> VariableID {
    let upper = upper ?? (kind == .binary ? 1 : .infinity)
    variables.append(Variable(name: name, lower: lower, upper: upper, kind: kind, objective: objective))
    return VariableID(variables.count - 1)
  }

  /// Adds `lower ≤ Σ terms ≤ upper`. Terms on the same variable are merged (GLPK aborts on
  /// duplicates); terms with a zero coefficient are dropped.
  @discardableResult
  public mutating func addRow(
    _ name: String, _ terms: [Term], lower: Double = -.infinity, upper: Double = .infinity
  ) -> RowID {
    rows.append(Row(name: name, terms: Self.merged(terms), lower: lower, upper: upper))
    return RowID(rows.count - 1)
  }

  public mutating func setObjective(_ variable: VariableID, _ coefficient: Double) {
    variables[variable.index].objective = coefficient
  }

  public mutating func addObjective(_ variable: VariableID, _ coefficient: Double) {
    variables[variable.index].objective += coefficient
  }

  public mutating func setBounds(_ variable: VariableID, lower: Double, upper: Double) {
    variables[variable.index].lower = lower
    variables[variable.index].upper = upper
  }

  public var nonzeroCount: Int { rows.reduce(0) { $0 + $1.terms.count } }
  public var integerCount: Int { variables.reduce(0) { $0 + ($1.kind == .continuous ? 0 : 1) } }

  /// Objective value of a full assignment of values, constant included.
  public func objectiveValue(of values: [Double]) -> Double {
    var total = objectiveConstant
    for (index, variable) in variables.enumerated() where variable.objective != 0 {
      total += variable.objective * values[index]
    }
    return total
  }

  /// Rows violated by `values` by more than `tolerance` (for tests and for checking start solutions).
  public func violatedRows(by values: [Double], tolerance: Double = 1e-6) -> [RowID] {
    rows.indices.compactMap { r in
      let row = rows[r]
      let activity = row.terms.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
      return activity < row.lower - tolerance || activity > row.upper + tolerance ? RowID(r) : nil
    }
  }

  static func merged(_ terms: [Term]) -> [Term] {
    var coefficients: [VariableID: Double] = [:]
    var order: [VariableID] = []
    for term in terms {
      if coefficients[term.variable] == nil { order.append(term.variable) }
      coefficients[term.variable, default: 0] += term.coefficient
    }
    return order.compactMap { id in
      guard let c = coefficients[id], c != 0 else { return nil }
      return Term(id, c)
    }
  }
}

public struct VariableID: Hashable, Sendable, Comparable {
  public let index: Int
  public init(_ index: Int) { self.index = index }
  public static func < (a: VariableID, b: VariableID) -> Bool { a.index < b.index }
}

public struct RowID: Hashable, Sendable {
  public let index: Int
  public init(_ index: Int) { self.index = index }
}

/// What the solver is asked to do and when to stop.
public struct SolveOptions: Sendable {
  /// Wall-clock seconds; `nil` for no limit.
  public var timeLimit: Double?
  /// Stop when the relative gap between incumbent and bound is at most this.
  public var relativeGap: Double = 0
  /// When every objective coefficient on integer variables is an integer and continuous variables
  /// have none, stop as soon as ⌈bound − ε⌉ reaches the incumbent (GLPK does not do this itself).
  /// Ignored unless `LinearModel.hasIntegralObjective` holds; such a stop is a proven optimum.
  public var integralObjective: Bool = false
  /// Called from the solving thread now and then, and at the end.
  public var progress: (@Sendable (SolveProgress) -> Void)?
  /// Set from any thread to stop the search and keep the incumbent (Ctrl-C).
  public var cancellation: CancellationFlag?
  /// Stop after this many branch-and-bound nodes. Unlike a time limit, the same model and options
  /// then stop at the same point on any machine, so results are reproducible.
  public var nodeLimit: Int?
  /// A complete, feasible solution to start the search from (one value per variable): the solver
  /// checks it and ignores it when it breaks a row, a bound or integrality.
  public var initialSolution: [Double]?
  /// Solver-specific tuning, chosen by measurement (see `docs/benchmarks.md`).
  public var tuning: Tuning = Tuning()

  public struct Tuning: Sendable, Hashable {
    public var presolve = true
    /// Gomory mixed-integer and clique cuts.
    public var cuts = true
    /// Also MIR and cover cuts (only with `cuts`); they found nothing on timetables.
    public var mirAndCoverCuts = false
    public var branching = Branching.pseudoCost
    /// Seconds of proximity search (0 = off).
    public var proximitySeconds: Double = 0
    public init() {}

    /// How the branch-and-bound picks the variable to branch on.
    public enum Branching: Sendable, Hashable, CaseIterable {
      /// Pseudo-costs initialised by strong branching: the smallest trees, but its first node costs
      /// a strong-branching pass over every fractional variable (44 s on nec2022's timetable).
      case pseudoCost
      /// Driebeck–Tomlin's penalty heuristic.
      case penalty
      /// The most fractional variable: the cheapest nodes.
      case mostFractional
    }
  }

  public init() {}
}

public struct SolveProgress: Sendable, Hashable {
  /// Work done against a budget: `done` of `budget` units (`unit` names one, e.g. `sub-problem`).
  public struct Work: Sendable, Hashable {
    public var done: Int
    public var budget: Int
    public var unit: String
    public init(done: Int, budget: Int, unit: String = "sub-problem") {
      self.done = done
      self.budget = budget
      self.unit = unit
    }
  }

  public var seconds: Double
  public var incumbent: Double?
  public var bound: Double?
  public var gap: Double?
  /// The search's work so far, when it has a budget; nil leaves it out of the progress line.
  public var work: Work?
  public init(seconds: Double, incumbent: Double?, bound: Double?, gap: Double?, work: Work? = nil) {
    self.seconds = seconds
    self.incumbent = incumbent
    self.bound = bound
    self.gap = gap
    self.work = work
  }
}

public struct SolveResult: Sendable {
  /// Why the solver stopped.
  public enum Termination: Sendable, Hashable {
    case completed
    case timeLimit
    case gapReached
    case interrupted
    /// The node budget (`SolveOptions.nodeLimit`) was spent: a deterministic stop.
    case nodeLimit
    case failed(String)
  }

  /// What was found, independent of why it stopped.
  public enum Status: String, Sendable, Hashable {
    case optimal, feasible, infeasible, unbounded, noSolution = "no_solution"
  }

  public var termination: Termination
  public var status: Status
  public var objective: Double?
  public var bound: Double?
  /// One value per model variable (empty when no solution).
  public var values: [Double]
  /// For an LP relaxation solved to optimality: one dual value per row, π with reduced costs
  /// d_j = c_j − Σ_i a_ij π_i (GLPK's convention, either sense); empty otherwise.
  public var rowDuals: [Double] = []
  public var seconds: Double

  public init(
    termination: Termination, status: Status, objective: Double?, bound: Double?, values: [Double],
    seconds: Double
  ) {
    self.termination = termination
    self.status = status
    self.objective = objective
    self.bound = bound
    self.values = values
    self.seconds = seconds
  }

  /// Relative gap |incumbent − bound| / max(1, |incumbent|); 0 when proven optimal.
  public var gap: Double? {
    if status == .optimal { return 0 }
    guard let objective, let bound else { return nil }
    return abs(objective - bound) / max(1, abs(objective))
  }

  public var hasSolution: Bool { status == .optimal || status == .feasible }
}

extension SolveResult.Termination: CustomStringConvertible {
  /// Why a solve stopped, as the terminal and report.md say it.
  public var description: String {
    switch self {
    case .completed: "search completed"
    case .timeLimit: "time limit"
    case .gapReached: "gap reached"
    case .interrupted: "interrupted"
    case .nodeLimit: "work budget spent"
    case .failed(let reason): "solver failed: \(reason)"
    }
  }
}

extension LinearModel {
  /// Removes rows identical to an earlier one (same terms and bounds), keeping the first.
  public mutating func removeDuplicateRows() {
    struct Key: Hashable {
      var terms: [Term]
      var lower: Double
      var upper: Double
    }
    var seen = Set<Key>()
    rows = rows.filter { row in
      seen.insert(Key(terms: row.terms.sorted { $0.variable < $1.variable }, lower: row.lower, upper: row.upper)).inserted
    }
  }
}
