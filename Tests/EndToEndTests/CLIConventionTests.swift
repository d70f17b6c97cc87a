import Foundation
import TestSupport
import Testing

/// The command line as people used to other terminal tools expect it: --version, errors that
/// name the real problem, a demo that works anywhere, counts whose nouns agree, help text
/// wrapped at words. The real binary, through stdout, stderr and the exit status.
@Suite struct CLIConventionTests {
  let directory = TemporaryDirectory()
  var storePath: String { directory.file("notes.json") }

  struct Result: Equatable {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs the binary with `arguments` in `workingDirectory` (else this test's directory), on
  /// this test's store unless `--store` says otherwise.
  func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    let result = try ProcessResult.run(
      [try BuiltProducts.executable("url-notes")] + arguments,
      environment: ["URL_NOTES_STORE": storePath, "COLUMNS": "80"].merging(environment) { $1 },
      workingDirectory: directory.path)
    return Result(status: result.status, stdout: result.stdoutText, stderr: result.stderrText)
  }

  @Test func versionAsAFlagAndAsACommand() throws {
    let flag = try run(["--version"])
    #expect(flag.status == 0)
    #expect(flag.stdout.wholeMatch(of: /[0-9]+\.[0-9]+\.[0-9]+\n/) != nil, "\(flag)")
    #expect(try run(["version"]) == flag)
  }

  @Test func aLeadingStoreOptionIsTheGlobalOption() throws {
    let other = directory.file("other.json")
    #expect(try run(["add", "--store", other, "--title", "T", "--tag", "gpu"]).status == 0)
    #expect(
      try run(["--store", other, "tags"]) == Result(status: 0, stdout: "1  gpu\n", stderr: ""))
    #expect(try run(["--store=\(other)", "tags"]).stdout == "1  gpu\n")
  }

  /// `--store DIR` (and `$URL_NOTES_STORE=DIR`) is the store `DIR/notes.json`, not a read
  /// error on a directory.
  @Test func aStoreDirectoryMeansItsNotesJSON() throws {
    let folder = directory.file("notes")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    #expect(try run(["add", "--store", folder + "/", "--title", "T", "--tag", "gpu"]).status == 0)
    #expect(FileManager.default.fileExists(atPath: folder + "/notes.json"))
    let expected = Result(status: 0, stdout: "1  gpu\n", stderr: "")
    #expect(try run(["tags", "--store", folder]) == expected)
    #expect(try run(["tags", "--store", folder + "/notes.json"]) == expected)
    #expect(try run(["tags"], environment: ["URL_NOTES_STORE": folder]) == expected)
  }

