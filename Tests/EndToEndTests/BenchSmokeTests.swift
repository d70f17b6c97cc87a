import Foundation
import TestSupport
import Testing

/// The benchmark's smoke mode through the built binary, so the bench never rots: every row is
/// measured on a 1,000-note corpus and a small set of flight pages.
@Suite struct BenchSmokeTests {
  static let storeRows = [
    "store open", "peak RSS, TUI on the store", "tag counts", "tag query", "tag AND query",
    "text search", "co-occurring tags", "TUI first frame", "TUI first frame, fresh process",
    "search keystroke, median", "search keystroke, p95", "render previews frame",
    "render 1,000-node tree", "CLI list --tag --json", "peak RSS, CLI list --tag --json",
    "CLI list --query", "CLI list --search", "peak RSS, CLI list --query",
    "peak RSS, CLI list --search", "persist one edit", "append + fsync (floor)",
    "full save (compaction)", "CLI add, median", "CLI add, max", "CLI tag merge", "CLI edit",
    "CLI tag rename", "CLI rm", "fold, longest lock hold", "CLI add during a fold, max",
    "open without an index", "peak RSS, open without an index",
    "cat of the store (floor)", "JSONDecoder RSS", "JSONDecoder decode", "raw read (floor)",
  ]
  static let flightRows = [
    "flight import", "flight import, written", "raw read of the pages", "flight import, merges",
    "flight import, merges, written",
  ]

  static let bukuRows = [
    "buku load", "buku --stag", "buku -s", "buku -s (vs --query)", "buku --deep -s",
  ]
  /// buku's script on $PATH: then the smoke run loads the corpus into it too (a pip entry
  /// point or a pyenv shim is skipped by the bench, as it cannot load buku's code).
  static let haveBuku =
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    .first { FileManager.default.isExecutableFile(atPath: "\($0)/buku") }
    .map {
      (try? String(contentsOfFile: "\($0)/buku", encoding: .utf8))?.contains("class BukuDb") == true
    }
    ?? false

