import Testing

@testable import NotesTUI

/// The no-index open's progress line (issue 16): silent for half a second, then the share
/// scanned rewritten in place, and erased at the end only if it was shown.
@Suite struct ScanProgressTests {
  @Test func showsAfterHalfASecondAndErasesAtTheEnd() {
    var progress = ScanProgress(fileName: "notes.json")
    let total = 2_214_235_042
    #expect(progress.text(scanned: 16 << 20, total: total, elapsed: .milliseconds(120)) == nil)
    #expect(progress.text(scanned: 400 << 20, total: total, elapsed: .milliseconds(499)) == nil)
    #expect(
      progress.text(scanned: 930_000_000, total: total, elapsed: .milliseconds(500))
        == "\rurl-notes: reading notes.json without its index (building it): 42%")
    // Once shown it keeps being rewritten, whatever the clock says.
    #expect(
      progress.text(scanned: 2_190_000_000, total: total, elapsed: .milliseconds(10))
        == "\rurl-notes: reading notes.json without its index (building it): 98%")
    #expect(progress.text(scanned: total, total: total, elapsed: .seconds(2)) == "\r\u{1B}[K")
  }

  @Test func aQuickScanShowsNothingAtAll() {
    var progress = ScanProgress(fileName: "notes.json")
    #expect(progress.text(scanned: 16 << 20, total: 40 << 20, elapsed: .milliseconds(200)) == nil)
    #expect(progress.text(scanned: 40 << 20, total: 40 << 20, elapsed: .milliseconds(300)) == nil)
  }
}
