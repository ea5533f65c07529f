import AtelierExport
import Foundation

/// Writes rendered files under an output folder. Each file goes to a temporary file in its own
/// folder and is renamed into place, so a crash, a kill or a full disk never leaves a half-written
/// file, and a file's previous version stays whole until its replacement is complete.
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

  /// Writes every file, or throws at the first that cannot be written (those already renamed stay).
  func write(_ files: [RenderedFile]) throws {
    let manager = FileManager.default
    for file in files {
      guard FileName.isSafePath(file.path) else { throw Failure.unsafePath(file.path) }
      let destination = folder.appendingPathComponent(file.path)
      do {
        try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = destination.deletingLastPathComponent()
          .appendingPathComponent(".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try file.contents.write(to: temporary)
        if rename(temporary.path, destination.path) != 0 {
          let reason = String(cString: strerror(errno))
          try? manager.removeItem(at: temporary)
          throw Failure.cannotWrite(destination.path, underlying: reason)
        }
      } catch let failure as Failure {
        throw failure
      } catch {
        throw Failure.cannotWrite(destination.path, underlying: error.localizedDescription)
      }
    }
  }
}
