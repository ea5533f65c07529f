import AtelierCore
import Foundation
import Testing

@Suite("Participants CSV and hostile input")
struct ParticipantsCSVTests {
  static let event = """
    name: CSV
    time_zone: Europe/Paris
    days:
      - {id: tue, date: 2022-09-27, slots: [{start: "09:00", end: "10:00"}]}
      - {id: wed, date: 2022-09-28, slots: [{start: "09:00", end: "10:00"}]}
    rooms:
      - {id: r, capacity: 500}
      - {id: r2, capacity: 500}  # with r alone, the exclusive opening left one slot for two workshops
    sessions:
      - {id: w1, title: "Atelier données", kind: workshop, duration: 60, max_size: 30}
      - {id: w2, title: "Fracture numérique", kind: workshop, duration: 60, max_size: 30}
      - {id: open, title: Ouverture, kind: plenary, duration: 60, exclusive: true}
    """

  func load(_ csv: Data) -> InstanceLoadResult {
    InstanceLoader.load(eventData: Data(Self.event.utf8), participants: csv, participantsFile: "participants.csv")
  }

  @Test("quoted fields hold separators, quotes and newlines; day lists take ids and dates")
  func quotedFields() throws {
    let csv = [
      #""Identifiant","Jours","Choix 1","Choix 2""#,
      #""a@b.fr","27/09/2022|wed","Fracture numérique","w1""#,
      #""c@d.fr","2022-09-28","""Atelier"" données, bis","""#,
      "\"e@f.fr\",\"tue\nwed\",\"w2\",\"\"",
      "",
    ].joined(separator: "\r\n")
    let result = load(Data(csv.utf8))
    // Row 3's choice is not a session (the quotes are part of the name); the row is left out.
    #expect(result.diagnostics.map(\.code) == ["unknown-session"])
    #expect(result.diagnostics.first?.location.line == 3)
    #expect(result.diagnostics.first?.location.column == 23)
    let fixed = load(
      Data(csv.replacingOccurrences(of: "\"\"\"Atelier\"\" données, bis\"", with: "\"ATELIER DONNÉES\"").utf8))
    let instance = try #require(fixed.instance, "\(fixed.diagnostics.map(\.formatted))")
    #expect(instance.participants.map(\.id) == ["a@b.fr", "c@d.fr", "e@f.fr"])
    #expect(instance.participants[0].days == [0, 1])
    #expect(instance.participants[0].choices == [1, 0])
    #expect(instance.participants[1].days == [1])
    #expect(instance.participants[2].days == [0, 1])  // a newline inside quotes separates days too
    #expect(instance.participants[2].line == 4)
  }

  @Test("with `;` separators a day list may use commas; a choice of an exclusive session is a warning")
  func semicolonDayLists() throws {
    let csv = "id;days;choice_1;choice_2;max_workshops\np1;tue,wed;open;w1;3\n"
    let result = load(Data(csv.utf8))
    let instance = try #require(result.instance)
    #expect(instance.participants[0].days == [0, 1])
    #expect(instance.participants[0].choices == [0])
    #expect(result.diagnostics.map(\.code) == ["exclusive-choice"])
    #expect(result.diagnostics.first?.severity == .warning)
  }

  @Test("Windows-1252 is read when the bytes are not UTF-8")
  func windows1252() throws {
    let csv = "participant;choix_1\r\nJérôme;Fracture numérique\r\n"
    let bytes = try #require(csv.data(using: .windowsCP1252))
    let instance = try #require(load(bytes).instance)
    #expect(instance.participants.map(\.id) == ["Jérôme"])
    #expect(instance.participants[0].choices == [1])
  }

  @Test("a file without an id column is refused with the header it read")
  func missingIdColumn() throws {
    let result = load(Data("name,choice_1\nA,w1\n".utf8))
    #expect(result.diagnostics.map(\.code) == ["csv-missing-column"])
  }

  @Test("10 MB of random bytes as participants: a diagnostic, no crash")
  func garbageParticipants() throws {
    var generator = SeededBytes(seed: 42)
    var bytes = [UInt8](repeating: 0, count: 10 * 1024 * 1024 + 17)
    for i in bytes.indices { bytes[i] = generator.next() }
    let result = load(Data(bytes))
    #expect(result.instance == nil)
    #expect(result.diagnostics.hasErrors)
    #expect(result.diagnostics.first?.location.file == "participants.csv")
  }

  @Test("10 MB of text garbage without NUL bytes as participants: a diagnostic, no crash")
  func textGarbageParticipants() throws {
    var generator = SeededBytes(seed: 7)
    var bytes = [UInt8](repeating: 0, count: 10 * 1024 * 1024)
    for i in bytes.indices { bytes[i] = max(1, generator.next()) }
    let result = load(Data(bytes))
    #expect(result.instance == nil)
    #expect(result.diagnostics.hasErrors)
  }

