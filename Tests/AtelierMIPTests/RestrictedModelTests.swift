import AtelierGLPK
import AtelierMIP
import Testing

/// `LinearModel.restricted(to:at:)`, the sub-problems of the neighbourhood search.
@Suite("Restricted models")
struct RestrictedModelTests {
  /// min 3a + 2b + y + w − v, a + b + c = 1 (binaries), y ≥ a + c, w ≥ b, c + v ≤ 5, v ≤ 5.
  /// By hand: a costs 3 + 1 (y) − 5 = −1, b costs 2 + 1 (w) − 5 = −2, c costs 0 + 1 (y) − 4 (v ≤ 5 − c) = −3: the optimum.
  static var model: LinearModel {
    var m = LinearModel(name: "restricted")
    let a = m.addVariable("a", objective: 3)
    let b = m.addVariable("b", objective: 2)
    let c = m.addVariable("c")
    let y = m.addVariable("y", kind: .continuous, objective: 1)
    let w = m.addVariable("w", kind: .continuous, objective: 1)
    let v = m.addVariable("v", kind: .continuous, upper: 5, objective: -1)
    m.addRow("one", [.init(a), .init(b), .init(c)], lower: 1, upper: 1)
    m.addRow("y", [.init(a), .init(c), .init(y, -1)], upper: 0)
    m.addRow("w", [.init(b), .init(w, -1)], upper: 0)
    m.addRow("v", [.init(c), .init(v)], upper: 5)
    return m
  }

  /// With b = 1 and c = 0 fixed: "one" leaves a = 0 (a binary: stays a row), "y" keeps a and y,
  /// "w" becomes w ≥ 1 and "v" v ≤ 5; w and v are then in no row and are settled at 1 and 5.
  /// The constant is 2 (b) + 1 (w) − 5 (v) = −2, the sub-problem's optimum a = y = 0, value −2.
  @Test("rows on one continuous variable become bounds, variables in no row are settled")
  func restriction() throws {
    let model = Self.model
    let values: [Double] = [0, 1, 0, 0, 1, 5]
    let free = Set([0, 3, 4, 5].map(VariableID.init))
    let (sub, kept, settled) = model.restricted(to: free, at: values)
    #expect(kept == [VariableID(0), VariableID(3)])
    #expect(sub.rows.map(\.name) == ["one", "y"])
    #expect(settled.map(\.variable) == [VariableID(4), VariableID(5)])
    #expect(settled.map(\.value) == [1, 5])
    #expect(sub.objectiveConstant == -2)

    let result = GLPKSolver().solve(sub, options: SolveOptions())
    #expect(result.status == .optimal)
    #expect(result.objective == -2)
    var candidate = values
    for (i, id) in kept.enumerated() { candidate[id.index] = result.values[i] }
    for (id, value) in settled { candidate[id.index] = value }
    #expect(model.isFeasible(candidate))
    #expect(model.objectiveValue(of: candidate) == -2)
  }

  /// Freeing everything but c = 1 gives the whole model's optimum, −3, through the sub-problem
  /// ("v" becomes v ≤ 4, v is settled at 4).
  @Test("a sub-problem's optimum, put back, is the model's value at it")
  func optimumThroughRestriction() throws {
    let model = Self.model
    let values: [Double] = [0, 0, 1, 1, 0, 4]
    let free = Set([0, 1, 3, 4, 5].map(VariableID.init))
    let (sub, kept, settled) = model.restricted(to: free, at: values)
    let result = GLPKSolver().solve(sub, options: SolveOptions())
    #expect(result.objective == -3)
    #expect(settled.map(\.value) == [4])
    var candidate = values
    for (i, id) in kept.enumerated() { candidate[id.index] = result.values[i] }
    for (id, value) in settled { candidate[id.index] = value }
    #expect(model.isFeasible(candidate))
    #expect(model.objectiveValue(of: candidate) == -3)
  }
}
