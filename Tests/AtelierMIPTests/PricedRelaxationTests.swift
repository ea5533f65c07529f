import AtelierGLPK
import AtelierMIP
import Synchronization
import Testing

/// Column generation on one GLPK problem (`GLPKSolver.solveRelaxation(_:options:price:)`).
@Suite("Priced LP relaxation")
struct PricedRelaxationTests {
  /// max x1 + 2·x2 + 3·x3 with x1 + x2 + x3 ≤ 1 (row cap) and x2 + x3 ≤ 1 (row pair), each in
  /// [0, 1]; the model starts with x1 only. First optimum 1 (x1 = 1). Offered one at a time, x2
  /// enters (2 − π > 0 for any optimal dual π ≤ 1 of the first LP): optimum 2 (x2 = 1); then x3
  /// (its reduced cost 3 − π_cap − π_pair is positive, π_cap + π_pair ≤ 2 at that optimum):
  /// optimum 3 (x3 = 1), the LP of all three columns. Three solves, values [x1, x2, x3] = [0, 0, 1].
  @Test("columns enter one round at a time, and the optimum is the whole LP's")
  func handComputed() throws {
    var model = LinearModel(name: "priced", sense: .maximize)
    let x1 = model.addVariable("x1", kind: .continuous, upper: 1, objective: 1)
    model.addRow("cap", [.init(x1)], upper: 1)
    model.addRow("pair", [], upper: 1)
    let offers: [GLPKSolver.Column] = [
      .init(name: "x2", upper: 1, objective: 2, terms: [(0, 1), (1, 1)]),
      .init(name: "x3", upper: 1, objective: 3, terms: [(0, 1), (1, 1)]),
    ]
    let seen = Mutex<[[Double]]>([])
    let result = GLPKSolver().solveRelaxation(model) { lp in
      let round = seen.withLock { rounds in
        rounds.append(lp.rowDuals)
        return rounds.count
      }
      guard round <= offers.count else { return [] }
      let offer = offers[round - 1]
      let d = offer.objective - offer.terms.reduce(0) { $0 + $1.coefficient * lp.rowDuals[$1.row] }
      return d > 1e-9 ? [offer] : []
    }
    #expect(result.status == .optimal)
    #expect(abs((result.objective ?? .nan) - 3) < 1e-9)
    #expect(result.values.count == 3)
    #expect(abs(result.values[2] - 1) < 1e-9 && abs(result.values[0]) < 1e-9 && abs(result.values[1]) < 1e-9)
    let duals = seen.withLock { $0 }
    #expect(duals.count == 3)
    #expect(result.rowDuals.count == 2)
    var whole = LinearModel(name: "whole", sense: .maximize)
    let columns = [1.0, 2, 3].map { whole.addVariable("x", kind: .continuous, upper: 1, objective: $0) }
    whole.addRow("cap", columns.map { .init($0) }, upper: 1)
    whole.addRow("pair", columns.dropFirst().map { .init($0) }, upper: 1)
    #expect(GLPKSolver().solveRelaxation(whole).objective == result.objective)
  }

  /// A column naming a row the model does not have is refused before GLPK sees it (it would abort).
  @Test("a bad column is a failure, not an abort")
  func badColumn() {
    var model = LinearModel(name: "priced", sense: .maximize)
    let x = model.addVariable("x", kind: .continuous, upper: 1, objective: 1)
    model.addRow("cap", [.init(x)], upper: 1)
    let result = GLPKSolver().solveRelaxation(model) { _ in [.init(name: "y", upper: 1, objective: 1, terms: [(5, 1)])] }
    guard case .failed = result.termination else {
      Issue.record("expected a failure, got \(result.termination)")
      return
    }
  }
}
