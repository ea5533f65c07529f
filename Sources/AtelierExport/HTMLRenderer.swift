import AtelierCore
import Foundation
import Mustache

/// The programme as web pages, each one self-contained (inline CSS and script, nothing fetched):
///
/// - `programme.html`: per day a grid, rooms as columns and time as rows (CSS grid with ARIA table
///   roles; a run longer than one row spans rows), breaks across every room, each run with its
///   kind written out (not told by colour alone) and its track's colour and name; filters by day,
///   track and kind (a small script; without it the whole programme shows); on narrow screens
///   each day becomes a list per start time; printed on A4 landscape, one day per page.
/// - `rooms.html`: one A4 sheet per room and day with runs (empty room-days are left out), to
///   print and pin on the door.
///
/// Every text from the instance is HTML-escaped by Mustache's `{{ }}`; control characters
/// (not allowed in HTML or XML text) become spaces.
public struct HTMLRenderer: ProgrammeRenderer {
  /// The page's `lang` (BCP 47); the page's own words are French for `fr…`, English otherwise.
  public var language: String

  public init(language: String = "en") {
    self.language = language
  }

  public func render(_ instance: Instance, _ timetable: Timetable, _ schedule: Schedule) throws -> [RenderedFile] {
    let model = try ProgrammeModel(instance, timetable, schedule)
    let labels = HTMLLabels.forLanguage(language)
    let lang = Self.languageTag(language)
    let library = try MustacheLibrary(templates: [
      "head": MustacheTemplate(string: HTMLTemplates.head),
      "programme": MustacheTemplate(string: HTMLTemplates.programme),
      "rooms": MustacheTemplate(string: HTMLTemplates.rooms),
    ])
    let programme = library.render(ProgrammePage(model, labels: labels, lang: lang), withTemplate: "programme") ?? ""
    let rooms = library.render(RoomsPage(model, labels: labels, lang: lang), withTemplate: "rooms") ?? ""
    return [RenderedFile(path: "programme.html", text: programme), RenderedFile(path: "rooms.html", text: rooms)]
  }

  /// A valid BCP 47-looking tag (letters, digits, `-`), else `en`.
  static func languageTag(_ language: String) -> String {
    let ok =
      !language.isEmpty && language.count <= 35
      && language.unicodeScalars.allSatisfy { FileName.isSafeScalar($0) && $0 != "." && $0 != "_" }
    return ok ? language : "en"
  }
}

/// Text as it may appear in HTML and XML: C0 and C1 controls (but tab and line feed), DEL and the
/// non-characters U+FFFE and U+FFFF become spaces; bidirectional controls are removed
/// (`DisplayText`).
func htmlText(_ text: String) -> String {
  var out = ""
  out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
  for scalar in text.unicodeScalars where !DisplayText.isBidiControl(scalar) {
    let v = scalar.value
    let bad = (v < 0x20 && v != 0x09 && v != 0x0A) || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF
    out.unicodeScalars.append(bad ? " " : scalar)
  }
  return out
}

/// `HH:MM` of minutes after midnight (folded into one day).
func clockText(_ minute: Int) -> String {
  TimeText.clock(((minute % 1440) + 1440) % 1440)
}

// MARK: - programme.html

/// What `HTMLTemplates.programme` shows. Field names are the template's keys.
struct ProgrammePage {
  struct TrackItem {
    var trackIndex: Int
    var trackName: String
    var trackClass: String
  }

  struct KindItem {
    var kindValue: String
    var kindLabel: String
  }

  struct Column {
    var columnName: String
    var columnStyle: String
  }

  struct Pause {
    var pauseTitle: String
    var pauseTime: String
    var pauseStyle: String
    var colSpan: Int
  }

