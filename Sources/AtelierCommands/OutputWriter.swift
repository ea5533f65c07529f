import AtelierExport
import AtelierMIP
import Foundation

/// Writes rendered files under an output folder in two phases: every file first goes to a
/// temporary file beside its destination; only when all are written are they renamed into place.
/// A full disk or an unwritable folder therefore leaves the previous outputs untouched, and a crash
/// or kill never leaves a half-written file (rename is atomic on one file system). Temporaries that
/// a killed run left behind are removed by the next write into the same folders.
struct OutputWriter {
  let folder: URL
  /// Set by a signal (`InterruptTrap`): the first phase stops, removes its temporaries and throws
  /// `interrupted`, leaving every previous file as it was. Once every file is staged the renames
  /// (a few milliseconds) run to the end, so a folder is never left half old, half new by a signal.
  var cancellation: CancellationFlag?

  init(folder: URL, cancellation: CancellationFlag? = nil) {
    self.folder = folder
    self.cancellation = cancellation
  }

  enum Failure: Error, CustomStringConvertible {
    case unsafePath(String)
    case cannotWrite(String, underlying: String)
    case interrupted

    var description: String {
      switch self {
      case .unsafePath(let path): "refusing to write '\(path)': not a safe relative path"
      case .cannotWrite(let path, let underlying): "cannot write '\(path)': \(underlying)"
      case .interrupted: "interrupted before every file was written: nothing was replaced"
      }
    }
  }

  /// Why nothing could be written into `folder`, or nil when it can, so that a command finds out
  /// before its work, not after it: the folder is created if needed and a hidden probe file
  /// written in it, then both are removed again (a run that writes nothing leaves no folder).
  static func unwritableReason(folder: URL) -> String? {
    let manager = FileManager.default
    let probe = folder.appendingPathComponent(temporaryName(of: "probe"))
    // The outermost folder this creates, removed afterwards.
    var created: URL?
    var ancestor = folder.standardizedFileURL
    while ancestor.path != "/" && !manager.fileExists(atPath: ancestor.path) {
      created = ancestor
      ancestor = ancestor.deletingLastPathComponent()
    }
    defer { if let created { try? manager.removeItem(at: created) } }
    do {
      try manager.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data().write(to: probe)
      try? manager.removeItem(at: probe)
      return nil
    } catch {
      return reason(error, writing: probe)
    }
  }

  /// Writes one file anywhere (e.g. `--write-model`), atomically. A destination that exists and
  /// is no regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written into, never renamed over:
  /// a rename would replace the device with a regular file for every program on the machine.
  static func writeFile(_ contents: Data, to destination: URL) throws {
    var status = stat()
    if stat(destination.path, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG {
      guard let handle = FileHandle(forWritingAtPath: destination.path) else {
        throw Failure.cannotWrite(destination.path, underlying: String(cString: strerror(errno)))
      }
      defer { try? handle.close() }
      do { try handle.write(contentsOf: contents) } catch {
        throw Failure.cannotWrite(destination.path, underlying: error.localizedDescription)
      }
      return
    }
    try OutputWriter(folder: destination.deletingLastPathComponent())
      .write([RenderedFile(path: destination.lastPathComponent, contents: contents)])
  }

  /// Writes every file or, when one cannot be written, none (temporary files are removed).
  func write(_ files: [RenderedFile]) throws {
    let manager = FileManager.default
    for file in files where !FileName.isSafePath(file.path) { throw Failure.unsafePath(file.path) }
    var staged: [(temporary: URL, destination: URL)] = []
    func discard() { for item in staged { try? manager.removeItem(at: item.temporary) } }
    let destinations = files.map { folder.appendingPathComponent($0.path) }
    Self.removeStaleTemporaries(in: Set(destinations.map { $0.deletingLastPathComponent().standardizedFileURL }))
    for (file, destination) in zip(files, destinations) {
      if cancellation?.isCancelled == true {
        discard()
        throw Failure.interrupted
      }
      let temporary = destination.deletingLastPathComponent()
        .appendingPathComponent(Self.temporaryName(of: destination.lastPathComponent))
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

  /// `.<name>.tmp-<pid>`: hidden, and naming the process that writes it.
  static func temporaryName(of name: String, process: pid_t = getpid()) -> String { ".\(name).tmp-\(process)" }

  /// The process that wrote a temporary named by `temporaryName`, or nil for any other name.
  static func writer(ofTemporary name: String) -> pid_t? {
    guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards) else { return nil }
    let digits = name[marker.upperBound...]
    guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
    return pid_t(digits)
  }

  /// Removes the temporaries in `folders` whose writer is gone (a run killed with SIGKILL cannot
  /// clean up). A temporary of a live process, another run writing there now, is left alone; so is
  /// one whose process number was taken by an unrelated process since, until that one ends.
  static func removeStaleTemporaries(in folders: some Sequence<URL>) {
    let manager = FileManager.default
    for folder in folders {
      guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { continue }
      for name in names {
        guard let process = writer(ofTemporary: name), process > 0, process != getpid() else { continue }
        // ESRCH: no such process. EPERM means it exists under another user: alive.
        if kill(process, 0) == -1 && errno == ESRCH {
          try? manager.removeItem(at: folder.appendingPathComponent(name))
        }
      }
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
