import AtelierCore
import Foundation
import FuzzDriver

// libFuzzer target: the input is an event file (YAML or JSON). The loader must answer with a valid
// instance or with an error diagnostic, never trap, and a valid instance must be safe to use.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInstance(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  guard let bytes else { return 0 }
  let result = InstanceLoader.load(eventData: Data(bytes: bytes, count: count))
  guard let instance = result.instance else {
    if !result.diagnostics.hasErrors { fatalError("no instance and no error diagnostic") }
    return 0
  }
  if result.diagnostics.hasErrors { fatalError("an instance despite an error diagnostic") }
  // The helpers the solver and checker call on every valid instance (bounded, so big inputs stay fast).
  let counts = instance.choiceCounts
  _ = instance.runs
  for day in instance.days.indices.prefix(20) {
    _ = instance.participantsPresent(onDay: day)
    _ = instance.everySlotDemand(onDay: day)
  }
  for slot in instance.slots.indices.prefix(40) { _ = instance.seatDemand(inSlot: slot) }
  for s in instance.sessions.indices.prefix(40) {
    for slot in instance.slots.prefix(40) {
      _ = instance.coveredSlots(ofSession: s, startingAt: slot.index)
      _ = instance.window(ofSession: s, startingAt: slot.index)
      _ = instance.expectedAudience(ofSession: s, onDay: slot.day, choiceCounts: counts)
    }
  }
  return 0
}

/// The program's entry (see FuzzDriver.h): libFuzzer's driver, with its usual options.
@_cdecl("FuzzInstance_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  var argc = argc
  var argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv) { fuzzInstance($0, $1) }
}
