import Foundation
import NoteStore
import TestSupport
import Testing

/// Saves that cannot complete — a full disk, a read-only or unreadable store, a store file
/// that vanished or was replaced — give one clear message naming the file, and leave the
/// store as it was: every store file byte-identical, no temporaries left behind.
@Suite struct StoreFailureTests {
  let directory = TemporaryDirectory()
  var storePath: String { directory.file("store/notes.json") }
  var gpu: String { Fixtures.sampleData("tag-gpu.rsc.txt").path }
  var hardware: String { Fixtures.sampleData("tag-hardware.rsc.txt").path }

  /// A store of the three notes of `data/tag-gpu.rsc.txt`, written by the CLI.
  func makeStore() throws {
    let result = try ProcessResult.run(
      [try BuiltProducts.executable("url-notes"), "import", "--store", storePath, gpu])
    try #require(result.status == 0, "\(result.stderrText)")
  }

  /// `url-notes import --store STORE FILE` in bash with a file size limit of `kilobytes`
  /// (SIGXFSZ ignored, so writes past it fail with EFBIG as on a full disk).
  func importLimited(_ file: String, kilobytes: Int) throws -> ProcessResult {
    try ProcessResult.run([
      "/bin/bash", "-c", "ulimit -f \(kilobytes); trap '' XFSZ; exec \"$@\"", "bash",
      try BuiltProducts.executable("url-notes"), "import", "--store", storePath, file,
    ])
  }

