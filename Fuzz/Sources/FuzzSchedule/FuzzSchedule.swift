import AtelierCore
import Foundation
import FuzzDriver

// libFuzzer target: the input is a schedule.json. Reading must give a schedule or an error, the
// schedule must map onto a fixed instance (or say why not), and a schedule read must read again
// once written.

/// Instances/tiny-hand with two participants, so that runs, rooms, days and assignments resolve.
let instance: Instance = {
  let event = """
    format: atelier/1
    name: Tiny (hand-computed optimum)
    time_zone: Europe/Paris
    days:
      - id: mon
        date: "2026-03-02"
        slots:
          - {start: "09:00", end: "10:00"}
          - {start: "10:15", end: "11:15"}
    rooms:
      - {id: big, name: Big room, capacity: 100, features: [projector]}
      - {id: lab, name: Computer lab, capacity: 30, features: [computers]}
    speakers:
      - {id: ada, name: Ada}
    sessions:
      - {id: talk-a, title: Talk A, kind: talk, duration: 60, speakers: [ada], audience: 80, requires: [projector]}
      - {id: talk-b, title: Talk B, kind: talk, duration: 60, speakers: [ada], audience: 60, requires: [projector]}
      - {id: workshop, title: Workshop, kind: workshop, duration: 60, max_size: 30, requires: [computers]}
    """
  let participants = "id,choice_1\np1,workshop\np2,workshop\n"
  let result = InstanceLoader.load(eventData: Data(event.utf8), participants: Data(participants.utf8))
  guard let instance = result.instance else { fatalError("the fuzz instance does not load: \(result.diagnostics)") }
  return instance
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchedule(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let bytes else { return 0 }
  let (schedule, diagnostics) = Schedule.load(data: Data(bytes: bytes, count: count), file: "schedule.json")
  guard let schedule else {
    if !diagnostics.hasErrors { fatalError("no schedule and no error diagnostic") }
    return 0
  }
  let (timetable, problems) = schedule.timetable(in: instance, file: "schedule.json")
  if timetable == nil && !problems.hasErrors { fatalError("no timetable and no error diagnostic") }
  let again = Schedule.load(data: schedule.encoded(), file: "again.json")
  if again.schedule == nil { fatalError("a schedule read does not read again once written: \(again.diagnostics)") }
  if let timetable {
    _ = Schedule(instance: instance, timetable: timetable, status: schedule.status).encoded()
  }
  return 0
}

/// The program's entry (see FuzzDriver.h): libFuzzer's driver, with its usual options.
@_cdecl("FuzzSchedule_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv) { fuzzSchedule($0, $1) }
}
