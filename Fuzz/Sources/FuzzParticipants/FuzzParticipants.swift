import Foundation
import FuzzDriver

// `scripts/fuzz` builds AtelierCore with -enable-testing: parsing the event for every input
// would cost 40 ms of the 45 (20 inputs a second), so the reader is called as the loader calls it.
@testable import AtelierCore

// libFuzzer target: the input is a participants file, read against a fixed small event (the
// ids, titles and day names of the seeds) as the loader reads it, then by the scenarios' table reader.

/// Sessions by id and by title, two days by id and by date, an exclusive session, a workshop limit.
let event: Instance = {
  let text = Data(
    """
    name: Fuzz
    time_zone: Europe/Paris
    days:
      - {id: tue, date: 2022-09-27, slots: [{start: "09:00", end: "10:00"}, {start: "10:00", end: "11:00"}]}
      - {id: thu, date: 2022-09-29, slots: [{start: "09:00", end: "10:00"}, {start: "10:00", end: "11:00"}]}
    rooms:
      - {id: r, capacity: 500}
      - {id: r2, capacity: 500}  # with r alone, five runs (one exclusive) in four slots fit no timetable
    sessions:
      - {id: code, title: Atelier code, kind: workshop, duration: 60, max_size: 30, runs: 2}
      - {id: talk, title: Table ronde, kind: talk, duration: 60}
      - {id: w2, title: "Fracture numérique", kind: workshop, duration: 60, max_size: 30}
      - {id: open, title: Ouverture, kind: plenary, duration: 60, exclusive: true}
    """.utf8)
  guard let event = InstanceLoader.load(eventData: text).instance else { fatalError("the fuzz event does not load") }
  return event
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParticipants(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let bytes else { return 0 }
  let data = Data(bytes: bytes, count: count)
  // As InstanceLoader's last stages: read the rows, then the necessary conditions with them.
  var reader = ParticipantsReader(days: event.days, sessions: event.sessions, file: "participants.csv")
  var instance = event
  instance.participants = reader.read(data)
  for participant in instance.participants {
    if participant.choices.contains(where: { !instance.sessions.indices.contains($0) }) {
      fatalError("a choice outside the sessions")
    }
    if participant.days.contains(where: { !instance.days.indices.contains($0) }) { fatalError("an unknown day") }
  }
  _ = FeasibilityCheck.diagnostics(for: instance)
  let table = ParticipantsTable(data: data)
  _ = table.ids
  for row in table.rows.indices.prefix(100) { _ = table.dayTokens(ofRow: row) }
  return 0
}

/// The program's entry (see FuzzDriver.h): libFuzzer's driver, with its usual options.
@_cdecl("FuzzParticipants_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv) { fuzzParticipants($0, $1) }
}
