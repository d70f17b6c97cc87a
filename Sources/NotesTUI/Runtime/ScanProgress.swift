/// What the progress line of a store opened without its index shows (the command line writes
/// it to stderr when that is a terminal): nothing for the first half second, then the share of
/// the snapshot scanned, rewritten in place (carriage return), and at the end an erase of the
/// line if one was shown, so nothing is left between a command's own lines.
///
/// Pure: the caller passes the time elapsed and writes what it gets.
public struct ScanProgress {
  /// The store file's name, already made safe for the terminal.
  let fileName: String
  private(set) var shown = false

  /// Half a second: a scan that ends sooner shows nothing.
  public static let delay = Duration.milliseconds(500)

  public init(fileName: String) { self.fileName = fileName }

  /// The text to write for `scanned` bytes of `total`, `elapsed` after the scan began; nil
  /// for nothing.
  public mutating func text(scanned: Int, total: Int, elapsed: Duration) -> String? {
    if scanned >= total { return shown ? "\r\u{1B}[K" : nil }
    guard shown || elapsed >= Self.delay else { return nil }
    shown = true
    let percent = total > 0 ? scanned * 100 / total : 0
    return "\rurl-notes: reading \(fileName) without its index (building it): \(percent)%"
  }
}
