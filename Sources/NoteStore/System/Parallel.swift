import Dispatch

/// Two pieces of work at once, for a machine with two cores: the store splits its largest
/// scans of the snapshot in halves this way.
enum Parallel {
  /// Runs `first` on this thread and `second` on another, and returns both results once both
  /// are done. The two may share only what neither changes (the store itself is not
  /// thread-safe: its mapped index remembers which blocks it verified).
  ///
  /// `second` is offered to the global queue; if no thread of it has started `second` by the
  /// time `first` is done, this thread runs it. The queue's threads may all be busy for
  /// seconds (an import's file readers, `OrderedWork`, hold both of a two-core machine's), and
  /// waiting for one made the first write of an import into an empty store, whose index
  /// build splits its postings in two, sit idle 0.54 s of a 3.3 s import.
  static func both<First, Second>(_ first: () -> First, _ second: () -> Second) -> (
    First, Second
  ) {
    withoutActuallyEscaping(second) { second in
      let work = Work(second)
      DispatchQueue.global().async { work.runUnlessClaimed() }
      let firstResult = first()
      return (firstResult, work.resultRunningUnlessClaimed())
    }
  }

  /// The other thread's closure and result. Whichever thread claims it first runs it; the
  /// claim is taken under `lock`, and `finished` orders the other thread's write of the
  /// result before the caller reads it.
  private final class Work<Result>: @unchecked Sendable {
    private var body: (() -> Result)?
    private var result: Result?
    private var claimed = false
    private let lock = DispatchSemaphore(value: 1)
    private let finished = DispatchSemaphore(value: 0)

    init(_ body: @escaping () -> Result) { self.body = body }

    /// Whether this caller is the first to claim the work (and so must run it).
    private func claim() -> Bool {
      lock.wait()
      defer { lock.signal() }
      if claimed { return false }
      claimed = true
      return true
    }

    /// Runs the closure and drops it: the queue's block may still hold this object when
    /// `both` returns, and `withoutActuallyEscaping` traps if the closure is still referenced
    /// then.
    private func run() {
      result = body?()
      body = nil
    }

    /// On the queue's thread: runs the work unless the caller already took it.
    func runUnlessClaimed() {
      guard claim() else { return }
      run()
      finished.signal()
    }

    /// On the caller's thread: the result, computed here if no other thread has started it,
    /// else waited for.
    func resultRunningUnlessClaimed() -> Result {
      if claim() { run() } else { finished.wait() }
      return result!
    }
  }
}
