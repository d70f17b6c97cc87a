import Foundation
import Glibc
import TestSupport
import Testing

/// The browser on a store in a directory it may not write, for real: the lock file cannot be
/// made, so a delete fails with a status line that keeps the reason whole at 80 columns and
/// the store stays as it was. Root may write anywhere, so as root the browser runs as the
/// unprivileged user 65534 (`setpriv`); where that cannot work, the test is skipped with why.
@Suite(
  .enabled(if: TmuxSession.isAvailable, "needs tmux"),
  .enabled(
    if: UnprivilegedRun.prefix != nil, Comment(rawValue: UnprivilegedRun.skipReason ?? "")))
struct TUIReadOnlyStoreEndToEndTests {
  let directory = TemporaryDirectory()

  @Test func aDeleteInAReadOnlyDirectoryNamesTheLockFileAndWhy() throws {
    let binary = try BuiltProducts.executable("url-notes")
    let folder = directory.file("a-rather-long-directory-name-for-the-notes/read-only")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let store = folder + "/notes.json"
    let sample = Fixtures.sampleData("tag-gpu.rsc.txt").path
    #expect(try ProcessResult.run([binary, "import", "--store", store, sample]).status == 0)
    unlink(store + ".lock")
    for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
      chmod(folder + "/" + name, 0o644)
    }
    let before = try Data(contentsOf: URL(fileURLWithPath: store))
    chmod(folder, 0o555)
    defer { chmod(folder, 0o755) }

    let tmux = try TmuxSession(
      command: UnprivilegedRun.prefix! + [binary],
      environment: ["URL_NOTES_STORE": store, "XDG_CONFIG_HOME": directory.file("none")])
    try tmux.waitFor(text: "? help · q quit")
    try tmux.sendKeys("v")
    try tmux.waitFor(text: "Ask HN")
    try tmux.sendKeys("d")
    let question = try tmux.waitFor(text: "(y/n)")
    #expect(
      question.last
        == " Delete “Ask HN: How can ChatGPT serve 700M users when I can't run one …”? (y/n)")
    try tmux.sendKeys("y")
    let failed = try tmux.waitFor(text: "Not deleted")
    #expect(
      failed.last
        == " Not deleted: …es.json.lock:1:1: error: cannot lock the store: Permission denied")
    #expect(failed[1].hasPrefix("▌ Ask HN: How can ChatGPT"))
    try tmux.sendKeys("Q")
    #expect(try tmux.waitForExit() == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: store)) == before)
    #expect(!FileManager.default.fileExists(atPath: store + ".lock"))
  }
}

/// How to run the browser without the right to write anywhere: as root, through `setpriv` as
/// user and group 65534 (nobody) with no supplementary groups; as anyone else, as is.
enum UnprivilegedRun {
  static let setpriv = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

  /// The words to put before the binary; nil when it cannot be run unprivileged here.
  static let prefix: [String]? = skipReason == nil ? (getuid() == 0 ? setpriv : []) : nil

  /// Why the test cannot run here, if it cannot.
  static let skipReason: String? = {
    guard getuid() == 0 else { return nil }
    guard access(setpriv[0], X_OK) == 0 else {
      return "running as root without \(setpriv[0]): cannot drop privileges"
    }
    // The binary must be reachable and runnable by user 65534 (every directory above it
    // searchable), and setpriv must be allowed to switch users (not in every container).
    guard let binary = try? BuiltProducts.executable("url-notes"),
      let result = try? ProcessResult.run(setpriv + ["--", binary, "--version"]),
      result.status == 0
    else {
      return "running as root, and user 65534 cannot run the built url-notes through setpriv"
    }
    return nil
  }()
}
