import Dispatch

/// Items numbered `0..<count`, made on one thread per core in any order and taken strictly in
/// order by one other thread: an import's files read and parsed ahead of its merge, a JSON
/// listing's notes decoded and encoded ahead of its output.
///
/// Each worker starts the next item not yet started, makes it into its slot and signals that
/// slot; `take(_:)` waits for its slot. A worker may start an item only while fewer than
/// `ahead` items are started but not yet taken, so memory stays bounded; the item the taker
/// waits for is always started (every started item before it was taken), so it never waits
/// forever.
final class OrderedWork<Value: Sendable>: @unchecked Sendable {
  let count: Int
  private let slots: UnsafeMutableBufferPointer<Value?>
  private let ready: [DispatchSemaphore]
  /// Counts the items a worker may still start before the taker takes one.
  private let window: DispatchSemaphore
  /// Guards `next`.
  private let claim = DispatchSemaphore(value: 1)
  private var next = 0
  private let workersDone = DispatchGroup()

  /// Starts `min(count, cores)` workers that call `make` for every item (from several
  /// threads at once).
  init(count: Int, ahead: Int, make: @escaping @Sendable (Int) -> Value) {
    self.count = count
    slots = .allocate(capacity: max(1, count))
    slots.initialize(repeating: nil)
    ready = (0..<count).map { _ in DispatchSemaphore(value: 0) }
    window = DispatchSemaphore(value: ahead)
    for _ in 0..<min(count, Self.cores) {
      workersDone.enter()
      DispatchQueue.global().async { [self] in
        while let index = startNext() {
          slots[index] = make(index)
          ready[index].signal()
        }
        workersDone.leave()
      }
    }
  }

  deinit {
    workersDone.wait()
    slots.deinitialize()
    slots.deallocate()
  }

  /// Item `index`, waiting until it is made. Called once per item, in order, from one thread.
  func take(_ index: Int) -> Value {
    ready[index].wait()
    // The semaphore orders the worker's write of the slot before this read.
    let value = slots[index]!
    slots[index] = nil
    window.signal()
    return value
  }

  /// The next item to make, once the window allows it; nil when all are started.
  private func startNext() -> Int? {
    window.wait()
    claim.wait()
    let index = next
    next += 1
    claim.signal()
    if index < count { return index }
    window.signal()
    return nil
  }

  private static var cores: Int { Syscalls.onlineProcessors }
}

extension OrderedWork {
  /// `transform` of every number in `0..<count`, in order, made on every core `runLength`
  /// numbers at a time.
  static func map<Element: Sendable>(
    count: Int, runLength: Int = 256, _ transform: @escaping @Sendable (Int) -> Element
  ) -> [Element] where Value == [Element] {
    let runs = (count + runLength - 1) / runLength
    let work = OrderedWork(count: runs, ahead: max(1, runs)) { run in
      ((run * runLength)..<min(count, (run + 1) * runLength)).map(transform)
    }
    var result: [Element] = []
    result.reserveCapacity(count)
    for run in 0..<runs { result += work.take(run) }
    return result
  }
}
