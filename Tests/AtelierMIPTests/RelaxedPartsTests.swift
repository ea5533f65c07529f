import AtelierGLPK
import AtelierMIP
import Testing

/// `LinearModel.relaxedParts(by:)`, the timetable's bound by days.
@Suite("Relaxed parts")
struct RelaxedPartsTests {
  /// Part A: a1 + a2 = 1, cost 2a1 + 3a2; part B: b1 + b2 = 1, cost 4b1 + b2; a shared u ≥ a1, u ≥ b1
  /// costing 6; a coupling row a2 + b2 ≤ 1; w ≥ 2 in no row costing 1; constant 10.
  /// Whole model by hand: (a1, b2) 2 + 1 + 6 = 9, (a1, b1) 12, (a2, b1) 13, (a2, b2) breaks the
  /// coupling row: optimum 9 + 2 + 10 = 21. Parts: the coupling row is dropped, u is copied at 3
  /// in each: A takes a2 (3; a1 would cost 2 + 3), B takes b2 (1): 3 + 1 + 2 + 10 = 16 ≤ 21.
  static func model(unusedObjective: Double = 1, unusedUpper: Double = .infinity) -> LinearModel {
    var m = LinearModel(name: "parts")
    let a1 = m.addVariable("a1", objective: 2)
    let a2 = m.addVariable("a2", objective: 3)
    let b1 = m.addVariable("b1", objective: 4)
    let b2 = m.addVariable("b2", objective: 1)
    let u = m.addVariable("u", kind: .continuous, objective: 6)
    m.addVariable("w", kind: .continuous, lower: 2, upper: unusedUpper, objective: unusedObjective)
    m.objectiveConstant = 10
    m.addRow("a", [.init(a1), .init(a2)], lower: 1, upper: 1)
    m.addRow("b", [.init(b1), .init(b2)], lower: 1, upper: 1)
    m.addRow("ua", [.init(a1), .init(u, -1)], upper: 0)
    m.addRow("ub", [.init(b1), .init(u, -1)], upper: 0)
    m.addRow("coupling", [.init(a2), .init(b2)], upper: 1)
    return m
  }

  static let labels: [Int?] = [0, 0, 1, 1, nil, nil]

  @Test("the parts' optima sum to a bound below the model's optimum")
  func bound() throws {
    let model = Self.model()
    let whole = GLPKSolver().solve(model, options: SolveOptions())
    #expect(whole.objective == 21)
    let split = try #require(model.relaxedParts(by: Self.labels))
    // u (#4) is copied into both parts.
    #expect(split.map(\.origins) == [[0, 1, 4], [2, 3, 4]].map { $0.map(VariableID.init) })
    let parts = split.map(\.model)
    #expect(parts.count == 2)
    #expect(parts.map { $0.rows.map(\.name) } == [["a", "ua"], ["b", "ub"]])
    #expect(parts.map { $0.variables.map(\.name) } == [["a1", "a2", "u"], ["b1", "b2", "u"]])
    #expect(parts.map { $0.variables[2].objective } == [3, 3])
    #expect(parts[0].objectiveConstant == 12)
    let values = parts.map { GLPKSolver().solve($0, options: SolveOptions()).objective }
    #expect(values == [15, 1])
    let relaxations = parts.map { GLPKSolver().solveRelaxation($0).objective }
    #expect(relaxations == [15, 1])
  }

  /// A variable in no kept row whose cheapest bound is infinite makes the relaxation unbounded.
  @Test("an unbounded relaxation gives no parts")
  func unbounded() {
    #expect(Self.model(unusedObjective: -1).relaxedParts(by: Self.labels) == nil)
    #expect(Self.model(unusedObjective: -1, unusedUpper: 5).relaxedParts(by: Self.labels)?[0].model.objectiveConstant == 5)
  }

  /// Dropping u takes rows ua and ub with it (u costs 6 at its least, 0): a1 + b2 + w at 2 + the
  /// constant, 2 + 1 + 2 + 10 = 15 ≤ 21, the coupling row kept.
  @Test("dropping variables takes their rows and bounds the model")
  func dropping() throws {
    let model = Self.model()
    let relaxed = try #require(model.dropping([VariableID(4)]))
    #expect(relaxed.kept == [0, 1, 2, 3, 5].map(VariableID.init))
    #expect(relaxed.model.rows.map(\.name) == ["a", "b", "coupling"])
    #expect(relaxed.model.rows[2].terms.map(\.variable) == [VariableID(1), VariableID(3)])
    #expect(GLPKSolver().solve(relaxed.model, options: SolveOptions()).objective == 15)
    // A dropped variable's least cost goes to the constant; none when it is unbounded.
    #expect(Self.model(unusedObjective: -1).dropping([VariableID(5)]) == nil)
    #expect(Self.model(unusedObjective: -1, unusedUpper: 5).dropping([VariableID(5)])?.model.objectiveConstant == 5)
  }

  /// The whole model's LP by hand: a2 = t, b2 = 1 − t (the coupling row tight), u = max(t, 1 − t):
  /// 15 + 4t + 6·max(1 − t, t), least at t = 1/2: 20 (the integer optimum is 21). Column generation
  /// from the timetable (a1, b1) must add a2 and b2 to get there.
  @Test("column generation from a solution's support reaches the whole LP's optimum")
  func columnGeneration() throws {
    let model = Self.model()
    let whole = GLPKSolver().solveRelaxation(model)
    #expect(abs((whole.objective ?? 0) - 20) < 1e-9)
    let support = [true, false, true, false, false, false]
    for perRound in [1, 10] {
      let generated = GLPKSolver().solveRelaxation(model, support: support, perRound: perRound)
      #expect(generated.status == .optimal)
      #expect(abs((generated.objective ?? 0) - 20) < 1e-9)
      #expect(generated.values.count == model.variables.count)
      #expect(abs(model.objectiveValue(of: generated.values) - 20) < 1e-9)
      #expect(model.violatedRows(by: generated.values).isEmpty)
      #expect(generated.values[1] > 0 && generated.values[3] > 0)  // a2 and b2 joined
    }
  }
}