  @Test("an event file over the size limit is refused unread")
  func oversizedEvent() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-big-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("event.yaml")
    try Data(repeating: UInt8(ascii: "#"), count: InstanceLoader.maxEventBytes + 1).write(to: file)
    let result = InstanceLoader.load(path: folder.path)
    #expect(result.diagnostics.map(\.code) == ["file-too-large"])
    #expect(!result.unreadable)
  }

  @Test(
    "deep nesting and aliases used as keys are refused before parsing",
    arguments: [
      // 10,000 nested flow lists.
      (String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), "nesting-too-deep"),
      // A bomb hidden in a mapping key (hashing the key would walk 10^6 nodes per level).
      ("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n*b : 1\n", "complex-key"),
      // Two documents.
      ("name: a\n---\nname: b\n", "syntax"),
      // A lone scalar.
      ("just text", "type-mismatch"),
    ])
  func hostileYAML(text: String, code: String) throws {
    let result = InstanceLoader.load(eventData: Data(text.utf8))
    #expect(result.instance == nil)
    #expect(result.diagnostics.first?.code == code, "\(result.diagnostics.map(\.formatted))")
  }

  @Test("docs/instance.schema.json is an identical copy of the schema the loader uses")
  func schemaCopyIsIdentical() throws {
    let docs = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/instance.schema.json")
    let text = try String(contentsOf: docs, encoding: .utf8)
    #expect(text == InstanceLoader.schemaJSON + "\n")
  }
}

/// A tiny deterministic byte stream (SplitMix64).
struct SeededBytes {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt8 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return UInt8(truncatingIfNeeded: z ^ (z >> 31))
  }
}

/// Preference forms' layouts: a column per workshop holding a rank (ties) or a score (issue 17).
@Suite("Participants CSV: ranks and scores per workshop column")
struct PreferenceColumnsTests {
  static func event(_ participants: String = "") -> String {
    ParticipantsCSVTests.event + "\n" + participants
  }

  func load(_ csv: String, event: String = PreferenceColumnsTests.event()) -> InstanceLoadResult {
    InstanceLoader.load(eventData: Data(event.utf8), participants: Data(csv.utf8), participantsFile: "participants.csv")
  }

  @Test("equal ranks tie (competition ranks); a column is matched by the workshop's id or title")
  func tiedRanks() throws {
    // w1 by id, w2 by title. p1: w1 1, w2 1 → both rank 1. p2: w2 2, w1 1 → w1 1, w2 2.
    let csv = "id;w1;Fracture numérique\np1;1;1\np2;1;2\np3;;3\n"
    let result = load(csv)
    let instance = try #require(result.instance, "\(result.diagnostics.map(\.formatted))")
    #expect(instance.participants[0].choices == [0, 1])
    #expect(instance.participants[0].ranks == [1, 1])
    #expect(instance.participants[1].choices == [0, 1])
    #expect(instance.participants[1].rank(ofSession: 1) == 2)
    #expect(instance.participants[2].choices == [1])
    #expect(instance.participants[2].rank(ofSession: 1) == 1)
  }

  @Test("scores: must above 10, maybe below 1, 0 and empty not wanted")
  func scores() throws {
    let event = Self.event("participants: {file: participants.csv, preferences: scores}")
    let csv = "id,w1,w2\np1,maybe,7\np2,must,10\np3,0,4\np4,5,5\n"
    let result = load(csv, event: event)
    let instance = try #require(result.instance, "\(result.diagnostics.map(\.formatted))")
    #expect(instance.participants[0].choices == [1, 0])  // 7 before maybe
    #expect(instance.participants[0].ranks == [1, 2])
    #expect(instance.participants[1].choices == [0, 1])  // must before 10
    #expect(instance.participants[2].choices == [1])
    #expect(instance.participants[3].ranks == [1, 1])
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var what: String
    var csv: String
    var scores: Bool
    var code: String
    var hint: String
    var testDescription: String { what }
  }

  static let bad = [
    Bad(what: "a word in a rank column", csv: "id,w1\np1,must\n", scores: false, code: "invalid-rank", hint: "preferences: scores"),
    Bad(what: "rank 0", csv: "id,w1\np1,0\n", scores: false, code: "invalid-rank", hint: "preferences: scores"),
    Bad(what: "a fraction of a rank", csv: "id,w1\np1,x\n", scores: false, code: "invalid-rank", hint: "1 is the most wanted"),
    Bad(what: "a score above 10", csv: "id,w1\np1,11\n", scores: true, code: "invalid-score", hint: "10 for the most wanted"),
  ]

  @Test("a bad cell is an error at its line and column, with a hint", arguments: bad)
  func badCell(_ c: Bad) throws {
    let event = c.scores ? Self.event("participants: {file: participants.csv, preferences: scores}") : Self.event()
    let result = load(c.csv, event: event)
    let diagnostic = try #require(result.diagnostics.first { $0.code == c.code }, "\(result.diagnostics.map(\.formatted))")
    #expect(diagnostic.location.line == 2)
    #expect(diagnostic.location.column == 4)
    #expect(diagnostic.hint?.contains(c.hint) == true, "\(diagnostic.hint ?? "")")
  }

  @Test("weights.ranks: out of range is refused at its key path; increasing is a warning")
  func rankWeights() throws {
    let csv = "id,choice_1\np1,w1\n"
    let tooLarge = load(csv, event: Self.event("weights: {ranks: [3, 2000]}"))
    #expect(tooLarge.instance == nil)
    #expect(tooLarge.diagnostics.contains { $0.location.path == "weights.ranks[1]" })
    let increasing = load(csv, event: Self.event("weights: {ranks: [1, 3]}"))
    #expect(increasing.instance?.weights.ranks == [1, 3])
    #expect(increasing.diagnostics.map(\.code) == ["rank-weights-increasing"])
    #expect(increasing.diagnostics.first?.location.path == "weights.ranks[1]")
  }
}