  struct Cell {
    /// `<session index>-<run>`: unique, and free of user text.
    var runKey: String
    var dayIndex: Int
    /// Track index, or empty for none (what the track filter compares).
    var trackKey: String
    var trackClass: String
    var trackName: String?
    var kindValue: String
    var kindLabel: String
    var when: String
    var sessionTitle: String
    var speakerNames: String?
    var runLabel: String?
    var roomName: String
    var cellStyle: String
    var rowSpan: Int
  }

  struct Row {
    var time: String
    var timeStyle: String
    var isEmpty: Bool
    var pauses: [Pause]
    var cells: [Cell]
  }

  struct DayGrid {
    var index: Int
    var anchor: String
    var heading: String
    var hasColumns: Bool
    var gridStyle: String
    var rowCount: Int
    var columns: [Column]
    var rows: [Row]
  }

  var lang: String
  var eventName: String
  /// Stored: swift-mustache reads stored properties only (through Mirror).
  var pageTitle: String
  /// The draft notice, for a schedule that breaks hard rules (a banner on top).
  var draft: String?
  var subtitle: String?
  var l: HTMLLabels
  var css: String
  var script: String
  var hasSeveralDays: Bool
  var hasTracks: Bool
  var tracks: [TrackItem]
  var kinds: [KindItem]
  var days: [DayGrid]

  init(_ model: ProgrammeModel, labels: HTMLLabels, lang: String) {
    let instance = model.instance
    self.lang = lang
    l = labels
    pageTitle = labels.programme
    eventName = htmlText(model.isDraft ? "\(labels.draftMark) – \(instance.name)" : instance.name)
    draft = model.isDraft ? labels.draftNotice : nil
    let dates = instance.days.map { labels.longDate($0.date) }
    var subtitle = [instance.venue.map(htmlText)].compactMap { $0 }.filter { !$0.isEmpty }
    if let first = dates.first, let last = dates.last { subtitle.append(first == last ? first : "\(first) – \(last)") }
    self.subtitle = subtitle.isEmpty ? nil : subtitle.joined(separator: " · ")
    script = HTMLTemplates.script
    hasSeveralDays = instance.days.count > 1

    let usedTracks = Set(model.entries.compactMap { $0.session.track }).filter { instance.tracks.indices.contains($0) }
    let colours = instance.tracks.enumerated().map { TrackPalette.colours(for: $1, at: $0) }
    tracks = usedTracks.sorted().map {
      TrackItem(trackIndex: $0, trackName: htmlText(instance.tracks[$0].name), trackClass: "t-\($0)")
    }
    hasTracks = !tracks.isEmpty
    var css = HTMLTemplates.programmeCSS
    if model.isDraft { css += HTMLTemplates.draftCSS }
    for index in usedTracks.sorted() {
      let c = colours[index]
      css += ".t-\(index) { --c: \(c.base); --bg: \(c.tint); --on: \(c.onBase); }\n"
    }
    self.css = css
    let usedKinds = Set(model.entries.map(\.session.kind))
    kinds = SessionKind.allCases.filter(usedKinds.contains).map {
      KindItem(kindValue: $0.rawValue, kindLabel: labels.kindName($0))
    }
    days = instance.days.indices.map { Self.grid(model, day: $0, labels: labels) }
  }