  @Test func fullDiskDuringJournalAppend() throws {
    try makeStore()
    let before = StoreFiles(of: storePath)
    let result = try importLimited(hardware, kilobytes: 4)
    #expect(result.status == 1)
    #expect(
      result.stderrText
        == "\(storePath).journal:1:1: error: write failed: File too large; the change was not saved, the store is unchanged\n"
    )
    #expect(
      result.stdoutText
        == "0 added, 0 merged, 0 unchanged, 1 file failed; 0 notes were written\n")
    #expect(StoreFiles(of: storePath) == before)
  }

  /// An import writes the changes of several files in one durable apply: when it fails, every
  /// file it held is reported failed, and the store keeps none of their changes.
  @Test func aFailedWriteFailsEveryFileItHeld() throws {
    try makeStore()
    let before = StoreFiles(of: storePath)
    let gpt4 = Fixtures.sampleData("tag-gpt-4.rsc.txt").path
    let result = try ProcessResult.run([
      "/bin/bash", "-c", "ulimit -f 4; trap '' XFSZ; exec \"$@\"", "bash",
      try BuiltProducts.executable("url-notes"), "import", "--store", storePath, hardware, gpt4,
    ])
    #expect(result.status == 1)
    let message =
      "\(storePath).journal:1:1: error: write failed: File too large; the change was not saved, "
      + "the store is unchanged\n"
    #expect(result.stderrText == message + message)
    #expect(
      result.stdoutText
        == "0 added, 0 merged, 0 unchanged, 2 files failed; 0 notes were written\n")
    #expect(StoreFiles(of: storePath) == before)
  }

  /// Without the shell's `trap '' XFSZ`: the CLI itself ignores SIGXFSZ, so a file size limit
  /// is an error message, not a killed process.
  @Test func fileSizeLimitIsAnErrorNotASignal() throws {
    try makeStore()
    let before = StoreFiles(of: storePath)
    let result = try ProcessResult.run([
      "/bin/bash", "-c", "ulimit -f 4; exec \"$@\"", "bash",
      try BuiltProducts.executable("url-notes"), "add", "--store", storePath,
      "--title", String(repeating: "long title ", count: 500),
    ])
    #expect(result.status == 1)
    #expect(
      result.stderrText
        == "\(storePath).journal:1:1: error: write failed: File too large; the change was not saved, the store is unchanged\n"
    )
    #expect(StoreFiles(of: storePath) == before)
  }

  /// The journal append fits under the limit, the fold after it does not: the import succeeds
  /// (its notes are durable in the journal) and returns without folding; the fold, a detached
  /// `url-notes compact` under the same limit, fails, says why and changes nothing.
  @Test func aFoldFailingAfterTheSaveLosesNothing() throws {
    func article(_ name: String, paragraphs: Int) throws -> String {
      let path = directory.file("\(name).md")
      let paragraph = String(repeating: "Some words of the article body here. ", count: 40)
      try
        ("# \(name)\n\nSource: https://example.com/\(name)\n\n"
        + String(repeating: paragraph + "\n\n", count: paragraphs))
        .write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }
    let binary = try BuiltProducts.executable("url-notes")
    let first = try ProcessResult.run([
      binary, "import", "--store", storePath, try article("small", paragraphs: 400),
    ])
    try #require(first.status == 0, "\(first.stderrText)")
    // ~0.6 MB snapshot, then a ~1.1 MB journal record: past the 1 MiB fold threshold, and the
    // ~1.7 MB new snapshot is over the 1,400 KB limit.
    let limited = ["/bin/bash", "-c", "ulimit -f 1400; exec \"$@\"", "bash", binary]
    let result = try ProcessResult.run(
      limited + ["import", "--store", storePath, try article("big", paragraphs: 760)])
    #expect(result.status == 0)
    #expect(result.stderrText == "")
    let fold = try ProcessResult.run(limited + ["compact", "--store", storePath])
    #expect(fold.status == 1)
    let pid = fold.stderrText.split(separator: "-").last.map { String($0.prefix { $0.isNumber }) }
    #expect(
      fold.stderrText
        == "\(storePath).tmp-\(pid ?? ""):1:1: error: write failed: File too large while saving notes.json; it is unchanged\n"
    )
    let store = try NoteStore.open(path: storePath)
    #expect(store.headers.map(\.title).sorted() == ["big", "small"])
    try store.checkInvariants()
  }

  @Test func fullDiskDuringCompaction() throws {
    try makeStore()
    let url = try BuiltProducts.executable("url-notes")
    let second = try ProcessResult.run([url, "import", "--store", storePath, hardware])
    try #require(second.status == 0)  // now in the journal
    let before = StoreFiles(of: storePath)
    #expect(before.bytesByName["notes.json.journal"]?.isEmpty == false)
    let result = try ProcessResult.run([
      "/bin/bash", "-c", "ulimit -f 4; trap '' XFSZ; exec \"$@\"", "bash",
      try BuiltProducts.executable("store-torture"), "compact", "--store", storePath,
    ])
    #expect(result.status == 1)
    let pid = result.stderrText.split(separator: "-").last.map { String($0.prefix { $0.isNumber }) }
    #expect(
      result.stderrText
        == "store-torture: \(storePath).tmp-\(pid ?? ""):1:1: error: write failed: File too large while saving notes.json; it is unchanged\n"
    )
    #expect(StoreFiles(of: storePath) == before)
  }

  @Test func firstSaveOnAFullDiskLeavesNoFiles() throws {
    let result = try importLimited(gpu, kilobytes: 4)
    #expect(result.status == 1)
    #expect(
      result.stderrText.hasSuffix(
        "error: write failed: File too large while saving notes.json; it is unchanged\n"),
      "\(result.stderrText)")
    // Nothing was created in its place (the derived index file may stay).
    #expect(!FileManager.default.fileExists(atPath: storePath))
    #expect(!FileManager.default.fileExists(atPath: storePath + ".journal"))
  }

  @Test(.enabled(if: Unprivileged.canDropPrivileges)) func readOnlyDirectory() throws {
    try makeStore()
    let storeDirectory = directory.file("store")
    chmod(storeDirectory, 0o500)
    defer { chmod(storeDirectory, 0o700) }
    let before = StoreFiles(of: storePath)
    let result = try ProcessResult.run(
      Unprivileged.command([
        try BuiltProducts.executable("url-notes"), "import", "--store", storePath, hardware,
      ]))
    #expect(result.status == 1)
    #expect(
      result.stderrText
        == "\(storePath).journal:1:1: error: open failed: Permission denied; the change was not saved, the store is unchanged\n"
    )
    #expect(StoreFiles(of: storePath) == before)
  }

  @Test(.enabled(if: Unprivileged.canDropPrivileges)) func readOnlyStoreFile() throws {
    try makeStore()
    chmod(storePath, 0o400)
    let before = StoreFiles(of: storePath)
    let result = try ProcessResult.run(
      Unprivileged.command([
        try BuiltProducts.executable("url-notes"), "import", "--store", storePath, hardware,
      ]))
    #expect(result.status == 1)
    #expect(
      result.stderrText
        == "\(storePath):1:1: error: the store file is read-only; nothing was written\n"
    )
    #expect(StoreFiles(of: storePath) == before)
    // Reading still works.
    let list = try ProcessResult.run(
      Unprivileged.command([
        try BuiltProducts.executable("url-notes"), "tags", "--store", storePath,
      ]))
    #expect(list.status == 0)
    #expect(list.stdoutText.contains("gpu"))
  }

  @Test(.enabled(if: Unprivileged.canDropPrivileges)) func unreadableStoreFile() throws {
    try makeStore()
    chmod(storePath, 0o000)
    defer { chmod(storePath, 0o600) }
    let result = try ProcessResult.run(
      Unprivileged.command([
        try BuiltProducts.executable("url-notes"), "list", "--store", storePath,
      ]))
    #expect(result.status == 1)
    #expect(result.stderrText == "\(storePath):1:1: error: open failed: Permission denied\n")
    #expect(result.stdoutText == "")
  }

  @Test func vanishedStoreIsNotRecreated() throws {
    try makeStore()
    let store = try NoteStore.open(path: storePath)
    #expect(store.count == 3)
    try FileManager.default.moveItem(atPath: storePath, toPath: directory.file("moved.json"))
    #expect(
      throws: StoreError(
        .io, path: storePath,
        "the store file was removed or moved away since it was opened; nothing was written")
    ) {
      try store.apply([.put(SampleNotes.note("0123456789ab", title: "New"))])
    }
    // Nothing was created in its place (the derived index file may stay).
    #expect(!FileManager.default.fileExists(atPath: storePath))
    #expect(!FileManager.default.fileExists(atPath: storePath + ".journal"))
  }

  @Test func replacedStoreIsReloadedBeforeWriting() throws {
    try makeStore()
    let store = try NoteStore.open(path: storePath)
    let oldIDs = Set(store.headers.map(\.id))
    // Another process replaces the store (atomic rename) with one holding a single note.
    let otherPath = directory.file("other/notes.json")
    let other = try NoteStore.open(path: otherPath)
    try other.apply([.put(SampleNotes.note("aaaaaaaaaaaa", title: "From elsewhere"))])
    #expect(rename(otherPath, storePath) == 0)
    try store.apply([.put(SampleNotes.note("bbbbbbbbbbbb", title: "Mine"))])
    let reopened = try NoteStore.open(path: storePath)
    #expect(Set(reopened.headers.map(\.id)) == [NoteID("aaaaaaaaaaaa"), NoteID("bbbbbbbbbbbb")])
    #expect(oldIDs.isDisjoint(with: reopened.headers.map(\.id)))
    try reopened.checkInvariants()
  }

  @Test func storeReplacedByAnotherFileIsNotOverwritten() throws {
    try makeStore()
    let store = try NoteStore.open(path: storePath)
    let replacement = directory.file("replacement")
    try Data("[1, 2, 3]\n".utf8).write(to: URL(fileURLWithPath: replacement))
    #expect(rename(replacement, storePath) == 0)
    let before = StoreFiles(of: storePath)
    do {
      try store.apply([.put(SampleNotes.note("bbbbbbbbbbbb", title: "Mine"))])
      Issue.record("wrote over a file that is not a store")
    } catch {
      #expect(
        error.description
          == "\(storePath):1:1: error: not a url-notes store: expected a JSON object")
    }
    #expect(StoreFiles(of: storePath) == before)
  }

  @Test func tornJournalTailIsCutBeforeTheNextAppend() throws {
    let store = try NoteStore.open(path: storePath)
    try store.apply([.put(SampleNotes.note("aaaaaaaaaaaa", title: "A"))])
    try store.apply([.put(SampleNotes.note("bbbbbbbbbbbb", title: "B"))])
    // A writer killed inside its append left half a record.
    let journal = FileHandle(forWritingAtPath: storePath + ".journal")!
    journal.seekToEndOfFile()
    journal.write(Data("{\"put\":{\"id\":\"cccc".utf8))
    journal.closeFile()
    let next = try NoteStore.open(path: storePath)
    #expect(
      next.warnings.map(\.description) == [
        "\(storePath).journal:2:1: warning: ignored an incomplete last record (an interrupted save)"
      ])
    try next.apply([.put(SampleNotes.note("dddddddddddd", title: "D"))])
    let reopened = try NoteStore.open(path: storePath)
    #expect(reopened.warnings == [])
    #expect(reopened.headers.map(\.title) == ["A", "B", "D"])
    try reopened.checkInvariants()
  }

  @Test func aBatchIsOneJournalLineAndLandsWhole() throws {
    let store = try NoteStore.open(path: storePath)
    try store.apply([.put(SampleNotes.note("aaaaaaaaaaaa", title: "A"))])
    try store.apply([
      .put(SampleNotes.note("bbbbbbbbbbbb", title: "B")), .delete(NoteID("aaaaaaaaaaaa")),
      .put(SampleNotes.note("cccccccccccc", title: "C")),
    ])
    let journal = FileManager.default.bytes(atPath: storePath + ".journal")
    #expect(journal.filter { $0 == 0x0A }.count == 1)
    #expect(String(decoding: journal.prefix(10), as: UTF8.self) == "{\"batch\":[")
    #expect(try NoteStore.open(path: storePath).headers.map(\.title) == ["B", "C"])
    // Cut anywhere inside, the batch is ignored as a whole.
    for cut in stride(from: 1, to: journal.count, by: 97) {
      try Data(journal.prefix(cut)).write(to: URL(fileURLWithPath: storePath + ".journal"))
      let reopened = try NoteStore.open(path: storePath)
      #expect(reopened.headers.map(\.title) == ["A"], "cut at \(cut)")
    }
  }

  @Test func filesAreCreatedWithMode0600EvenWithUmaskZero() throws {
    let url = try BuiltProducts.executable("url-notes")
    let first = try ProcessResult.run([
      "/bin/bash", "-c", "umask 000; exec \"$@\"", "bash", url, "import", "--store", storePath,
      gpu,
    ])
    try #require(first.status == 0)
    let second = try ProcessResult.run([
      "/bin/bash", "-c", "umask 000; exec \"$@\"", "bash", url, "import", "--store", storePath,
      hardware,
    ])
    try #require(second.status == 0)
    let compacted = try ProcessResult.run([
      "/bin/bash", "-c", "umask 000; exec \"$@\"", "bash",
      try BuiltProducts.executable("store-torture"), "compact", "--store", storePath,
    ])
    try #require(compacted.status == 0)
    let third = try ProcessResult.run([
      "/bin/bash", "-c", "umask 000; exec \"$@\"", "bash", url, "import", "--store", storePath,
      gpu, Fixtures.sampleData("terminal-tools-article.md").path,
    ])
    try #require(third.status == 0)
    var modes: [String: String] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.file("store")) {
      var info = stat()
      stat(directory.file("store/" + name), &info)
      modes[name] = String(info.st_mode & 0o777, radix: 8)
    }
    #expect(modes.values.allSatisfy { $0 == "600" }, "\(modes)")
    #expect(
      Set(modes.keys).isSuperset(of: ["notes.json", "notes.json.journal", "notes.json.lock"]))
    var info = stat()
    stat(directory.file("store"), &info)
    #expect(String(info.st_mode & 0o777, radix: 8) == "700")
  }
}
