import Glibc

/// Writes shell scripts that tests then execute directly (as `$EDITOR`, `$BROWSER`, a loop).
///
/// Written through a close-on-exec descriptor: with Foundation's `write(toFile:)` a child that
/// a parallel test forks at that moment inherits the write descriptor, and executing the script
/// then fails with ETXTBSY ("Text file busy") — a flaky test rather than a bug.
public enum ExecutableScript {
  /// Writes `#!/bin/sh`, then `body`, to `path` with mode 0755; returns `path`.
  @discardableResult
  public static func write(_ body: String, to path: String) throws(ScriptError) -> String {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    guard descriptor >= 0 else { throw ScriptError(path: path, errno: errno) }
    defer { close(descriptor) }
    let bytes = Array(("#!/bin/sh\n" + body + "\n").utf8)
    var written = 0
    while written < bytes.count {
      let result = bytes[written...].withUnsafeBytes {
        Glibc.write(descriptor, $0.baseAddress, $0.count)
      }
      if result < 0 {
        if errno == EINTR { continue }
        throw ScriptError(path: path, errno: errno)
      }
      written += result
    }
    // O_CREAT's mode applies only to new files and is masked by the umask.
    guard fchmod(descriptor, 0o755) == 0 else { throw ScriptError(path: path, errno: errno) }
    return path
  }
}

/// A script that could not be written.
public struct ScriptError: Error, CustomStringConvertible {
  public var path: String
  public var errno: Int32
  public var description: String { "\(path): \(String(cString: strerror(errno)))" }
}
