import NoteStore
import TerminalCore

/// Marks what a query matched in lines on screen, and finds the lines it matches (the search
/// inside a note): in a title, the letters a fuzzy term took; in a tag line, the same per run
/// (each tag is a run of its own), so a term never marks letters scattered across two tags; in
/// a summary or body line, the text as written, across the line's runs (a bold label and the
/// text after it are one line to the reader).
///
/// Only the query's positive text terms mark anything; a term for one field (`title:`,
/// `url:`, `site:`, `body:`) marks only lines of that field.
struct QueryHighlight: Sendable {
  let patterns: [HighlightPattern]

  init(_ query: Query) {
    patterns = QueryMatcher(query).highlightPatterns
  }

  var isEmpty: Bool { patterns.isEmpty }

  /// The patterns that look in `field`: `.any` for a line of tags (every plain term), `.body`
  /// for summary and body lines, `.url` for a URL (the host is part of it).
  func patterns(for field: QueryField) -> [HighlightPattern] {
    patterns.filter {
      $0.field == .any || $0.field == field || (field == .url && $0.field == .site)
    }
  }

  /// Whether some pattern for `field` matches `text`.
  func matches(_ text: String, field: QueryField) -> Bool {
    patterns(for: field).contains {
      $0.characterOffsets(in: text, longField: field == .body) != nil
    }
  }

  /// `line` with the characters each pattern for `field` takes drawn in `hitStyle`.
  func highlight(_ line: StyledLine, field: QueryField, hitStyle: Style) -> StyledLine {
    let applicable = patterns(for: field)
    guard !applicable.isEmpty else { return line }
    if field == .body {
      let marked = Self.offsets(of: applicable, in: line.text, longField: true)
      return marked.isEmpty
        ? line : Highlighter.mark(line.runs, hitStyle, isMarked: marked.contains)
    }
    var runs: [StyledRun] = []
    for run in line.runs {
      let marked = Self.offsets(of: applicable, in: run.text, longField: false)
      runs +=
        marked.isEmpty ? [run] : Highlighter.mark([run], hitStyle, isMarked: marked.contains).runs
    }
    return StyledLine(runs)
  }

  static func offsets(of patterns: [HighlightPattern], in text: String, longField: Bool)
    -> Set<Int>
  {
    var marked = Set<Int>()
    for pattern in patterns {
      marked.formUnion(pattern.characterOffsets(in: text, longField: longField) ?? [])
    }
    return marked
  }
}
