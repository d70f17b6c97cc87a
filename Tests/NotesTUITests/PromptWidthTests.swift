import NoteStore
import TerminalCore
import TestSupport
import Testing

@testable import NotesTUI

/// Questions in the status line are never cut: the titles and tags in them are.
@Suite struct PromptWidthTests {
  static let longTitle =
    "Ask HN: How can ChatGPT serve 700M users when I can't run one GPT-4 locally?"

  @Test func deletingTheLongestSampleTitleAt80ColumnsShowsTheWholeQuestion() throws {
    var notes = BrowserFixture.notes
    notes[0].title = Self.longTitle
    let fixture = try BrowserFixture(notes: notes)
    var app = fixture.app(width: 80)
    app.press(.enter, .enter)  // gpu → the long title
    app.press(.character("d"))
    #expect(
      app.screen.last
        == " Delete “Ask HN: How can ChatGPT serve 700M users when I can't run one …”? (y/n)")
    app.press(.character("n"))
    #expect(fixture.store.count == 3)
  }

  @Test func aShortTitleKeepsTheKeyHints() throws {
    let fixture = try BrowserFixture()
    var app = fixture.app(width: 80)
    app.press(.enter, .enter)
    app.press(.character("d"))
    #expect(
      app.screen.last?.hasSuffix("”? (y/n)                                   y yes · n no") == true)
  }

  @Test(arguments: [45, 50, 60, 80, 120])
  func subjectsShareTheRoomTheWordsLeave(width: Int) {
    let question = Confirmation(
      [
        .words("Tag “"), .subject("hardware"), .words("” exists already. Merge “"),
        .subject(String(repeating: "日本", count: 30)), .words("” into it?"),
      ], .mergeTag("x", into: "y"))
    let fitted = question.question(fittingWidth: width)
    #expect(DisplayWidth.width(of: fitted) <= width)
    #expect(fitted.hasPrefix("Tag “"))
    #expect(fitted.hasSuffix("…” into it?"))
    // The short tag is kept whole as soon as there is room for it.
    if width >= 60 { #expect(fitted.hasPrefix("Tag “hardware” exists already. Merge “日本")) }
  }

  @Test func theConflictQuestionCutsTheTitleNotTheQuestion() {
    let question = Confirmation(
      [
        .words("Not saved: “"), .subject(Self.longTitle),
        .words("” was changed elsewhere. Overwrite it with yours?"),
      ], .mergeTag("x", into: "y"))
    let fitted = question.question(fittingWidth: 73)
    #expect(DisplayWidth.width(of: fitted) == 73)
    #expect(
      fitted
        == "Not saved: “Ask HN: How…” was changed elsewhere. Overwrite it with yours?")
  }

  /// The lock error of a store in a read-only directory names a long path, then the reason:
  /// the path is cut at its start, the reason stays (the real thing, as an unprivileged user
  /// under tmux: `TUIReadOnlyStoreEndToEndTests`).
  @Test func aStoreErrorKeepsItsReasonAndTheFileName() throws {
    let app = try BrowserFixture().app(width: 80)
    let path =
      "/home/someone/Documents/notes/a-rather-long-directory-name/read-only/notes.json.lock"
    let error = EditError.store(
      StoreError(.locked, path: path, "cannot lock the store: Permission denied"))
    let message = app.failure("Not saved", error)
    #expect(
      message
        == "Not saved: …otes.json.lock:1:1: error: cannot lock the store: Permission denied")
    #expect(DisplayWidth.width(of: message) == 79)
    #expect(
      app.failure("Not saved", .noSuchNote(NoteID("aaaa00000009")))
        == "Not saved: no note has the id aaaa00000009")
  }
}
