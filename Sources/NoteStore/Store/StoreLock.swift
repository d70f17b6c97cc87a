/// An exclusive advisory lock (flock) on `<store>.lock`, held by one writer at a time.
///
/// flock locks die with the process, so a crashed writer never leaves the store locked.
final class StoreLock {
  private let fd: Int32

  /// Waits up to `timeoutSeconds` for the lock.
  init(path: String, timeoutSeconds: Double = 10) throws(FileSystem.Failure) {
    let fd = Syscalls.open(path, [.readWrite, .create])
    guard fd >= 0 else {
      throw FileSystem.Failure(operation: "open lock file", path: path, code: Syscalls.errno)
    }
    let deadline = Double(Timestamp.monotonicNanoseconds()) / 1e9 + timeoutSeconds
    while !Syscalls.tryLockExclusive(fd) {
      let code = Syscalls.errno
      guard code == .wouldBlock || code == .interrupted,
        Double(Timestamp.monotonicNanoseconds()) / 1e9 < deadline
      else {
        Syscalls.close(fd)
        throw FileSystem.Failure(operation: "lock", path: path, code: code)
      }
      // Every 2 ms: a writer waits for another's append (a few ms) or a fold's swap (issue
      // 16: at most 50 ms), and a coarser step would add up to a step to every such wait.
      Syscalls.sleep(microseconds: 2_000)
    }
    self.fd = fd
  }

  deinit {
    Syscalls.unlock(fd)
    Syscalls.close(fd)
  }
}

extension Timestamp {
  /// A monotonic clock reading, for timeouts and measurements.
  public static func monotonicNanoseconds() -> UInt64 {
    let (seconds, nanoseconds) = Syscalls.clock(realtime: false)
    return UInt64(seconds) * 1_000_000_000 + UInt64(nanoseconds)
  }
}
