import Foundation
import NoteStore
import TestSupport
import Testing

/// `list --query`, `--search` and `--sort` through the built binary, on a store of the
/// bundled samples (three tag pages and one Markdown article).
@Suite struct CLIQueryTests {
  let directory = TemporaryDirectory()
  var storePath: String { directory.file("notes.json") }

  static let framework = "The Framework Desktop is a beast"
  static let gptOSS = "From GPT-2 to gpt-oss: Analyzing the Architectural Advances"
  static let askHN =
    "Ask HN: How can ChatGPT serve 700M users when I can't run one GPT-4 locally?"
  static let terminal = "Why Terminal Tools Endure"

  init() throws {
    let result = try run(["import", Fixtures.sampleData().path])
    #expect(result.status == 0)
  }

  func run(_ arguments: [String]) throws -> ProcessResult {
    try ProcessResult.run(
      [try BuiltProducts.executable("url-notes")] + arguments + ["--store", storePath])
  }

  /// The titles `list ARGUMENTS --json` prints, in order.
  func titles(_ arguments: String...) throws -> [String] {
    let result = try run(["list"] + arguments + ["--json"])
    #expect(result.status == 0, "\(result.stderrText)")
    let notes = try JSONSerialization.jsonObject(with: Data(result.stdout)) as! [[String: Any]]
    return notes.map { $0["title"] as! String }
  }

  @Test func theIssuesQueriesFindTheirNotes() throws {
    #expect(try titles("--query", "#gpu !#hardware") == [Self.gptOSS])
    #expect(try titles("--query", "frmwk dsktp") == [Self.framework])
    let json = try run(["list", "--query", "#gpu !#hardware", "--json"]).stdoutText
    #expect(json.hasPrefix("[{\"body\"") || json.hasPrefix("[{\"created\""))
    #expect(json.contains("\"title\":\"\(Self.gptOSS)\""))
  }

  @Test func jsonIsInRankOrder() throws {
    // "gpu" is fuzzy in the Ask HN title (ChatGPT … users), a tag of the other two; the
    // article matches nowhere.
    #expect(try titles("--query", "gpu") == [Self.askHN, Self.gptOSS, Self.framework])
    #expect(
      try titles("--query", "mixture | teletype") == [Self.askHN, Self.gptOSS, Self.terminal])
    #expect(try titles("--query", "'quantization") == [Self.askHN, Self.gptOSS])
  }

  @Test func searchCoversBodies() throws {
    #expect(try titles("--search", "teletype") == [Self.terminal])
    let plain = try run(["list", "--search", "teletype"]).stdoutText
    #expect(plain.contains("  Why Terminal Tools Endure\n"))
  }

  @Test func tagFlagsCombineWithTheQuery() throws {
    #expect(try titles("--tag", "gpu", "--query", "!#hardware") == [Self.gptOSS])
    #expect(try titles("--not-tag", "moe", "--query", "beast") == [Self.framework])
    #expect(try titles("--any-tag", "terminal", "--any-tag", "moe", "--query", "a").count == 3)
  }

  @Test func sortOrders() throws {
    #expect(
      try titles("--sort", "title")
        == [Self.askHN, Self.gptOSS, Self.framework, Self.terminal])
    #expect(
      try titles("--query", "gpu", "--sort", "site")
        == [Self.gptOSS, Self.askHN, Self.framework])
  }

  @Test func aMalformedQueryNamesItsColumn() throws {
    let result = try run(["list", "--query", "gpu \"mini pc"])
    #expect(result.status == 1)
    #expect(result.stdoutText == "")
    #expect(result.stderrText == "query:1:5: error: unclosed quote\n")
  }
}
