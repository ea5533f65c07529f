import AtelierCore
import Foundation
import Testing

@testable import AtelierExport

/// The HTML programme in a real browser (Debian's `chromium`, headless): the filter script runs
/// without error and hides what it should, and the page renders at desktop and phone widths.
/// `scripts/install-deps` installs Chromium (≈350 MB, about a minute); where it is missing these
/// tests are reported as skipped.
/// `ATELIER_SCREENSHOT_DIR=/some/folder` keeps the screenshots to look at.
@Suite("HTML programme in headless Chromium", .enabled(if: Chromium.path != nil, "chromium is not installed"))
struct ChromiumTests {
  static let flags = [
    "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio", "--no-first-run",
  ]

  func page(_ name: String = "generated") throws -> (URL, ExportCase) {
    let export = try ExportFixtures.exportCase(name)
    let files = try export.render(HTMLRenderer())
    let folder = try writeToTemporaryFolder(files.values)
    return (folder, export)
  }

  @Test(
    "the filter script runs: the form shows, ?kind=workshop hides every other kind",
    arguments: ExportFixtures.generatedNames)
  func filtersRun(name: String) throws {
    let (folder, export) = try page(name)
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("programme.html").absoluteString + "?kind=workshop"
    let chromium = try #require(Chromium.path)
    let output = try #require(
      ExternalTool.run(chromium, Self.flags + ["--virtual-time-budget=3000", "--dump-dom", url]))
    #expect(output.status == 0, "\(output.stderr.suffix(2000))")
    let dom = output.stdout
    #expect(dom.contains("<form id=\"filters\" class=\"filters\" aria-label"), "the script un-hides the filters")
    let workshops = export.timetable.placements.filter { export.instance.sessions[$0.run.session].kind == .workshop }
    #expect(dom.contains(">\(workshops.count) sessions shown<"), "status line")
    // Hidden cells are exactly the runs that are not workshops.
    let sessionTags = dom.components(separatedBy: "<div class=\"session ").dropFirst().map {
      $0.prefix(while: { $0 != ">" })
    }
    #expect(sessionTags.count == export.timetable.placements.count)
    for tag in sessionTags {
      #expect(tag.contains("data-kind=\"workshop\"") != tag.contains("hidden"), "\(tag)")
    }
  }

  @Test("screenshots at desktop and phone widths", arguments: [("desktop", 1280, 900), ("phone", 390, 844)])
  func screenshot(name: String, width: Int, height: Int) throws {
    let (folder, _) = try page()
    defer { try? FileManager.default.removeItem(at: folder) }
    let png = folder.appendingPathComponent("\(name).png")
    let chromium = try #require(Chromium.path)
    let output = try #require(
      ExternalTool.run(
        chromium,
        Self.flags + [
          "--window-size=\(width),\(height)", "--screenshot=\(png.path)",
          folder.appendingPathComponent("programme.html").absoluteString,
        ]))
    #expect(output.status == 0, "\(output.stderr.suffix(2000))")
    let data = try Data(contentsOf: png)
    #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
    #expect(data.count > 20_000, "more than a blank page")
    if let keep = ProcessInfo.processInfo.environment["ATELIER_SCREENSHOT_DIR"] {
      try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
      let target = URL(fileURLWithPath: keep).appendingPathComponent("programme-\(name).png")
      try? FileManager.default.removeItem(at: target)
      try FileManager.default.copyItem(at: png, to: target)
      for file in ["programme.html", "rooms.html"] {
        let copy = URL(fileURLWithPath: keep).appendingPathComponent(file)
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: folder.appendingPathComponent(file), to: copy)
      }
    }
  }
}

enum Chromium {
  static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
}
