import Foundation
import NoteStore

/// A fold of the journal beside other writers (issue 16: a fold never stalls another writer by
/// more than 50 ms): `url-notes compact`, what a write's detached fold runs, folds the store
/// twice. First alone beside a prober that takes the write lock every millisecond: the
/// prober's longest wait is the longest time the fold held the lock (within a millisecond).
/// Then with `url-notes add` every 50 ms: the slowest add is what a writer beside a fold
/// sees (its own lock, fsync and a reload of the new snapshot included).
extension StoreBenchmark {
  func addFoldRows(to table: inout BenchTable, cli: String) throws {
    let fold = [cli, "compact", "--store", storePath]
    let probe = LockProbe(lockPath: storePath + ".lock")
    let probed = BackgroundRun(fold).wait()
    let longest = probe.stop()
    _ = waitForFold()

    let run = "\(getpid())-\(Int(Measure.now() * 1000) % 1_000_000)"
    let url = { (number: Int) in "https://bench.example.org/fold/\(run)/\(number)" }
    let folding = BackgroundRun(fold)
    var adds: [ChildProcess.Result] = []
    // At least one add, however fast the fold: at 1k notes it takes milliseconds.
    while adds.isEmpty || !folding.finished {
      let result = ChildProcess.run([
        cli, "add", "--store", storePath, "--title", "Bench fold add \(adds.count)",
        "--url", url(adds.count), "--tag", Self.addTag,
      ])
      guard result.status == 0 else { throw BenchError("url-notes add failed on \(storePath)") }
      adds.append(result)
      usleep(50_000)
    }
    let folded = folding.wait()
    _ = waitForFold()
    // The notes added go again, in one batch: the corpus stays as it was.
    let store = try NoteStore.open(path: storePath)
    try store.apply(
      (0..<adds.count).compactMap { store.noteID(forURL: url($0)) }.map { .delete($0) })
    _ = waitForFold()

    table.add(
      "fold, longest lock hold", probed.status == 0 ? longest.seconds : nil, .seconds,
      probed.status == 0
        ? "longest wait of a prober taking the write lock every ms (\(longest.probes) times) "
          + String(
            format: "while url-notes compact folded the store: %.2f s, cpu %.2f s, peak RSS %@",
            probed.seconds, probed.cpuSeconds, Self.megabytes(Int(probed.peakRSS)))
        : "url-notes compact failed",
      target: .init(limit: 0.05, text: "≤ 50 ms"))
    let walls = adds.map(\.seconds)
    table.add(
      "CLI add during a fold, max", folded.status == 0 ? walls.max() : nil, .seconds,
      "url-notes add, whole process, one every 50 ms while another fold ran "
        + String(format: "(%.2f s): ", folded.seconds) + "\(adds.count) add"
        + (adds.count == 1 ? ", " : "s, ")
        + "median \(Self.seconds(Measure.median(walls))), cpu "
        + Self.seconds(Measure.median(adds.map(\.cpuSeconds))),
      target: table.cat.flatMap {
        size >= 1_000_000 ? .init(limit: 3 * $0, text: "≤ 3× cat") : nil
      })
  }
}

/// Takes and releases the store's write lock (its own open file, so flock conflicts with every
/// writer's) every millisecond on a thread of its own, and keeps the longest wait.
final class LockProbe: @unchecked Sendable {
  private let state = NSLock()
  private var stopping = false
  private var longest = 0.0
  private var probes = 0
  private let done = DispatchSemaphore(value: 0)

  init(lockPath: String) {
    Thread { [self] in
      let fd = open(lockPath, O_RDWR | O_CREAT, 0o600)
      defer {
        if fd >= 0 { close(fd) }
        done.signal()
      }
      guard fd >= 0 else { return }
      while !state.withLock({ stopping }) {
        let start = Measure.now()
        while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        let waited = Measure.now() - start
        flock(fd, LOCK_UN)
        state.withLock {
          longest = max(longest, waited)
          probes += 1
        }
        usleep(1_000)
      }
    }.start()
  }

  /// Stops the prober; the longest wait and the number of probes.
  func stop() -> (seconds: Double, probes: Int) {
    state.withLock { stopping = true }
    done.wait()
    return state.withLock { (longest, probes) }
  }
}

/// A whole-process run (`ChildProcess.run`) on a thread of its own, for the bench to do other
/// things while it runs.
final class BackgroundRun: @unchecked Sendable {
  private let state = NSLock()
  private var result: ChildProcess.Result?
  private let done = DispatchSemaphore(value: 0)

  init(_ arguments: [String]) {
    Thread { [self] in
      let outcome = ChildProcess.run(arguments)
      state.withLock { result = outcome }
      done.signal()
    }.start()
  }

  var finished: Bool { state.withLock { result != nil } }

  /// Waits for the process; its result.
  func wait() -> ChildProcess.Result {
    done.wait()
    return state.withLock { result! }
  }
}
