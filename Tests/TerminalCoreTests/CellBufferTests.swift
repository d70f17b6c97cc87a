import TerminalCore
import Testing

@Suite struct CellBufferTests {
  private func buffer(_ width: Int, _ height: Int = 1) -> CellBuffer {
    CellBuffer(width: width, height: height)
  }

  @Test func asciiLinesAreExactWithTrailingSpacesTrimmed() {
    var b = buffer(10, 2)
    #expect(b.put("hello", at: Point(x: 2, y: 0)) == 5)
    b.put("x", at: Point(x: 9, y: 1))
    #expect(b.lines() == ["  hello", "         x"])
  }

  @Test func cjkTakesTwoCellsEach() {
    var b = buffer(8)
    #expect(b.put("日本語", at: .zero) == 6)
    #expect(b.lines() == ["日本語"])
    #expect(b[0, 0].width == 2)
    #expect(b[1, 0].isContinuation)
    #expect(b[2, 0].text == "本")
    b.put("|", at: Point(x: 6, y: 0))
    #expect(b.lines() == ["日本語|"])
  }

  @Test(arguments: [
    ("👍", 2), ("👨‍👩‍👧", 2), ("❤️", 2), ("🇯🇵", 2), ("e\u{301}", 1), ("한", 2), ("1️⃣", 2),
  ])
  func clusterTakesOneCell(text: String, width: Int) {
    var b = buffer(6)
    #expect(b.put(text + "|", at: .zero) == width + 1)
    #expect(b.lines() == [text + "|"])
    #expect(b[0, 0].text == text)
    #expect(b[width, 0].text == "|")
  }

  @Test func combiningMarkStaysWithItsBase() {
    var b = buffer(6)
    b.put("cafe\u{301}!", at: .zero)
    #expect(b.lines() == ["cafe\u{301}!"])
    #expect(b[3, 0].text == "e\u{301}")
    #expect(b[4, 0].text == "!")
  }

  @Test func leadingCombiningMarkIsShownOnADottedCircle() {
    var b = buffer(4)
    b.put("a", at: .zero)
    b.put("\u{301}b", at: Point(x: 1, y: 0))
    #expect(b.lines() == ["a\u{25CC}\u{301}b"])
  }

  @Test func wideCharacterAtTheRightEdgeBecomesABlank() {
    var b = buffer(5)
    #expect(b.put("ab日本", at: .zero) == 5)
    #expect(b.lines() == ["ab日"])
    #expect(b[4, 0] == .blank)
  }

  @Test func clipRectLimitsDrawingAndScrollsTextIn() {
    var b = buffer(10)
    let clip = Rect(x: 2, y: 0, width: 4, height: 1)
    #expect(b.put("abcdefgh", at: .zero, clip: clip) == 4)
    #expect(b.lines() == ["  cdef"])
    var c = buffer(10)
    // 日 straddles the clip's left edge at column 2: its visible half is a blank.
    #expect(c.put("a日本x", at: .zero, clip: clip) == 4)
    #expect(c.lines() == ["   本x"])
  }

  @Test func drawingOutsideTheBufferIsClipped() {
    var b = buffer(3, 1)
    #expect(b.put("abc", at: Point(x: 0, y: 1)) == 0)
    #expect(b.put("abc", at: Point(x: -2, y: 0)) == 1)
    #expect(b.put("abc", at: Point(x: 3, y: 0)) == 0)
    #expect(b.lines() == ["c"])
  }

  @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var b = buffer(6)
    b.put("日本", at: .zero)
    b.put("x", at: Point(x: 1, y: 0))
    #expect(b.lines() == [" x本"])
    b.put("y", at: Point(x: 2, y: 0))
    #expect(b.lines() == [" xy"])
    b.put("語", at: Point(x: 3, y: 0))
    b.put("日", at: Point(x: 2, y: 0))
    #expect(b.lines() == [" x日"])
    #expect(b[4, 0] == .blank)
  }

  @Test func fillAndRestyle() {
    var b = buffer(6, 3)
    b.fill(Rect(x: 1, y: 0, width: 4, height: 2), with: "─")
    b.fill(Rect(x: 0, y: 2, width: 5, height: 1), with: "日")
    #expect(b.lines() == [" ────", " ────", "日日"])
    b.restyle(Rect(x: 0, y: 1, width: 3, height: 1)) { $0.adding(.reverse) }
    #expect(b[2, 1].style == Style(.reverse))
    #expect(b[3, 1].style == .plain)
  }

  @Test func putUsesTheGivenStyle() {
    var b = buffer(4)
    let style = Style(foreground: .red, attributes: [.bold])
    b.put("a日", at: .zero, style: style)
    #expect(b[0, 0].style == style)
    #expect(b[2, 0].style == style)
    #expect(b[3, 0].style == .plain)
  }
}
