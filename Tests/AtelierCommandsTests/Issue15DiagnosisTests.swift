import AtelierCore
import Foundation
import Testing

@testable import AtelierCommands

/// Issue 15, diagnosis of bad input, end to end through the built `atelier`: choice columns under
/// other headings (item 5), time zones and daylight-saving changes (item 8), and YAML and CSV
/// diagnostics that say what to do (item 13).
@Suite("issue 15: diagnosis", .serialized)
struct Issue15DiagnosisTests {
  /// One day, two rooms, a talk and a workshop given twice.
  static func event(timeZone: String = "Europe/Paris", date: String = "2026-03-02", participants: String = "")
    -> String
  {
    """
    format: atelier/1
    name: Diagnostics
    time_zone: \(timeZone)
    days:
      - id: mon
        date: "\(date)"
        slots: [{start: "09:00", end: "10:00"}, {start: "10:15", end: "11:15"}]
    rooms:
      - {id: big, capacity: 100}
      - {id: lab, capacity: 30}
    sessions:
      - {id: talk, title: Conférence, kind: talk, duration: 60, audience: 40}
      - {id: ws, title: Atelier code, kind: workshop, duration: 60, max_size: 30, runs: 2}
      - {id: ws2, title: Atelier données, kind: workshop, duration: 60, max_size: 30}
    \(participants)
    """
  }

  /// A fresh folder holding `event.yaml` and, when given, `participants.csv` (`csvName`).
  static func makeInstance(event: String, csv: Data? = nil, csvName: String = "participants.csv") throws -> URL {
    let folder = CLI.temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(event.utf8).write(to: folder.appendingPathComponent("event.yaml"))
    if let csv { try csv.write(to: folder.appendingPathComponent(csvName)) }
    return folder
  }