  static func grid(_ model: ProgrammeModel, day: Int, labels: HTMLLabels) -> DayGrid {
    let instance = model.instance
    // A run streamed into overflow rooms shows in their columns too, marked as a stream.
    let entries = (model.entries + model.streams).filter { $0.day == day }
    let info = instance.days[day]
    let heading = htmlText(info.label.map { "\($0) – \(labels.longDate(info.date))" } ?? labels.longDate(info.date))
    let anchor = "day-\(day + 1)"
    let rooms = instance.rooms.indices.filter { room in entries.contains { $0.room == room } }
    guard !rooms.isEmpty else {
      return DayGrid(
        index: day, anchor: anchor, heading: heading, hasColumns: false, gridStyle: "", rowCount: 0, columns: [],
        rows: [])
    }
    var column: [Int: Int] = [:]
    for (position, room) in rooms.enumerated() { column[room] = position + 2 }
    // Rows are the intervals between consecutive times at which something starts or ends.
    let pauses = info.breaks.filter { $0.end > $0.start }
    var marks = Set(entries.flatMap { [$0.startMinute, $0.endMinute] } + pauses.flatMap { [$0.start, $0.end] })
    for slot in info.slots where instance.slots.indices.contains(slot) {
      marks.insert(instance.slots[slot].start)
      marks.insert(instance.slots[slot].end)
    }
    let times = marks.sorted()
    var rowOf: [Int: Int] = [:]
    for (position, time) in times.enumerated() { rowOf[time] = position + 2 }
    var rows: [Row] = []
    for (position, time) in times.dropLast().enumerated() {
      let row = position + 2
      let rowPauses = pauses.filter { $0.start == time }.flatMap { pause -> [Pause] in
        let rowSpan = "grid-row: \(row) / \(rowOf[pause.end] ?? row + 1)"
        let title = htmlText(pause.title)
        let when = "\(clockText(pause.start))–\(clockText(pause.end))"
        guard !pause.isGeneral else {
          return [Pause(pauseTitle: title, pauseTime: when, pauseStyle: "grid-column: 2 / -1; \(rowSpan)", colSpan: rooms.count)]
        }
        // A break some rooms or kinds take: one cell per run of adjacent columns that show it.
        var spans: [(first: Int, count: Int)] = []
        for (position, room) in rooms.enumerated() where model.shows(pause, inRoom: room, day: day) {
          if let last = spans.last, last.first + last.count == position {
            spans[spans.count - 1].count += 1
          } else {
            spans.append((position, 1))
          }
        }
        return spans.map { span in
          Pause(
            pauseTitle: title, pauseTime: when,
            pauseStyle: "grid-column: \(span.first + 2) / \(span.first + 2 + span.count); \(rowSpan)", colSpan: span.count)
        }
      }
      let cells = entries.filter { $0.startMinute == time }.sorted { $0.room < $1.room }.map { entry in
        let end = rowOf[entry.endMinute] ?? row + 1
        return cell(
          model, entry, labels: labels, style: "grid-column: \(column[entry.room] ?? 2); grid-row: \(row) / \(end)",
          rowSpan: end - row)
      }
      rows.append(
        Row(
          time: clockText(time), timeStyle: "grid-column: 1; grid-row: \(row)",
          isEmpty: rowPauses.isEmpty && cells.isEmpty,
          pauses: rowPauses, cells: cells))
    }
    // Row heights follow durations (15 min ≈ 1.1 rem), within bounds so lunch stays short.
    let heights = zip(times, times.dropFirst()).map { a, b in
      "minmax(\(String(format: "%.1f", min(5, max(0.6, Double(b - a) / 15 * 1.1))))rem, auto)"
    }
    let style =
      "--rooms: \(rooms.count); grid-template-columns: 4.5rem repeat(\(rooms.count), minmax(9.5rem, 1fr)); "
      + "grid-template-rows: auto \(heights.joined(separator: " "))"
    return DayGrid(
      index: day, anchor: anchor, heading: heading, hasColumns: true, gridStyle: style, rowCount: times.count,
      columns: rooms.map {
        Column(
          columnName: htmlText(instance.rooms[$0].name), columnStyle: "grid-column: \(column[$0] ?? 2); grid-row: 1")
      },
      rows: rows)
  }

