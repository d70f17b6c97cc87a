import TerminalCore

/// The summary field of the note form: a small multi-line editor for an indented outline,
/// one node per line, indentation (`indentUnit` spaces per level) giving the depth.
///
/// It edits text only; turning the text into summary nodes (and reporting bad lines) is the
/// editing core's `OutlineText`, so there is one outline parser. Tab and Shift-Tab indent and
/// outdent the cursor line; Enter splits the line and keeps its indentation, so typing a list
/// of siblings needs no extra keys.
public struct OutlineField: Equatable, Sendable {
  /// Spaces per level of depth, as `OutlineText` writes them.
  public static let indentUnit = 2

  public private(set) var lines: [LineField]
  /// The line the cursor is on.
  public private(set) var row = 0
  /// The first line shown (the view shows `visibleRows` lines from here).
  public private(set) var offset = 0
  public private(set) var visibleRows = 1

  public init(text: String = "") {
    var split = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      LineField(String($0))
    }
    while split.count > 1, split.last?.isEmpty == true { split.removeLast() }
    lines = split.isEmpty ? [LineField()] : split
    row = 0
    lines[0].moveHome()
  }

  /// The whole text, lines joined by newlines, without trailing blank lines.
  public var text: String {
    var all = lines.map(\.text)
    while all.last?.allSatisfy({ $0 == " " }) == true { all.removeLast() }
    return all.joined(separator: "\n")
  }

  public var current: LineField { lines[row] }

  /// Sets how many lines the view shows, keeping the cursor line visible.
  mutating func setVisibleRows(_ count: Int) {
    visibleRows = max(1, count)
    scrollToCursor()
  }

  /// Moves the cursor to line `index` (clamped), keeping its column where possible.
  mutating func moveToRow(_ index: Int) {
    let column = lines[row].cursor
    row = min(max(0, index), lines.count - 1)
    lines[row].moveCursor(to: column)
    scrollToCursor()
  }

  /// Applies an editing key. Returns false for Up on the first line and Down on the last (the
  /// form then moves to another field) and for keys that are not editing keys.
  mutating func edit(with key: Key) -> Bool {
    switch key {
    case .up:
      guard row > 0 else { return false }
      moveToRow(row - 1)
    case .down:
      guard row < lines.count - 1 else { return false }
      moveToRow(row + 1)
    case .pageUp: moveToRow(row - max(1, visibleRows - 1))
    case .pageDown: moveToRow(row + max(1, visibleRows - 1))
    case .enter: splitLine()
    case .tab: indent()
    case .backTab: outdent()
    case .backspace:
      if lines[row].cursor == 0 { joinWithPrevious() } else { lines[row].deleteBackward() }
    case .delete, .ctrl("d"):
      if lines[row].cursor == lines[row].characters.count, row < lines.count - 1 {
        let next = lines.remove(at: row + 1)
        let column = lines[row].cursor
        lines[row].insert(next.text)
        lines[row].moveCursor(to: column)
      } else {
        lines[row].deleteForward()
      }
    default:
      return lines[row].edit(with: key)
    }
    scrollToCursor()
    return true
  }

  /// Inserts pasted or typed text; newlines start new lines.
  mutating func insert(_ text: String) {
    for (index, part) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      if index > 0 { splitLine(keepingIndent: false) }
      lines[row].insert(String(part))
    }
    scrollToCursor()
  }

  /// Enter: the text after the cursor moves to a new line below, indented like this one.
  mutating func splitLine(keepingIndent: Bool = true) {
    let indent = keepingIndent ? lines[row].characters.prefix { $0 == " " }.count : 0
    let tail = lines[row].splitAtCursor()
    let trimmedTail = keepingIndent ? String(tail.drop { $0 == " " }) : tail
    var line = LineField(String(repeating: " ", count: indent) + trimmedTail)
    line.moveCursor(to: indent)
    lines.insert(line, at: row + 1)
    row += 1
    scrollToCursor()
  }

  /// Tab: one level deeper.
  mutating func indent() {
    let column = lines[row].cursor
    var line = lines[row]
    line.moveHome()
    line.insert(String(repeating: " ", count: Self.indentUnit))
    line.moveCursor(to: column + Self.indentUnit)
    lines[row] = line
  }

  /// Shift-Tab: one level shallower (up to `indentUnit` leading spaces removed).
  mutating func outdent() {
    let spaces = min(Self.indentUnit, lines[row].characters.prefix { $0 == " " }.count)
    guard spaces > 0 else { return }
    let column = lines[row].cursor
    var line = lines[row]
    line.moveCursor(to: spaces)
    for _ in 0..<spaces { line.deleteBackward() }
    line.moveCursor(to: column - spaces)
    lines[row] = line
  }

  mutating func joinWithPrevious() {
    guard row > 0 else { return }
    let removed = lines.remove(at: row)
    row -= 1
    lines[row].moveEnd()
    let column = lines[row].cursor
    lines[row].insert(String(removed.text.drop { $0 == " " }))
    lines[row].moveCursor(to: column)
  }

  mutating func scrollToCursor() {
    if row < offset { offset = row }
    if row >= offset + visibleRows { offset = row - visibleRows + 1 }
    offset = min(max(0, offset), max(0, lines.count - 1))
  }
}
