import AtelierCore

/// The words of the HTML pages, in English or French (the language of the page's `lang`), and
/// dates written without the machine's locale so output is the same everywhere.
struct HTMLLabels: Sendable {
  var programme: String
  var roomSheets: String
  var skipToProgramme: String
  var days: String
  var filters: String
  var day: String
  var allDays: String
  var track: String
  var allTracks: String
  var kind: String
  var allKinds: String
  var showAll: String
  /// `{n}` is replaced by the number of sessions shown.
  var sessionsShown: String
  var tracks: String
  var time: String
  var room: String
  var session: String
  var speakers: String
  var noSessions: String
  var seats: String
  var scrollHint: String
  var noScript: String
  var weekdays: [String]
  var months: [String]
  var kinds: [SessionKind: String]
  /// `run 2 of 3`.
  var runOf: @Sendable (Int, Int) -> String
  /// `Thursday 29 September 2022`.
  var dateFormat: @Sendable (_ weekday: String, _ day: Int, _ month: String, _ year: Int) -> String

  static let english = HTMLLabels(
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
    runOf: { "run \($0) of \($1)" }, dateFormat: { "\($0) \($1) \($2) \($3)" })

  static let french = HTMLLabels(
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
    runOf: { "séance \($0) sur \($1)" }, dateFormat: { "\($0) \($1) \($2) \($3)".capitalizedFirst })

  /// French for `fr`, `fr-FR`, …; English otherwise.
  static func forLanguage(_ language: String) -> HTMLLabels {
    language.lowercased().hasPrefix("fr") ? french : english
  }

  func kindName(_ kind: SessionKind) -> String { kinds[kind] ?? ProgrammeModel.kindLabel(kind).capitalizedFirst }

  /// `Thursday 29 September 2022` for `2022-09-29`; the text as it is when it is no date.
  func longDate(_ date: String) -> String {
    guard let value = LocalClock.DateTime(date: date, minute: 0) else { return date }
    let days = LocalClock.DateTime.daysFromCivil(value.year, value.month, value.day)
    // 1970-01-01 was a Thursday (index 3 from Monday).
    let weekday = ((days % 7) + 7 + 3) % 7
    return dateFormat(weekdays[weekday], value.day, months[value.month - 1], value.year)
  }
}
