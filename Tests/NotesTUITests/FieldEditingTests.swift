import TerminalCore
import Testing

@testable import NotesTUI

/// The text fields of the form as values: cursor editing, and the outline editor's line
/// operations (split, join, indent, paste).
@Suite struct FieldEditingTests {
  @Test func lineFieldEditsAtTheCursor() {
    var field = LineField("tag one")
    #expect(field.cursor == 7)
    field.moveLeft()
    field.moveLeft()
    field.moveLeft()
    field.insert("\u{1B}[31m-")  // the escape byte is dropped, the rest is text
    #expect(field.text == "tag [31m-one")
    _ = field.edit(with: .ctrl("w"))
    #expect(field.text == "tag one")
    _ = field.edit(with: .home)
    _ = field.edit(with: .delete)
    #expect(field.text == "ag one" && field.cursor == 0)
    _ = field.edit(with: .ctrl("k"))
    #expect(field.text == "" && !field.deleteBackward())
    #expect(field.edit(with: .tab) == false)
  }

  @Test func outlineSplitsJoinsIndentsAndPastes() {
    var outline = OutlineField(text: "- **A:** one\n  - child\n")
    #expect(outline.lines.map(\.text) == ["- **A:** one", "  - child"])
    _ = outline.edit(with: .down)
    _ = outline.edit(with: .end)
    _ = outline.edit(with: .enter)  // a sibling at the same depth
    outline.insert("second")
    #expect(outline.text == "- **A:** one\n  - child\n  second")
    _ = outline.edit(with: .backTab)
    #expect(outline.current.text == "second" && outline.current.cursor == 6)
    _ = outline.edit(with: .tab)
    _ = outline.edit(with: .tab)
    #expect(outline.current.text == "    second")
    _ = outline.edit(with: .home)
    _ = outline.edit(with: .backspace)  // at the start: joins onto the line above
    #expect(outline.lines.map(\.text) == ["- **A:** one", "  - childsecond"])
    #expect(outline.row == 1 && outline.current.cursor == 9)
    outline.insert(" x\n- pasted\n  - lines")
    #expect(
      outline.lines.map(\.text) == [
        "- **A:** one", "  - child x", "- pasted", "  - linessecond",
      ])
    #expect(outline.edit(with: .down) == false)  // the last line: the form moves on
    outline.setVisibleRows(10)
    _ = outline.edit(with: .pageUp)
    #expect(outline.row == 0)
    #expect(outline.edit(with: .up) == false)
  }

  @Test func boldLabelsAreFoundAfterTheIndentation() {
    #expect(NoteFormView.labelRange(of: "  **Why:** because") == 2..<10)
    #expect(NoteFormView.labelRange(of: "  - **Why:** because") == 4..<12)
    #expect(NoteFormView.labelRange(of: "-**Why:** because") == nil)
    #expect(NoteFormView.labelRange(of: "****") == nil)
    #expect(NoteFormView.labelRange(of: "**open") == nil)
  }
}