  /// Runs the built `atelier`: exit status, standard output and standard error.
  static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = try FaultTests.executable()
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes drained at once, so neither fills while the other is read.
    nonisolated(unsafe) var errData = Data()
    let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
  }

  /// The diagnostics of `validate --format json`.
  static func jsonDiagnostics(_ folder: URL) throws -> (status: Int32, diagnostics: [Diagnostic]) {
    let result = try run(["validate", folder.path, "--format", "json"])
    let diagnostics = try JSONDecoder().decode([Diagnostic].self, from: Data(result.out.utf8))
    return (result.status, diagnostics)
  }

  // MARK: - 5. choice columns

  @Test(
    "choice columns under the usual English and French headings are read as choices",
    arguments: [
      ("choice_1", "choice_2"), ("choice 1", "choice 2"), ("Choice #1", "Choice #2"), ("1st choice", "2nd choice"),
      ("choix_1", "choix_2"), ("Choix 1", "Choix 2"), ("Choix n°1", "Choix n°2"), ("1er choix", "2e choix"),
      ("1er choix", "2ème choix"), ("Atelier 1", "Atelier 2"), ("Vœu 1", "Vœu 2"), ("voeu 1", "voeu 2"),
      // A series numbered from 0: choice_0 is the first choice.
      ("choice_0", "choice_1"),
    ])
  func choiceHeadings(first: String, second: String) throws {
    let csv = "id;\(first);\(second)\nana;ws;ws2\nbob;ws2;\n"
    let folder = try Self.makeInstance(event: Self.event(), csv: Data(csv.utf8))
    defer { try? FileManager.default.removeItem(at: folder) }
    let loaded = InstanceLoader.load(path: folder.path)
    let instance = try #require(loaded.instance, "\(loaded.diagnostics.map(\.formatted))")
    #expect(instance.participants.map(\.choices) == [[1, 2], [2]])
    // validate says which columns it read as choices, in text and in JSON.
    let text = try Self.run(["validate", folder.path])
    #expect(text.status == 0)
    #expect(text.err.contains("note: read id from column 'id', no days column"), "\(text.err)")
    #expect(text.err.contains("choices from columns '\(first)', '\(second)'"), "\(text.err)")
    let json = try Self.jsonDiagnostics(folder)
    let note = try #require(json.diagnostics.first { $0.code == "participants-columns" })
    #expect(note.severity == .note)
    #expect(note.message.contains("choices from columns '\(first)', '\(second)'"))
    if first == "choice_0" { #expect(note.message.contains("'choice_0' numbered from 0 is the first choice")) }
  }

  @Test("choice columns are named in event.yaml; a name the header lacks gets a did-you-mean")
  func declaredColumns() throws {
    let csv = "Email;Nom;Jours;Atelier A;Atelier B;Atelier C\nana@x.org;Ana;mon;ws;ws2;\nbob@x.org;Bob;;ws2;;\n"
    let mapping = """
      participants: {file: inscriptions.csv, id: Email, days: Jours, choices: ["Atelier A", "Atelier B", "Atelier C"]}
      """
    let folder = try Self.makeInstance(
      event: Self.event(participants: mapping), csv: Data(csv.utf8), csvName: "inscriptions.csv")
    defer { try? FileManager.default.removeItem(at: folder) }
    let loaded = InstanceLoader.load(path: folder.path)
    let instance = try #require(loaded.instance, "\(loaded.diagnostics.map(\.formatted))")
    #expect(instance.participants.map(\.id) == ["ana@x.org", "bob@x.org"])
    #expect(instance.participants.map(\.choices) == [[1, 2], [2]])
    let text = try Self.run(["validate", folder.path])
    #expect(text.status == 0)
    #expect(
      text.err.contains(
        "note: read id from column 'Email', days from 'Jours', choices from columns 'Atelier A' … 'Atelier C' (3 columns)"),
      "\(text.err)")

    // A file the mapping names that is not there.
    let missing = mapping.replacingOccurrences(of: "inscriptions.csv", with: "inscription.csv")
    try Data(Self.event(participants: missing).utf8).write(to: folder.appendingPathComponent("event.yaml"))
    let notFound = try Self.jsonDiagnostics(folder)
    #expect(notFound.status == 1)
    #expect(notFound.diagnostics.map(\.location.path) == ["participants.file"])
    #expect(notFound.diagnostics.first?.message == "participants file 'inscription.csv' not found")

    // A misspelt column in the mapping: the key path in event.yaml, and the header's closest name.
    let wrong = mapping.replacingOccurrences(of: "\"Atelier C\"", with: "\"Atelire C\"")
      .replacingOccurrences(of: "id: Email", with: "id: Mail")
    try Data(Self.event(participants: wrong).utf8).write(to: folder.appendingPathComponent("event.yaml"))
    let json = try Self.jsonDiagnostics(folder)
    #expect(json.status == 1)
    let unknown = json.diagnostics.filter { $0.code == "unknown-column" }
    #expect(unknown.map(\.location.path) == ["participants.id", "participants.choices[2]"])
    #expect(unknown.map(\.hint) == ["did you mean 'Email'?", "did you mean 'Atelier C'?"])
    #expect(unknown.allSatisfy { $0.location.file?.hasSuffix("event.yaml") == true && $0.location.line == 15 })
  }

  @Test("no choice column in a file for an event with workshops: an error listing the header and the headings")
  func missingChoiceColumns() throws {
    let csv = "id;Jours;Premier atelier;Second atelier\nana;mon;ws;ws2\n"
    let folder = try Self.makeInstance(event: Self.event(), csv: Data(csv.utf8))
    defer { try? FileManager.default.removeItem(at: folder) }
    let validate = try Self.run(["validate", folder.path])
    #expect(validate.status == 1)
    #expect(
      validate.err.contains(
        "participants.csv:1:1: error: no column of workshop choices in the header (id, Jours, Premier atelier, Second atelier)"),
      "\(validate.err)")
    #expect(validate.err.contains("Choix n°1, 1er choix"))
    #expect(validate.err.contains("choices: []"))
    // solve publishes nothing.
    let out = folder.appendingPathComponent("out")
    #expect(try Self.run(["solve", folder.path, "--out", out.path]).status == 1)
    #expect(!FileManager.default.fileExists(atPath: out.path))
    // `choices: []` says the file holds no choices: valid.
    let declared = Self.event(participants: "participants: {choices: []}")
    try Data(declared.utf8).write(to: folder.appendingPathComponent("event.yaml"))
    let valid = try Self.run(["validate", folder.path])
    #expect(valid.status == 0, "\(valid.err)")
    #expect(valid.err.contains("no choices (participants.choices is empty)"))

    // Choice columns, every cell empty: a warning, which solve repeats.
    try Data(Self.event().utf8).write(to: folder.appendingPathComponent("event.yaml"))
    try Data("id;Jours;choice_1;choice_2\nana;mon;;\nbob;;;\n".utf8).write(
      to: folder.appendingPathComponent("participants.csv"))
    let empty = try Self.run(["validate", folder.path])
    #expect(empty.status == 0)
    #expect(
      empty.err.contains(
        "participants.csv:1:10: warning: no participant chose a session: the choice columns ('choice_1', 'choice_2') are empty in every row"),
      "\(empty.err)")
    let solved = try Self.run(["solve", folder.path, "--out", out.path])
    #expect(solved.status == 0)
    #expect(solved.err.contains("warning: no participant chose a session"), "\(solved.err)")
  }

  @Test("a scenario of an instance with a column mapping reads the same columns and keeps the mapping")
  func scenarioKeepsMapping() throws {
    var event = ScenarioFixture.event
    event.participants = .init(file: "inscriptions.csv", id: "Email", choices: ["Atelier A", "Atelier B"])
    let csv = "Email,Atelier A,Atelier B\np1@x,code,paint\np2@x,paint,\np3@x,code,\n"
    let (made, diagnostics) = ScenarioBase.make(event: event, participantsCSV: Data(csv.utf8))
    let base = try #require(made, "\(diagnostics.map(\.formatted))")
    #expect(base.instance.participants.map(\.choices.count) == [2, 1, 1])
    let scenario = try ScenarioFixture.scenario("changes:\n  - scale_demand: {factor: 0.7, seed: 1}\n")
    let applied = scenario.apply(to: base)
    #expect(applied.status == .valid, "\(applied.diagnostics.map(\.formatted))")
    #expect(applied.event?.participants == .init(file: "participants.csv", id: "Email", choices: ["Atelier A", "Atelier B"]))
    // The rows kept are read with their choices, through the mapping.
    let kept = try #require(applied.instance?.participants)
    #expect(kept.count == 2)
    #expect(kept.allSatisfy { !$0.choices.isEmpty })
  }

  // MARK: - 8. time zones and daylight saving

  @Test(
    "time zones that are not IANA names are refused, with the zone to write instead",
    arguments: [
      ("UTC+2", "'UTC+2' is a UTC offset", "Etc/GMT-2 (the sign is inverted in Etc names: Etc/GMT-2 is 2 hours ahead of UTC)"),
      ("GMT+0200", "'GMT+0200' is a UTC offset", "Etc/GMT-2"),
      ("UTC-05:00", "'UTC-05:00' is a UTC offset", "Etc/GMT+5 (the sign is inverted in Etc names: Etc/GMT+5 is 5 hours behind UTC)"),
      ("CEST", "'CEST' is an abbreviation", "such as Europe/Paris"),
      ("EST", "'EST' is an abbreviation", "such as America/New_York"),
      ("europe/paris", "unknown time zone 'europe/paris'", "did you mean 'Europe/Paris'?"),
      ("Japan", "'Japan' is an old alias", "such as Europe/Paris"),
    ])
  func nonIANAZones(zone: String, message: String, hint: String) throws {
    let folder = try Self.makeInstance(event: Self.event(timeZone: zone))
    defer { try? FileManager.default.removeItem(at: folder) }
    let json = try Self.jsonDiagnostics(folder)
    #expect(json.status == 1)
    let diagnostic = try #require(json.diagnostics.first { $0.code == "unknown-time-zone" }, "\(json.diagnostics)")
    #expect(diagnostic.location.path == "time_zone")
    #expect(diagnostic.location.line == 3)
    #expect(diagnostic.message.hasPrefix(message), "\(diagnostic.message)")
    #expect(diagnostic.hint?.contains(hint) == true, "\(diagnostic.hint ?? "")")
  }

  @Test("IANA names Foundation knows, links and Etc zones included, are accepted", arguments: [
    "Europe/Paris", "UTC", "Etc/GMT-2", "Etc/UTC", "America/Argentina/Buenos_Aires", "US/Pacific",
  ])
  func ianaZones(zone: String) throws {
    let folder = try Self.makeInstance(event: Self.event(timeZone: zone))
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Self.run(["validate", folder.path])
    #expect(result.status == 0, "\(result.err)")
  }

  /// 2026-03-29: Paris goes from 02:00 to 03:00; 2026-10-25: from 03:00 back to 02:00.
  static func nightEvent(date: String, slots: String) -> String {
    Self.event(date: date).replacingOccurrences(
      of: #"slots: [{start: "09:00", end: "10:00"}, {start: "10:15", end: "11:15"}]"#, with: "slots: \(slots)")
  }

  @Test("a slot in the spring-forward gap, or spanning it, is refused at its key path with the local time")
  func springForward() throws {
    let slots = #"[{start: "00:30", end: "01:30"}, {start: "02:00", end: "03:00"}, {start: "03:00", end: "04:00"}, {start: "04:30", end: "05:30"}]"#
    let folder = try Self.makeInstance(event: Self.nightEvent(date: "2026-03-29", slots: slots))
    defer { try? FileManager.default.removeItem(at: folder) }
    let json = try Self.jsonDiagnostics(folder)
    #expect(json.status == 1)
    let gaps = json.diagnostics.filter { $0.code == "nonexistent-local-time" }
    #expect(gaps.map(\.location.path) == ["days[0].slots[1].start"])
    #expect(
      gaps.first?.message
        == "02:00 on 2026-03-29 does not exist in Europe/Paris: clocks go from 02:00 to 03:00 (daylight saving time starts)")
    #expect(gaps.first?.hint == "move the slot out of 02:00–03:00")
    #expect(gaps.first?.location.line == 7)

    // A slot across the gap lasts an hour less than written.
    let across = #"[{start: "01:30", end: "03:30"}, {start: "04:00", end: "05:00"}, {start: "06:00", end: "07:00"}]"#
    try Data(Self.nightEvent(date: "2026-03-29", slots: across).utf8).write(to: folder.appendingPathComponent("event.yaml"))
    let spans = try Self.jsonDiagnostics(folder)
    #expect(spans.status == 1)
    #expect(
      spans.diagnostics.filter { $0.code == "slot-spans-clock-change" }.map(\.message) == [
        "slot 01:30–03:30 on 2026-03-29 spans a daylight-saving change in Europe/Paris: it lasts 60 minutes, not 120"
      ])
  }

  @Test("a slot in the fall-back overlap is a warning saying which occurrence is meant")
  func fallBack() throws {
    let slots = #"[{start: "01:00", end: "02:00"}, {start: "02:15", end: "02:45"}, {start: "03:00", end: "04:00"}]"#
    let folder = try Self.makeInstance(event: Self.nightEvent(date: "2026-10-25", slots: slots))
    defer { try? FileManager.default.removeItem(at: folder) }
    let json = try Self.jsonDiagnostics(folder)
    #expect(json.status == 0)
    let ambiguous = json.diagnostics.filter { $0.code == "ambiguous-local-time" }
    #expect(ambiguous.map(\.location.path) == ["days[0].slots[0].end", "days[0].slots[1].start", "days[0].slots[1].end"])
    #expect(ambiguous.allSatisfy { $0.severity == .warning })
    #expect(
      ambiguous.dropFirst().first?.message
        == "02:15 on 2026-10-25 happens twice in Europe/Paris: clocks go back from 03:00 to 02:00; it is read as the first, at UTC+02:00 (not UTC+01:00)"
    )
  }
  // MARK: - 13. YAML and CSV diagnostics that help

  /// The event with one line replaced (`old` must occur once).
  static func editedEvent(_ old: String, _ new: String) -> String {
    let event = Self.event()
    precondition(event.components(separatedBy: old).count == 2, old)
    return event.replacingOccurrences(of: old, with: new)
  }

  @Test(
    "YAML syntax errors say what is wrong where it is: tabs, indentation, a ': ' in a value, an unclosed quote",
    arguments: [
      // A tab indents line 12: libyaml says "found character that cannot start any token".
      (
        "sessions:\n", "sessions:\n\t", "12:1", "a tab character indents line 12",
        "YAML does not allow tabs for indentation; use spaces"
      ),
      // One space too many before a key.
      (
        "  - {id: lab, capacity: 30}", "  - id: lab\n     capacity: 30", "11:14", "YAML syntax error: mapping values are not allowed",
        "check the indentation: line 11 starts at column 6, the keys on line 10 at column 5"
      ),
      // A ': ' inside an unquoted value.
      ("name: Diagnostics", "name: Atelier: code", "2:14", "YAML syntax error: mapping values are not allowed", #"quote the value (name: "Atelier: code")"#),
      // A quote opened on line 12 and never closed: libyaml notices at the end of the file.
      (
        "title: Conférence,", "title: \"Conférence,", "12:23", "a quoted value opened here is never closed",
        #"close it with " on the same line"#
      ),
      // The same, with a quote on the next line: libyaml fails on line 13.
      (
        "title: Conférence, kind: talk, duration: 60, audience: 40}\n  - {id: ws, title: Atelier code,",
        "title: \"Conférence, kind: talk, duration: 60, audience: 40}\n  - {id: ws, title: \"Atelier code\",", "12:23",
        "a quoted value opened here is not closed on its line", #"close it with " on the same line"#
      ),
    ])
  func yamlSyntax(old: String, new: String, position: String, message: String, hint: String) throws {
    let folder = try Self.makeInstance(event: Self.editedEvent(old, new))
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Self.run(["validate", folder.path])
    #expect(result.status == 1)
    let lines = result.err.split(separator: "\n").map(String.init)
    #expect(lines.count == 2, "\(result.err)")
    #expect(lines.first?.contains("event.yaml:\(position): error: \(message)") == true, "\(result.err)")
    #expect(lines.last?.hasPrefix("  hint: ") == true, "\(result.err)")
    #expect(lines.last?.contains(hint) == true, "\(result.err)")
  }

  @Test(
    "times written 9.30, \"9.30\", 9h00 or 0930 get the hint to write 09:30, and the hint is right",
    arguments: [
      ("9.30", "09:30"),  // a number to YAML
      ("\"9.30\"", "09:30"),  // the old hint said to quote it: still not a time
      ("9h00", "09:00"), ("\"9h30\"", "09:30"), ("0930", "09:30"), ("9:30:00", "09:30"),
    ])
  func timeHints(written: String, suggested: String) throws {
    let slot = #"{start: "09:00", end: "10:00"}"#
    let folder = try Self.makeInstance(event: Self.editedEvent(slot, "{start: \(written), end: \"10:00\"}"))
    defer { try? FileManager.default.removeItem(at: folder) }
    let json = try Self.jsonDiagnostics(folder)
    #expect(json.status == 1)
    #expect(json.diagnostics.count == 1, "\(json.diagnostics.map(\.formatted))")
    #expect(json.diagnostics.first?.location.path == "days[0].slots[0].start")
    #expect(json.diagnostics.first?.hint == "write \(suggested) (HH:MM, hours and minutes)")
    // Written as the hint says, the file is valid.
    try Data(Self.editedEvent(slot, "{start: \(suggested), end: \"10:00\"}").utf8)
      .write(to: folder.appendingPathComponent("event.yaml"))
    #expect(try Self.run(["validate", folder.path]).status == 0)
  }

  @Test("a ';' at the end of every data row: one warning with the count, and the rows are read")
  func trailingSeparator() throws {
    var csv = "id;choice_1;choice_2\n"
    for p in 0..<120 { csv += "p\(p);ws;ws2;\n" }
    let folder = try Self.makeInstance(event: Self.event(), csv: Data(csv.utf8))
    defer { try? FileManager.default.removeItem(at: folder) }
    let json = try Self.jsonDiagnostics(folder)
    #expect(json.status == 0)
    let problems = json.diagnostics.filter { $0.severity != .note }
    #expect(problems.map(\.code) == ["csv-trailing-separator"])
    #expect(
      problems.first?.message
        == "every data row (120) has one more field than the header, empty (a trailing ';'?); the empty field is ignored")
    #expect(problems.first?.location.line == 2)
    #expect(InstanceLoader.load(path: folder.path).instance?.participants.count == 120)
    // The header ending with ';' too, or alone: nothing to say.
    for text in ["id;choice_1;choice_2;\n" + csv.dropFirst(21), "id;choice_1;choice_2;\np1;ws;ws2\np2;ws2;\n"] {
      try Data(text.utf8).write(to: folder.appendingPathComponent("participants.csv"))
      let again = try Self.jsonDiagnostics(folder)
      #expect(again.status == 0)
      #expect(again.diagnostics.filter { $0.severity != .note }.isEmpty, "\(again.diagnostics.map(\.formatted))")
    }
  }

  @Test("one Windows-1252 byte in a UTF-8 file: one error at the byte, in hex, not a file of garbled names")
  func strayByte() throws {
    var csv = Data("id;choice_1;choice_2\n".utf8)
    for p in 0..<200 { csv += Data("p\(p);Conférence;Atelier données\n".utf8) }
    // Line 202: 'Hélène' with its first 'é' typed in Windows-1252 (0xE9).
    csv += Data("H".utf8) + Data([0xE9]) + Data("l".utf8) + Data([0xC3, 0xA8]) + Data("ne;Conférence;\n".utf8)
    let folder = try Self.makeInstance(event: Self.event(), csv: csv)
    defer { try? FileManager.default.removeItem(at: folder) }
    let json = try Self.jsonDiagnostics(folder)
    #expect(json.status == 1)
    let problems = json.diagnostics.filter { $0.severity != .note }
    #expect(problems.count == 1, "\(problems.prefix(3).map(\.formatted))")
    let stray = try #require(problems.first)
    #expect(stray.code == "invalid-utf8-byte")
    #expect(stray.location.line == 202)
    #expect(stray.location.column == 2)
    #expect(stray.message == "byte 0xE9 is not UTF-8, though the rest of the file is (it is 'é' in Windows-1252)")
    #expect(stray.hint?.hasPrefix("save the file as UTF-8") == true)

    // In event.yaml: the byte, its line and column (it said only the line).
    var event = Data(Self.event().utf8)
    let at = try #require(event.range(of: Data("Conférence".utf8)))
    event.replaceSubrange(at, with: Data("Conf".utf8) + Data([0xE9]) + Data("rence".utf8))
    try event.write(to: folder.appendingPathComponent("event.yaml"))
    let yaml = try Self.jsonDiagnostics(folder)
    #expect(yaml.status == 1)
    let bad = try #require(yaml.diagnostics.first { $0.code == "invalid-encoding" })
    #expect(bad.message == "the event file is not valid UTF-8 text: byte 0xE9 here ('é' in Windows-1252)")
    #expect(bad.location.line == 12)
    #expect(bad.location.column == 27)
  }

  /// The event solved into `folder/out`; its schedule.json.
  static func solved(_ folder: URL) throws -> URL {
    let out = folder.appendingPathComponent("out")
    let result = try Self.run(["solve", folder.path, "--out", out.path])
    try #require(result.status == 0, "\(result.err)")
    return out.appendingPathComponent("schedule.json")
  }

  @Test("check on a schedule for another event says that alone")
  func checkOtherEvent() throws {
    let csv = "id;choice_1\nana;ws\nbob;ws2\n"
    let folder = try Self.makeInstance(event: Self.event(), csv: Data(csv.utf8))
    defer { try? FileManager.default.removeItem(at: folder) }
    let schedule = try Self.solved(folder)
    // Another event: other name, other workshop ids.
    let other = try Self.makeInstance(
      event: Self.event().replacingOccurrences(of: "name: Diagnostics", with: "name: Autre")
        .replacingOccurrences(of: "id: ws", with: "id: atelier"),
      csv: Data("id;choice_1\nana;atelier\n".utf8))
    defer { try? FileManager.default.removeItem(at: other) }
    let result = try Self.run(["check", other.path, schedule.path])
    #expect(result.status == 1)
    let lines = result.err.split(separator: "\n")
    #expect(lines.count == 2, "\(result.err)")
    #expect(
      lines.first?.hasSuffix(
        "error: the schedule is for the event 'Diagnostics', not 'Autre': 3 of its 4 runs name sessions that 'Autre' does not have [instance.name]"
      ) == true, "\(result.err)")
    #expect(result.out.isEmpty)
  }

  @Test("an oversized number in schedule.json: its line and column, 'number out of range'")
  func oversizedNumber() throws {
    let folder = try Self.makeInstance(event: Self.event(), csv: Data("id;choice_1\nana;ws\n".utf8))
    defer { try? FileManager.default.removeItem(at: folder) }
    let schedule = try Self.solved(folder)
    let text = try String(contentsOf: schedule, encoding: .utf8)
    let lines = text.components(separatedBy: "\n")
    let line = try #require(lines.firstIndex { $0.contains(#""run" : "#) })
    let edited = lines.enumerated().map { i, text in
      i == line ? text.replacing(#/"run" : \d+/#, with: #""run" : 123456789012345678901234567890"#) : text
    }
    try Data(edited.joined(separator: "\n").utf8).write(to: schedule)
    let column = try #require(edited[line].range(of: "1234")).lowerBound.utf16Offset(in: edited[line]) + 1
    let result = try Self.run(["check", folder.path, schedule.path])
    #expect(result.status == 2)
    #expect(
      result.err.contains(
        "schedule.json:\(line + 1):\(column): error: not valid JSON: number out of range: 123456789012345678901234…"),
      "\(result.err)")
  }
}
