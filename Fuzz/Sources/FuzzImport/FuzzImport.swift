import AtelierCore
import Foundation
import FuzzDriver

// libFuzzer target: `atelier import`'s readers. A first byte chooses the reader (even: a pretalx /
// frab / c3voc schedule.json; odd: a sessions CSV), the rest is the file. Reading must give an
// event or an error diagnostic; an event must render its event.yaml (and schedule.json when every
// session is placed), and that event.yaml must load back as `validate` loads it, with its own
// diagnostics, and the schedule must map onto the instance it loaded into.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let bytes, count > 0 else { return 0 }
  let data = Data(bytes: bytes + 1, count: count - 1)
  let pretalx = bytes[0] % 2 == 0
  let (event, diagnostics) =
    pretalx ? PretalxImporter.read(data, file: "schedule.json") : SessionsImporter.read(data, file: "sessions.csv")
  guard let event else {
    if !diagnostics.hasErrors { fatalError("no event and no error diagnostic") }
    return 0
  }
  let output = event.render()
  guard output.files.first?.path == "event.yaml" else { fatalError("an import without event.yaml") }
  let again = InstanceLoader.load(eventData: output.files[0].contents, eventFile: "event.yaml")
  if (again.instance == nil) != (output.instance == nil) { fatalError("event.yaml loads differently the second time") }
  if let schedule = output.schedule {
    guard let instance = output.instance else { fatalError("a schedule.json without an instance") }
    let (timetable, problems) = schedule.timetable(in: instance, file: "schedule.json")
    if timetable == nil { fatalError("the imported schedule.json does not map onto its own instance: \(problems)") }
    if Schedule.load(data: schedule.encoded(), file: "schedule.json").schedule == nil {
      fatalError("the imported schedule.json does not read back")
    }
  }
  return 0
}

/// The program's entry (see FuzzDriver.h): libFuzzer's driver, with its usual options.
@_cdecl("FuzzImport_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv) { fuzzImport($0, $1) }
}
