import AtelierCore
import Foundation
import FuzzDriver

// libFuzzer target: the input is a scenario file. Reading must give a scenario or an error, and a
// scenario read must apply to a fixed small instance (the scenario tests' fixture) without trapping.

let base: ScenarioBase = {
  let event = """
    name: Scenario fixture
    time_zone: Europe/Paris
    seat_coverage: 0
    days:
      - {id: mon, date: "2026-03-02", slots: [{start: "09:00", end: "10:00"}, {start: "10:15", end: "11:15"}, {start: "11:30", end: "12:30"}]}
      - {id: tue, date: "2026-03-03", slots: [{start: "09:00", end: "10:00"}, {start: "10:15", end: "11:15"}, {start: "11:30", end: "12:30"}]}
    rooms:
      - {id: hall, name: Hall, capacity: 100, features: [projector]}
      - {id: lab, name: Lab, capacity: 30, features: [computers]}
      - {id: studio, name: Studio, capacity: 30}
    speakers:
      - {id: ada, name: Ada}
      - {id: bob, name: Bob}
    sessions:
      - {id: talk, title: Talk, kind: talk, duration: 60, speakers: [ada], requires: [projector], audience: 80, pin: {day: mon}}
      - {id: code, title: Coding workshop, kind: workshop, duration: 60, speakers: [ada, bob], requires: [computers], max_size: 20, runs: 2}
      - {id: paint, title: Painting workshop, kind: workshop, duration: 60, speakers: [bob], max_size: 20, after: [talk]}
    """
  let participants =
    "id,days,choice_1,choice_2\np1,mon,code,paint\np2,mon|tue,paint,code\np3,tue,Painting workshop,\np4,,code,\n"
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atelier-fuzz-\(getpid())")
  try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  try? Data(event.utf8).write(to: folder.appendingPathComponent("event.yaml"))
  try? Data(participants.utf8).write(to: folder.appendingPathComponent("participants.csv"))
  let loaded = ScenarioBase.load(path: folder.path)
  guard let base = loaded.base else { fatalError("the fuzz base does not load: \(loaded.diagnostics)") }
  return base
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let bytes else { return 0 }
  let result = ScenarioLoader.load(data: Data(bytes: bytes, count: count), file: "what-if.yaml")
  guard let scenario = result.scenario else {
    if !result.diagnostics.hasErrors { fatalError("no scenario and no error diagnostic") }
    return 0
  }
  let applied = scenario.apply(to: base)
  if applied.status == .valid && applied.instance == nil { fatalError("a valid scenario without its instance") }
  if applied.status != .valid && !applied.diagnostics.hasErrors && applied.infeasibility.isEmpty {
    fatalError("an invalid scenario without an explanation")
  }
  return 0
}

/// The program's entry (see FuzzDriver.h): libFuzzer's driver, with its usual options.
@_cdecl("FuzzScenario_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv) { fuzzScenario($0, $1) }
}