  @Test func anUnknownCommandIsNamedNotTheUsageOfBrowse() throws {
    #expect(
      try run(["tgas"])
        == Result(
          status: 64, stdout: "",
          stderr: "url-notes: error: unknown command 'tgas' (commands: browse, import, tags, "
            + "list, show, export, demo, add, edit, rm, tag, config, version, sync, merge, help; "
            + "see "
            + "'url-notes --help')\n"))
  }

  @Test func anUnknownOptionOfTheDefaultCommandIsNamedWithTheCommands() throws {
    let expected = Result(
      status: 64, stdout: "",
      stderr: "url-notes: error: unknown option '--bogus' (before a command only --store PATH, "
        + "--help and --version; commands: browse, import, tags, list, show, export, demo, add, "
        + "edit, rm, tag, config, version, sync, merge, help; see 'url-notes --help')\n")
    #expect(try run(["--bogus"]) == expected)
    #expect(try run(["--store", storePath, "--bogus"]) == expected)
    #expect(
      try run(["--store", storePath, "tgas"]).stderr.hasPrefix(
        "url-notes: error: unknown command 'tgas' ("))
    let missing = try run(["--store"])
    #expect(missing.status == 64)
    #expect(missing.stderr.hasPrefix("Error: Missing value for '--store <path>'\n"), "\(missing)")
    #expect(try run(["--help"]).stdout.hasPrefix("OVERVIEW: Browse, search and import notes"))
  }

  @Test func demoImportsTheBuiltInSamplesFromAnyDirectory() throws {
    // The working directory is an empty temporary directory: no data/ anywhere near.
    let demo = try run(["demo"], environment: ["TMPDIR": directory.path])
    #expect(demo.status == 0, "\(demo)")
    #expect(demo.stdout.hasPrefix("Tags:\n  3  gpu\n  3  llm\n"))
    #expect(demo.stderr.hasPrefix("demo store: \(directory.path)/url-notes-demo-"))
    #expect(demo.stderr.hasSuffix("/notes.json (4 notes)\n"))
    // The same notes as the sample files of the checkout.
    let fromFiles = try run(
      ["demo", Fixtures.sampleData().path], environment: ["TMPDIR": directory.path])
    #expect(fromFiles.stdout == demo.stdout)
  }

  @Test func theImportSummaryCountsNotesAndItsNounsAgree() throws {
    let data = Fixtures.sampleData().path
    let first = try run(["import", data])
    #expect(first.status == 0)
    // Three tag pages share notes: 7 previews, 4 notes. The previews that merged into a note
    // an earlier page of the same import added count as merged, as in their pages' lines.
    #expect(
      first.stdout.hasSuffix(
        "\(data)/terminal-tools-article.md: 1 note (1 added, 0 merged, 0 unchanged)\n"
          + "4 added, 3 merged, 0 unchanged, 0 files failed; 4 notes were written\n"))
    let again = try run(["import", data + "/terminal-tools-article.md"])
    #expect(
      again.stdout.hasSuffix(
        "0 added, 0 merged, 1 unchanged, 0 files failed; 0 notes were written\n"))
  }

  @Test func anUnknownTagSaysNoNoteHasIt() throws {
    #expect(try run(["add", "--title", "T", "--tag", "gpu"]).status == 0)
    #expect(
      try run(["list", "--tag", "gpus"])
        == Result(status: 0, stdout: "", stderr: "url-notes: no note has the tag \"gpus\"\n"))
    #expect(try run(["list", "--tag", "GPU", "--json"]).stderr == "")
    #expect(
      try run(["tags", "--with", "nope", "--json"])
        == Result(status: 0, stdout: "[]\n", stderr: "url-notes: no note has the tag \"nope\"\n"))
  }

  @Test func tagWhitespaceIsOneTagFromAddAndFromAnImport() throws {
    #expect(try run(["add", "--title", "A", "--tag", " with  two \t spaces "]).status == 0)
    let bookmarks = directory.file("bookmarks.html")
    try """
    <!DOCTYPE NETSCAPE-Bookmark-file-1>
    <DL><p>
    <DT><A HREF="https://example.com/b" TAGS="with two spaces">B</A>
    </DL><p>
    """.write(toFile: bookmarks, atomically: true, encoding: .utf8)
    #expect(try run(["import", bookmarks]).status == 0)
    #expect(try run(["tags"]).stdout == "2  with two spaces\n")
  }

  /// ArgumentParser wraps help text itself: a paragraph written with hard line breaks used to
  /// come out as a full line, a stub of a few words, then the next line.
  @Test func helpParagraphsAreFilledNotBrokenMidSentence() throws {
    for command in ["import", "edit", "demo"] {
      let help = try run([command, "--help"]).stdout.split(
        separator: "\n", omittingEmptySubsequences: false)
      let overview = help.prefix { !$0.hasPrefix("USAGE:") }
      let lines = overview.drop { !$0.isEmpty }.dropFirst().filter { !$0.isEmpty }.map(String.init)
      #expect(lines.count >= 2, "\(command): \(lines)")
      for line in lines.dropLast() {
        #expect(line.count >= 60 && line.count <= 80, "\(command): \(line)")
      }
    }
  }

  /// Emoji sequences are one glyph in `show`: the joiners and modifiers inside them are kept,
  /// a joiner between letters is still a hazard shown as U+FFFD.
  @Test func showKeepsEmojiSequencesWhole() throws {
    let title = "Family 👨‍👩‍👧, thumbs 👍🏽 and a\u{200D}b"
    #expect(try run(["add", "--title", title, "--tag", "👍🏽 tag"]).status == 0)
    let id = try #require(try run(["list"]).stdout.split(separator: " ").first)
    let shown = try run(["show", String(id)])
    #expect(shown.stdout.hasPrefix("Family 👨‍👩‍👧, thumbs 👍🏽 and a\u{FFFD}b\nTags: 👍🏽 tag\n"))
    #expect(
      !shown.stdout.unicodeScalars.contains("\u{FFFD}") || shown.stdout.contains("a\u{FFFD}b"))
  }
}
