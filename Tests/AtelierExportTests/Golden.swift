import Foundation
import Testing

@testable import AtelierExport

/// Golden files in `Tests/AtelierExportTests/Golden/`: the bytes a renderer must produce.
/// `ATELIER_UPDATE_GOLDEN=1 swift test --filter AtelierExportTests` rewrites them from the current
/// output (then review the diff and commit it).
enum Golden {
  static var updating: Bool { ProcessInfo.processInfo.environment["ATELIER_UPDATE_GOLDEN"] == "1" }

  static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  static func check(_ file: RenderedFile, as name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if updating {
      try file.contents.write(to: sourceFolder.appendingPathComponent(name))
      return
    }
    guard let url = ExternalTool.resource("Golden", name), let golden = try? Data(contentsOf: url) else {
      Issue.record("no golden file \(name): run with ATELIER_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
      return
    }
    if golden != file.contents {
      let got = file.text.components(separatedBy: "\n")
      let want = String(decoding: golden, as: UTF8.self).components(separatedBy: "\n")
      let line = (0..<min(got.count, want.count)).first { got[$0] != want[$0] } ?? min(got.count, want.count)
      let message =
        "\(name) differs from its golden file at line \(line + 1):\n  got:  \(line < got.count ? got[line] : "<end>")\n"
        + "  want: \(line < want.count ? want[line] : "<end>")\n(ATELIER_UPDATE_GOLDEN=1 rewrites it)"
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
  }
}
