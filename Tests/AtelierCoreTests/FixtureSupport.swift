import Foundation

/// Paths of the test fixtures (copied as resources: `Fixtures/`).
enum Fixtures {
  static var root: URL {
    Bundle.module.url(forResource: "Fixtures", withExtension: nil)
      ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
  }

  static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}
