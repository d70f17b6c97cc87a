import NoteStore
import NotesTUI

/// The line shown on stderr while a store is opened without its index (after a clone, or
/// with `notes.json.index` deleted): a scan of every note, seconds at 1,000,000 notes.
///
/// Shown only when stderr is a terminal, and only once the scan has run for half a second; it
/// is rewritten in place (carriage return) and erased when the scan ends, so nothing is left
/// between a command's own lines, and stdout (JSON included) never carries it.
final class ProgressLine {
  let start = ContinuousClock.now
  var progress: ScanProgress

  init(fileName: String) { progress = ScanProgress(fileName: Output.safe(fileName)) }

  /// A reporter for `NoteStore.open(path:progress:)`, or nil when stderr is no terminal.
  static func reporter(for path: String) -> ((_ scanned: Int, _ total: Int) -> Void)? {
    guard ProcessEnvironment.isTerminal(.error) else { return nil }
    let line = ProgressLine(fileName: FileSystem.fileName(of: path))
    return { scanned, total in line.report(scanned: scanned, total: total) }
  }

  func report(scanned: Int, total: Int) {
    let elapsed = ContinuousClock.now - start
    guard let text = progress.text(scanned: scanned, total: total, elapsed: elapsed) else {
      return
    }
    Output.write(text, to: .error)
  }
}
