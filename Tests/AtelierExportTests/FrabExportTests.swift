import AtelierCore
import Foundation
import Testing

@testable import AtelierExport

@Suite("frab export, validated against the c3voc schemas")
struct FrabExportTests {
  /// Validates a JSON file against a draft-06 schema with format checks; prints the event count.
  static let jsonSchemaScript = """
    import json
    schema = json.load(open(sys.argv[1], encoding='utf-8'))
    document = json.load(open(sys.argv[2], encoding='utf-8'))
    cls = jsonschema.validators.validator_for(schema)
    errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(document), key=lambda e: list(e.path))
    for error in errors[:10]:
        print('/'.join(map(str, error.path)), error.message[:300])
    events = [e for day in document['schedule']['conference']['days'] for room in day['rooms'].values() for e in room]
    print('events', len([e for e in events if e['type'] != 'break']))
    sys.exit(1 if errors else 0)
    """

  static func exportCase(_ name: String) throws -> ExportCase {
    switch name {
    case "tiny": ExportFixtures.tiny()
    case "hostile": ExportFixtures.hostile()
    default: try ExportFixtures.exportCase(name)
    }
  }

  @Test(
    "frab-schedule.json is valid against c3voc-schedule.schema.json",
    arguments: ExportFixtures.generatedNames + ["tiny", "hostile"])
  func jsonIsValid(name: String) throws {
    let export = try Self.exportCase(name)
    let files = try export.render(FrabRenderer(baseURL: "https://example.org/programme", language: "fr"))
    let folder = try writeToTemporaryFolder(files.values)
    defer { try? FileManager.default.removeItem(at: folder) }
    let schema = try #require(ExternalTool.resource("Schemas", "c3voc-schedule.schema.json"))
    let output = try #require(
      ExternalTool.python(
        Self.jsonSchemaScript, modules: ["jsonschema", "jsonschema.validators"],
        arguments: [schema.path, folder.appendingPathComponent("frab-schedule.json").path]))
    #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    // Every run is one event (breaks are extra entries of type break).
    #expect(output.stdout.contains("events \(export.timetable.placements.count)\n"), "\(output.stdout)")
  }

  @Test(
    "frab-schedule.xml is valid against c3voc-schedule.xsd (xmllint)",
    arguments: ExportFixtures.generatedNames + ["tiny", "hostile"])
  func xmlIsValid(name: String) throws {
    let export = try Self.exportCase(name)
    let files = try export.render(FrabRenderer(baseURL: "https://example.org/programme", language: "fr"))
    let folder = try writeToTemporaryFolder(files.values)
    defer { try? FileManager.default.removeItem(at: folder) }
    let schema = try #require(ExternalTool.resource("Schemas", "c3voc-schedule.xsd"))
    let output = try #require(
      ExternalTool.run(
        "xmllint", ["--noout", "--schema", schema.path, folder.appendingPathComponent("frab-schedule.xml").path]))
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stderr.contains("validates"), "\(output.stderr)")
  }
}
