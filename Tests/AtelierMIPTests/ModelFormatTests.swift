import AtelierGLPK
import AtelierMIP
import Foundation
import Testing

@Suite("LP and MPS writers")
struct ModelFormatTests {
  static let feasibleCases: [SolveCase] = [
    SolveCase(name: "knapsack", model: TestModels.knapsack, status: .optimal, objective: 21),
    SolveCase(name: "assignment", model: TestModels.assignment, status: .optimal, objective: 5),
    SolveCase(name: "maximisation", model: TestModels.maximisationWithConstant, status: .optimal, objective: 23),
    SolveCase(name: "awkward", model: TestModels.awkward, status: .optimal, objective: 5),
    SolveCase(name: "small hard knapsack", model: TestModels.hardKnapsack(items: 25, dimensions: 2), status: .optimal),
  ]

  static let glpsol: String? = ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  @Test(
    "glpsol reads both files back to the same optimum", .enabled(if: glpsol != nil, "glpsol is not installed"),
    arguments: feasibleCases)
  func roundTrip(_ testCase: SolveCase) throws {
    let model = testCase.model
    let solved = GLPKSolver().solve(model, options: SolveOptions())
    let optimum = try #require(solved.objective)
    if let expected = testCase.objective { #expect(abs(optimum - expected) < 1e-6) }

    let lp = try #require(try glpsolObjective(model.lpFormat(), format: "--lp"))
    #expect(abs(lp - optimum) < 1e-6 * max(1, abs(optimum)))
    // MPS has no objective sense: a maximisation comes back as the minimum of the negation.
    let mps = try #require(try glpsolObjective(model.mpsFormat(), format: "--freemps"))
    let expectedMPS = model.sense == .maximize ? -optimum : optimum
    #expect(abs(mps - expectedMPS) < 1e-6 * max(1, abs(optimum)))
  }

  @Test("the output is deterministic", arguments: feasibleCases)
  func deterministic(_ testCase: SolveCase) {
    #expect(testCase.model.lpFormat() == testCase.model.lpFormat())
    #expect(testCase.model.mpsFormat() == testCase.model.mpsFormat())
  }

  @Test("names become legal and unique")
  func names() {
    let lp = TestModels.awkward.lpFormat()
    // Brackets and commas replaced; a name starting with a digit or looking like a keyword changed;
    // collisions after sanitising numbered; non-ASCII replaced.
    for name in ["x_a_b_", "x_1y", "end_", "w_w", "x_a_b__2", "x_1"] {
      #expect(lp.contains(" \(name)"), "\(name)")
    }
    // Row names: "r 1" split into two rows; "e2" looks like a number; the empty name gets one.
    for row in [" r_1_lo:", " r_1_hi:", " r_1:", " r_e2:", " r_lo:", " r_hi:"] {
      #expect(lp.contains(row), "\(row)")
    }
    // The free row is left out, the constant is a fixed variable.
    #expect(!lp.contains("R_1"))
    #expect(lp.contains("objective_constant = 1"))
    #expect(!lp.contains("\nname"), "a newline in the model name stays in the comment")
  }

  @Test("the LP file of the knapsack, exactly")
  func knapsackLP() {
    #expect(
      TestModels.knapsack.lpFormat() == """
        \\ Model: knapsack
        \\ 4 variables, 1 rows, written by Atelier
        Maximize
         obj: 10 take_a + 13 take_b + 7 take_c + 8 take_d
        Subject To
         capacity: 5 take_a + 6 take_b + 3 take_c + 4 take_d <= 10
        Bounds
        Binaries
         take_a take_b take_c take_d
        End

        """)
  }

  @Test("the MPS file of the maximisation, exactly")
  func maximisationMPS() {
    #expect(
      TestModels.maximisationWithConstant.mpsFormat() == """
        * Model: maximisation
        * 2 variables, 2 rows, written by Atelier
        * Maximisation written as minimisation of the negated objective: this file's optimum is minus the model's optimum.
        NAME maximisation
        ROWS
         N obj
         L wood
         L labour
        COLUMNS
         MARKER 'MARKER' 'INTORG'
         x obj -5
         x wood 6
         x labour 1
         y obj -4
         y wood 4
         y labour 2
         MARKER 'MARKER' 'INTEND'
         objective_constant obj -3
        RHS
         RHS wood 24
         RHS labour 6
        BOUNDS
         PL BND x
         LO BND x 0
         PL BND y
         LO BND y 0
         FX BND objective_constant 1
        ENDATA

        """)
  }

  /// Solves `text` with glpsol and returns the objective it reports.
  private func glpsolObjective(_ text: String, format: String) throws -> Double? {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "atelier-mip-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let input = directory.appendingPathComponent("model")
    let output = directory.appendingPathComponent("solution.txt")
    try text.write(to: input, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.glpsol ?? "glpsol")
    process.arguments = [format, input.path, "-o", output.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    // "Objective:  obj = 21 (MAXimum)"
    let report = try String(contentsOf: output, encoding: .utf8)
    guard let line = report.split(separator: "\n").first(where: { $0.hasPrefix("Objective:") }),
      let equals = line.firstIndex(of: "=")
    else { return nil }
    let value = line[line.index(after: equals)...].split(separator: " ").first.map(String.init)
    return value.flatMap(Double.init)
  }
}
