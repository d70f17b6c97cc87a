import Foundation
import TestSupport
import Testing

@testable import NotesTUI

/// The README's key table is generated (`CommandTable.keyTableMarkdown()`); this fails when
/// the table between its markers is not exactly what the command table generates now.
@Suite struct ReadmeKeyTableTests {
  @Test func readmeKeyTableMatchesTheCommandTable() throws {
    let readme = try String(
      contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let begin = try #require(readme.range(of: "<!-- keys:begin -->\n"), "no keys:begin marker")
    let end = try #require(
      readme.range(of: "<!-- keys:end -->", range: begin.upperBound..<readme.endIndex),
      "no keys:end marker")
    let table = String(readme[begin.upperBound..<end.lowerBound])
      .trimmingCharacters(in: .newlines)
    let generated = CommandTable.keyTableMarkdown().trimmingCharacters(in: .newlines)
    #expect(
      table == generated,
      "README key table is stale; paste CommandTable.keyTableMarkdown() between the markers")
  }
}
