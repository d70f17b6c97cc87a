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
    var characters: [(Character, Style)] = []
    for run in line.runs {
      for character in run.text { characters.append((character, run.style)) }
    }
    let folded = characters.map { String($0.0).lowercased() }
    var marked = [Bool](repeating: false, count: characters.count)
    var index = 0
    while index + needle.count <= folded.count {
      if Array(folded[index..<index + needle.count]) == needle {
        for offset in index..<index + needle.count { marked[offset] = true }
        index += needle.count
      } else {
        index += 1
      }
    }
    var runs: [StyledRun] = []
    for (offset, (character, style)) in characters.enumerated() {
      let shown = marked[offset] ? hitStyle.adding(style.attributes) : style
      if let last = runs.last, last.style == shown {
        runs[runs.count - 1].text.append(character)
      } else {
        runs.append(StyledRun(String(character), shown))
      }
    }
    return StyledLine(runs)
  }

  /// Whether `text` contains `query`, ignoring case as `highlight` does.
  static func contains(_ text: String, query: String) -> Bool {
    guard !query.isEmpty else { return false }
    return text.lowercased().contains(query.lowercased())
  }
}
