import TerminalCore

/// Turns matched character offsets into styled runs: the one place a match becomes styled
/// runs (`QueryHighlight` finds the offsets, for the search, the previews, a note and the tag
/// lists' filters alike).
enum Highlighter {
  /// `runs` with the characters whose offset (over all the runs, in characters) `isMarked`
  /// drawn in `hitStyle`, merged with each run's attributes; neighbours of one style are one
  /// run.
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
}
