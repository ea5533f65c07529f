import AtelierCore
import Foundation
import Testing

/// Input built to exhaust memory or time (issue 7): each gets a diagnostic quickly, or loads
/// within the documented limits (docs/reliability.md). Data is generated in memory.
@Suite("Hostile input: size, breadth, nesting")
struct HostileInputTests {
  /// One day of ten slots, ten workshops of 30 seats, no seat-coverage rule: any number of
  /// participants is feasible, so that only the limits can refuse them.
  static let event = """
    name: Wide
    time_zone: Europe/Paris
    seat_coverage: 0
    days:
      - id: mon
        date: 2026-03-02
        slots: [{start: "08:00", end: "09:00"}, {start: "09:00", end: "10:00"}, {start: "10:00", end: "11:00"},
          {start: "11:00", end: "12:00"}, {start: "12:00", end: "13:00"}, {start: "13:00", end: "14:00"},
          {start: "14:00", end: "15:00"}, {start: "15:00", end: "16:00"}, {start: "16:00", end: "17:00"},
          {start: "17:00", end: "18:00"}]
    rooms:
      - {id: r, capacity: 30}
    sessions:
    """
    + (0..<10).map { "\n  - {id: w\($0), title: Workshop \($0), kind: workshop, duration: 60, max_size: 30}" }
    .joined()

  static func load(_ participants: Data) -> InstanceLoadResult {
    InstanceLoader.load(eventData: Data(event.utf8), participants: participants, participantsFile: "participants.csv")
  }

  /// `count` bytes of `row` repeated after `header` (rows cut at the end are fine: reading stops before).
  static func repeated(header: String, row: String, bytes count: Int) -> Data {
    var data = Data(header.utf8)
    let block = Data(String(repeating: row, count: 10_000).utf8)
    while data.count < count { data.append(block) }
    return data
  }

  @Test("a 100 MB participants file is refused at the 100,001st row, before it is held in memory")
  func hundredMegabytes() throws {
    // 25 bytes a row: 4.2 million rows. Header on line 1, participant k on line k + 1: the first row
    // over the limit (100,001st) is on line 100,002.
    let data = Self.repeated(header: "id,days,choice_1,choice_2\n", row: "p12345678,mon,w1,w2,,,,,\n", bytes: 100 << 20)
    #expect(data.count >= 100 << 20)
    let started = ContinuousClock.now
    let result = Self.load(data)
    #expect(result.instance == nil)
    #expect(result.diagnostics.map(\.code) == ["too-many-participants"])
    #expect(result.diagnostics.first?.location.line == 100_002)
    #expect(result.diagnostics.first?.message.contains("100,000") == true)
    #expect(ContinuousClock.now - started < .seconds(20))
  }

  @Test("100 MB of separators on one line: a diagnostic at the 1,001st field, not a field per byte")
  func separators() throws {
    let commas = Self.load(Data(repeating: UInt8(ascii: ","), count: 100 << 20))
    #expect(commas.diagnostics.map(\.code) == ["csv-too-many-columns"])
    #expect(commas.diagnostics.first?.location.line == 1)
  }

  @Test("blank lines are skipped as they are read, not kept as records")
  func blankLines() throws {
    // 5 million blank lines between the header and the only row, which is on line 2 + 5,000,000.
    var blank = Data("id,choice_1\n".utf8)
    blank.append(Data(repeating: UInt8(ascii: "\n"), count: 5_000_000))
    blank.append(Data("p1,w1\n".utf8))
    let result = Self.load(blank)
    let instance = try #require(result.instance, "\(result.diagnostics.map(\.formatted))")
    #expect(instance.participants.map(\.id) == ["p1"])
    #expect(instance.participants.first?.line == 5_000_002)
  }

  @Test("a million choice columns: refused at the header")
  func millionChoiceColumns() throws {
    let header = "id," + (1...1_000_000).map { "choice_\($0)" }.joined(separator: ",") + "\n"
    let result = Self.load(Data((header + "p1,w1\n").utf8))
    #expect(result.diagnostics.map(\.code) == ["csv-too-many-columns"])
    #expect(result.diagnostics.first?.location.line == 1)
  }

  @Test("a million choices over 100,000 participants (the limit) load")
  func millionChoices() throws {
    // Ten choices each, every workshop once, rotated so that demand is even: 100,000 × 10 = 1,000,000.
    var text = "id," + (1...10).map { "choice_\($0)" }.joined(separator: ",") + "\n"
    for p in 0..<100_000 {
      text += "p\(p)," + (0..<10).map { "w\(($0 + p) % 10)" }.joined(separator: ",") + "\n"
    }
    let result = Self.load(Data(text.utf8))
    let instance = try #require(result.instance, "\(result.diagnostics.prefix(3).map(\.formatted))")
    #expect(instance.participants.count == 100_000)
    #expect(instance.participants.reduce(0) { $0 + $1.choices.count } == 1_000_000)
    #expect(instance.choiceCounts == Array(repeating: 100_000, count: 10))
  }

