import AtelierCore

/// The single entry point of the solve command: every published format in one call.
/// (`schedule.json` is not among them: the pipeline writes it itself.)
public enum Renderers {
  /// iCalendar, frab (JSON and XML), sign-up CSV and HTML renderers, in that order.
  /// - Parameters:
  ///   - baseURL: public base of per-session links in iCalendar and frab, when published.
  ///   - language: the words of the HTML pages (and their `lang`), of the iCalendar descriptions and
///     of the sign-up sheets (`fr…` French, else English), and frab's language.
  ///   - previous: the schedule published before, if any: iCalendar events of runs moved since get
  ///     `SEQUENCE:1`.
  public static func all(
    baseURL: String? = nil, language: String? = nil, previous: Schedule? = nil
  ) -> [any ProgrammeRenderer] {
    [
      ICalendarRenderer(baseURL: baseURL, previous: previous, language: language),
      FrabRenderer(baseURL: baseURL, language: language),
      SignupSheetRenderer(language: language),
      HTMLRenderer(language: language ?? "en"),
    ]
  }

  /// Every file of every renderer of `all(baseURL:language:previous:)`, sorted by path. Throws the first
  /// renderer's `DiagnosticsError`, or one when two renderers would write the same path (a bug).
  public static func renderAll(
    _ instance: Instance, _ timetable: Timetable, _ schedule: Schedule, baseURL: String? = nil,
    language: String? = nil, previous: Schedule? = nil
  ) throws -> [RenderedFile] {
    var files: [RenderedFile] = []
    for renderer in all(baseURL: baseURL, language: language, previous: previous) {
      files += try renderer.render(instance, timetable, schedule)
    }
    var seen: Set<String> = []
    let clashes = files.map(\.path).filter { !seen.insert($0).inserted }
    let unsafe = files.map(\.path).filter { !FileName.isSafePath($0) }
    if let path = clashes.first ?? unsafe.first {
      throw DiagnosticsError([
        .error(
          "output-path", "the renderers would write '\(path)' twice or outside the output folder", at: .init(path: ""))
      ])
    }
    return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
  }
}
