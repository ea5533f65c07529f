import AtelierExport
import Foundation

/// Writes rendered files under an output folder in two phases: every file first goes to a
/// temporary file beside its destination; only when all are written are they renamed into place.
/// A full disk or an unwritable folder therefore leaves the previous outputs untouched, and a crash
/// or kill never leaves a half-written file (rename is atomic on one file system).
struct OutputWriter {
  let folder: URL

  enum Failure: Error, CustomStringConvertible {
    case unsafePath(String)
    case cannotWrite(String, underlying: String)

    var description: String {
      switch self {
      case .unsafePath(let path): "refusing to write '\(path)': not a safe relative path"
      case .cannotWrite(let path, let underlying): "cannot write '\(path)': \(underlying)"
      }
    }
  }

  /// Writes one file anywhere (e.g. `--write-model`), atomically.
  static func writeFile(_ contents: Data, to destination: URL) throws {
    try OutputWriter(folder: destination.deletingLastPathComponent())
      .write([RenderedFile(path: destination.lastPathComponent, contents: contents)])
  }

  /// Writes every file or, when one cannot be written, none (temporary files are removed).
  func write(_ files: [RenderedFile]) throws {
    let manager = FileManager.default
    for file in files where !FileName.isSafePath(file.path) { throw Failure.unsafePath(file.path) }
    var staged: [(temporary: URL, destination: URL)] = []
    func discard() { for item in staged { try? manager.removeItem(at: item.temporary) } }
    let suffix = ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    for file in files {
      let destination = folder.appendingPathComponent(file.path)
      let temporary = destination.deletingLastPathComponent()
        .appendingPathComponent(".\(destination.lastPathComponent)\(suffix)")
      do {
        try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try file.contents.write(to: temporary)
        staged.append((temporary, destination))
      } catch {
        discard()
        throw Failure.cannotWrite(destination.path, underlying: Self.reason(error, writing: destination))
      }
    }
    for (index, item) in staged.enumerated() where rename(item.temporary.path, item.destination.path) != 0 {
      let reason = String(cString: strerror(errno))
      for rest in staged[index...] { try? manager.removeItem(at: rest.temporary) }
      throw Failure.cannotWrite(item.destination.path, underlying: reason)
    }
  }

  /// Why a file could not be written, in words a person can act on.
  private static func reason(_ error: Error, writing destination: URL) -> String {
    // The nearest existing ancestor says more than Foundation's error codes do.
    var ancestor = destination.deletingLastPathComponent()
    var isFolder: ObjCBool = false
    while ancestor.path != "/" && !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder) {
      ancestor = ancestor.deletingLastPathComponent()
    }
    if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isFolder) {
      if !isFolder.boolValue { return "'\(ancestor.path)' is a file, not a folder; choose another --out" }
      if !FileManager.default.isWritableFile(atPath: ancestor.path) { return "no permission to write in '\(ancestor.path)'" }
    }
    let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
    if let underlying, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return error.localizedDescription
  }
}
