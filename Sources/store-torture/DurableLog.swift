import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// An append-only text log whose every line is on disk (fdatasync) before `append` returns,
/// so a checker reading it after a SIGKILL knows which change was under way.
final class DurableLog {
  private let fd: Int32

  init(path: String) {
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else { fatalError("store-torture: cannot open log \(path): errno \(errno)") }
  }

  func append(_ line: String) {
    var bytes = Array((line + "\n").utf8)
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeMutableBytes {
        write(fd, $0.baseAddress! + written, $0.count - written)
      }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { fatalError("store-torture: log write failed: errno \(errno)") }
      written += count
    }
    guard fdatasync(fd) == 0 else { fatalError("store-torture: log fsync failed: errno \(errno)") }
  }

  deinit { close(fd) }
}

/// Writes one line to stdout unbuffered, so a parent reading the pipe sees it at once.
func emit(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
