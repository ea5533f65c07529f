import AtelierMIP
import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT and SIGTERM into a cancelled flag, so that a solve stops and keeps its incumbent
/// instead of dying: the command then writes the best schedule found, marked not proven optimal.
/// A second signal ends the process at once, by that signal, without writing anything more
/// (someone pressing Ctrl-C twice wants out now).
final class InterruptTrap: @unchecked Sendable {  // immutable after init; DispatchSource is thread-safe
  let flag = CancellationFlag()
  private let sources: [DispatchSourceSignal]
  /// Signals received so far (SIGINT and SIGTERM together).
  private let received = SignalCount()

  private final class SignalCount: Sendable {
    let value = Atomic<Int>(0)
    let first = Atomic<Int32>(0)
  }

  init() {
    var sources: [DispatchSourceSignal] = []
    let received = self.received
    for signalNumber in [SIGINT, SIGTERM] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler { [flag] in
        // A dispatch source may coalesce two signals into one event: `data` counts them.
        let count = max(1, Int(clamping: source.data))
        _ = received.first.compareExchange(expected: 0, desired: signalNumber, ordering: .relaxed)
        let total = received.value.add(count, ordering: .relaxed).newValue
        flag.cancel()
        if total >= 2 { Self.die(by: signalNumber) }
      }
      source.resume()
      sources.append(source)
    }
    self.sources = sources
  }

  /// After cleaning up, ends the process by the signal that was received (SIGINT by default), as a
  /// command that cannot keep a partial result should.
  func dieBySignal() -> Never {
    let first = received.first.load(ordering: .relaxed)
    Self.die(by: first == 0 ? SIGINT : first)
  }

  /// Ends the process by `signalNumber` with its default action, so the parent sees it killed by
  /// that signal. Hidden temporaries it was writing are removed by the next write into the folder.
  static func die(by signalNumber: Int32) -> Never {
    signal(signalNumber, SIG_DFL)
    // libdispatch's threads block signals: unblock it in this one, then raise it here.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, signalNumber)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    raise(signalNumber)
    // SIGINT and SIGTERM end the process; should it survive somehow, exit as a shell would report it.
    _exit(128 + signalNumber)
  }

  deinit {
    for source in sources { source.cancel() }
  }
}
