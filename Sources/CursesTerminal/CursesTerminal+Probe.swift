internal import CNcursesw
import Glibc

/// Asking the terminal how it lays out emoji sequences (see `ClusterSupport`).
extension CursesTerminal {
  /// Prints the probes on `output`, reads the terminal's answers from `input` (in cbreak mode
  /// with echo off, before ncurses reads anything), and returns the kinds it draws at two
  /// columns; none when it does not answer in time. Bytes that are not answers (keys typed in
  /// that half second) are dropped.
  static func probeClusterSupport(
    input: Int32, output: Int32, pending: UnsafeMutablePointer<FILE>
  ) -> ClusterSupport {
    fflush(pending)  // what ncurses has buffered goes first
    let probe = ClusterSupport.probeBytes
    let written = probe.withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
    guard written == probe.count else { return [] }
    var replies: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 256)
    let deadline = milliseconds() + Int(ClusterSupport.probeTimeoutMilliseconds)
    while true {
      let remaining = deadline - milliseconds()
      guard remaining > 0 else { return [] }
      var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
      let ready = poll(&descriptor, 1, Int32(remaining))
      if ready < 0 && errno == EINTR { continue }
      guard ready > 0 else { return [] }
      let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      guard count > 0 else { return [] }
      replies += buffer[0..<count]
      if let support = ClusterSupport.fromReplies(replies) { return support }
    }
  }

  private static func milliseconds() -> Int {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
  }
}
