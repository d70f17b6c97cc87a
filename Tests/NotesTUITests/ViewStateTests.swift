import NoteStore
import Testing

@testable import NotesTUI

@Suite struct ViewStateTests {
  @Test func listKeepsSelectionOnScreen() {
    var list = ListState(count: 10)
    list.setPageSize(4)
    list.move(by: 5)
    #expect(list.selection == 5 && list.offset == 2)
    list.pageDown()
    #expect(list.selection == 8 && list.offset == 5)
    list.bottom()
    #expect(list.visibleRange == 6..<10)
    list.setCount(3)
    #expect(list.selection == 2 && list.offset == 0)
    list.setCount(0)
    #expect(list.selection == 0 && list.visibleRange.isEmpty)
  }

  /// A box-drawing dump of the visible tree: fold markers and depth, one node per line.
  static func dump(_ fold: FoldState, _ forest: [SummaryNode]) -> String {
    fold.visibleRows(forest).map {
      String(repeating: "│ ", count: $0.depth) + $0.marker + " " + $0.node.plainText
    }.joined(separator: "\n")
  }

  static let forest = [
    SummaryNode(
      markup: "a",
      children: [SummaryNode(markup: "a1", children: [SummaryNode(markup: "a1x")])]),
    SummaryNode(markup: "b"),
  ]

  @Test func foldingShowsAndHidesBranches() {
    var fold = FoldState()
    #expect(Self.dump(fold, Self.forest) == "▸ a\n• b")
    fold.toggle([0])
    #expect(Self.dump(fold, Self.forest) == "▾ a\n│ ▸ a1\n• b")
    fold.unfoldAll(Self.forest)
    #expect(Self.dump(fold, Self.forest) == "▾ a\n│ ▾ a1\n│ │ • a1x\n• b")
    fold.fold(toLevel: 1, Self.forest)
    #expect(Self.dump(fold, Self.forest) == "▸ a\n• b")
    fold.revealAncestors(of: [0, 0, 0])
    #expect(Self.dump(fold, Self.forest) == "▾ a\n│ ▾ a1\n│ │ • a1x\n• b")
  }

  @Test func textInputDropsControlCharacters() {
    var input = TextInput()
    input.insert("ab\u{1B}[2Jc d")
    #expect(input.text == "ab[2Jc d")
    input.deleteWord()
    #expect(input.text == "ab[2Jc ")
    #expect(input.deleteBackward() && input.text == "ab[2Jc")
  }
}

@Suite struct IncrementalNoteSearchTests {
  @Test func branchesOpenedForAShorterQueryCloseAsItNarrows() throws {
    var app = try BrowserFixture().app()
    app.press(.enter, .enter, .character("/"))  // "GPU prices fall", folded to its top level
    #expect(!app.screen.contains { $0.contains("Used cards flood the market") })
    app.type("m")  // "mining", "market": the Prices branch opens
    #expect(app.screen.contains { $0.contains("Used cards flood the market") })
    app.type("s")  // only "MSRP", at the top level: the branch closes again
    #expect(!app.screen.contains { $0.contains("Used cards flood the market") })
    #expect(app.screen.contains { $0.contains("Vendors cut MSRP again") })
    app.press(.backspace)
    #expect(app.screen.contains { $0.contains("Used cards flood the market") })
  }
}
