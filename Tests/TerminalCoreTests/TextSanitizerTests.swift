import TerminalCore
import Testing

@Suite struct TextSanitizerTests {
  private func drawn(_ text: String, width: Int = 20) -> String {
    var b = CellBuffer(width: width, height: 1)
    b.put(text, at: .zero)
    return b.line(0)
  }

  @Test func escapeSequencesAreShownNotSent() {
    #expect(drawn("a\u{1B}[31mred") == "a␛[31mred")
    #expect(drawn("\u{1B}]52;c;aGk=\u{07}x") == "␛]52;c;aGk=␇x")
    #expect(drawn("\u{1B}]0;title\u{1B}\\") == "␛]0;title␛\\")
  }

  @Test func c0ControlsBecomeControlPictures() {
    #expect(drawn("a\u{0}b\rc\nd") == "a␀b␍c␊d")
    #expect(drawn("x\r\ny") == "x␍␊y")
    #expect(drawn("del\u{7F}") == "del␡")
    #expect(drawn("tab\tx") == "tab x")
  }

  @Test func c1ControlsIncludingCSIBecomeReplacementCharacters() {
    #expect(drawn("a\u{9B}31mb\u{85}c\u{9D}d") == "a\u{FFFD}31mb\u{FFFD}c\u{FFFD}d")
  }

  @Test func bidiControlsAreVisible() {
    let overrides = "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}"
    #expect(drawn("a" + overrides + "b") == "a" + String(repeating: "\u{FFFD}", count: 9) + "b")
    #expect(drawn("abc\u{202E}fed") == "abc\u{FFFD}fed")
  }

  @Test func zeroWidthCharactersAreVisible() {
    #expect(drawn("a\u{200B}b\u{200C}c\u{200E}d\u{FEFF}e") == "a�b�c�d�e")
    #expect(drawn("x\u{200D}y") == "x�y")
  }

  @Test func emojiJoinersAndFlagTagsAreKept() {
    #expect(drawn("👨‍👩‍👧") == "👨‍👩‍👧")
    let england = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"
    #expect(drawn(england) == england)
    #expect(DisplayWidth.width(of: england) == 2)
  }

  @Test func everyCellIsFreeOfControlCharacters() {
    var text = ""
    for value in UInt32(0)...0x2070 { text.unicodeScalars.append(Unicode.Scalar(value)!) }
    text += "\u{FEFF}\u{FFF9}\u{E0001}"
    var b = CellBuffer(width: DisplayWidth.width(of: text), height: 1)
    #expect(b.put(text, at: .zero) == b.width)
    for scalar in b.cells.flatMap({ $0.text.unicodeScalars }) where Self.isUnsafe(scalar) {
      Issue.record("U+\(String(scalar.value, radix: 16)) stored raw")
    }
  }

  @Test func sanitisingIsIdempotent() {
    let text = "a\u{1B}b\u{301}\u{202E}日👨‍👩‍👧\u{9B}\t\u{200B}x"
    let once = TextSanitizer.sanitize(text)
    #expect(TextSanitizer.sanitize(once) == once)
    #expect(DisplayWidth.width(of: once) == DisplayWidth.width(of: text))
  }

  private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
      || (0x2066...0x2069).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFEFF
  }
}
