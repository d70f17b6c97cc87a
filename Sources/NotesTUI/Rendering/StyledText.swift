import TerminalCore

/// A run of text drawn in one style.
public struct StyledRun: Equatable, Sendable {
  public var text: String
  public var style: Style

  public init(_ text: String, _ style: Style = .plain) {
    self.text = text
    self.style = style
  }
}

/// One line of styled runs, as views draw it; wrapping turns a long one into several.
public struct StyledLine: Equatable, Sendable {
  public var runs: [StyledRun]

  public init(_ runs: [StyledRun] = []) { self.runs = runs }

  public init(_ text: String, _ style: Style = .plain) { self.runs = [StyledRun(text, style)] }

  /// The text without styles.
  public var text: String { runs.map(\.text).joined() }

  /// Columns taken on screen.
  public var width: Int { runs.reduce(0) { $0 + DisplayWidth.width(of: $1.text) } }

  /// Draws the runs left to right from `point`, clipped to `clip`; returns the columns used.
  @discardableResult
  public func draw(into buffer: inout CellBuffer, at point: Point, clip: Rect) -> Int {
    var x = point.x
    for run in runs where !run.text.isEmpty {
      x += buffer.put(run.text, at: Point(x: x, y: point.y), style: run.style, clip: clip)
      if x >= clip.maxX { break }
    }
    return x - point.x
  }

  /// The line broken into lines of at most `width` columns at spaces (wide glyphs may break
  /// anywhere, an over-long word is split between grapheme clusters); the spaces at a break are
  /// dropped. Styles follow their text. Returns at least one line.
  public func wrapped(width: Int) -> [StyledLine] {
    let limit = max(1, width)
    var lines: [StyledLine] = []
    var line: [(Glyph, Style)] = []
    var lineWidth = 0
    for word in words() {
      let wordWidth = word.reduce(0) { $0 + $1.0.width }
      let isSpace = word.first?.0.text == " "
      if isSpace {
        // Spaces never start a continuation line; at a break they are dropped.
        if lineWidth + wordWidth <= limit, !(lineWidth == 0 && !lines.isEmpty) {
          line += word
          lineWidth += wordWidth
        }
        continue
      }
      if lineWidth + wordWidth > limit && lineWidth > 0 {
        lines.append(Self.joined(Self.trimmingTrailingSpaces(line)))
        line = []
        lineWidth = 0
      }
      for glyph in word {
        if lineWidth + glyph.0.width > limit && lineWidth > 0 {
          lines.append(Self.joined(line))
          line = []
          lineWidth = 0
        }
        line.append(glyph)
        lineWidth += glyph.0.width
      }
    }
    lines.append(Self.joined(Self.trimmingTrailingSpaces(line)))
    return lines
  }

  /// The glyphs grouped into wrapping units: a run of spaces, a word, or one wide glyph.
  private func words() -> [[(Glyph, Style)]] {
    var words: [[(Glyph, Style)]] = []
    var current: [(Glyph, Style)] = []
    var currentIsSpace = false
    for run in runs {
      for glyph in TextSanitizer.glyphs(of: run.text) {
        let isSpace = glyph.text == " "
        if glyph.width > 1 {
          if !current.isEmpty { words.append(current) }
          words.append([(glyph, run.style)])
          current = []
          continue
        }
        if !current.isEmpty && isSpace != currentIsSpace {
          words.append(current)
          current = []
        }
        currentIsSpace = isSpace
        current.append((glyph, run.style))
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  private static func trimmingTrailingSpaces(_ glyphs: [(Glyph, Style)]) -> [(Glyph, Style)] {
    var result = glyphs
    while result.last?.0.text == " " { result.removeLast() }
    return result
  }

  private static func joined(_ glyphs: [(Glyph, Style)]) -> StyledLine {
    var runs: [StyledRun] = []
    for (glyph, style) in glyphs {
      if let last = runs.last, last.style == style {
        runs[runs.count - 1].text += glyph.text
      } else {
        runs.append(StyledRun(glyph.text, style))
      }
    }
    return StyledLine(runs)
  }
}

extension StyledLine {
  /// The line cut to at most `width` columns, ending in "…" when anything was cut; never
  /// splits a grapheme cluster.
  public func truncated(width: Int) -> StyledLine {
    guard width > 0 else { return StyledLine() }
    if self.width <= width { return self }
    var runs: [StyledRun] = []
    var used = 0
    var lastStyle = Style.plain
    outer: for run in self.runs {
      lastStyle = run.style
      var text = ""
      for glyph in TextSanitizer.glyphs(of: run.text) {
        if used + glyph.width > width - 1 {
          if !text.isEmpty { runs.append(StyledRun(text, run.style)) }
          break outer
        }
        text += glyph.text
        used += glyph.width
      }
      if !text.isEmpty { runs.append(StyledRun(text, run.style)) }
    }
    runs.append(StyledRun("…", lastStyle))
    return StyledLine(runs)
  }

  /// This line with `other`'s runs appended.
  public static func + (lhs: StyledLine, rhs: StyledLine) -> StyledLine {
    StyledLine(lhs.runs + rhs.runs)
  }
}
