import Dispatch

/// Two pieces of work at once, for a machine with two cores: the store splits its largest
/// scans of the snapshot in halves this way.
enum Parallel {
  /// Runs `first` on this thread and `second` on another, and returns both results once both
  /// are done. The two may share only what neither changes (the store itself is not
  /// thread-safe: its mapped index remembers which blocks it verified).
  static func both<First, Second>(_ first: () -> First, _ second: () -> Second) -> (
    First, Second
  ) {
    withoutActuallyEscaping(second) { second in
      let work = Work(second)
      let done = DispatchGroup()
      done.enter()
      DispatchQueue.global().async {
        work.run()
        done.leave()
      }
      let firstResult = first()
      // `second` does not escape: it has run when this returns.
      done.wait()
      return (firstResult, work.result!)
    }
  }

  /// The other thread's closure and result; the group orders its write before the read.
  private final class Work<Result>: @unchecked Sendable {
    private var body: (() -> Result)?
    var result: Result?

    init(_ body: @escaping () -> Result) { self.body = body }

    /// Runs the closure and drops it before the group is left: the other thread may still hold
    /// this object when `both` returns, and `withoutActuallyEscaping` traps if the closure is
    /// still referenced then.
    func run() {
      result = body?()
      body = nil
    }
  }
}
