import AtelierCore
import Foundation

/// Who goes where, as CSV (RFC 4180: UTF-8 without BOM, CRLF line ends; see `CSVWriter`):
///
/// - `assignments.csv`: one row per participant per assigned run, sorted by participant id (byte
///   order) then start time, with the columns
///   `participant,session,title,run,day,start,end,room,rank` — session id, title, run number,
///   date (`YYYY-MM-DD`), local `HH:MM` start and end, room name, and the rank of the session among
///   the participant's choices (1 = first choice; empty when it is not among them).
/// - `signups/<session>-<run>.csv`: the room host's sheet for each placed workshop run: `field,value`
///   rows (session, title, run, day, time, room, seats), an empty row, then the `participant,signature`
///   header and one row per participant (ids in byte order) with the signature left blank.
///
/// The session id in a sheet's name goes through `FileName.component`, so any id stays inside
/// `signups/`; the run number after the last `-` keeps names of different runs apart.
///
/// The sheets' words follow `language` (French for `fr…`); `assignments.csv` keeps its English
/// header (it is read by programs). A draft (a schedule that breaks hard rules) starts every file
/// with a one-field line saying so, before the header.
public struct SignupSheetRenderer: ProgrammeRenderer {
  /// Language of the sheets' words (`fr…` French, else English).
  public var language: String?

  public init(language: String? = nil) {
    self.language = language
  }

  public func render(_ instance: Instance, _ timetable: Timetable, _ schedule: Schedule) throws -> [RenderedFile] {
    let model = try ProgrammeModel(instance, timetable, schedule)
    var position: [SessionRun: Int] = [:]
    for (index, entry) in model.entries.enumerated() { position[entry.run] = index }
    let byRun = model.participantsByRun
    var files = [RenderedFile(path: "assignments.csv", text: assignments(model, position: position))]
    for entry in model.entries where entry.session.kind == .workshop {
      // Those in person sign; online attendees (issue 17) follow the stream, listed after them.
      let all = byRun[entry.run] ?? []
      let participants = all.filter { !instance.participants[$0].isOnline(in: instance) }.map { instance.participants[$0].id }
        .sorted(by: Self.byteOrder)
      let online = all.filter { instance.participants[$0].isOnline(in: instance) }.map { instance.participants[$0].id }
        .sorted(by: Self.byteOrder)
      files.append(
        RenderedFile(
          path: "signups/\(FileName.component(for: entry.session.id))-\(entry.run.run).csv",
          text: sheet(model, entry, participants: participants, online: online)))
    }
    return files
  }

  func assignments(_ model: ProgrammeModel, position: [SessionRun: Int]) -> String {
    var csv = CSVWriter()
    if model.isDraft { csv.add([HTMLLabels.forLanguage(language ?? "en").draftNotice]) }
    let instance = model.instance
    // An attendance column only when someone attends online, so other files stay as they were.
    let attendance = instance.hasOnlineAttendees
    csv.add(["participant", "session", "title", "run", "day", "start", "end", "room", "rank"] + (attendance ? ["attendance"] : []))
    // ProgrammeModel checked that every assigned run is placed, so `position` has them all.
    let rows = model.timetable.assignments.compactMap { a in position[a.run].map { (a, model.entries[$0], $0) } }
    let sorted = rows.sorted { x, y in
      let (p, q) = (instance.participants[x.0.participant].id, instance.participants[y.0.participant].id)
      return p != q ? Self.byteOrder(p, q) : (x.0.participant, x.2) < (y.0.participant, y.2)
    }
    for (assignment, entry, _) in sorted {
      csv.add([
        instance.participants[assignment.participant].id, entry.session.id, entry.session.title,
        String(entry.run.run), entry.start.dateString, entry.start.timeString, entry.end.timeString,
        instance.rooms[entry.room].name,
        model.rank(ofSession: assignment.run.session, forParticipant: assignment.participant).map(String.init) ?? "",
      ] + (attendance ? [(instance.participants[assignment.participant].attendance ?? instance.attendance).rawValue] : []))
    }
    return csv.text
  }

  func sheet(_ model: ProgrammeModel, _ entry: ProgrammeModel.Entry, participants: [String], online: [String] = []) -> String {
    let instance = model.instance
    let room = instance.rooms[entry.room]
    let day = instance.days[entry.day]
    let seats = min(entry.session.maxSize ?? room.capacity, room.capacity)
    let labels = HTMLLabels.forLanguage(language ?? "en")
    let field = labels.sheetFields
    var csv = CSVWriter()
    if model.isDraft { csv.add([field.status, labels.draftNotice]) }
    csv.add([field.session, entry.session.id])
    csv.add([field.title, entry.session.title])
    csv.add([field.run, labels.ofTotal(entry.run.run, max(1, entry.session.runs))])
    csv.add([field.day, day.label.map { "\($0), \(entry.start.dateString)" } ?? entry.start.dateString])
    csv.add([field.time, "\(entry.start.timeString)–\(entry.end.timeString)"])
    csv.add([field.room, room.name])
    csv.add([field.seats, labels.seatsTaken(participants.count, seats)])
    if entry.session.streamed && instance.hasOnlineAttendees {
      csv.add([labels.online, labels.onlineTaken(online.count, entry.session.onlineSeats)])
    }
    csv.add(["", ""])
    csv.add([field.participant, field.signature])
    for participant in participants { csv.add([participant, ""]) }
    for participant in online { csv.add([participant, labels.online]) }
    return csv.text
  }

  /// Byte order of UTF-8: the same on every machine and locale.
  static func byteOrder(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
}
