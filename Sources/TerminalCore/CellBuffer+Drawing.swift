/// Drawing into a buffer: text, filled areas, styles, and views.
extension CellBuffer {
  /// Draws `text` on one row starting at `point`, and returns the number of columns written.
  ///
  /// Behaviour:
  /// - The text is sanitised first (see `TextSanitizer`): control characters, escapes, bidi
  ///   controls and stray zero-width characters show as visible glyphs, never raw.
  /// - Drawing is clipped to `clip` (if given) and to the buffer. Text starting left of the clip
  ///   area scrolls in; text past its right edge is dropped. There is no wrapping: use
  ///   `DisplayWidth.wrap` and one `put` per line.
  /// - A wide glyph is never split: one that straddles the right edge is drawn as a blank
  ///   in `style`, and its visible half at the left edge also becomes a blank.
  /// - Combining marks stay in the cell of the character they follow (grapheme clusters); a
  ///   mark that starts `text` is shown on a dotted circle (`◌́`) rather than joining the cell
  ///   before `point`.
  /// - Overwriting half of an existing wide glyph blanks its other half.
  @discardableResult
  public mutating func put(
    _ text: String, at point: Point, style: Style = .plain, clip: Rect? = nil
  )
    -> Int
  {
    let area = (clip ?? bounds).intersection(bounds)
    guard point.y >= area.minY, point.y < area.maxY, point.x < area.maxX else { return 0 }
    var x = point.x
    var written = 0
    TextSanitizer.forEachGlyph(in: text) { glyph in
      defer { x += glyph.width }
      if x + glyph.width <= area.minX { return true }
      if x < area.minX || x + glyph.width > area.maxX {
        // Only part of the glyph is inside: show that part as blanks.
        for column in max(x, area.minX)..<min(x + glyph.width, area.maxX) {
          store(.blank(style), x: column, y: point.y)
          written += 1
        }
        return x + glyph.width < area.maxX
      }
      store(Cell(glyph, style: style), x: x, y: point.y)
      written += glyph.width
      return x + glyph.width < area.maxX
    }
    return written
  }

  /// Fills `rect` (clipped to the buffer) with `character` in `style`; a wide character that
  /// does not fit at the right edge leaves a blank.
  public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
    let area = rect.intersection(bounds)
    guard !area.isEmpty else { return }
    let glyphWidth = max(1, DisplayWidth.width(of: String(character)))
    let row = String(repeating: character, count: (area.width + glyphWidth - 1) / glyphWidth)
    for y in area.minY..<area.maxY {
      put(row, at: Point(x: area.minX, y: y), style: style, clip: area)
    }
  }

  /// Changes the style of every cell in `rect` (clipped to the buffer), keeping the text.
  ///
  /// For highlights over already drawn text: `buffer.restyle(row) { $0.adding(.reverse) }`.
  public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
    let area = rect.intersection(bounds)
    guard !area.isEmpty else { return }
    for y in area.minY..<area.maxY {
      for x in area.minX..<area.maxX {
        let index = y * width + x
        setStyle(transform(cells[index].style), index: index)
      }
    }
  }

  /// Renders `view` into `area` (clipped to the buffer).
  public mutating func render(_ view: some View, in area: Rect) {
    view.render(into: &self, area: area.intersection(bounds))
  }
}