  @Test("a participants file for another event: every unknown name reported, quickly, with hints")
  func anotherEventsFile() throws {
    // 30,000 rows of three unknown names: 90,000 errors. Hints were computed per row and per
    // candidate (2 minutes on 25,000 rows of nec2022 in release); now once per distinct name.
    var text = "id,choice_1,choice_2,choice_3\n"
    for p in 0..<30_000 { text += "p\(p),workshop-\(p % 7),Workshp 3,\(String(repeating: "x", count: 200))\n" }
    let started = ContinuousClock.now
    let result = Self.load(Data(text.utf8))
    #expect(result.instance == nil)
    #expect(result.diagnostics.count == 90_000)
    #expect(Set(result.diagnostics.map(\.code)) == ["unknown-session"])
    #expect(result.diagnostics.first { $0.message.contains("Workshp 3") }?.hint == "did you mean 'Workshop 3'?")
    #expect(ContinuousClock.now - started < .seconds(20))
  }

  @Test("a megabyte-long unknown name gets its diagnostic without an edit distance against it")
  func longUnknownName() throws {
    // The edit distance of a 1,000,000-character name against 20 names of ~10 is 2 × 10^8 steps.
    let name = String(repeating: "w", count: 1_000_000)
    let started = ContinuousClock.now
    #expect(NameSuggester.closest(to: name, among: (0..<10).flatMap { ["w\($0)", "Workshop \($0)"] }) == nil)
    let result = Self.load(Data("id,choice_1\np1,\(name)\n".utf8))
    #expect(result.diagnostics.map(\.code) == ["unknown-session"])
    #expect(ContinuousClock.now - started < .seconds(5))
    // Lengths that differ by at most the limit are still compared: `w1` for `w11`, `Workshop 1` for `Workshop 10`.
    #expect(NameSuggester.closest(to: "w11", among: ["w1", "w2"]) == "w1")
    #expect(NameSuggester.closest(to: "workshop 10", among: ["Workshop 1"]) == "Workshop 1")
  }

  /// A schedule nested `depth` levels deep, closed: lists inside a valid start, or objects.
  enum Nesting: String, CaseIterable, Sendable {
    case lists, objects
    func text(depth: Int) -> String {
      switch self {
      case .lists:
        #"{"format":"atelier-schedule/1","runs":"# + String(repeating: "[", count: depth)
          + String(repeating: "]", count: depth) + "}"
      case .objects: String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
      }
    }
    /// Where the scanner stops: at the value that would be the 65th level. Lists: the object is
    /// level 1 and the first `[` is at column 39, so the 64th `[` (column 39 + 63). Objects: `{"a":`
    /// is 5 characters, the 65th `{` at column 1 + 64 × 5.
    var column: Int { self == .lists ? 39 + 63 : 1 + 64 * 5 }
  }

  @Test(
    "a schedule.json nested 100,000 levels deep: a syntax error with its position, no recursion",
    arguments: Nesting.allCases)
  func nestedSchedule(nesting: Nesting) throws {
    let (schedule, diagnostics) = Schedule.load(data: Data(nesting.text(depth: 100_000).utf8), file: "schedule.json")
    #expect(schedule == nil)
    #expect(diagnostics.map(\.code) == ["syntax-error"])
    #expect(diagnostics.first?.location.line == 1)
    #expect(diagnostics.first?.location.column == nesting.column)
  }

  @Test("ids with control characters and markup load as written: the outputs escape them")
  func controlCharactersInIDs() throws {
    // The id pattern refuses spaces and `| + , ;` only: YAML escapes give a session id an ESC, a
    // BEL and a DEL, and markup; the CSV gives a participant id a terminal escape and markup.
    let event = Self.event.replacingOccurrences(of: "id: w0,", with: #"id: "<b>w0\e[2J\a\x7f&","#)
    let csv = "id,choice_1\n\"p\u{1B}[2J<script>\u{07}\",\"<b>w0\u{1B}[2J\u{07}\u{7F}&\"\n"
    let result = InstanceLoader.load(eventData: Data(event.utf8), participants: Data(csv.utf8))
    let instance = try #require(result.instance, "\(result.diagnostics.map(\.formatted))")
    #expect(instance.sessions[0].id == "<b>w0\u{1B}[2J\u{07}\u{7F}&")
    #expect(instance.participants.map(\.id) == ["p\u{1B}[2J<script>\u{07}"])
    #expect(instance.participants[0].choices == [0])
  }
}
