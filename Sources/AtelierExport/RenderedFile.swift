import AtelierCore
import Foundation

/// One output file, in memory: a relative path (safe to join under an output folder) and its bytes.
/// Renderers return these; only the command writes them to disk.
public struct RenderedFile: Sendable, Hashable {
  /// Relative, `/`-separated path; never absolute, never with `..`, every component sanitised.
  public var path: String
  public var contents: Data

  public init(path: String, contents: Data) {
    self.path = path
    self.contents = contents
  }

  init(path: String, text: String) {
    self.init(path: path, contents: Data(text.utf8))
  }

  /// The contents as UTF-8 text (every renderer writes UTF-8).
  public var text: String { String(decoding: contents, as: UTF8.self) }
}

/// A renderer of the programme in one format.
public protocol ProgrammeRenderer: Sendable {
  /// Renders the files of this format; throws `DiagnosticsError` when the timetable refers to
  /// slots, rooms or sessions the instance does not have, or the time zone is unknown.
  func render(_ instance: Instance, _ timetable: Timetable, _ schedule: Schedule) throws -> [RenderedFile]
}

