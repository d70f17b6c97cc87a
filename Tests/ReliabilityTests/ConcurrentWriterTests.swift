import Foundation
import NoteStore
import TestSupport
import Testing

/// Three processes write one store at once: two `url-notes import` loops over different
/// bookmark dumps, and `store-torture put-loop` doing one `apply` per note. Every note each
/// process reports written is in the store at the end, and the store passes its invariants.
@Suite struct ConcurrentWriterTests {
  static let importsPerLoop = 12
  static let bookmarksPerDump = 5
  static let puts = 60

  @Test func twoImportLoopsAndAPutLoopLoseNothing() throws {
    let directory = TemporaryDirectory()
    let store = directory.file("notes.json")
    let url = try BuiltProducts.executable("url-notes")
    let setup = try ProcessResult.run(
      [url, "import", "--store", store, Fixtures.sampleData("tag-gpu.rsc.txt").path])
    try #require(setup.status == 0)

    var expectedURLs: [String] = []
    for loop in ["a", "b"] {
      for dump in 0..<Self.importsPerLoop {
        var text = "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n"
        for mark in 0..<Self.bookmarksPerDump {
          let page = "https://\(loop).example/\(dump)/\(mark)"
          expectedURLs.append(page)
          text +=
            "<DT><A HREF=\"\(page)\" TAGS=\"\(loop),concurrent\">\(loop) \(dump).\(mark)</A>\n"
        }
        try text.write(
          toFile: directory.file("\(loop)-\(dump).html"), atomically: false, encoding: .utf8)
      }
    }

    let script = """
      for i in $(seq 0 \(Self.importsPerLoop - 1)); do
        "$0" import --store "$1" "$2/$3-$i.html" || exit 1
      done
      """
    let directoryPath = directory.path
    let results = ResultBox()
    let group = DispatchGroup()
    for loop in ["a", "b"] {
      group.enter()
      DispatchQueue.global().async {
        let result = Result {
          try ProcessResult.run(["/bin/bash", "-c", script, url, store, directoryPath, loop])
        }
        results.set(loop, result)
        group.leave()
      }
    }
    group.enter()
    let harness = try BuiltProducts.executable("store-torture")
    DispatchQueue.global().async {
      let result = Result {
        try ProcessResult.run([
          harness, "put-loop", "--store", store, "--prefix", "c", "--count", "\(Self.puts)",
        ])
      }
      results.set("c", result)
      group.leave()
    }
    group.wait()

    for loop in ["a", "b"] {
      let result = try results.get(loop)
      #expect(result.status == 0, "\(loop): \(result.stderrText)")
      let added = result.stdoutText.split(separator: "\n").filter {
        $0.hasSuffix(
          "\(Self.bookmarksPerDump) notes (\(Self.bookmarksPerDump) added, 0 merged, 0 unchanged)")
      }
      #expect(added.count == Self.importsPerLoop, "\(loop): \(result.stdoutText)")
    }
    let puts = try results.get("c")
    #expect(puts.status == 0, "\(puts.stderrText)")
    let putIDs = puts.stdoutText.split(separator: "\n").map { NoteID(String($0)) }
    #expect(putIDs.count == Self.puts)

    let final = try NoteStore.open(path: store)
    try final.checkInvariants()
    #expect(final.count == 3 + 2 * Self.importsPerLoop * Self.bookmarksPerDump + Self.puts)
    let missingURLs = expectedURLs.filter { final.noteID(forURL: $0) == nil }
    #expect(missingURLs.isEmpty)
    #expect(putIDs.filter { final.header($0) == nil }.isEmpty)
    #expect(
      final.tagCounts(order: .name).first { $0.tag == "concurrent" }?.count == 2
        * Self.importsPerLoop * Self.bookmarksPerDump)
  }
}

/// Results handed back from worker threads.
final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [String: Result<ProcessResult, any Error>] = [:]

  func set(_ key: String, _ result: Result<ProcessResult, any Error>) {
    lock.withLock { results[key] = result }
  }

  func get(_ key: String) throws -> ProcessResult {
    try lock.withLock { results[key]! }.get()
  }
}