  static func cell(
    _ model: ProgrammeModel, _ entry: ProgrammeModel.Entry, labels: HTMLLabels, style: String, rowSpan: Int
  ) -> Cell {
    let session = entry.session
    let track = session.track.flatMap { model.instance.tracks.indices.contains($0) ? $0 : nil }
    let speakers = model.speakerNames(session).map(htmlText).joined(separator: ", ")
    return Cell(
      runKey: "\(entry.run.session)-\(entry.run.run)", dayIndex: entry.day, trackKey: track.map(String.init) ?? "",
      trackClass: track.map { "t-\($0)" } ?? "t-none",
      trackName: track.map { htmlText(model.instance.tracks[$0].name) },
      kindValue: session.kind.rawValue, kindLabel: labels.kindName(session.kind),
      when: "\(entry.start.timeString)–\(entry.end.timeString)", sessionTitle: htmlText(session.title),
      speakerNames: speakers.isEmpty ? nil : speakers,
      runLabel: session.runs > 1 ? labels.runOf(entry.run.run, session.runs) : nil,
      roomName: htmlText(
        model.instance.rooms[entry.room].name
          + (entry.streamedFrom.map { " – " + labels.streamFrom(model.instance.rooms[$0].name) } ?? "")),
      cellStyle: style, rowSpan: rowSpan)
  }
}

// MARK: - rooms.html

/// What `HTMLTemplates.rooms` shows: one sheet per room and day with runs.
struct RoomsPage {
  struct Item {
    var itemClass: String
    var when: String
    var what: String
    var details: String?
    var who: String
  }

  struct Sheet {
    var anchor: String
    var roomName: String
    var dayHeading: String
    var capacity: Int
    var items: [Item]
  }

  var lang: String
  var eventName: String
  var pageTitle: String
  var draft: String?
  var l: HTMLLabels
  var css: String
  var sheets: [Sheet]

  init(_ model: ProgrammeModel, labels: HTMLLabels, lang: String) {
    let instance = model.instance
    self.lang = lang
    l = labels
    pageTitle = labels.roomSheets
    eventName = htmlText(model.isDraft ? "\(labels.draftMark) – \(instance.name)" : instance.name)
    draft = model.isDraft ? labels.draftNotice : nil
    css = HTMLTemplates.roomsCSS + (model.isDraft ? HTMLTemplates.draftCSS : "")
    var sheets: [Sheet] = []
    for (roomIndex, room) in instance.rooms.enumerated() {
      for (dayIndex, day) in instance.days.enumerated() {
        let entries = model.entries(inRoom: roomIndex).filter { $0.day == dayIndex }
        guard let first = entries.first, let last = entries.last else { continue }
        // Breaks between the room's first and last run of the day, so the sheet reads as a timeline.
        let pauses = day.breaks.filter {
          $0.start >= first.startMinute && $0.end <= last.endMinute && $0.end > $0.start
            && model.shows($0, inRoom: roomIndex, day: dayIndex)
        }
        var items: [(Int, Int, Item)] = entries.map { entry in
          let session = entry.session
          var details = [labels.kindName(session.kind)]
          if let track = model.track(session) { details.append(htmlText(track.name)) }
          if session.runs > 1 { details.append(labels.runOf(entry.run.run, session.runs)) }
          if let from = entry.streamedFrom { details.append(htmlText(labels.streamFrom(instance.rooms[from].name))) }
          return (
            entry.startMinute, 1,
            Item(
              itemClass: "run", when: "\(entry.start.timeString)–\(entry.end.timeString)",
              what: htmlText(session.title),
              details: details.joined(separator: " · "),
              who: model.speakerNames(session).map(htmlText).joined(separator: ", "))
          )
        }
        items += pauses.map { pause in
          (
            pause.start, 0,
            Item(
              itemClass: "pause", when: "\(clockText(pause.start))–\(clockText(pause.end))",
              what: htmlText(pause.title), details: nil, who: "")
          )
        }
        sheets.append(
          Sheet(
            anchor: "room-\(roomIndex + 1)-day-\(dayIndex + 1)", roomName: htmlText(room.name),
            dayHeading: htmlText(day.label.map { "\($0) – \(labels.longDate(day.date))" } ?? labels.longDate(day.date)),
            capacity: room.capacity, items: items.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)))
      }
    }
    self.sheets = sheets
  }
}
