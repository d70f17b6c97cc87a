import NoteStore
import TerminalCore

/// Marks what a query matched in lines on screen: in a title, the letters a fuzzy term took;
/// in a tag or a summary line, the same per run (each tag is a run of its own), so a term
/// never marks letters scattered across two tags.
struct QueryHighlight: Sendable {
  let patterns: [HighlightPattern]

  init(_ query: Query) {
    patterns = QueryMatcher(query).highlightPatterns
  }

  var isEmpty: Bool { patterns.isEmpty }

  /// `line` with the characters each pattern for `field` takes drawn in `hitStyle`.
  func highlight(_ line: StyledLine, field: QueryField, hitStyle: Style) -> StyledLine {
    let applicable = patterns.filter { $0.field == .any || $0.field == field }
    guard !applicable.isEmpty else { return line }
    var runs: [StyledRun] = []
    for run in line.runs {
      var marked = Set<Int>()
      for pattern in applicable {
        marked.formUnion(pattern.characterOffsets(in: run.text) ?? [])
      }
      guard !marked.isEmpty else {
        runs.append(run)
        continue
      }
      for (offset, character) in run.text.enumerated() {
        let style = marked.contains(offset) ? hitStyle.adding(run.style.attributes) : run.style
        if let last = runs.last, last.style == style {
          runs[runs.count - 1].text.append(character)
        } else {
          runs.append(StyledRun(String(character), style))
        }
      }
    }
    return StyledLine(runs)
  }

}
