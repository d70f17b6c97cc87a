import Diagnostics
import Testing

@Suite struct DiagnosticTests {
  @Test func rendersTheLocationAlwaysAndTheFileOncePlaced() {
    let position = TextPosition(line: 3, column: 14)
    #expect(
      Diagnostic("expected ','", file: "page.rsc", at: position).description
        == "page.rsc:3:14: error: expected ','")
    #expect(
      Diagnostic("row '2' has no final newline", at: position, severity: .warning).description
        == "3:14: warning: row '2' has no final newline")
    #expect(
      Diagnostic("no such file", file: "/x/missing.rsc", at: .start).description
        == "/x/missing.rsc:1:1: error: no such file")
    let usage = Diagnostic.program("not deleting without --yes")
    #expect(usage.description == "url-notes: error: not deleting without --yes")
    #expect(usage.location == .commandLine && usage.position == nil && usage.file == nil)
    // The command line is no file: placing it in one changes nothing.
    #expect(usage.inFile("a.rsc") == usage)
    #expect(
      Diagnostic("byte order mark removed", at: TextPosition(line: 1, column: 1), severity: .note)
        .inFile("a.rsc").description == "a.rsc:1:1: note: byte order mark removed")
  }

  @Test func positionCountsLinesAndScalars() {
    let bytes = Array("ab\ncdé\nxyz".utf8)
    #expect(TextPosition.of(offset: 0, in: bytes) == TextPosition(line: 1, column: 1))
    #expect(TextPosition.of(offset: 4, in: bytes) == TextPosition(line: 2, column: 2))
    // "é" is two bytes but one column.
    #expect(TextPosition.of(offset: 7, in: bytes) == TextPosition(line: 2, column: 4))
    #expect(TextPosition.of(offset: 9, in: bytes) == TextPosition(line: 3, column: 2))
    // Offsets past the end stop at the end.
    #expect(TextPosition.of(offset: 99, in: bytes) == TextPosition(line: 3, column: 4))
  }
}
