import Foundation
import Testing

/// Ids, names and titles built to inject (issue 7): markup, terminal escape sequences, control
/// characters and `../` paths, through `atelier solve` end to end. Every output stays inside its
/// folder, HTML and iCalendar carry them as text, report.md renders them as typed, and the terminal
/// shows them without obeying them.
@Suite("hostile ids and names in the outputs")
struct HostileOutputTests {
  /// YAML escapes (`\a` BEL, `\e` ESC, `\x7f` DEL, `\x85` NEL, `\u2028`) put control characters in
  /// ids and names; ids may hold anything but spaces and `| + , ;`.
  static let event = #"""
    name: "Hostile </title><script>alert(0)</script>"
    time_zone: Europe/Paris
    days:
      - id: "mon\a"
        date: 2026-03-02
        label: "Monday </h2><script>alert(5)</script>"
        slots: [{start: "09:00", end: "10:00"}, {start: "10:15", end: "11:15"}]
    rooms:
      - {id: "../../escape", name: "Room \e]0;pwned\a</td><script>alert(1)</script>", capacity: 100}
      - {id: "lab\e[31m", name: "Lab\a", capacity: 30}
    tracks:
      - {id: "<t>\x7f", name: "Track \e]0;pwned\a", color: "#336699"}
    speakers:
      - {id: "../../../../tmp/x", name: "Ada <img src=x onerror=alert(2)>"}
    sessions:
      - id: "../../../etc/passwd"
        title: "Talk <script>alert(3)</script>\r\nBEGIN:VEVENT"
        kind: talk
        duration: 60
        speakers: ["../../../../tmp/x"]
        audience: 80
        track: "<t>\x7f"
      - {id: "w\e[2J", title: "Workshop\u2028line\x85", kind: workshop, duration: 60, max_size: 30}
    """#

  /// Participant ids: paths, markup, an OSC 52 clipboard write, `.` and `..`.
  static let participants =
    "id,choice_1\n\"../../p1\",w\u{1B}[2J\n\"p2<script>alert(4)</script>\",w\u{1B}[2J\n"
    + "\"p3\u{1B}]52;c;aGVsbG8=\u{07}\",w\u{1B}[2J\n\".\",w\u{1B}[2J\n\"..\",w\u{1B}[2J\n\"/etc/passwd\",w\u{1B}[2J\n"

  /// A fresh folder holding `instance/` (the hostile event) and nothing else.
  static func makeInstance(participants: String = participants) throws -> (root: URL, instance: URL) {
    let root = CLI.temporaryFolder()
    let instance = root.appendingPathComponent("instance")
    try FileManager.default.createDirectory(at: instance, withIntermediateDirectories: true)
    try Data(event.utf8).write(to: instance.appendingPathComponent("event.yaml"))
    try Data(participants.utf8).write(to: instance.appendingPathComponent("participants.csv"))
    return (root, instance)
  }

  /// Every file under `folder`, as paths relative to it.
  static func files(under folder: URL) -> [String] {
    let base = folder.resolvingSymlinksInPath().path + "/"
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    var paths: [String] = []
    while let url = enumerator?.nextObject() as? URL {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
      paths.append(String(url.resolvingSymlinksInPath().path.dropFirst(base.count)))
    }
    return paths.sorted()
  }

  /// C0 controls but tab (and CR, LF where `lineBreaks`), DEL and C1 controls.
  static func controls(in text: String, lineBreaks: Bool) -> [UInt32] {
    text.unicodeScalars.filter { scalar in
      if scalar == "\t" || (lineBreaks && (scalar == "\n" || scalar == "\r")) { return false }
      return scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }.map(\.value)
  }

  @Test("solve: files stay inside --out, one per participant; schedule.json reads back and checks")
  func pathsStayInside() throws {
    let (root, instance) = try Self.makeInstance()
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("out")
    #expect(CLI.exitCode(["solve", instance.path, "--out", out.path]) == 0)
    // Nothing was written beside `instance/` and `out/`, nor where the ids point.
    let all = Self.files(under: root)
    #expect(all.allSatisfy { $0.hasPrefix("instance/") || $0.hasPrefix("out/") }, "\(all)")
    #expect(
      !FileManager.default.fileExists(
        atPath: root.deletingLastPathComponent().appendingPathComponent("escape.ics").path))
    let written = Self.files(under: out)
    #expect(written.allSatisfy { path in path.split(separator: "/").allSatisfy { !$0.hasPrefix(".") } }, "\(written)")
    // Six participants with six distinct, safe calendar files ("." and ".." included).
    let calendars = written.filter { $0.hasPrefix("participants/") }
    #expect(calendars.count == 6, "\(calendars)")
    #expect(
      calendars.allSatisfy {
        $0.dropFirst("participants/".count).allSatisfy { $0.isLetter || $0.isNumber || "._-".contains($0) }
      })
    // The ids with their control characters survive the JSON round trip: the check passes.
    #expect(
      CLI.exitCode(["check", instance.path, out.appendingPathComponent("schedule.json").path]) == 0)
  }

  @Test("solve: HTML and XML carry no markup nor control character of the input; iCalendar only escaped text")
  func outputsEscape() throws {
    let (root, instance) = try Self.makeInstance()
    defer { try? FileManager.default.removeItem(at: root) }
    let out = root.appendingPathComponent("out")
    #expect(CLI.exitCode(["solve", instance.path, "--out", out.path]) == 0)
    func text(_ path: String) throws -> String {
      try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8)
    }
    for page in ["programme.html", "rooms.html"] {
      let html = try text(page)
      // The page's own script only (programme.html has one, rooms.html none); no tag of the input.
      #expect(html.components(separatedBy: "<script").count - 1 == (page == "programme.html" ? 1 : 0), "\(page)")
      for tag in ["<img", "</td><script", "</title><script", "</h2><script", "<t>", "<b>"] {
        #expect(!html.contains(tag), "\(page) holds \(tag)")
      }
      #expect(Self.controls(in: html, lineBreaks: true).isEmpty, "\(page)")
    }
    // XML 1.0 forbids C0 controls even as references.
    let xml = try text("frab-schedule.xml")
    #expect(Self.controls(in: xml, lineBreaks: true).allSatisfy { $0 >= 0x7F }, "frab-schedule.xml")
    #expect(!xml.contains("<script"))
    // iCalendar: CRLF line ends only, no control character (RFC 5545 CONTROL), two events: the
    // `BEGIN:VEVENT` of the title is text on a SUMMARY line, never a line of its own.
    for calendar in Self.files(under: out).filter({ $0.hasSuffix(".ics") }) {
      let ics = try text(calendar)
      let lines = ics.components(separatedBy: "\r\n").dropLast()
      #expect(lines.allSatisfy { !$0.contains("\n") && !$0.contains("\r") }, "\(calendar)")
      #expect(lines.allSatisfy { Self.controls(in: $0, lineBreaks: false).allSatisfy { $0 >= 0x80 } }, "\(calendar)")
    }
    #expect(try text("programme.ics").components(separatedBy: "\r\nBEGIN:VEVENT\r\n").count - 1 == 2)
    // report.md: markup escaped (`\<script\>` renders as typed), no control character.
    let report = try text("report.md")
    let bare = report.unicodeScalars.indices.filter { i in
      "<>&".unicodeScalars.contains(report.unicodeScalars[i])
        && (i == report.unicodeScalars.startIndex
          || report.unicodeScalars[report.unicodeScalars.index(before: i)] != "\\")
    }
    #expect(bare.isEmpty, "unescaped < > & in report.md")
    #expect(report.contains(#"Hostile \</title\>\<script\>alert(0)\</script\>"#))
    #expect(Self.controls(in: report, lineBreaks: true).isEmpty)
  }

  /// Runs the built `atelier` with `arguments`; its exit status and everything it printed.
  static func run(_ arguments: [String]) throws -> (status: Int32, output: Data) {
    let run = try CLI.run(arguments)
    return (run.status, run.output)
  }

  @Test("the terminal shows escape sequences of names and ids (\\u{1B}), never obeys them")
  func terminalOutput() throws {
    let (root, instance) = try Self.makeInstance(
      participants: Self.participants + "p7,\"zz\u{1B}]0;pwned\u{07}\"\n")
    defer { try? FileManager.default.removeItem(at: root) }
    // validate: p7's unknown choice is echoed in the diagnostic.
    let validate = try Self.run(["validate", instance.path])
    #expect(validate.status == 1)
    let diagnostics = String(decoding: validate.output, as: UTF8.self)
    #expect(diagnostics.contains(#"unknown session 'zz\u{1B}]0;pwned\u{7}'"#), "\(diagnostics)")
    #expect(!validate.output.contains(0x1B) && !validate.output.contains(0x07))
    // solve (without p7): the summary names the busiest room, whose name holds an OSC sequence.
    try Data(Self.participants.utf8).write(to: instance.appendingPathComponent("participants.csv"))
    let solve = try Self.run(["solve", instance.path, "--out", root.appendingPathComponent("out").path])
    #expect(solve.status == 0)
    let summary = String(decoding: solve.output, as: UTF8.self)
    #expect(summary.contains(#"busiest Room \u{1B}]0;pwned\u{7}</td>"#), "\(summary)")
    #expect(!solve.output.contains(0x1B) && !solve.output.contains(0x07))
  }
}
