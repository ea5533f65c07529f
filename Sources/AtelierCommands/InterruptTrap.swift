import AtelierMIP
import Dispatch
import Foundation

/// Turns SIGINT and SIGTERM into a cancelled flag, so that a solve stops and keeps its incumbent
/// instead of dying: the command then writes the best schedule found, marked not proven optimal.
final class InterruptTrap: @unchecked Sendable {  // immutable after init; DispatchSource is thread-safe
  let flag = CancellationFlag()
  private let sources: [DispatchSourceSignal]

  init() {
    var sources: [DispatchSourceSignal] = []
    for signalNumber in [SIGINT, SIGTERM] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler { [flag] in flag.cancel() }
      source.resume()
      sources.append(source)
    }
    self.sources = sources
  }

  deinit {
    for source in sources { source.cancel() }
  }
}
