import AtelierCore
import Foundation
import Testing

@testable import AtelierExport

@Suite("HTML programme and room sheets")
struct HTMLExportTests {
  /// Parses a page twice: as XML (strict well-formedness) and with Python's HTML parser (tags
  /// balanced, void elements only self-closed). Prints JSON: problems, lang, headings, scripts,
  /// each run's cell (by `data-run`: title, style, role, rowspan), breaks, filter labels.
  static let inspectScript = """
    import json, xml.etree.ElementTree as ET
    from html.parser import HTMLParser
    text = open(sys.argv[1], encoding='utf-8').read()
    problems = []
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        print(json.dumps({'problems': [f'not well-formed XML: {error}']})); sys.exit(0)
    VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'}
    class Balance(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True); self.stack = []
        def handle_starttag(self, tag, attrs):
            if tag not in VOID: self.stack.append(tag)
        def handle_startendtag(self, tag, attrs):
            if tag not in VOID: problems.append(f'self-closed <{tag}/>')
        def handle_endtag(self, tag):
            if not self.stack or self.stack[-1] != tag:
                problems.append(f'unbalanced </{tag}> after {self.stack[-3:]}'); return
            self.stack.pop()
    balance = Balance(); balance.feed(text); balance.close()
    if balance.stack: problems.append(f'unclosed {balance.stack}')
    def text_of(element): return ''.join(element.itertext())
    def classes(element): return (element.get('class') or '').split()
    def words(element): return ' '.join(' '.join(element.itertext()).split())
    runs = {}
    for element in root.iter():
        key = element.get('data-run')
        if key is None: continue
        if key in runs: problems.append(f'run {key} twice')
        titles = [child for child in element if child.tag == 'h3']
        runs[key] = {'title': text_of(titles[0]) if titles else None, 'style': element.get('style'),
                     'role': element.get('role'), 'rowspan': element.get('aria-rowspan'), 'kind': element.get('data-kind')}
    ids = {element.get('id') for element in root.iter() if element.get('id')}
    labels = [element.get('for') for element in root.iter('label')]
    problems += [f'label for missing id {label}' for label in labels if label not in ids]
    print(json.dumps({
        'problems': problems, 'lang': root.get('lang'), 'h1': [text_of(h) for h in root.iter('h1')],
        'h2': [text_of(h) for h in root.iter('h2')], 'scripts': len(list(root.iter('script'))), 'runs': runs,
        'breaks': [{'text': words(e), 'style': e.get('style')} for e in root.iter() if 'break' in classes(e)],
        'selects': [s.get('name') for s in root.iter('select')], 'labels': labels,
        'sheets': [text_of(s.find('h2')) + ' | ' + text_of(s.find("p[@class='date']")) for s in root.iter('section') if 'sheet' in classes(s)],
        'rows': [' | '.join(words(cell) for cell in r) for r in root.iter('tr')],
    }))
    """

  struct Page: Decodable {
    struct Run: Decodable {
      var title: String?
      var style: String?
      var role: String?
      var rowspan: String?
      var kind: String?
    }

    struct Pause: Decodable {
      var text: String
      var style: String?
    }

    var problems: [String]
    var lang: String?
    var h1: [String]?
    var h2: [String]?
    var scripts: Int?
    var runs: [String: Run]?
    var breaks: [Pause]?
    var selects: [String]?
    var labels: [String]?
    var sheets: [String]?
    var rows: [String]?
  }

