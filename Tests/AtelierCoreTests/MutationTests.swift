import AtelierCore
import Foundation
import Testing

@Suite("Mutated input never crashes the loader")
struct MutationTests {
  @Test("deterministic mutations of a valid instance: each loads or gives a diagnostic")
  func mutations() throws {
    let folder = Fixtures.path("valid/small")
    let event = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/event.yaml")))
    let csv = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/participants.csv")))
    var random = SeededBytes(seed: 2022)
    func index(_ count: Int) -> Int {
      (Int(random.next()) << 16 | Int(random.next()) << 8 | Int(random.next())) % max(1, count)
    }
    let lines = event.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    for round in 0..<400 {
      var mutatedEvent = event
      var mutatedCSV = csv
      switch round % 5 {
      case 0:  // flip bytes
        for _ in 0..<3 { mutatedEvent[index(mutatedEvent.count)] = random.next() }
      case 1:  // truncate
        mutatedEvent = Array(mutatedEvent.prefix(index(mutatedEvent.count)))
      case 2:  // drop a line
        var kept = lines
        kept.remove(at: index(kept.count))
        mutatedEvent = Array(kept.joined(separator: [UInt8(ascii: "\n")]))
      case 3:  // swap two lines
        var swapped = lines
        swapped.swapAt(index(swapped.count), index(swapped.count))
        mutatedEvent = Array(swapped.joined(separator: [UInt8(ascii: "\n")]))
      default:  // damage the CSV
        for _ in 0..<2 { mutatedCSV[index(mutatedCSV.count)] = random.next() }
      }
      let result = InstanceLoader.load(eventData: Data(mutatedEvent), participants: Data(mutatedCSV))
      #expect(result.instance != nil || result.diagnostics.hasErrors)
    }
  }
}
