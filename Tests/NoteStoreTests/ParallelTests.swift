import Dispatch
import Synchronization
import Testing

@testable import NoteStore

/// `Parallel.both` must not wait for a thread of the global queue when they are all busy (an
/// import's file readers hold them for seconds): the caller then runs the second half itself.
@Suite struct ParallelTests {
  /// Set by one thread, read by others.
  final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
  }

  @Test func bothReturnsWhileEveryQueueThreadIsBusy() {
    // One spinning block per core keeps every thread the global queue runs busy, as the
    // import's readers do; a spinner gives up after 10 s so that a `both` that waits for a
    // queue thread ends (and the test fails) instead of hanging.
    let spinners = Syscalls.onlineProcessors
    let release = Flag()
    let gaveUp = Flag()
    let started = DispatchSemaphore(value: 0)
    let stopped = DispatchGroup()
    for _ in 0..<spinners {
      stopped.enter()
      DispatchQueue.global().async {
        started.signal()
        let deadline = DispatchTime.now() + .seconds(10)
        while !release.isSet {
          if DispatchTime.now() > deadline {
            gaveUp.set()
            break
          }
        }
        stopped.leave()
      }
    }
    for _ in 0..<spinners { started.wait() }
    let (first, second) = Parallel.both({ (1...100).reduce(0, +) }, { "second" + "half" })
    release.set()
    stopped.wait()
    #expect(first == 5050)
    #expect(second == "secondhalf")
    #expect(!gaveUp.isSet)
  }

  @Test func bothGivesBothResultsWhenTheQueueIsFree() {
    let (first, second) = Parallel.both(
      { (0..<1000).map { $0 * 2 }.reduce(0, +) }, { (0..<1000).filter { $0 % 3 == 0 }.count })
    #expect(first == 999_000)
    #expect(second == 334)
  }
}
