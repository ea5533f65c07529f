import AtelierMIP

/// Small models with optima worked out by hand, and a generator of hard ones.
enum TestModels {
  /// 0-1 knapsack, capacity 10: values 10, 13, 7, 8; weights 5, 6, 3, 4.
  /// Any three items weigh at least 12 > 10; of the pairs, {b, d} (weight 10, value 21) beats
  /// {b, c} (20), {a, d} (18), {a, c} (17): optimum 21.
  static var knapsack: LinearModel {
    var model = LinearModel(name: "knapsack", sense: .maximize)
    let values: [Double] = [10, 13, 7, 8]
    let weights: [Double] = [5, 6, 3, 4]
    let items = ["a", "b", "c", "d"].enumerated().map { model.addVariable("take_\($1)", objective: values[$0]) }
    model.addRow("capacity", zip(items, weights).map { LinearModel.Term($0, $1) }, upper: 10)
    return model
  }

  /// 3 × 3 assignment, costs [[4, 1, 3], [2, 0, 5], [3, 2, 2]]. The six permutations cost
  /// 6, 11, 5, 9, 7, 6; the best is 0→1, 1→0, 2→2 = 1 + 2 + 2: optimum 5.
  static var assignment: LinearModel {
    var model = LinearModel(name: "assignment")
    let costs: [[Double]] = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
    var x: [[VariableID]] = []
    for i in 0..<3 {
      x.append((0..<3).map { j in model.addVariable("x[\(i),\(j)]", objective: costs[i][j]) })
    }
    for i in 0..<3 { model.addRow("worker \(i)", x[i].map { LinearModel.Term($0) }, lower: 1, upper: 1) }
    for j in 0..<3 { model.addRow("task \(j)", (0..<3).map { LinearModel.Term(x[$0][j]) }, lower: 1, upper: 1) }
    return model
  }

  /// max 5x + 4y + 3, 6x + 4y ≤ 24, x + 2y ≤ 6, x, y ≥ 0 integer.
  /// LP optimum (3, 1.5) = 24; integer points: (4, 0) = 23, (3, 1) = 22, (2, 2) = 21: optimum 23.
  static var maximisationWithConstant: LinearModel {
    var model = LinearModel(name: "maximisation", sense: .maximize)
    model.objectiveConstant = 3
    let x = model.addVariable("x", kind: .integer, objective: 5)
    let y = model.addVariable("y", kind: .integer, objective: 4)
    model.addRow("wood", [.init(x, 6), .init(y, 4)], upper: 24)
    model.addRow("labour", [.init(x, 1), .init(y, 2)], upper: 6)
    return model
  }

  /// Binary x, y with x + y ≥ 3: infeasible (the presolver sees it).
  static var infeasibleBounds: LinearModel {
    var model = LinearModel(name: "infeasible bounds")
    let x = model.addVariable("x", objective: 1)
    let y = model.addVariable("y", objective: 1)
    model.addRow("too much", [.init(x), .init(y)], lower: 3)
    return model
  }

  /// 2x + 2y = 3 with x, y integer in [0, 5]: the LP relaxation is feasible, no integer point is.
  static var infeasibleParity: LinearModel {
    var model = LinearModel(name: "parity")
    let x = model.addVariable("x", kind: .integer, upper: 5, objective: 1)
    let y = model.addVariable("y", kind: .integer, upper: 5, objective: 2)
    model.addRow("odd", [.init(x, 2), .init(y, 2)], lower: 3, upper: 3)
    return model
  }

  /// max x + y, x − y ≤ 1, x, y ≥ 0: unbounded along (1, 1).
  static func unbounded(_ kind: LinearModel.Kind) -> LinearModel {
    var model = LinearModel(name: "unbounded", sense: .maximize)
    let x = model.addVariable("x", kind: kind, upper: .infinity, objective: 1)
    let y = model.addVariable("y", kind: kind, upper: .infinity, objective: 1)
    model.addRow("slope", [.init(x), .init(y, -1)], upper: 1)
    return model
  }

