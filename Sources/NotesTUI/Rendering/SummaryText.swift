import NoteStore
import TerminalCore

/// Turns summary markup into styled runs: bold labels bold, italics italic, code in the code
/// style. Line breaks and tabs inside a bullet become spaces: a bullet is one paragraph.
enum SummaryText {
  static func line(_ node: SummaryNode, theme: Theme, base: Style = .plain) -> StyledLine {
    var runs: [StyledRun] = []
    for span in node.spans {
      let text = String(
        String.UnicodeScalarView(
          span.text.unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
      let style = theme.emphasis(
        bold: span.style.contains(.bold), italic: span.style.contains(.italic),
        code: span.style.contains(.code), base: base)
      runs.append(StyledRun(text, style))
    }
    return StyledLine(runs)
  }
}
