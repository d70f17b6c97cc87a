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
        " Everywhere",
        "   ↓, j                Move down",
        "   ↑, k                Move up",
        "   PgDn, C-f           Page down",
        "   PgUp, C-b           Page up",
        "   g, Home             Go to the top",
        "   G, End              Go to the bottom",
        "   Enter, →, l         Open the selected item",
        "   Esc, ←, h           Go back (or clear the filter)",
        "   q                   Go back; quit on the tag list",
        "   Q, C-c              Quit",
        "   /                   Search as you type (tag list: notes and tags)",
        "   ?                   Show this help",
        "   m                   Mouse on/off (off: select text)",
        "   a                   Add a note (form)",
        "   u                   Undo the last change of this session",
        "   C-r                 Redo the last undone change",
        "",
        " Tags",
        "   Space               Add the tag to the selection (AND)",
        "   |                   Add the tag as an alternative (OR)",
        "   !                   Exclude the tag (NOT)",
      ], status: "\(CommandTable.bindings.count) key bindings", right: "? help · q back")
    #expect(ScreenText.difference(expected: expected, actual: app.render().lines()) == nil)
    // Every help line of every binding is reachable by scrolling.
    var seen = Set<String>()
    for _ in 0..<80 {
      seen.formUnion(app.screen)
      app.press(.down)
    }
    for binding in CommandTable.bindings {
      #expect(seen.contains { $0.contains(binding.keyText) && $0.contains(binding.help) })
    }
    app.press(.escape)
    #expect(app.screen[0] == " url-notes › Tags")
  }

  @Test func markdownKeyTableAgreesWithTheHelpScreen() {
    let markdown = CommandTable.keyTableMarkdown()
    let helpLines = HelpView.lines(theme: Theme(mode: .color)).map(\.text)
    for binding in CommandTable.bindings {
      let keys = binding.keyText.replacingOccurrences(of: "|", with: "\\|")
      #expect(markdown.contains("| `\(keys)` | \(binding.help) |"))
      #expect(helpLines.contains { $0.contains(binding.keyText) && $0.hasSuffix(binding.help) })
    }
    for group in CommandGroup.allCases {
      #expect(markdown.contains("### \(group.rawValue)\n"))
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
