import Foundation
import NoteStore
import TestSupport
import Testing

/// A fold of the journal killed at each of its steps (`FoldStep`), run as the detached
/// `url-notes compact` runs it (`foldUnlessFolding`), while another writer appends a change
/// during it (issue 16). The store must open with exactly the notes of both changes — each was
/// durable before the kill — pass its checks, and fold again cleanly, leaving no temporary file.
@Suite struct FoldCrashTests {
  @Test(arguments: FoldStep.allCases)
  func aFoldKilledAtAnyStepLosesNothing(step: FoldStep) throws {
    let harness = try BuiltProducts.executable("store-torture")
    let directory = TemporaryDirectory()
    let store = directory.file("notes.json")
    let generated = try ProcessResult.run([
      harness, "generate", "--store", store, "--notes", "200", "--seed", "5",
    ])
    try #require(generated.status == 0, "\(generated.stderrText)")

    let killed = try ProcessResult.run([
      harness, "fold-kill", "--store", store, "--step", step.rawValue, "--seed", "5",
    ])
    let lines = killed.stdoutText.split(separator: "\n").map(String.init)
    try #require(lines.count == 2, "\(killed.stdoutText)\(killed.stderrText)")
    #expect(lines[1] == "killed at \(step.rawValue)")
    #expect(killed.status == SIGKILL, "\(killed.stderrText)")
    let expected = String(try #require(lines.first { $0.hasPrefix("expect ") }).dropFirst(7))

    let check = try ProcessResult.run([harness, "check", "--store", store])
    #expect(check.status == 0, "\(check.stderrText)")
    #expect(check.stdoutText == "ok \(expected)\n")

    // The next fold (the detached one's entry point again) completes and clears what the
    // killed one left; the notes stay the same.
    let folded = try ProcessResult.run([harness, "compact", "--store", store])
    #expect(folded.status == 0, "\(folded.stderrText)")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(
      files == ["notes.json", "notes.json.index", "notes.json.journal", "notes.json.lock"])
    let again = try ProcessResult.run([harness, "check", "--store", store])
    #expect(again.stdoutText == "ok \(expected)\n", "\(again.stderrText)")
  }
}
