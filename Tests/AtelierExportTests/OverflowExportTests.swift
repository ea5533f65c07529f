import AtelierCheck
import AtelierCore
import Foundation
import Testing

@testable import AtelierExport

/// A run streamed into an overflow room (issue 16, item 3) is listed in every room it takes:
/// in its own as usual, in the overflow room as a stream.
@Suite("Overflow rooms in the programme files")
struct OverflowExportTests {
  /// The tiny case with a third room, Salle B, into which the two-hour talk 'communs'
  /// (amphi 14:00–16:00) is streamed. Nothing else uses Salle B.
  static func streamed() -> ExportCase {
    var export = ExportFixtures.tiny()
    export.instance.rooms.append(Room(id: "salle-b", name: "Salle B", capacity: 30))
    export.instance.sessions[2].overflowRooms = [2]
    return export
  }

  @Test("the streamed case keeps every rule (the stream room is free)")
  func isValid() {
    let export = Self.streamed()
    let report = Checker(instance: export.instance).check(export.timetable)
    #expect(report.violations.filter { $0.rule.hasPrefix("H") }.isEmpty, "\(report.violations.map(\.message))")
  }

  @Test("frab: the stream is an event of Salle B with its own guid; JSON valid against the c3voc schema, XML against the XSD")
  func frab() throws {
    let export = Self.streamed()
    let files = try export.render(FrabRenderer(baseURL: "https://example.org/programme", language: "en"))
    let json = try #require(files["frab-schedule.json"]?.text)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let days = (((document["schedule"] as? [String: Any])?["conference"] as? [String: Any])?["days"] as? [[String: Any]]) ?? []
    let rooms = try #require(days.first?["rooms"] as? [String: [[String: Any]]])
    let stream = try #require(rooms["Salle B"]?.first { $0["type"] as? String != "break" })
    let main = try #require(rooms["Amphithéâtre"]?.first { $0["title"] as? String == "Communs numériques" })
    #expect(stream["title"] as? String == "Communs numériques (stream from Amphithéâtre)")
    #expect(stream["start"] as? String == main["start"] as? String)
    #expect(stream["guid"] as? String != main["guid"] as? String)
    #expect(stream["id"] as? Int != main["id"] as? Int)

    let folder = try writeToTemporaryFolder(files.values)
    defer { try? FileManager.default.removeItem(at: folder) }
    let schema = try #require(ExternalTool.resource("Schemas", "c3voc-schedule.schema.json"))
    let output = try #require(
      ExternalTool.python(
        FrabExportTests.jsonSchemaScript, modules: ["jsonschema", "jsonschema.validators"],
        arguments: [schema.path, folder.appendingPathComponent("frab-schedule.json").path]))
    #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    // Four runs and one stream.
    #expect(output.stdout.contains("events 5\n"), "\(output.stdout)")
    let xsd = try #require(ExternalTool.resource("Schemas", "c3voc-schedule.xsd"))
    let xml = try #require(
      ExternalTool.run("xmllint", ["--noout", "--schema", xsd.path, folder.appendingPathComponent("frab-schedule.xml").path]))
    #expect(xml.status == 0, "\(xml.stderr)")
  }

  @Test("iCalendar: Salle B's calendar holds the stream (its own UID, located there); programme.ics says where it is streamed")
  func iCalendar() throws {
    let files = try Self.streamed().render(ICalendarRenderer())
    // Unfolded (RFC 5545 folds long lines at 75 octets).
    let room = try #require(files["rooms/salle-b.ics"]?.text).replacingOccurrences(of: "\r\n ", with: "")
    #expect(room.contains("UID:communs-1-stream-salle-b@"))
    #expect(room.contains("LOCATION:Salle B"))
    #expect(room.contains("stream from Amphithéâtre"))
    #expect(room.components(separatedBy: "BEGIN:VEVENT").count == 2)
    let programme = try #require(files["programme.ics"]?.text).replacingOccurrences(of: "\r\n ", with: "")
    #expect(programme.components(separatedBy: "BEGIN:VEVENT").count == 5)  // four runs, no stream
    #expect(programme.contains("also streamed in Salle B"))
  }

  @Test("HTML: the stream has a cell in Salle B's column of the grid and a line on its room sheet")
  func html() throws {
    let files = try Self.streamed().render(HTMLRenderer())
    let programme = try #require(files["programme.html"]?.text)
    #expect(programme.contains("Salle B – stream from Amphithéâtre"))
    let sheets = try #require(files["rooms.html"]?.text)
    #expect(sheets.contains("stream from Amphithéâtre"))
  }

  @Test("schedule.json: the run lists its overflow rooms; runs without any have no such key, and it reads back")
  func scheduleFile() throws {
    let export = Self.streamed()
    let text = String(decoding: export.schedule.encoded(), as: UTF8.self)
    #expect(text.components(separatedBy: "\"overflow_rooms\"").count == 2)
    #expect(text.contains("\"salle-b\""))
    let plain = String(decoding: ExportFixtures.tiny().schedule.encoded(), as: UTF8.self)
    #expect(!plain.contains("overflow_rooms"))
    let loaded = Schedule.load(data: export.schedule.encoded())
    let schedule = try #require(loaded.schedule, "\(loaded.diagnostics.map(\.formatted))")
    let read = schedule.timetable(in: export.instance)
    #expect(read.timetable?.placements.count == export.timetable.placements.count, "\(read.diagnostics.map(\.formatted))")
  }
}
