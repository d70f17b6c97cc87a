import Foundation
import NoteStore
import TestSupport
import Testing

/// The README's "Sync" section, tried exactly as written: its shell blocks run in order with
/// `sh -e` on two "machines" (two homes), the default store path, the url-notes of this build
/// on `PATH`, and a bare repository standing for `git@example.com:you/notes.git`.
@Suite(.serialized) struct SyncReadmeTests {
  /// The `sh` blocks of the README's "Sync" section, in order.
  static func blocks() throws -> [String] {
    let readme = try String(
      contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
    let start = try #require(readme.range(of: "\n## Sync\n"))
    let rest = readme[start.upperBound...]
    let section = rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
    return section.components(separatedBy: "```sh\n").dropFirst().map {
      String($0[..<$0.range(of: "```")!.lowerBound])
    }
  }

  @Test func theSyncSectionWorksAsWritten() throws {
    let sandbox = try SyncSandbox()
    let blocks = try Self.blocks()
    #expect(blocks.count == 4)
    let binDirectory = URL(fileURLWithPath: try BuiltProducts.executable("url-notes"))
      .deletingLastPathComponent().path
    func home(_ name: String) throws -> String {
      let path = sandbox.directory.file(name)
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        atPath: sandbox.home + "/.gitconfig", toPath: path + "/.gitconfig")
      return path
    }
    let first = try home("first")
    let second = try home("second")
    func environment(_ home: String) -> [String: String] {
      [
        "HOME": home, "XDG_DATA_HOME": "", "URL_NOTES_STORE": "", "GIT_CONFIG_NOSYSTEM": "1",
        "PATH": binDirectory + ":"
          + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
      ]
    }
    func shell(_ block: String, home: String) throws {
      let script = block.replacingOccurrences(
        of: "git@example.com:you/notes.git", with: sandbox.remote)
      let result = try ProcessResult.run(
        ["/bin/sh", "-e", "-c", script], environment: environment(home))
      #expect(result.status == 0, "\(script) failed: \(result.stderrText)")
    }
    func url(_ arguments: String..., home: String) throws {
      let binary = try BuiltProducts.executable("url-notes")
      let result = try ProcessResult.run([binary] + arguments, environment: environment(home))
      #expect(result.status == 0, "url-notes \(arguments) failed: \(result.stderrText)")
    }
    let store = "/.local/share/url-notes/notes.json"

    try url("add", "--title", "Written on the first", home: first)
    try shell(blocks[0], home: first)  // set up the remote
    try shell(blocks[1], home: second)  // clone on another machine
    #expect(try sandbox.contents(at: second + store) == ["Written on the first []"])

    try url("add", "--title", "Written on the second", home: second)
    try shell(blocks[2], home: second)  // daily
    try shell(blocks[2], home: first)
    let both = ["Written on the first []", "Written on the second []"]
    #expect(try sandbox.contents(at: first + store).sorted() == both)

    // A synced folder's conflict copy beside the first machine's store.
    let copy = first + "/.local/share/url-notes/notes.sync-conflict-20260101-120000-ABCDEFG.json"
    let notes = try NoteStore.open(path: first + store).allNotes()
    try Data(
      StoreSnapshot(notes: notes + [SampleNotes.note("00000000c0de", title: "From the copy")])
        .encoded()
    ).write(to: URL(fileURLWithPath: copy))
    try shell(blocks[3], home: first)
    #expect(
      try sandbox.contents(at: first + store).sorted() == (both + ["From the copy []"]).sorted())
    #expect(!FileManager.default.fileExists(atPath: copy))
  }
}
