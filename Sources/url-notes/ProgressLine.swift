import NoteStore
import NotesTUI

/// The line shown on stderr while a store is opened without its index (after a clone, or
/// with `notes.json.index` deleted): a scan of every note, seconds at 1,000,000 notes.
///
/// Shown only when stderr is a terminal, and only once the scan has run for half a second; it
/// is rewritten in place (carriage return) and erased when the scan ends, so nothing is left
/// between a command's own lines, and stdout (JSON included) never carries it.
final class ProgressLine {
  let fileName: String
  let start = ContinuousClock.now
  var shown = false

  init(fileName: String) { self.fileName = fileName }

  /// A reporter for `NoteStore.open(path:progress:)`, or nil when stderr is no terminal.
  static func reporter(for path: String) -> ((_ scanned: Int, _ total: Int) -> Void)? {
    guard ProcessEnvironment.isTerminal(.error) else { return nil }
    let line = ProgressLine(fileName: FileSystem.fileName(of: path))
    return { scanned, total in line.report(scanned: scanned, total: total) }
  }

  /// Half a second: a scan that ends sooner shows nothing.
  static let delay = Duration.milliseconds(500)

  func report(scanned: Int, total: Int) {
    if scanned >= total {
      if shown { Output.write("\r\u{1B}[K", to: .error) }
      return
    }
    guard shown || ContinuousClock.now - start >= Self.delay else { return }
    shown = true
    let percent = total > 0 ? scanned * 100 / total : 0
    Output.write(
      "\rurl-notes: reading \(Output.safe(fileName)) without its index (building it): \(percent)%",
      to: .error)
  }
}
