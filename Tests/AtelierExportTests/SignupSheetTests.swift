import AtelierCore
import Foundation
import Testing

@testable import AtelierExport

@Suite("Sign-up sheets and assignments.csv, read back by Python's csv")
struct SignupSheetTests {
  /// Reads every CSV under a folder with Python's csv module (RFC 4180 dialect: `newline=''`) and
  /// prints it back as JSON: {path: [[field, …], …]}.
  static let readScript = """
    import csv, json, pathlib
    root = pathlib.Path(sys.argv[1])
    out = {}
    for path in sorted(root.rglob('*.csv')):
        with open(path, encoding='utf-8', newline='') as f:
            out[str(path.relative_to(root))] = list(csv.reader(f, strict=True))
    print(json.dumps(out))
    """

  func readBack(_ files: [String: RenderedFile]) throws -> [String: [[String]]] {
    let folder = try writeToTemporaryFolder(files.values)
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = try #require(ExternalTool.python(Self.readScript, modules: ["csv"], arguments: [folder.path]))
    #expect(output.status == 0, "\(output.stderr)")
    return try JSONDecoder().decode([String: [[String]]].self, from: Data(output.stdout.utf8))
  }

  @Test("assignments.csv: one row per assignment, sorted by participant then start, with the right rank")
  func assignmentsOfGeneratedInstance() throws {
    let export = try ExportFixtures.generatedCase()
    let instance = export.instance
    let files = try export.render(SignupSheetRenderer())
    let tables = try readBack(files)
    let rows = try #require(tables["assignments.csv"])
    #expect(rows.first == ["participant", "session", "title", "run", "day", "start", "end", "room", "rank"])
    let body = rows.dropFirst()
    #expect(body.count == export.timetable.assignments.count)
    #expect(export.timetable.assignments.count > 300, "the greedy assignment gives most participants a workshop")
    // Sorted: participant ids in byte order, then (day, start) within one participant.
    let keys = body.map { ($0[0], $0[4], $0[5]) }
    #expect(
      zip(keys, keys.dropFirst()).allSatisfy { a, b in
        a.0 == b.0 ? (a.1, a.2) < (b.1, b.2) : a.0.utf8.lexicographicallyPrecedes(b.0.utf8)
      })
    // Each row's rank is the session's 1-based place among that participant's choices.
    let participants = Dictionary(uniqueKeysWithValues: instance.participants.map { ($0.id, $0) })
    for row in body {
      let participant = try #require(participants[row[0]])
      let session = try #require(instance.sessions.firstIndex { $0.id == row[1] })
      #expect(row[8] == String((participant.choices.firstIndex(of: session) ?? -2) + 1))
      #expect(row[2] == instance.sessions[session].title)
    }
    // One sheet per placed workshop run, listing exactly its participants.
    let workshopRuns = export.timetable.placements.filter { instance.sessions[$0.run.session].kind == .workshop }
    #expect(tables.keys.filter { $0.hasPrefix("signups/") }.count == workshopRuns.count)
    for placement in workshopRuns {
      let session = instance.sessions[placement.run.session]
      let sheet = try #require(tables["signups/\(session.id)-\(placement.run.run).csv"])
      let header = try #require(sheet.firstIndex(of: ["participant", "signature"]))
      let names = sheet[(header + 1)...].map(\.[0])
      let expected = export.timetable.assignments.filter { $0.run == placement.run }.map {
        instance.participants[$0.participant].id
      }
      #expect(names == expected.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
      #expect(sheet[(header + 1)...].allSatisfy { $0.count == 2 && $0[1].isEmpty })
      #expect(sheet[1] == ["title", session.title])
    }
  }

  @Test("golden assignments.csv of the tiny instance (ATELIER_UPDATE_GOLDEN=1 rewrites it)")
  func goldenAssignments() throws {
    let files = try ExportFixtures.tiny().render(SignupSheetRenderer())
    try Golden.check(try #require(files["assignments.csv"]), as: "assignments.csv")
    // CRLF after every record, UTF-8.
    let text = try #require(files["assignments.csv"]).text
    #expect(text.components(separatedBy: "\r\n").count == 5)  // header + 3 rows + the empty rest
    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
  }

  @Test("the room host's sheet of the tiny instance, field by field")
  func tinySheet() throws {
    let files = try ExportFixtures.tiny().render(SignupSheetRenderer())
    // Runs of `code`: run 1 10:15–11:15 with `=chloe` and helene, run 2 14:00–15:00 with jerome.
    #expect(Set(files.keys) == ["assignments.csv", "signups/code-1.csv", "signups/code-2.csv"])
    let sheet = try #require(files["signups/code-1.csv"]).text
    #expect(
      sheet == """
        session,code\r
        title,"Code, ""libre"" & communs"\r
        run,1 of 2\r
        day,"Jeudi, 2022-09-29"\r
        time,10:15–11:15\r
        room,Salle A\r
        seats,2 of 20 taken\r
        ,\r
        participant,signature\r
        '=chloe,\r
        helene@example.org,\r

        """)
  }

  @Test("hostile ids: sheets stay in signups/, formulas are neutralised, fields round-trip")
  func hostileIDs() throws {
    let export = ExportFixtures.hostile()
    let files = try export.render(SignupSheetRenderer())
    #expect(files.keys.allSatisfy { FileName.isSafePath($0) && ($0 == "assignments.csv" || $0.hasPrefix("signups/")) })
    #expect(files.keys.filter { $0.hasPrefix("signups/") }.count == 2)
    let tables = try readBack(files)
    let rows = try #require(tables["assignments.csv"]).dropFirst()
    // Byte order: `..` (0x2E) < `<` (0x3C) < `a`.
    #expect(rows.map(\.[0]) == ["../../etc/passwd", "<img src=x onerror=alert(1)>", "a\r\nb"])
    #expect(rows.allSatisfy { $0[1] == "../x" && $0[2] == ExportFixtures.hostileTitle && $0[7] == "Salle \"A\" <b>" })
  }

  @Test(
    "CSV fields: quoting and formula neutralising",
    arguments: [
      ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
      ("two\r\nlines", "\"two\r\nlines\""),
      ("=1+1", "'=1+1"), ("-2", "'-2"), ("@sum", "'@sum"), ("+33 6", "'+33 6"), ("", ""),
    ])
  func csvField(input: String, expected: String) {
    #expect(CSVWriter.field(input) == expected)
  }
}