  func inspect(_ file: RenderedFile) throws -> Page {
    let folder = try writeToTemporaryFolder([file])
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = try #require(
      ExternalTool.python(
        Self.inspectScript, modules: ["json"], arguments: [folder.appendingPathComponent(file.path).path]))
    #expect(output.status == 0, "\(output.stderr)")
    let page = try JSONDecoder().decode(Page.self, from: Data(output.stdout.utf8))
    #expect(page.problems.isEmpty, "\(page.problems)")
    return page
  }

  @Test(
    "programme.html of a generated instance: well-formed, every run's title exactly in its own cell",
    arguments: ExportFixtures.generatedNames)
  func generatedProgramme(name: String) throws {
    let export = try ExportFixtures.exportCase(name)
    let files = try export.render(HTMLRenderer())
    let page = try inspect(try #require(files["programme.html"]))
    #expect(page.lang == "en")
    #expect(page.h1?.count == 1)
    #expect(page.h2?.count == export.instance.days.count + 1)  // the days, and the track legend
    #expect(page.scripts == 1)
    let runs = try #require(page.runs)
    #expect(runs.count == export.timetable.placements.count)
    for placement in export.timetable.placements {
      let session = export.instance.sessions[placement.run.session]
      let cell = runs["\(placement.run.session)-\(placement.run.run)"]
      #expect(cell?.title == session.title, "run \(placement.run) of \(session.id)")
      #expect(cell?.role == "cell")
      #expect(cell?.kind == session.kind.rawValue)
    }
    // Every break of every day is drawn, across all the day's rooms.
    #expect(page.breaks?.count == export.instance.days.reduce(0) { $0 + $1.breaks.count })
    #expect(page.breaks?.allSatisfy { $0.style?.hasPrefix("grid-column: 2 / -1;") == true } == true)
    #expect(page.selects == ["day", "track", "kind"])
  }

  @Test("the tiny day's grid, placed by hand")
  func tinyGrid() throws {
    let files = try ExportFixtures.tiny().render(HTMLRenderer(language: "fr"))
    let page = try inspect(try #require(files["programme.html"]))
    #expect(page.lang == "fr")
    // Row lines at 09:00 10:00 10:15 11:15 12:00 14:00 15:00 16:00 are grid lines 2…9 (line 1:
    // column headers); amphi is column 2, salle-a column 3.
    let runs = try #require(page.runs)
    #expect(runs["0-1"]?.style == "grid-column: 2; grid-row: 2 / 3")  // opening 09:00–10:00
    #expect(runs["1-1"]?.style == "grid-column: 3; grid-row: 4 / 5")  // code run 1 10:15–11:15
    #expect(runs["1-2"]?.style == "grid-column: 3; grid-row: 7 / 8")  // code run 2 14:00–15:00
    #expect(runs["2-1"]?.style == "grid-column: 2; grid-row: 7 / 9")  // talk 14:00–16:00: two rows
    #expect(runs["2-1"]?.rowspan == "2")
    #expect(page.breaks?.map(\.text) == ["Déjeuner 12:00–14:00"])
    #expect(page.breaks?.first?.style == "grid-column: 2 / -1; grid-row: 6 / 7")
    #expect(page.h2?.contains("Jeudi – Jeudi 29 septembre 2022") == true)
    let html = try #require(files["programme.html"]).text
    // The kind is written out, in the page's language.
    #expect(html.contains("<span class=\"kind\">Atelier</span>"))
    #expect(html.contains("<span class=\"kind\">Plénière</span>"))
    // The track's own colour, with white chip text (#336699 has luminance 0.125: 6.0:1 against white,
    // 3.5:1 against black); the tint is 15 % of it over white: 0.2, 0.4, 0.6 → 0.88, 0.91, 0.94 = #e0e8f0.
    #expect(html.contains(".t-0 { --c: #336699; --bg: #e0e8f0; --on: #ffffff; }"))
    // Usable without script: the filter form starts hidden; the script shows it.
    #expect(html.contains("<form id=\"filters\" class=\"filters\" hidden=\"hidden\""))
    #expect(html.contains("@media screen and (max-width: 48rem)"))
    #expect(html.contains("@page { size: A4 landscape; margin: 10mm; }"))
    #expect(!html.contains("http://") && !html.contains("https://"), "nothing is fetched")
  }

  @Test("rooms.html: one sheet per room and day with runs, breaks in between")
  func roomSheets() throws {
    let files = try ExportFixtures.tiny().render(HTMLRenderer())
    let page = try inspect(try #require(files["rooms.html"]))
    #expect(
      page.sheets == [
        "Amphithéâtre | Jeudi – Thursday 29 September 2022 · 100 seats",
        "Salle A | Jeudi – Thursday 29 September 2022 · 20 seats",
      ])
    // Amphi: opening, lunch (between its runs), talk; salle-a: code run 1, lunch, code run 2.
    #expect(
      page.rows == [
        "Time | Session | Speakers", "09:00–10:00 | Ouverture Plenary | Marie Dupont", "12:00–14:00 | Déjeuner | ",
        "14:00–16:00 | Communs numériques Talk · Inclusion numérique | Marie Dupont",
        "Time | Session | Speakers",
        "10:15–11:15 | Code, \"libre\" & communs Workshop · Inclusion numérique · run 1 of 2 | ",
        "12:00–14:00 | Déjeuner | ",
        "14:00–15:00 | Code, \"libre\" & communs Workshop · Inclusion numérique · run 2 of 2 | ",
      ])
    #expect(try #require(files["rooms.html"]).text.contains("break-after: page"))
  }

  @Test("hostile text is escaped: no markup gets in, titles read back exactly")
  func hostileText() throws {
    let files = try ExportFixtures.hostile().render(HTMLRenderer())
    let programme = try #require(files["programme.html"])
    let page = try inspect(programme)
    #expect(page.scripts == 1, "only the page's own script")
    #expect(programme.text.components(separatedBy: "<script").count == 2)
    #expect(programme.text.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"))
    #expect(programme.text.contains("&lt;/style&gt;&lt;script&gt;alert(2)&lt;/script&gt;"))
    // CR (not allowed as such) became a space; the rest reads back as typed.
    let title = ExportFixtures.hostileTitle.replacingOccurrences(of: "\r", with: " ")
    #expect(page.runs?["1-1"]?.title == title)
    let rooms = try #require(files["rooms.html"])
    let sheets = try inspect(rooms)
    #expect(!rooms.text.contains("<script"))
    #expect(sheets.sheets?.contains { $0.hasPrefix("Salle \"A\" <b> |") } == true)
  }

  @Test(
    "track colours keep text readable (WCAG AA 4.5:1)",
    arguments: TrackPalette.palette + ["#000000", "#ffffff", "#ffff00", "#777777", "#336699", "not a colour"])
  func contrast(colour: String) {
    let colours = TrackPalette.colours(for: Track(id: "t", name: "T", color: colour), at: 0)
    #expect(TrackPalette.contrast(colours.base, colours.onBase) >= 4.5)
    #expect(TrackPalette.contrast(colours.tint, TrackPalette.text) >= 12)
  }

  @Test("a control character in a title becomes a space, so the page stays valid XML and HTML")
  func controlCharacters() throws {
    let files = try ExportFixtures.tiny(title: "bell\u{07} nul\u{00} del\u{7F} c1\u{85} ok\ttab").render(HTMLRenderer())
    let page = try inspect(try #require(files["programme.html"]))
    #expect(page.runs?["1-1"]?.title == "bell  nul  del  c1  ok\ttab")
  }
}
