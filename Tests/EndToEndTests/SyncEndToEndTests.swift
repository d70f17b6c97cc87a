import Foundation
import NoteStore
import TestSupport
import Testing

/// `url-notes sync` between two clones of one bare remote, with real git: adds on both sides,
/// a delete, a title edited on one side while a tag is added on the other, a tag renamed; and
/// the one-line errors.
@Suite(.serialized) struct SyncEndToEndTests {
  @Test func twoClonesConvergeWithEveryChangeAndTheDeleteKept() throws {
    let sandbox = try SyncSandbox()
    try sandbox.clone("a")
    try sandbox.ok("a", "add", "--title", "Shared", "--tag", "ml", "--tag", "python")
    try sandbox.ok("a", "add", "--title", "Doomed", "--url", "https://doomed.example/")
    try sandbox.ok("a", "add", "--title", "Title note", "--tag", "x")
    #expect(
      try sandbox.ok("a", "sync") == "committed local changes\npushed to origin/main\n")
    #expect(
      try String(contentsOfFile: sandbox.directory.file("a/.gitattributes"), encoding: .utf8)
        == "notes.json merge=url-notes\n")
    #expect(
      try String(contentsOfFile: sandbox.directory.file("a/.gitignore"), encoding: .utf8)
        == "notes.json.journal\nnotes.json.lock\nnotes.json.index\nnotes.json.tmp-*\n")
    #expect(
      try sandbox.git(["ls-files"], in: sandbox.directory.file("a"))
        == ".gitattributes\n.gitignore\nnotes.json\n")

    // B, cloned from the remote, opens as the same store.
    try sandbox.clone("b")
    #expect(try sandbox.contents("b") == sandbox.contents("a"))
    #expect(try sandbox.ok("b", "sync") == "origin/main: nothing new\npushed to origin/main\n")

    // A: an add, a delete, a title edit, a tag rename. B: an add, a tag on the edited note.
    let doomed = try sandbox.id(of: "Doomed", in: "a")
    let edited = try sandbox.id(of: "Title note", in: "a")
    try sandbox.ok("a", "add", "--title", "A new")
    try sandbox.ok("a", "rm", "--yes", doomed)
    try sandbox.ok(
      "a", "edit", edited, environment: ["EDITOR": "sed -i s/^title:.*/title:\\ Title\\ edited/"])
    try sandbox.ok("a", "tag", "rename", "ml", "machine learning")
    try sandbox.ok("b", "add", "--title", "B new")
    try sandbox.ok(
      "b", "edit", edited, environment: ["EDITOR": "sed -i s/^tags:.*/tags:\\ x,\\ added/"])

    #expect(
      try sandbox.ok("a", "sync")
        == "committed local changes\norigin/main: nothing new\npushed to origin/main\n")
    #expect(
      try sandbox.ok("b", "sync")
        == "committed local changes\nmerged origin/main: 1 added, 2 changed, 1 deleted\n"
        + "pushed to origin/main\n")
    #expect(
      try sandbox.ok("a", "sync")
        == "merged origin/main: 1 added, 1 changed, 0 deleted\npushed to origin/main\n")

    let expected = [
      "A new []", "B new []", "Shared [machine learning, python]", "Title edited [x, added]",
    ]
    #expect(try sandbox.contents("a").sorted() == expected)
    #expect(try sandbox.contents("b").sorted() == expected)
    #expect(
      FileManager.default.contents(atPath: sandbox.store("a"))
        == FileManager.default.contents(atPath: sandbox.store("b")))
    #expect(
      try NoteStore.open(path: sandbox.store("b")).tombstones.keys.map(\.rawValue) == [doomed])
  }

  @Test func aDryRunShowsTheMergeAndAPlainGitPullUsesTheDriver() throws {
    let sandbox = try SyncSandbox()
    try sandbox.clone("a")
    try sandbox.ok("a", "add", "--title", "One")
    try sandbox.ok("a", "sync")
    try sandbox.clone("b")
    try sandbox.ok("b", "sync")  // registers the driver in b
    try sandbox.ok("a", "add", "--title", "From A")
    try sandbox.ok("a", "sync")
    try sandbox.ok("b", "add", "--title", "From B")

    let before = FileManager.default.contents(atPath: sandbox.store("b"))
    let fromA = try sandbox.id(of: "From A", in: "a")
    #expect(
      try sandbox.ok("b", "sync", "--dry-run")
        == "would commit local changes\nwould merge origin/main:\n  + \(fromA)  From A\n"
        + "  1 added, 0 changed, 0 deleted\nwould push to origin/main\n")
    #expect(FileManager.default.contents(atPath: sandbox.store("b")) == before)

    // Commit by hand and pull with plain git: the driver merges, no conflict markers.
    let b = sandbox.directory.file("b")
    try NoteStore.open(path: sandbox.store("b")).compact()
    try sandbox.git(["commit", "-q", "-am", "by hand"], in: b)
    try sandbox.git(["pull", "-q", "--no-rebase"], in: b)
    #expect(try sandbox.contents("b").sorted() == ["From A []", "From B []", "One []"])
    let text = try String(contentsOfFile: sandbox.store("b"), encoding: .utf8)
    #expect(!text.contains("<<<<<<<") && !text.contains(">>>>>>>"))
  }

  @Test func errorsAreOneLine() throws {
    let sandbox = try SyncSandbox()
    let plain = sandbox.directory.file("plain")
    try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
    #expect(
      try sandbox.run(["sync"], store: plain + "/notes.json")
        == .init(
          status: 1, stdout: "",
          stderr: "\(plain):1:1: error: not a git repository; run git init there and add a remote "
            + "(README, \"Sync\")\n"))
    try sandbox.git(["init", "-q", "-b", "main"], in: plain)
    #expect(
      try sandbox.run(["sync"], store: plain + "/notes.json").stderr
        == "\(plain):1:1: error: the repository has no remote; add one with git remote add origin URL\n"
    )
    #expect(
      try sandbox.run(["sync"], store: plain + "/notes.json", environment: ["PATH": "/nonexistent"])
        .stderr == "\(plain):1:1: error: git is not installed (or not on PATH); sync needs it\n")

    // A remote that refuses the push.
    try sandbox.clone("a")
    let hook = sandbox.remote + "/hooks/pre-receive"
    try ExecutableScript.write("#!/bin/sh\necho refused >&2\nexit 1\n", to: hook)
    try sandbox.ok("a", "add", "--title", "Kept here")
    let rejected = try sandbox.run("a", "sync")
    #expect(rejected.status == 1)
    #expect(
      rejected.stderr
        == "\(sandbox.directory.file("a")):1:1: error: push to origin was rejected (it has changes "
        + "made meanwhile); your notes are committed here: run url-notes sync again\n")
    // Once the remote accepts again, the next sync completes.
    try FileManager.default.removeItem(atPath: hook)
    #expect(try sandbox.ok("a", "sync") == "pushed to origin/main\n")
    #expect(
      try sandbox.git(["log", "--format=%s", "main"], in: sandbox.remote) == "url-notes sync\n")

    // The network gone (the remote moved away): the fetch fails after our commit; once the
    // remote is back, the next sync completes.
    let away = sandbox.remote + ".away"
    try FileManager.default.moveItem(atPath: sandbox.remote, toPath: away)
    try sandbox.ok("a", "add", "--title", "Offline")
    let offline = try sandbox.run("a", "sync")
    #expect(offline.status == 1)
    #expect(
      offline.stderr.hasPrefix(
        "\(sandbox.directory.file("a")):1:1: error: cannot fetch from origin: "))
    #expect(offline.stderr.hasSuffix("; nothing was merged, run url-notes sync again\n"))
    try FileManager.default.moveItem(atPath: away, toPath: sandbox.remote)
    #expect(try sandbox.ok("a", "sync") == "origin/main: nothing new\npushed to origin/main\n")
    #expect(try sandbox.contents("a").sorted() == ["Kept here []", "Offline []"])
  }
}
