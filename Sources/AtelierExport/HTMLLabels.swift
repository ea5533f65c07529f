import AtelierCore

/// The words of the programme for people, in English or French: the HTML pages (the language of
/// the page's `lang`), the iCalendar descriptions, the sign-up sheets and the draft marks; dates
/// written without the machine's locale so output is the same everywhere. Public so that other
/// writers (`report.md`) can use the same words: `HTMLLabels.forLanguage("fr").kindName(.workshop)`.
public struct HTMLLabels: Sendable {
  public var programme: String
  public var roomSheets: String
  public var skipToProgramme: String
  public var days: String
  public var filters: String
  public var day: String
  public var allDays: String
  public var track: String
  public var allTracks: String
  public var kind: String
  public var allKinds: String
  public var showAll: String
  /// `{n}` is replaced by the number of sessions shown.
  public var sessionsShown: String
  public var tracks: String
  public var time: String
  public var room: String
  public var session: String
  public var speakers: String
  public var noSessions: String
  public var seats: String
  public var scrollHint: String
  public var noScript: String
  public var weekdays: [String]
  public var months: [String]
  public var kinds: [SessionKind: String]
  /// `run 2 of 3`.
  public var runOf: @Sendable (Int, Int) -> String
  /// `Thursday 29 September 2022`.
  public var dateFormat: @Sendable (_ weekday: String, _ day: Int, _ month: String, _ year: Int) -> String
  /// `DRAFT`: prefixed to calendar, frab and page titles of a schedule that breaks hard rules.
  public var draftMark: String
  /// The sentence every output of such a schedule carries (banner, first CSV line, descriptions).
  public var draftNotice: String
  /// `track: {name}` in iCalendar descriptions.
  public var trackOf: @Sendable (String) -> String
  /// The sign-up sheet's field names, in their order: session, title, run, day, time, room, seats,
  /// then the participants' header (participant, signature); `status` for drafts.
  public var sheetFields: SheetFields
  /// `1 of 2` (the run field of a sign-up sheet).
  public var ofTotal: @Sendable (Int, Int) -> String
  /// `12 of 30 taken` (the seats field of a sign-up sheet).
  public var seatsTaken: @Sendable (_ taken: Int, _ seats: Int) -> String
  /// `stream from {room}`: a run shown in one of its overflow rooms (issue 16).
  public var streamFrom: @Sendable (String) -> String = { "stream from \($0)" }
  /// `also streamed in {rooms}`: a run in its own room, with overflow rooms.
  public var streamedIn: @Sendable (String) -> String = { "also streamed in \($0)" }
  /// `online` (issue 17): the sign-up sheet's field of online attendees, and their signature cell.
  public var online = "online"
  /// `3 of 50` or `3 (no limit)`: online attendees of a streamed run and its online seats.
  public var onlineTaken: @Sendable (_ taken: Int, _ seats: Int?) -> String = { taken, seats in
    seats.map { "\(taken) of \($0)" } ?? "\(taken) (no limit)"
  }

  /// Field names of a sign-up sheet (`signups/<session>-<run>.csv`).
  public struct SheetFields: Sendable {
    public var session, title, run, day, time, room, seats, participant, signature, status: String
  }


  public static let english = HTMLLabels(
    programme: "Programme", roomSheets: "Room sheets", skipToProgramme: "Skip to the programme", days: "Days",
    filters: "Filter the programme", day: "Day", allDays: "All days", track: "Track", allTracks: "All tracks",
    kind: "Kind", allKinds: "All kinds", showAll: "Show all", sessionsShown: "{n} sessions shown", tracks: "Tracks",
    time: "Time", room: "Room", session: "Session", speakers: "Speakers", noSessions: "No sessions on this day.",
    seats: "seats", scrollHint: "Programme grid, scrolls sideways",
    noScript: "Filters need JavaScript; the whole programme is shown below.",
    weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    months: [
      "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
      "December",
    ],
    kinds: [
      .plenary: "Plenary", .keynote: "Keynote", .talk: "Talk", .roundTable: "Round table", .workshop: "Workshop",
      .pitch: "Pitch", .retex: "Experience report",
    ],
    runOf: { "run \($0) of \($1)" }, dateFormat: { "\($0) \($1) \($2) \($3)" }, draftMark: "DRAFT",
    draftNotice: "DRAFT: this schedule breaks hard rules (see atelier check); not for publication.",
    trackOf: { "track: \($0)" },
    sheetFields: SheetFields(
      session: "session", title: "title", run: "run", day: "day", time: "time", room: "room", seats: "seats",
      participant: "participant", signature: "signature", status: "status"),
    ofTotal: { "\($0) of \($1)" }, seatsTaken: { "\($0) of \($1) taken" })

  public static let french = HTMLLabels(
    programme: "Programme", roomSheets: "Feuilles de salle", skipToProgramme: "Aller au programme", days: "Jours",
    filters: "Filtrer le programme", day: "Jour", allDays: "Tous les jours", track: "Parcours",
    allTracks: "Tous les parcours", kind: "Format", allKinds: "Tous les formats", showAll: "Tout afficher",
    sessionsShown: "{n} sessions affichées", tracks: "Parcours", time: "Heure", room: "Salle", session: "Session",
    speakers: "Intervenants", noSessions: "Aucune session ce jour-là.", seats: "places",
    scrollHint: "Grille du programme, défile horizontalement",
    noScript: "Les filtres demandent JavaScript ; tout le programme est affiché ci-dessous.",
    weekdays: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    months: [
      "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
      "décembre",
    ],
    kinds: [
      .plenary: "Plénière", .keynote: "Keynote", .talk: "Conférence", .roundTable: "Table ronde",
      .workshop: "Atelier", .pitch: "Pitch", .retex: "Retour d’expérience",
    ],
    runOf: { "séance \($0) sur \($1)" }, dateFormat: { "\($0) \($1) \($2) \($3)".capitalizedFirst },
    draftMark: "BROUILLON",
    draftNotice: "BROUILLON : ce planning enfreint des règles impératives (voir atelier check) ; à ne pas publier.",
    trackOf: { "parcours : \($0)" },
    sheetFields: SheetFields(
      session: "session", title: "titre", run: "séance", day: "jour", time: "horaire", room: "salle",
      seats: "places", participant: "participant", signature: "signature", status: "statut"),
    ofTotal: { "\($0) sur \($1)" }, seatsTaken: { "\($0) places prises sur \($1)" },
    streamFrom: { "retransmis depuis \($0)" }, streamedIn: { "retransmis aussi en \($0)" }, online: "en ligne",
    onlineTaken: { taken, seats in seats.map { "\(taken) sur \($0)" } ?? "\(taken) (sans limite)" })

  /// French for `fr`, `fr-FR`, …; English otherwise.
  public static func forLanguage(_ language: String) -> HTMLLabels {
    language.lowercased().hasPrefix("fr") ? french : english
  }

  public func kindName(_ kind: SessionKind) -> String { kinds[kind] ?? ProgrammeModel.kindLabel(kind).capitalizedFirst }

  /// `Thursday 29 September 2022` for `2022-09-29`; the text as it is when it is no date.
  public func longDate(_ date: String) -> String {
    guard let value = LocalClock.DateTime(date: date, minute: 0) else { return date }
    let days = LocalClock.DateTime.daysFromCivil(value.year, value.month, value.day)
    // 1970-01-01 was a Thursday (index 3 from Monday).
    let weekday = ((days % 7) + 7 + 3) % 7
    return dateFormat(weekdays[weekday], value.day, months[value.month - 1], value.year)
  }
}
