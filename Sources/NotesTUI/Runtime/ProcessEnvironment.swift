import NoteStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The process's surroundings, through libc (no Foundation in the executable's hot path):
/// environment variables (`$EDITOR`, `$BROWSER`, `$TMPDIR`, the store's location), the
/// standard streams, and the file-size signal. With `TextFile`, the one seam through which
/// the executable reaches the operating system: it imports no libc of its own.
public enum ProcessEnvironment {
  /// The value of `name`, or nil when it is unset.
  public static func value(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// A standard stream, by its descriptor.
  public enum Stream: Int32, Sendable {
    case input = 0
    case output = 1
    case error = 2
  }

  /// Whether `stream` is a terminal (a question can be asked, the browser can open).
  public static func isTerminal(_ stream: Stream) -> Bool { isatty(stream.rawValue) == 1 }

  /// Writes all of `buffer` to `stream`. A failed write (a closed pipe) is not reported:
  /// there is nowhere left to report it.
  public static func write(_ buffer: UnsafeBufferPointer<UInt8>, to stream: Stream) {
    _ = try? FileSystem.writeAll(stream.rawValue, buffer, path: "")
  }

  /// Whether something exists at `path` (a file that cannot be read still exists).
  public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

  /// Past a file-size limit (`ulimit -f`) the kernel would kill the process with SIGXFSZ
  /// mid-save; ignored, the write fails with EFBIG instead, and the store reports it and keeps
  /// its old state.
  public static func ignoreFileSizeLimitSignal() { signal(SIGXFSZ, SIG_IGN) }

  /// The path of the running binary (for git's merge driver configuration); the name it was
  /// started by when the system does not say.
  public static var executablePath: String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard length > 0 else { return CommandLine.arguments[0] }
    return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
