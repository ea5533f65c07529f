import AtelierCore
import AtelierMIP
import AtelierSolver
import Testing

/// The solver against exhaustive enumeration on random tiny instances: same verdict (infeasible or
/// not), same optimum value, and a timetable that keeps every rule. About 40 % of the instances are
/// feasible. Seeds 1000–2200 (1,201 instances, 503 feasible) also agreed, in 16 minutes.
@Suite("Solver against brute force")
struct BruteForceTests {
  @Test("random tiny instances: the solver's optimum is the enumerated one", arguments: Array(UInt64(1)...50))
  func sameOptimum(seed: UInt64) throws {
    let instance = RandomTinyInstance.make(seed: seed)
    let best = BruteForce(instance: instance).optimum()
    let solution = solve(instance, seconds: 20)
    guard let best else {
      #expect(solution.status == .infeasible, "enumeration finds no timetable")
      #expect(!solution.conflicts.isEmpty)
      return
    }
    #expect(solution.status == .optimal, "enumeration finds \(best.value) with \(best.timetable.placements)")
    let timetable = try #require(solution.timetable)
    #expect(RuleChecker(instance: instance, timetable: timetable).timetableViolations() == [])
    let value = try #require(solution.objective?.value)
    #expect(
      abs(value - best.value) < 1e-6, "solver \(value), enumeration \(best.value) with \(best.timetable.placements)")
  }
}

/// Seeds 1–3000 (9,000 cases) also agreed, in 26 s.
@Suite("Assignment against brute force")
struct AssignmentBruteForceTests {
  @Test(
    "random tiny assignments: every objective reaches the enumerated optimum",
    arguments: Array(UInt64(1)...40), AssignmentObjective.allCases)
  func sameOptimum(seed: UInt64, objective: AssignmentObjective) {
    let (instance, timetable) = AssignmentBruteForce.make(seed: seed)
    for k in objective == .coverage ? [1, 2] : [2] {
      let expected = AssignmentBruteForce.optimum(instance, timetable, objective, k: k)
      let solution = assign(instance, timetable, objective, k: k)
      #expect(solution.status == .optimal)
      #expect(solution.objective?.value == expected.welfare, "k \(k)")
      #expect(solution.stageValue == expected.stageValue, "k \(k)")
      let checked = Timetable(placements: timetable.placements, assignments: solution.assignments)
      #expect(RuleChecker(instance: instance, timetable: checked).assignmentViolations() == [])
    }
  }
}
