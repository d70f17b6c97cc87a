import Diagnostics
import ProcessLaunch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Opens URLs in the user's browser: `$BROWSER` if set, else `xdg-open`.
///
/// The browser is started by `ProcessLauncher` with an argument vector, never through a shell,
/// so a URL cannot inject commands; only http and https URLs are accepted. The child gets
/// /dev/null for stdin, stdout and stderr (its chatter must not land on the full-screen UI)
/// and its own process group (Ctrl-C in the browser's terminal must not reach it). Children
/// are reaped without blocking by `reap()`, which the main loop calls.
public struct URLLauncher: Sendable {
  /// The value of `$BROWSER`, if any.
  public var browser: String?

  public init(browser: String?) {
    self.browser = browser
  }

  /// Whether `url` is an absolute http or https URL with no spaces or control characters.
  public static func isWebURL(_ url: String) -> Bool {
    let lower = url.lowercased()
    guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { return false }
    return !url.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F }
  }

  /// The argument vector that opens `url`: `$BROWSER` (its first `:`-separated entry, split
  /// at spaces, `%s` replaced by the URL or the URL appended), else `xdg-open URL`.
  public func arguments(for url: String) -> [String] {
    let entry = browser?.split(separator: ":").first.map(String.init) ?? ""
    let words = entry.split(separator: " ").map(String.init)
    guard !words.isEmpty else { return ["xdg-open", url] }
    if words.contains(where: { $0.contains("%s") }) {
      return words.map { $0.replacingPercentS(with: url) }
    }
    return words + [url]
  }

  /// Starts the browser on `url`; returns nil on success, else why not: a diagnostic about
  /// the program's surroundings (no file to point at), whose message the status bar shows.
  public func open(_ url: String) -> Diagnostic? {
    guard Self.isWebURL(url) else { return .program("Not an http(s) URL: \(url)") }
    let arguments = arguments(for: url)
    let started = ProcessLauncher.spawn(
      arguments, input: .null, output: .null, error: .null, group: .newGroup)
    guard case .failure(let error) = started else { return nil }
    let status = error.code
    if status == ENOENT {
      return .program(
        browser == nil
          ? "Cannot open the URL: xdg-open not found (set $BROWSER)"
          : "Cannot open the URL: \(arguments[0]) not found (check $BROWSER)")
    }
    return .program("Cannot start \(arguments[0]): \(error.message)")
  }

  /// Collects exited browser processes so none stays a zombie; never blocks.
  public static func reap() {
    ProcessLauncher.reapEnded()
  }
}

extension String {
  func replacingPercentS(with replacement: String) -> String {
    var result = ""
    var rest = self[...]
    while let range = rest.firstRange(of: "%s") {
      result += rest[..<range.lowerBound] + replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}
