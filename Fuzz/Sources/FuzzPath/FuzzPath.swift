import AtelierCore
import Foundation
import FuzzDriver

// libFuzzer target: the input is a path as a person types it (`.`, `./`, `x`, `../inst/`). The
// path resolution (`InstancePaths`) must answer every string without trapping
// (NSString.deletingLastPathComponent trapped on `.` and `x`); the loader, run on paths that stay
// inside a temporary folder holding a tiny instance, must answer with an instance or an error.
// Nothing outside that folder is read: absolute paths, `~` and `..` components are resolved but
// never loaded.

let folderPath = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-fuzz-path-\(getpid())").path

let folder: URL = {
  let folder = URL(fileURLWithPath: folderPath, isDirectory: true)
  let event = """
    name: Path fixture
    time_zone: Europe/Paris
    days: [{id: mon, date: "2026-03-02", slots: [{start: "09:00", end: "10:00"}]}]
    rooms: [{id: hall, capacity: 100}]
    sessions: [{id: talk, title: Talk, kind: talk, duration: 60, audience: 10}]
    """
  for sub in ["", "inst", "inst/sub"] {
    let dir = sub.isEmpty ? folder : folder.appendingPathComponent(sub)
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    if sub != "inst/sub" { try? Data(event.utf8).write(to: dir.appendingPathComponent("event.yaml")) }
  }
  guard FileManager.default.changeCurrentDirectoryPath(folder.path) else { fatalError("cannot enter \(folder.path)") }
  atexit { try? FileManager.default.removeItem(atPath: folderPath) }
  return folder
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPath(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let bytes, count > 0 else { return 0 }
  _ = folder
  let isDirectory = bytes[0] & 1 == 1
  let text = String(decoding: UnsafeBufferPointer(start: bytes + 1, count: count - 1), as: UTF8.self)
    .replacingOccurrences(of: "\0", with: "")  // no file system takes NUL in a path
  // Pure resolution, against a working directory that does not exist: any string in, a path out.
  for base in ["/fuzz/wd", "/", "", text] {
    let paths = InstancePaths(path: text, isDirectory: isDirectory, workingDirectory: base)
    for name in ["event.yaml", "participants.csv", text] {
      if paths.file(name).isEmpty { fatalError("an empty path for '\(name)' in '\(text)'") }
    }
    _ = paths.shownFolder
  }
  _ = InstancePaths.stem(of: text)
  // Loading, only inside the temporary folder.
  let components = text.split(separator: "/")
  guard !text.hasPrefix("/"), !text.hasPrefix("~"), !components.contains(".."), text.utf8.count < 4096 else {
    return 0
  }
  let result = InstanceLoader.load(path: text)
  if result.instance == nil && !result.diagnostics.hasErrors { fatalError("no instance and no error for '\(text)'") }
  if result.instance != nil && result.diagnostics.hasErrors { fatalError("an instance despite an error for '\(text)'") }
  return 0
}

/// The program's entry (see FuzzDriver.h): libFuzzer's driver, with its usual options.
@_cdecl("FuzzPath_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv) { fuzzPath($0, $1) }
}
