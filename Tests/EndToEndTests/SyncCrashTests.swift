import Foundation
import NoteStore
import TestSupport
import Testing

/// SIGKILL during `sync` and during `merge OTHER`, at spread-out moments: after every kill the
/// store opens and passes its invariants, and the next run converges.
@Suite(.serialized) struct SyncCrashTests {
  /// Starts `url-notes ARGS…` on `store` and kills it with SIGKILL after `delay` seconds
  /// (or lets it finish if it is faster).
  func startThenKill(
    _ sandbox: SyncSandbox, _ arguments: [String], store: String, after delay: Double
  ) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try BuiltProducts.executable("url-notes"))
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(
      sandbox.environment.merging(["URL_NOTES_STORE": store]) { first, _ in first }
    ) { $1 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    usleep(UInt32(delay * 1_000_000))
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// Waits until no git started for `directory` runs: a git that a killed sync started goes on
  /// to finish its step (its output goes to a file, not to the dead parent), writing files.
  func waitForGit(in directory: String) {
    for _ in 0..<200 {
      let running = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
      let busy = running.contains { entry in
        guard entry.allSatisfy(\.isNumber),
          let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
        else { return false }
        let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return words.first.map { $0.hasSuffix("git") } == true && words.contains(directory)
      }
      if !busy { return }
      usleep(50_000)
    }
  }

  @Test func syncKilledAtAnyStepLeavesAStoreTheNextSyncCompletes() throws {
    let sandbox = try SyncSandbox()
    try sandbox.clone("a")
    try sandbox.clone("b")
    try sandbox.ok("a", "add", "--title", "First")
    try sandbox.ok("a", "sync")
    try sandbox.ok("b", "sync")
    var expected = ["First []"]
    for round in 0..<6 {
      try sandbox.ok("b", "add", "--title", "B \(round)")
      try sandbox.ok("b", "sync")
      try sandbox.ok("a", "add", "--title", "A \(round)")
      expected += ["A \(round) []", "B \(round) []"]
      try startThenKill(sandbox, ["sync"], store: sandbox.store("a"), after: Double(round) * 0.04)
      waitForGit(in: sandbox.directory.file("a"))
      _ = try sandbox.contents("a")  // opens, invariants hold
    }
    try sandbox.ok("a", "sync")
    try sandbox.ok("b", "sync")
    #expect(try sandbox.contents("a").sorted() == expected.sorted())
    #expect(try sandbox.contents("b").sorted() == expected.sorted())
  }

  @Test func mergeKilledAtAnyStepLeavesAStoreTheNextMergeCompletes() throws {
    let sandbox = try SyncSandbox()
    let store = sandbox.directory.file("s/notes.json")
    let other = sandbox.directory.file("other.json")
    var ours: [Note] = []
    var theirs: [Note] = []
    for number in 0..<300 {
      let note = SampleNotes.note(
        String(format: "%012x", number), title: "Note \(number)", tags: ["t\(number % 7)"],
        summary: [SummaryNode(markup: String(repeating: "text \(number) ", count: 40))])
      if number % 3 != 0 { ours.append(note) }
      if number % 2 == 0 { theirs.append(note) }
    }
    try NoteStore.open(path: store).apply(ours.map(StoreChange.put))
    try Data(StoreSnapshot(notes: theirs).encoded()).write(to: URL(fileURLWithPath: other))
    for round in 0..<6 {
      try startThenKill(sandbox, ["merge", other], store: store, after: Double(round) * 0.02)
      let reopened = try NoteStore.open(path: store)
      try reopened.checkInvariants()
      // Either before or after the merge, never in between.
      #expect([ours.count, 200 + 50].contains(reopened.count))
    }
    let result = try sandbox.run(["merge", other], store: store)
    #expect(result.status == 0)
    let merged = try NoteStore.open(path: store)
    #expect(merged.allNotes() == StoreSnapshot(notes: ours + theirs).notes)
    #expect(
      try sandbox.run(["merge", other], store: store).stdout == "0 added, 0 changed, 0 deleted\n")
  }
}
