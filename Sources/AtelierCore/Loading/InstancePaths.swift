import Foundation

/// Where an instance's files are, from the path a person typed (`.`, `./`, `x`, `../event.yaml`,
/// `Instances/nec2022/`): resolved with `URL`, never by string arithmetic on the path, and shown as
/// the person would write them.
///
/// `NSString.deletingLastPathComponent` traps on one-character paths (`.`, `x`) in
/// swift-corelibs-foundation; `URL(fileURLWithPath:)` resolves any string against the working
/// directory without trapping. Every function here is total: any string in, a path out.
public struct InstancePaths: Sendable, Hashable {
  /// The folder the instance's files are relative to (the folder given, or the event file's folder).
  public var folder: URL
  /// The folder as shown in diagnostics.
  public var shownFolder: String

  /// Paths for `path`, which names a folder when `isDirectory`, else an event file, resolved
  /// against `workingDirectory` (default: the process's).
  public init(path: String, isDirectory: Bool, workingDirectory: String? = nil) {
    let base = Self.workingDirectoryURL(workingDirectory)
    let url = Self.url(path, relativeTo: base)
    folder = isDirectory ? url : url.deletingLastPathComponent()
    shownFolder = Self.shown(folder, typed: path, workingDirectory: base)
    typedAbsolute = path.hasPrefix("/")
    self.workingDirectory = base
  }

  private var typedAbsolute: Bool
  private var workingDirectory: URL

  /// `name` (a file name, or a path such as `data/participants.csv`, relative to the folder even
  /// when it starts with `/`), as shown in diagnostics and as opened: relative to the working
  /// directory when the person typed a relative path and the file is inside it, else absolute.
  public func file(_ name: String) -> String {
    Self.shown(
      folder.appendingPathComponent(name), typed: typedAbsolute ? "/" : "", workingDirectory: workingDirectory)
  }

  /// A file URL for `path`: absolute paths as they are, relative ones against `base`. An empty
  /// path is the base itself.
  static func url(_ path: String, relativeTo base: URL) -> URL {
    if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardizedFileURL }
    if path.isEmpty { return base.standardizedFileURL }
    return URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL
  }

  static func workingDirectoryURL(_ given: String?) -> URL {
    let path = given ?? FileManager.default.currentDirectoryPath
    return URL(fileURLWithPath: path.isEmpty ? "/" : path, isDirectory: true).standardizedFileURL
  }

  /// How a path is shown: absolute when typed absolute; else relative to the working directory
  /// when inside it (`event.yaml` for `.`), absolute when outside it (`..`).
  static func shown(_ url: URL, typed: String, workingDirectory: URL) -> String {
    let full = url.standardizedFileURL.path
    guard !typed.hasPrefix("/") else { return full }
    let base = workingDirectory.path
    if full == base { return "." }
    let prefix = base.hasSuffix("/") ? base : base + "/"
    return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : full
  }

  /// The last component of `path` without its extension (`scenarios/closed.yaml` → `closed`);
  /// empty for `/`, `.` and `..`.
  public static func stem(of path: String) -> String {
    guard let name = path.split(separator: "/").last, name != ".", name != ".." else { return "" }
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return String(name) }
    return String(name[..<dot])
  }
}
