import AtelierCore
import AtelierGenerator
import Foundation
import Testing

/// `event.yaml` as `atelier import` writes it reads back as the same event, whatever the titles hold.
@Suite("imported event.yaml")
struct ImportedEventYAMLTests {
  @Test(
    "titles that YAML would read as something else, or that hold controls, read back unchanged",
    arguments: [
      "yes",  // a boolean to YAML 1.1 readers
      "09:30",  // a sexagesimal number to YAML 1.1
      "- not a list",
      "# not a comment",
      "key: value",
      "quote \" and backslash \\",
      "tab\tand\nnewline",
      "control \u{1} and C1 \u{85} and DEL \u{7F}",
      "separator \u{2028} and BOM \u{FEFF}",
      "émoji 🎉 and 中文",
      "&anchor *alias !tag",
    ])
  func hostileTitles(_ title: String) throws {
    let quoted = "\"" + title.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    let csv = "title\tduration\tspeakers\troom\tday\tstart\n\(quoted)\t60\tAda\tMain\t2026-06-01\t09:00\n"
    let (imported, diagnostics) = SessionsImporter.read(Data(csv.utf8), file: "s.tsv")
    let event = try #require(imported, "\(diagnostics.map(\.formatted))")
    let yaml = event.eventYAML()
    let decoded = try InstanceYAML.decode(yaml)
    #expect(decoded == event.event)
    #expect(decoded.sessions.first?.title == title)
    let loaded = InstanceLoader.load(eventData: Data(yaml.utf8), eventFile: "event.yaml")
    #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics.map(\.formatted))")
  }

  @Test("what the sessions file leaves out is written empty, marked, and listed by validate")
  func incomplete() throws {
    let (imported, _) = SessionsImporter.read(Data("title,duration\nHello,60\n".utf8), file: "s.csv")
    let event = try #require(imported)
    let yaml = event.eventYAML()
    #expect(yaml.contains("days: []   # TO COMPLETE"))
    #expect(yaml.contains("rooms: []   # TO COMPLETE"))
    let output = event.render()
    #expect(output.instance == nil && output.schedule == nil)
    #expect(output.files.map(\.path) == ["event.yaml"])
    let paths = Set(output.validation.errors.compactMap(\.location.path))
    #expect(paths.contains("days") && paths.contains("rooms"), "\(output.validation.map(\.formatted))")
    // The import itself says what to add, and how.
    let codes = event.diagnostics.map(\.code)
    #expect(codes.contains("import-no-days") && codes.contains("import-no-rooms"))
  }
}
