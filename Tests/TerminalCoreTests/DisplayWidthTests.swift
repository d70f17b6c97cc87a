import TerminalCore
import Testing

@Suite struct DisplayWidthTests {
  @Test(arguments: [
    ("", 0), ("abc", 3), ("日本語", 6), ("ｈｉ", 4), ("👍", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2),
    ("❤️", 2), ("❤", 1), ("🇯🇵", 2), ("e\u{301}", 1), ("cafe\u{301}", 4), ("한국어", 6),
    ("\u{1B}[0m", 4), ("a\u{200B}b", 3), ("🫠", 2),
  ])
  func width(text: String, expected: Int) {
    #expect(DisplayWidth.width(of: text) == expected)
  }

  @Test func truncateAddsAnEllipsisOnlyWhenCutting() {
    #expect(DisplayWidth.truncate("hello", toWidth: 5) == "hello")
    #expect(DisplayWidth.truncate("hello world", toWidth: 6) == "hello…")
    #expect(DisplayWidth.truncate("日本語テキスト", toWidth: 6) == "日本…")
    #expect(DisplayWidth.truncate("日本語テキスト", toWidth: 7) == "日本語…")
    #expect(DisplayWidth.truncate("abc", toWidth: 0) == "")
    #expect(DisplayWidth.truncate("abcdef", toWidth: 3, ellipsis: "...") == "...")
    #expect(DisplayWidth.truncate("abcdef", toWidth: 2, ellipsis: "...") == "ab")
    #expect(DisplayWidth.truncate("cafe\u{301}s!", toWidth: 5) == "cafe\u{301}…")
    #expect(DisplayWidth.truncate("a👨‍👩‍👧b", toWidth: 3) == "a…")
  }

  @Test func padAndFitAlign() {
    #expect(DisplayWidth.pad("日本", toWidth: 6) == "日本  ")
    #expect(DisplayWidth.pad("ab", toWidth: 5, alignment: .right) == "   ab")
    #expect(DisplayWidth.pad("ab", toWidth: 5, alignment: .center) == " ab  ")
    #expect(DisplayWidth.pad("abcdef", toWidth: 3) == "abcdef")
    #expect(DisplayWidth.fit("abcdef", toWidth: 4) == "abc…")
    #expect(DisplayWidth.fit("日本語", toWidth: 5) == "日本…")
    #expect(DisplayWidth.fit("日本語", toWidth: 4) == "日… ")
  }

  @Test func wrapBreaksAtSpacesAndDropsThem() {
    #expect(DisplayWidth.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
    #expect(DisplayWidth.wrap("a  b", width: 10) == ["a  b"])
    #expect(DisplayWidth.wrap("one two", width: 3) == ["one", "two"])
    #expect(DisplayWidth.wrap("", width: 5) == [""])
  }

  @Test func wrapBreaksLongWordsAndKeepsIndentation() {
    #expect(DisplayWidth.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
    #expect(DisplayWidth.wrap("hi abcdefgh", width: 4) == ["hi", "abcd", "efgh"])
    #expect(DisplayWidth.wrap("  indented text", width: 10) == ["  indented", "text"])
  }

  @Test func wrapHonoursLineBreaks() {
    #expect(DisplayWidth.wrap("a\nb\r\nc\n\nd", width: 5) == ["a", "b", "c", "", "d"])
  }

  @Test func wrapBreaksCJKAnywhereByWidth() {
    #expect(DisplayWidth.wrap("日本語のテキスト", width: 5) == ["日本", "語の", "テキ", "スト"])
    #expect(DisplayWidth.wrap("abc日本語", width: 6) == ["abc日", "本語"])
    #expect(DisplayWidth.wrap("日本", width: 1) == ["日", "本"])
  }

  @Test func wrapKeepsClustersWhole() {
    #expect(DisplayWidth.wrap("👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧", width: 4) == ["👨‍👩‍👧👨‍👩‍👧", "👨‍👩‍👧"])
    #expect(
      DisplayWidth.wrap("e\u{301}e\u{301}e\u{301}", width: 2) == ["e\u{301}e\u{301}", "e\u{301}"])
  }

  @Test func everyWrappedLineFits() {
    let text = "Lorem ipsum 日本語 dolor👍sit amet, consectetur 👨‍👩‍👧 adipiscing e\u{301}lit"
    for width in 1...30 {
      for line in DisplayWidth.wrap(text, width: width) {
        #expect(DisplayWidth.width(of: line) <= max(width, 2), "width \(width): \(line)")
      }
    }
  }
}
