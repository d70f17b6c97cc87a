import Foundation
import NoteStore
import NotesTUI
import TerminalCore
import TestSupport
import Testing

/// The browser notices a synced folder's conflict copy beside the store and says how to merge
/// it, on the status line of its first screen.
@Suite struct ConflictCopyNoticeTests {
  @Test func theFirstScreenNamesTheCopyAndTheMergeCommand() throws {
    let fixture = try BrowserFixture()
    let copy = fixture.directory.file("notes.sync-conflict-20260101-120000-ABCDEFG.json")
    try Data(StoreSnapshot(notes: BrowserFixture.notes).encoded())
      .write(to: URL(fileURLWithPath: copy))
    let store = try NoteStore.open(path: fixture.store.path)
    let terminal = HeadlessTerminal(size: Size(width: 320, height: 12))
    _ = NotesBrowser.run(
      store: store, on: terminal, launcher: URLLauncher(browser: nil), pollMilliseconds: nil)
    let status = try #require(terminal.lastFrame?.lines()[11])
    #expect(
      status.hasPrefix(
        " \(copy):1:1: warning: a conflict copy of the store; merge it with url-notes merge \(copy)"
      ))
  }
}
