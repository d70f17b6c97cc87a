import NoteStore
import TerminalCore
import TestSupport
import Testing

@testable import NotesTUI

@Suite struct MainLoopTests {
  @Test func keysResizeAndQuitThroughTheLoop() throws {
    let fixture = try BrowserFixture()
    let terminal = HeadlessTerminal(size: Size(width: 80, height: 24))
    terminal.enqueue(.enter, .enter, .character("y"))
    terminal.enqueueResize(to: Size(width: 50, height: 10))
    terminal.enqueue(.character("q"), .character("q"), .character("q"))
    let app = NotesBrowser.run(
      store: fixture.store, on: terminal, launcher: URLLauncher(browser: nil), pollMilliseconds: nil
    )
    #expect(app.isFinished)
    #expect(terminal.clipboard == ["https://example.com/gpu-prices"])
    // The frame after the resize is 50 columns wide and still shows the note.
    let resized = try #require(terminal.frames.first { $0.size == Size(width: 50, height: 10) })
    #expect(resized.lines()[1] == " GPU prices fall")
    // A resize keeps the status message of the last key.
    #expect(resized.lines()[9].hasPrefix(" Copied https://example.com/gpu-prices"))
  }

  @Test func endOfScriptedInputEndsTheLoop() throws {
    let fixture = try BrowserFixture()
    let terminal = HeadlessTerminal(size: Size(width: 80, height: 24))
    terminal.enqueue(.character("m"))
    let app = NotesBrowser.run(
      store: fixture.store, on: terminal, launcher: URLLauncher(browser: nil), pollMilliseconds: nil
    )
    #expect(!app.isFinished)
    #expect(terminal.isMouseEnabled == false)
    #expect(terminal.lastFrame?.lines()[23].hasPrefix(" Mouse off") == true)
  }

  @Test func mouseWheelAndDoubleClick() throws {
    var app = try BrowserFixture().app()
    app.press(.mouse(MouseEvent(.wheelDown, at: Point(x: 5, y: 5))))
    if case .tags(let state) = app.page { #expect(state.list.selection == 3) }
    app.press(.mouse(MouseEvent(.press(button: 1), at: Point(x: 3, y: 2))))
    app.press(.mouse(MouseEvent(.press(button: 1), at: Point(x: 3, y: 2))))
    #expect(app.screen[0] == " url-notes › Tags › hardware")
  }

  @Test func openRefusesNonWebURLs() throws {
    let note = SampleNotes.note(
      "cccc00000001", url: "file:///etc/passwd", title: "Local", tags: ["x"])
    var app = try BrowserFixture(notes: [note]).app()
    app.press(.enter)
    #expect(app.handle(.character("o")) == [])
    #expect(app.screen.last?.hasPrefix(" Not an http(s) URL: file:///etc/passwd") == true)
  }

  @Test func launcherArgumentsNeverGoThroughAShell() {
    let url = "https://example.com/a;rm -rf ~"
    #expect(URLLauncher(browser: nil).arguments(for: url) == ["xdg-open", url])
    #expect(
      URLLauncher(browser: "firefox --new-tab").arguments(for: url) == [
        "firefox", "--new-tab", url,
      ])
    #expect(URLLauncher(browser: "w3m %s:lynx").arguments(for: url) == ["w3m", url])
    #expect(URLLauncher.isWebURL("HTTPS://x.org/"))
    #expect(!URLLauncher.isWebURL("javascript:alert(1)"))
    #expect(!URLLauncher.isWebURL("https://x.org/\u{1B}]52"))
  }

  @Test func launcherReportsAMissingBrowser() {
    let launcher = URLLauncher(browser: "url-notes-no-such-browser-xyz")
    #expect(launcher.open("https://example.com/")?.message.contains("not found") == true)
  }
}