  @Test func smokeModeMeasuresEveryRow() throws {
    let out = TemporaryDirectory()
    let binary = try BuiltProducts.executable("url-notes-bench")
    let result = try ProcessResult.run(
      [binary, "--smoke", "--out", out.path] + (Self.haveBuku ? ["--buku"] : []))
    #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
    let lines = result.stdoutText.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("== 1,000 notes: \(out.path)/store-1000/notes.json") })
    for row in Self.storeRows + Self.flightRows + (Self.haveBuku ? Self.bukuRows : []) {
      let line = lines.first { $0.hasPrefix(row + "  ") }
      #expect(line != nil, "no row \(row)")
      guard let line else { continue }
      // The figure column: a number with a unit, never "n/a".
      let figure = line.dropFirst(34).prefix(11).trimmingCharacters(in: .whitespaces)
      #expect(
        figure.hasSuffix(" s") || figure.hasSuffix(" ms") || figure.hasSuffix(" µs")
          || figure.hasSuffix(" MB") || figure.hasSuffix(" MB/s"),
        "\(row): \(figure)")
    }
    if Self.haveBuku {
      // buku's searches find what url-notes finds in the same corpus.
      for row in Self.bukuRows.dropFirst() {
        let line = lines.first { $0.hasPrefix(row + "  ") } ?? ""
        #expect(line.contains(" hits, as url-notes;"), "\(line)")
      }
    }
    // 30 previews per page, each a note of its own; the stamp file is not imported.
    let pages = try FileManager.default.contentsOfDirectory(atPath: out.file("flight"))
      .filter { $0.hasSuffix(".rsc.txt") }.count
    #expect(pages > 0)
    let flight = try #require(lines.first { $0.hasPrefix("flight import  ") })
    #expect(flight.contains(": \(pages * 30) notes found, 0 files failed"), "\(flight)")
    let written = try #require(lines.first { $0.hasPrefix("flight import, written  ") })
    #expect(written.contains("; \(pages * 30) notes were written; "), "\(written)")
    // The merge-heavy pages: a note shown on several pages is one note, merged once per page
    // after its first (the file joins its provenance).
    let mergePages = try FileManager.default.contentsOfDirectory(
      atPath: out.file("flight-merges")
    ).filter { $0.hasSuffix(".rsc.txt") }.count
    let merges = try #require(lines.first { $0.hasPrefix("flight import, merges  ") })
    let counts = try #require(
      merges.firstMatch(of: /: (\d+) previews: (\d+) notes, (\d+) merges, 0 files failed/))
    #expect(Int(counts.1) == mergePages * 30, "\(merges)")
    #expect(Int(counts.2)! + Int(counts.3)! == mergePages * 30, "\(merges)")
    #expect(Int(counts.3)! > mergePages * 30 / 10, "\(merges)")
    let mergesWritten = try #require(
      lines.first { $0.hasPrefix("flight import, merges, written  ") })
    #expect(mergesWritten.contains("; \(counts.2) notes were written; "), "\(mergesWritten)")
    #expect(FileManager.default.fileExists(atPath: out.file("store-1000/notes.json.index")))
    // The timed adds cross a fold of the journal, and the writes leave the corpus as it was:
    // the notes added are removed again, the renamed tag renamed back.
    let add = try #require(lines.first { $0.hasPrefix("CLI add, median  ") })
    #expect(add.contains(" made the fold due (journal "), "\(add)")
    let tags = try ProcessResult.run([
      try BuiltProducts.executable("url-notes"), "tags", "--store",
      out.file("store-1000/notes.json"),
    ])
    #expect(tags.status == 0)
    #expect(!tags.stdoutText.contains("bench added"))
    #expect(!tags.stdoutText.contains("renamed by the bench"))
    #expect(FileManager.default.fileExists(atPath: out.file("flight/pages.stamp")))
    // Pages are shaped like real ones: the root row is valid JSON (a page without a root is
    // read by another path of the importer, and the figure would not be the real pages').
    let page = try String(contentsOfFile: out.file("flight/tag-00000.rsc.txt"), encoding: .utf8)
    let root = try #require(page.split(separator: "\n").first { $0.hasPrefix("0:") })
    let tree = try JSONSerialization.jsonObject(with: Data(root.dropFirst(2).utf8))
    let route = (tree as? [String: Any])?["c"] as? [String]
    #expect(route?.count == 3 && route?[1] == "tag" && route?[2].isEmpty == false)
  }

  /// A whole-process row's peak RSS is the command's own: Linux keeps ru_maxrss across execve,
  /// so a child started straight from a bench holding 300 MB reported 300 MB for `cat`.
  @Test func aChildsPeakRSSIsItsOwnNotTheBenchs() throws {
    let binary = try BuiltProducts.executable("url-notes-bench")
    let result = try ProcessResult.run([binary, "--probe-child-rss", "300"])
    #expect(result.status == 0, "\(result.stderrText)")
    let figures = result.stdoutText.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    try #require(figures.count == 2, "\(result.stdoutText)")
    // The bench did hold the memory: else the check below proves nothing.
    #expect(figures[0] >= 300 << 20, "bench peak \(figures[0])")
    // `cat /dev/null` peaks at 1-2 MB; 32 MB is far below the bench's 300 MB either way.
    #expect(figures[1] > 0 && figures[1] < 32 << 20, "child peak \(figures[1])")
  }

  @Test func refusesUnknownArguments() throws {
    let binary = try BuiltProducts.executable("url-notes-bench")
    let result = try ProcessResult.run([binary, "--sizes", "lots"])
    #expect(result.status == 2)
    #expect(result.stderrText == "url-notes-bench: bad size lots\n")
    #expect(result.stdoutText.hasPrefix("usage: url-notes-bench"))
  }
}
