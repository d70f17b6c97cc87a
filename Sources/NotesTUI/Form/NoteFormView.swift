import TerminalCore

/// The add/edit form: one row per one-line field (label, text), the tag completions under
/// the tags field, then the summary outline filling the rest. The focused field's label is
/// reverse video and its cursor a reverse cell; a field wider than its row scrolls so the
/// cursor stays visible.
struct NoteFormView: View {
  var form: NoteForm
  var theme: Theme

  /// Width of the label column.
  static let labelWidth = 10
  /// Column where summary lines start.
  static let summaryIndent = 3
  /// Rows above the summary lines: blank, three fields, completions, summary heading.
  static let headerRows = 6

  static let summaryHint = "one node per line · indent = depth · **Label:** bold"

  func render(into buffer: inout CellBuffer, area: Rect) {
    let fields: [(NoteForm.Field, LineField)] = [
      (.url, form.url), (.title, form.title), (.tags, form.tags),
    ]
    for (index, (field, text)) in fields.enumerated() {
      let row = area.row(1 + index)
      drawLabel(field, row: row, into: &buffer)
      let textArea = row.inset(left: Self.labelWidth, right: 1)
      Self.drawLine(
        text, in: textArea, cursor: form.focus == field, style: .plain, into: &buffer)
    }
    let completionRow = area.row(4).inset(left: Self.labelWidth, right: 1)
    if form.focus == .tags, !form.completions.isEmpty {
      let text = "Tab: " + form.completions.joined(separator: "  ")
      buffer.put(
        DisplayWidth.truncate(text, toWidth: completionRow.width), at: completionRow.origin,
        style: theme.tag, clip: completionRow)
    }
    let summaryRow = area.row(5)
    drawLabel(.summary, row: summaryRow, into: &buffer)
    let hintArea = summaryRow.inset(left: Self.labelWidth, right: 1)
    buffer.put(
      DisplayWidth.truncate(Self.summaryHint, toWidth: hintArea.width), at: hintArea.origin,
      style: theme.dim, clip: hintArea)
    let outline = area.inset(top: Self.headerRows, left: Self.summaryIndent, right: 1)
    let summary = form.summary
    for (screenRow, index) in (summary.offset..<summary.lines.count).enumerated() {
      guard screenRow < outline.height else { break }
      let row = outline.row(screenRow)
      let line = summary.lines[index]
      let focused = form.focus == .summary && index == summary.row
      Self.drawLine(
        line, in: row, cursor: focused, style: .plain, into: &buffer,
        boldRange: Self.labelRange(of: line.text))
    }
  }

  private func drawLabel(_ field: NoteForm.Field, row: Rect, into buffer: inout CellBuffer) {
    let label = DisplayWidth.pad(" " + field.label, toWidth: Self.labelWidth - 1)
    let style = form.focus == field ? theme.heading.adding(.reverse) : theme.heading
    buffer.put(label, at: row.origin, style: style, clip: row)
  }

  /// Draws one field, scrolled so the cursor is visible, the cursor as a reverse cell.
  static func drawLine(
    _ field: LineField, in area: Rect, cursor showsCursor: Bool, style: Style,
    into buffer: inout CellBuffer, boldRange: Range<Int>? = nil
  ) {
    guard area.width > 0 else { return }
    let widths = field.characters.map { DisplayWidth.width(of: String($0)) }
    let cursorX = widths[..<field.cursor].reduce(0, +)
    // Scroll by whole characters until the cursor (one more column) fits.
    var first = 0
    var skipped = 0
    while showsCursor, cursorX - skipped + 1 > area.width, first < widths.count {
      skipped += widths[first]
      first += 1
    }
    var x = area.x
    for index in first..<field.characters.count {
      let bold = boldRange?.contains(index) == true
      let written = buffer.put(
        String(field.characters[index]), at: Point(x: x, y: area.y),
        style: bold ? style.adding(.bold) : style, clip: area)
      if written == 0 { break }
      x += widths[index]
    }
    if showsCursor {
      let position = Point(x: area.x + cursorX - skipped, y: area.y)
      if field.cursor < field.characters.count {
        buffer.restyle(Rect(x: position.x, y: position.y, width: widths[field.cursor], height: 1)) {
          $0.adding(.reverse)
        }
      } else {
        buffer.put(" ", at: position, style: Style(.reverse), clip: area)
      }
    }
  }

  /// The characters of a leading `**Label:**` (after the indentation and an optional `- `
  /// bullet, as `OutlineText` writes them), drawn bold.
  static func labelRange(of line: String) -> Range<Int>? {
    let characters = Array(line)
    var start = characters.prefix { $0 == " " }.count
    if characters.dropFirst(start).starts(with: ["-", " "]) { start += 2 }
    guard characters.count >= start + 4, characters[start] == "*", characters[start + 1] == "*"
    else { return nil }
    var index = start + 2
    while index + 1 < characters.count {
      if characters[index] == "*", characters[index + 1] == "*" {
        return index > start + 2 ? start..<(index + 2) : nil
      }
      index += 1
    }
    return nil
  }
}
