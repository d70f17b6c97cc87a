/// Word wrapping by display width.
extension DisplayWidth {
  /// `text` broken into lines of at most `maxWidth` columns.
  ///
  /// Behaviour:
  /// - `\n`, `\r\n` and `\r` end a line (an empty paragraph gives an empty line);
  /// - lines break at spaces, and the spaces at a break are dropped; indentation at the start
  ///   of a paragraph is kept;
  /// - a word longer than `maxWidth` is broken between grapheme clusters;
  /// - wide (CJK) characters may break anywhere, like spaces do;
  /// - a single glyph wider than `maxWidth` (a CJK character at width 1) gets a line of its own.
  ///
  /// Returns sanitised text and at least one line. `maxWidth` below 1 is treated as 1.
  public static func wrap(_ text: String, width maxWidth: Int) -> [String] {
    let limit = max(1, maxWidth)
    var lines: [String] = []
    for paragraph in paragraphs(of: text) {
      wrapParagraph(paragraph, limit: limit, into: &lines)
    }
    return lines
  }

  /// The text split at line ends; `\r\n` is a single Character in Swift, so it matches too.
  private static func paragraphs(of text: String) -> [Substring] {
    text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
  }

  /// One wrapping unit: a run of spaces, a word of narrow glyphs, or one wide glyph.
  private struct Token {
    var glyphs: [Glyph] = []
    var width = 0
    var isSpace = false
  }

  private static func tokens(of paragraph: Substring) -> [Token] {
    var tokens: [Token] = []
    var current = Token()
    for glyph in TextSanitizer.glyphs(of: String(paragraph)) {
      let isSpace = glyph.text == " "
      let standsAlone = glyph.width > 1
      if !current.glyphs.isEmpty && (standsAlone || current.isSpace != isSpace || current.width > 1)
      {
        tokens.append(current)
        current = Token()
      }
      current.glyphs.append(glyph)
      current.width += glyph.width
      current.isSpace = isSpace
    }
    if !current.glyphs.isEmpty { tokens.append(current) }
    return tokens
  }

  private static func wrapParagraph(_ paragraph: Substring, limit: Int, into lines: inout [String])
  {
    var line = ""
    var lineWidth = 0
    var pending: Token? = nil  // spaces seen after the line's last word
    var wrapped = false

    func flush() {
      lines.append(line)
      line = ""
      lineWidth = 0
      pending = nil
      wrapped = true
    }

    for token in tokens(of: paragraph) {
      if token.isSpace {
        if line.isEmpty && !wrapped {
          // Indentation: part of the line like a word, but never a reason to break.
          for glyph in token.glyphs where lineWidth < limit {
            line += glyph.text
            lineWidth += 1
          }
        } else if !line.isEmpty {
          pending = token
        }
        continue
      }
      let spaceWidth = pending?.width ?? 0
      if lineWidth + spaceWidth + token.width <= limit {
        line += (pending?.glyphs.map(\.text).joined() ?? "") + token.glyphs.map(\.text).joined()
        lineWidth += spaceWidth + token.width
        pending = nil
        continue
      }
      if lineWidth > 0 && (token.width <= limit || !line.allSatisfy { $0 == " " }) { flush() }
      pending = nil
      // Place the token on the (now empty or indented) line, breaking it if it is too long.
      for glyph in token.glyphs {
        if lineWidth > 0 && lineWidth + glyph.width > limit { flush() }
        line += glyph.text
        lineWidth += glyph.width
      }
    }
    lines.append(line)
  }
}
