#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Environment variables, read through libc (no Foundation in the executable's hot path):
/// `$EDITOR`, `$BROWSER`, `$TMPDIR`, the store's location.
public enum ProcessEnvironment {
  /// The value of `name`, or nil when it is unset.
  public static func value(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }
}
