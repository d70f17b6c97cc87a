import TerminalCore

/// Marks the occurrences of a search text in styled runs, ignoring case.
///
/// Matching is per grapheme cluster after lowercasing, so "é" and "É" match and a match never
/// ends inside a cluster. Matches may span runs of different styles.
enum Highlighter {
  /// `line` with every occurrence of `query` drawn in `hitStyle` (merged with the run's
  /// attributes). Returns the line unchanged when `query` is empty.
  static func highlight(_ line: StyledLine, query: String, hitStyle: Style) -> StyledLine {
    let needle = query.map { String($0).lowercased() }
    guard !needle.isEmpty else { return line }
    let folded = line.runs.flatMap { $0.text.map { String($0).lowercased() } }
    var marked = [Bool](repeating: false, count: folded.count)
    var index = 0
    while index + needle.count <= folded.count {
      if Array(folded[index..<index + needle.count]) == needle {
        for offset in index..<index + needle.count { marked[offset] = true }
        index += needle.count
      } else {
        index += 1
      }
    }
    return mark(line.runs, hitStyle) { marked[$0] }
  }

  /// `runs` with the characters whose offset (over all the runs, in characters) `isMarked`
  /// drawn in `hitStyle`, merged with each run's attributes; neighbours of one style are one
  /// run. The one place a match becomes styled runs: the tag filter (`highlight`) and a
  /// query's matches (`QueryHighlight`) both end here.
  static func mark(_ runs: [StyledRun], _ hitStyle: Style, isMarked: (Int) -> Bool)
    -> StyledLine
  {
    var result: [StyledRun] = []
    var offset = 0
    for run in runs {
      for character in run.text {
        let style = isMarked(offset) ? hitStyle.adding(run.style.attributes) : run.style
        if let last = result.last, last.style == style {
          result[result.count - 1].text.append(character)
        } else {
          result.append(StyledRun(String(character), style))
        }
        offset += 1
      }
    }
    return StyledLine(result)
  }

  /// Whether `text` contains `query`, ignoring case as `highlight` does.
  static func contains(_ text: String, query: String) -> Bool {
    guard !query.isEmpty else { return false }
    return text.lowercased().contains(query.lowercased())
  }
}
