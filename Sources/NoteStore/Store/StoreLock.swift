#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive advisory lock (flock) on `<store>.lock`, held by one writer at a time.
///
/// flock locks die with the process, so a crashed writer never leaves the store locked.
final class StoreLock {
  private let fd: Int32

  /// Waits up to `timeoutSeconds` for the lock.
  init(path: String, timeoutSeconds: Double = 10) throws(FileSystem.Failure) {
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw FileSystem.Failure(operation: "open lock file", path: path, code: errno)
    }
    let deadline = Double(Timestamp.monotonicNanoseconds()) / 1e9 + timeoutSeconds
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR,
        Double(Timestamp.monotonicNanoseconds()) / 1e9 < deadline
      else {
        let code = errno == EWOULDBLOCK ? EWOULDBLOCK : errno
        close(fd)
        throw FileSystem.Failure(operation: "lock", path: path, code: code)
      }
      usleep(20_000)
    }
    self.fd = fd
  }

  deinit {
    flock(fd, LOCK_UN)
    close(fd)
  }
}

extension Timestamp {
  /// A monotonic clock reading, for timeouts and measurements.
  public static func monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
  }
}
