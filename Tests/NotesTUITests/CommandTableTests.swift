import TerminalCore
import TestSupport
import Testing

@testable import NotesTUI

@Suite struct CommandTableTests {
  @Test func helpScreenIsGeneratedFromTheTable() throws {
    var app = try BrowserFixture().app()
    app.press(.character("?"))
    let expected = Expected.screen(
      [
        " url-notes › Tags › Help",
        " Everywhere (general)",
        "   ↓, j              down              Move down",
        "   ↑, k              up                Move up",
        "   PgDn, C-f         page-down         Page down",
        "   PgUp, C-b         page-up           Page up",
        "   g, Home           top               Go to the top",
        "   G, End            bottom            Go to the bottom",
        "   Enter, →, l       open              Open the selected item",
        "   Esc, ←, h         back              Go back (or clear the filter)",
        "   q                 back-or-quit      Go back; quit on the tag list",
        "   Q, C-c            quit              Quit",
        "   /                 search            Filter as you type (search in a note)",
        "   ?                 help              Show this help",
        "   m                 toggle-mouse      Mouse on/off (off: select text)",
        "   a                 add-note          Add a note (form)",
        "   u                 undo              Undo the last change of this session",
        "   C-r               redo              Redo the last undone change",
        "",
        " Tags (tags)",
        "   Space             toggle-tag        Add the tag to the selection (AND)",
        "   Backspace         unselect-last-tag Remove the last selected tag",
        "   v                 show-selection    Show the notes under the selection",
      ], status: "\(CommandTable.bindings.count) key bindings", right: "? help · q back")
    #expect(ScreenText.difference(expected: expected, actual: app.render().lines()) == nil)
    // Every help line of every binding is reachable by scrolling.
    var seen = Set<String>()
    for _ in 0..<80 {
      seen.formUnion(app.screen)
      app.press(.down)
    }
    for binding in CommandTable.bindings {
      // A help text too long for the line goes on under it: its first word is on the line.
      let firstWord = String(binding.help.prefix { $0 != " " })
      #expect(
        seen.contains {
          $0.contains(binding.keyText) && $0.contains(" \(binding.command.name) ")
            && $0.contains(" " + firstWord)
        })
    }
    app.press(.escape)
    #expect(app.screen[0] == " url-notes › Tags")
  }

  @Test func markdownKeyTableAgreesWithTheHelpScreen() {
    let markdown = CommandTable.keyTableMarkdown()
    let helpLines = HelpView.lines(keyMap: .standard, theme: Theme(mode: .color)).map(\.text)
    for binding in CommandTable.bindings {
      #expect(
        markdown.contains("| `\(binding.keyText)` | `\(binding.command.name)` | \(binding.help) |"))
      #expect(
        helpLines.contains {
          $0.contains(binding.keyText) && $0.contains(" \(binding.command.name) ")
            && $0.hasSuffix(binding.help)
        })
    }
    for group in CommandGroup.allCases {
      #expect(markdown.contains("### \(group.rawValue) (`\(group.configName)`)\n"))
    }
  }

  @Test func screenBindingsTakePrecedenceOverGeneralOnes() {
    #expect(CommandTable.command(for: .enter, in: .tags) == .open)
    #expect(CommandTable.command(for: .enter, in: .note) == .toggleFold)
    #expect(CommandTable.command(for: .character("3"), in: .note) == .foldToLevel(3))
    #expect(CommandTable.command(for: .character("3"), in: .tags) == nil)
    #expect(CommandTable.command(for: .character("q"), in: .previews) == .backOrQuit)
  }

  @Test func noKeyIsBoundTwiceOnOneScreen() {
    for group in CommandGroup.allCases {
      let keys = CommandTable.bindings(in: group).flatMap(\.keys)
      #expect(Set(keys).count == keys.count, "\(group)")
    }
  }
}
