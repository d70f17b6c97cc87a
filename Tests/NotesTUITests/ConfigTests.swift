import NoteStore
import TerminalCore
import TestSupport
import Testing

@testable import NotesTUI

/// The config file: statements, exact problems with positions, and their effect on the app.
@Suite struct ConfigTests {
  @Test func aFileOfEveryStatement() {
    let config = Config.parse(
      """
      # url-notes config
      set mouse = off
      set preview-host = no   # a comment after a statement
      set confirm-delete = off
      bind previews x delete-note
      bind note "#" fold-all
      bind general C-n down
      unbind previews d
      color title 231 24 bold
      color status-bar black bright-white
      """, path: "/home/u/.config/url-notes/config")
    #expect(config.problems == [])
    #expect(!config.mouse && !config.previewHost && !config.confirmDelete)
    #expect(config.keyMap.command(for: .character("x"), in: .previews) == .deleteNote)
    #expect(config.keyMap.command(for: .character("d"), in: .previews) == nil)
    #expect(config.keyMap.command(for: .character("d"), in: .note) == .deleteNote)
    #expect(config.keyMap.command(for: .character("#"), in: .note) == .foldAll)
    #expect(config.keyMap.command(for: .ctrl("n"), in: .tags) == .down)
    #expect(
      config.colors[.title]
        == ConfigColor(foreground: .indexed(231), background: .indexed(24), attributes: .bold))
    #expect(
      config.colors[.statusBar]
        == ConfigColor(foreground: .black, background: .brightWhite, attributes: []))
  }

  @Test func everyBadLineIsSkippedWithItsPositionAndWhy() {
    let config = Config.parse(
      """
      set mouse = maybe
      set mouse off
      set colour = on
      bind tags x fold-all
      bind previews x explode
      bind sidebar x quit
      bind note Hyper-x quit
      unbind note q
      bind note
      color title red
      color title red blue blink
      color title 256 blue
      colour title red blue
      set mouse = on extra
      bind note "x quit
      set preview-host = off
      """, path: "config")
    #expect(
      config.problems.map(\.description) == [
        "config:1:13: error: expected on or off for 'mouse', found 'maybe'",
        "config:2:11: error: expected '=' after 'mouse'",
        "config:3:5: error: unknown setting 'colour' (settings: mouse, preview-host, confirm-delete, preview-sort, date-format)",
        "config:4:13: error: command 'fold-all' does not apply to the tags screen",
        "config:5:17: error: unknown command 'explode' (the help screen, ?, lists them)",
        "config:6:6: error: unknown screen 'sidebar' (screens: general, tags, search, previews, note, form)",
        "config:7:11: error: unknown key 'Hyper-x' (a character, C-x, F1–F12, or a name such as Enter, Space, PgDn)",
        "config:8:13: error: 'q' is not bound on the note screen",
        "config:9:11: error: expected bind SCREEN KEY COMMAND",
        "config:10:17: error: expected color ELEMENT FOREGROUND BACKGROUND [ATTRIBUTES…]",
        "config:11:22: error: unknown attribute 'blink' (attributes: bold, dim, italic, normal, reverse, underline)",
        "config:12:13: error: unknown colour '256' (a name such as red or bright-blue, default, or 0–255)",
        "config:13:1: error: unknown statement 'colour' (expected 'set', 'bind', 'unbind', 'color')",
        "config:14:16: error: unexpected 'extra' after set mouse = VALUE",
        "config:15:11: error: unterminated quote",
      ])
    // The good line after the bad ones still applies; the bad ones changed nothing.
    #expect(!config.previewHost)
    #expect(config.mouse)
    #expect(config.keyMap == KeyMap.standard)
    #expect(config.colors.isEmpty)
  }

  @Test func theBrowserStartsWithTheFirstProblemInTheStatusLine() throws {
    let config = Config.parse(
      "set mouse = off\nbind note x nothing\nset x = 1\n", path: "/h/config")
    #expect(!(try BrowserFixture().app(config: config).mouseEnabled))
    let wide = try BrowserFixture().app(width: 120, config: config)
    #expect(
      wide.screen.last?.hasPrefix(
        " config:2:13: error: unknown command 'nothing' (the help screen, ?, lists them)"
          + " (and 1 more problem)") == true)
    // At 80 columns the message is cut at the end, its position kept.
    #expect(
      try BrowserFixture().app(config: config).screen.last
        == " config:2:13: error: unknown command 'nothing' (the help screen, ?, lists them)…")
  }

  @Test func helpListsTheBindingsInEffectWithCommandNames() throws {
    let config = Config.parse("bind previews x delete-note\nunbind previews d\n", path: "config")
    var app = try BrowserFixture().app(config: config)
    app.press(.character("?"))
    #expect(app.screen[1] == " Everywhere (general)")
    #expect(app.screen[2] == "   ↓, j              down              Move down")
    let theme = Theme(mode: .color)
    let help = HelpView.lines(keyMap: config.keyMap, theme: theme).map(\.text)
    let previews = try #require(help.firstIndex(of: "Previews (previews)"))
    let note = try #require(help.firstIndex(of: "Note (note)"))
    let delete = "delete-note       Delete the note (asks first)"
    #expect(help[previews..<note].contains("  x                 " + delete))
    #expect(!help[previews..<note].contains("  d                 " + delete))
    #expect(help[note...].contains("  d                 " + delete))
    let standard = HelpView.lines(keyMap: .standard, theme: theme).map(\.text)
    #expect(standard[previews..<note].contains("  d                 " + delete))
  }

  @Test func previewHostAndConfirmDeleteSettings() throws {
    let config = Config.parse("set preview-host = off\nset confirm-delete = off\n", path: "c")
    let fixture = try BrowserFixture()
    var app = fixture.app(config: config)
    app.press(.enter)  // gpu
    #expect(app.screen[2] == "▌ gpu · hardware")
    app.press(.character("d"))
    #expect(app.screen.last?.hasPrefix(" Deleted “GPU prices fall” (u undoes)") == true)
    #expect(fixture.store.count == 2)
  }

  @Test func coloursApplyUnlessNoColorWins() throws {
    let config = Config.parse("color host 208 default underline\n", path: "c")
    let colored = Theme(mode: .color).applying(config.colors)
    #expect(colored.host == Style(foreground: .indexed(208), attributes: .underline))
    #expect(Theme(mode: .monochrome).applying(config.colors) == Theme(mode: .monochrome))
  }
}
