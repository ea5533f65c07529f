import Synchronization

/// A flag set from any thread (a signal handler's dispatch source, a timer) and read by the solving
/// thread in the branch-and-cut callback.
public final class CancellationFlag: Sendable {
  private let flag = Atomic<Bool>(false)
  public init() {}
  public func cancel() { flag.store(true, ordering: .relaxed) }
  public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}