  /// Every feature the writers handle, with awkward names.
  /// min x + 2y − 3z + w + 0.5u + 7 with x free, y integer in [−3, 5], z binary fixed to 1,
  /// w in [2, 2.5], u ≥ 0, v integer ≥ 0 in nothing;
  /// −2 ≤ x + y ≤ 4, x − w ≥ −10, x + y + z + w free, y + z = 2, an empty row in [−1, 1].
  /// y + z = 2 forces y = 1; then x ≥ −3 (ranged row) and x ≥ w − 10 ≥ −8, so x = −3; w = 2, u = 0:
  /// −3 + 2 − 3 + 2 + 0 + 7 = optimum 5.
  static var awkward: LinearModel {
    var model = LinearModel(name: "awkward\nname")
    model.objectiveConstant = 7
    let x = model.addVariable("x[a,b]", kind: .continuous, lower: -.infinity, upper: .infinity, objective: 1)
    let y = model.addVariable("1y", kind: .integer, lower: -3, upper: 5, objective: 2)
    let z = model.addVariable("end", kind: .binary, lower: 1, upper: 1, objective: -3)
    let w = model.addVariable("w w", kind: .continuous, lower: 2, upper: 2.5, objective: 1)
    model.addVariable("x(a,b)", kind: .continuous, upper: .infinity, objective: 0.5)
    model.addVariable("é1", kind: .integer, upper: .infinity)
    model.addRow("r 1", [.init(x), .init(y)], lower: -2, upper: 4)
    model.addRow("r_1", [.init(x), .init(w, -1)], lower: -10)
    model.addRow("R 1", [.init(x), .init(y), .init(z), .init(w)])
    model.addRow("e2", [.init(y), .init(z)], lower: 2, upper: 2)
    model.addRow("", [], lower: -1, upper: 1)
    return model
  }

  /// A multidimensional 0-1 knapsack (maximisation, integral objective) GLPK cannot close quickly.
  static func hardKnapsack(items: Int = 2000, dimensions: Int = 5, seed: UInt64 = 42) -> LinearModel {
    var random = SplitMix64(seed: seed)
    var model = LinearModel(name: "hard knapsack", sense: .maximize)
    var weights = [[Double]](repeating: [], count: dimensions)
    var values: [Double] = []
    for _ in 0..<items {
      var total = 0.0
      for d in 0..<dimensions {
        let weight = Double(1 + random.next() % 1000)
        weights[d].append(weight)
        total += weight
      }
      values.append((total / Double(dimensions)).rounded() + Double(random.next() % 100))
    }
    let x = (0..<items).map { model.addVariable("x\($0)", objective: values[$0]) }
    for d in 0..<dimensions {
      let capacity = (weights[d].reduce(0, +) / 2).rounded(.down)
      model.addRow("capacity \(d)", (0..<items).map { LinearModel.Term(x[$0], weights[d][$0]) }, upper: capacity)
    }
    return model
  }
}

extension TestModels {
  /// A random set-covering model: each column covers `rowsPerColumn` rows, every row must be covered.
  /// Setting every variable to 1 is feasible. Its LP relaxation is long for GLPK's primal simplex:
  /// with the defaults, 108–120 s here (glpk 5.0, four solves sharing two cores).
  static func largeCovering(rows: Int = 4000, columns: Int = 8000, rowsPerColumn: Int = 10, seed: UInt64 = 1)
    -> LinearModel
  {
    var random = SplitMix64(seed: seed)
    var model = LinearModel(name: "covering")
    var covering = [[VariableID]](repeating: [], count: rows)
    for j in 0..<columns {
      let x = model.addVariable("x\(j)", objective: Double(1 + random.next() % 100))
      var chosen = Set<Int>()
      while chosen.count < rowsPerColumn { chosen.insert(Int(random.next() % UInt64(rows))) }
      for row in chosen.sorted() { covering[row].append(x) }
    }
    for (row, columns) in covering.enumerated() where !columns.isEmpty {
      model.addRow("cover \(row)", columns.map { LinearModel.Term($0) }, lower: 1)
    }
    return model
  }
}

/// A small seeded generator, so test models are the same on every run.
struct SplitMix64 {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
