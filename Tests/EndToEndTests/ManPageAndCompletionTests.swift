import Foundation
import TestSupport
import Testing

/// The man page kept in the repository is the one the commands generate, and the shell
/// completion scripts complete tags and notes from the store.
@Suite struct ManPageAndCompletionTests {
  let directory = TemporaryDirectory()

  func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
    try ProcessResult.run(
      [try BuiltProducts.executable("url-notes")] + arguments, environment: environment)
  }

  /// `.ci/man` writes the page and the command description it was made from; a command,
  /// option or help text changed since makes the description differ.
  @Test func theManPageIsNotStale() throws {
    let documentation = Fixtures.repositoryRoot.appendingPathComponent("Documentation")
    let recorded = try String(
      contentsOf: documentation.appendingPathComponent("url-notes.dump-help.json"),
      encoding: .utf8)
    let current = try run(["--experimental-dump-help"])
    #expect(current.status == 0)
    #expect(
      current.stdoutText == recorded,
      "Documentation/url-notes.1 is stale: run .ci/man and commit what it writes")
    let page = try String(
      contentsOf: documentation.appendingPathComponent("url-notes.1"), encoding: .utf8)
    #expect(page.contains(".Dt URL-NOTES 1"))
    #expect(page.contains("config"))
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func completionScriptsAskUrlNotesForTagsAndNotes(shell: String) throws {
    let script = try run(["--generate-completion-script", shell]).stdoutText
    for callback in [
      "---completion list -- --tag", "---completion list -- --any-tag",
      "---completion list -- --not-tag", "---completion tags -- --with",
      "---completion show -- positional@0", "---completion edit -- positional@0",
      "---completion rm -- positional@0",
    ] {
      #expect(script.contains(callback), "\(shell): \(callback)")
    }
  }

  @Test func theCallbacksAnswerFromTheStoreNamedOnTheCommandLine() throws {
    let store = directory.file("notes.json")
    #expect(
      try run(["import", "--store", store, Fixtures.sampleData("tag-gpt-4.rsc.txt").path]).status
        == 0)
    let tags = try run([
      "---completion", "list", "--", "--tag", "4", "2", "list", "--store", store, "--tag", "GP",
    ])
    #expect(tags.stdoutText == "gpt-4\ngpu\n")
    let notes = try run(
      ["---completion", "show", "--", "positional@0", "1", "13", "show", "https://news"],
      environment: ["URL_NOTES_STORE": store])
    #expect(notes.stdoutText == "https://news.ycombinator.com/item?id=44840728\n")
  }
}
