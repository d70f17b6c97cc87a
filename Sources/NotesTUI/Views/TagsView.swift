import NoteStore
import TerminalCore

/// The tag list: one tag per row, its note count right-aligned before it (and, when listing
/// tags used once, the title of their note after it), the cursor row in reverse video. With a
/// selection the rows are the co-occurring tags and their counts.
struct TagsView: View {
  var state: TagsState
  var theme: Theme

  func render(into buffer: inout CellBuffer, area: Rect) {
    guard !state.rows.isEmpty else {
      let text =
        state.filter.isEmpty
        ? (state.selection.isEmpty ? "No tags." : "No other tags on these notes.")
        : "No tag matches “\(state.filter)”."
      buffer.put(text, at: area.origin.offsetBy(dx: 1), style: theme.dim, clip: area)
      return
    }
    let digits = String(state.rows.map(\.count).max() ?? 0).count
    let highlight =
      state.filter.isEmpty ? nil : (try? QueryParser.parse(state.filter)).map(QueryHighlight.init)
    for (row, index) in state.list.visibleRange.enumerated() {
      let tag = state.rows[index]
      let line = area.row(row)
      let count = String(repeating: " ", count: digits - String(tag.count).count) + "\(tag.count)"
      var name = StyledLine("  " + tag.tag)
      if let filter = highlight {
        // What the filter's terms took in the name, as the search marks a tag.
        name = filter.highlight(name, field: .any, hitStyle: theme.hit)
      }
      var text = StyledLine(" " + count, theme.count) + name
      if let title = state.singleNoteTitles[TagKey(tag.tag)] {
        text = text + StyledLine("  · " + title, theme.dim)
      }
      text.truncated(width: line.width).draw(into: &buffer, at: line.origin, clip: line)
      if index == state.list.selection {
        buffer.restyle(line) { $0.adding(.reverse) }
      }
    }
  }
}

/// What an empty store shows: how to fill it, with the exact command.
struct EmptyStoreView: View {
  var storePath: String
  var theme: Theme

  static func lines(storePath: String, theme: Theme) -> [StyledLine] {
    [
      StyledLine("No notes yet.", theme.heading),
      StyledLine(),
      StyledLine([
        StyledRun("Add one by hand: press "), StyledRun("a", Style(.bold)),
        StyledRun(" (a form: URL, title, tags, summary)."),
      ]),
      StyledLine(),
      StyledLine("Or import pages saved from the site (flight .rsc.txt, saved HTML, Markdown):"),
      StyledLine(),
      StyledLine("  url-notes import <files or directories>", Style(.bold)),
      StyledLine(),
      StyledLine("To try url-notes on sample pages first (a store of its own):"),
      StyledLine(),
      StyledLine("  url-notes demo", Style(.bold)),
      StyledLine(),
      StyledLine([StyledRun("Store: ", theme.dim), StyledRun(storePath)]),
      StyledLine("Press q to quit.", theme.dim),
    ]
  }

  func render(into buffer: inout CellBuffer, area: Rect) {
    let inner = area.inset(top: 1, left: 2, right: 1)
    var y = inner.y
    for line in Self.lines(storePath: storePath, theme: theme) {
      for part in line.wrapped(width: inner.width) {
        guard y < inner.maxY else { return }
        part.draw(into: &buffer, at: Point(x: inner.x, y: y), clip: inner)
        y += 1
      }
    }
  }
}
