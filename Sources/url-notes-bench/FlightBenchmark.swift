import Foundation
import NoteStore

/// Import throughput: tag pages in the flight row grammar, imported by the real importer
/// (dry run into an empty store: framing, values, preview finding, notes, merging).
struct FlightBenchmark {
  let options: BenchOptions
  let corpus: CorpusGenerator
  let directory: String

  /// Writes pages until `megabytes` are reached (reused when present); returns the paths.
  func preparePages() throws -> (paths: [String], bytes: Int) {
    // Not a dump extension: an import of the directory must find only the pages.
    let stampPath = directory + "/pages.stamp"
    let stamp = "url-notes-bench flight v2 seed \(options.seed) mb \(options.flightMegabytes)\n"
    let generator = FlightPageGenerator(corpus: corpus)
    if (try? String(contentsOfFile: stampPath, encoding: .utf8)) != stamp {
      try? FileManager.default.removeItem(atPath: directory)
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      var total = 0
      var index = 0
      while total < options.flightMegabytes * 1_000_000 {
        let page = generator.page(index, previews: 30)
        let path = directory + "/tag-\(String(format: "%05d", index)).rsc.txt"
        try page.write(toFile: path, atomically: false, encoding: .utf8)
        total += page.utf8.count
        index += 1
      }
      try stamp.write(toFile: stampPath, atomically: true, encoding: .utf8)
    }
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
      .filter { $0.hasSuffix(".rsc.txt") }.sorted()
    let paths = names.map { directory + "/" + $0 }
    let bytes = paths.reduce(0) {
      $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0)
    }
    return (paths, bytes)
  }

  func run() throws -> BenchTable {
    let (paths, bytes) = try preparePages()
    let megabytes = Double(bytes) / 1e6
    let rawRead = Measure.median(runs: options.smoke ? 1 : 3) {
      for path in paths { _ = FoundationBaseline.rawRead(path: path) }
    }
    let storePath = directory + "-store/notes.json"
    var notes = 0
    var failed = 0
    var cpu: [Double] = []
    // No warm-up run: the page files were just read for the raw baseline, and an import of
    // 100 MB is long enough to time once or twice.
    let seconds = try Measure.median(runs: options.smoke ? 1 : 2, warmUp: false) {
      for suffix in ["", ".journal", ".lock", ".index"] { unlink(storePath + suffix) }
      let store = try NoteStore.open(path: storePath)
      let cpuStart = Measure.cpuTime()
      let report = try NoteImporter().importPaths([directory], into: store, dryRun: true)
      cpu.append(Measure.cpuTime() - cpuStart)
      notes = report.added + report.merged
      failed = report.failed
    }
    // The same import written to disk, as a user runs it (no target of its own: issue 5's
    // import target, three times jq's parse rate, is the row above; README says both): `url-notes import` as a whole
    // process into an empty store (journal appends of up to 4,096 notes, each made durable,
    // then one fold into a new snapshot and index). A fresh process also keeps the dry runs'
    // leftovers (freed on a background thread) out of the figure.
    let cli = ChildProcess.executableDirectory + "/url-notes"
    var writtenRuns: [ChildProcess.Result] = []
    if access(cli, X_OK) == 0 {
      for _ in 0..<(options.smoke ? 1 : 3) {
        for suffix in ["", ".journal", ".lock", ".index"] { unlink(storePath + suffix) }
        writtenRuns.append(
          ChildProcess.run(
            [cli, "import", "--store", storePath, directory], capture: true))
      }
    }
    let writtenOK = !writtenRuns.isEmpty && writtenRuns.allSatisfy { $0.status == 0 }
    let writtenSeconds = Measure.median(writtenRuns.map(\.seconds))
    let summary = writtenRuns.last?.output.split(separator: "\n").last.map(String.init) ?? ""
    var table = BenchTable(
      title:
        "== flight import: \(paths.count) tag pages, \(String(format: "%.1f", megabytes)) MB ==",
      rawRead: rawRead, decoder: nil, decoderRSS: nil)
    table.add(
      "flight import", megabytes / seconds, .megabytesPerSecond,
      "NoteImporter dry run: \(notes) notes found, \(failed) files failed, "
        + String(
          format: "%.2f s; cpu %.2f s = %.0f MB/s", seconds, Measure.median(cpu),
          megabytes / Measure.median(cpu)),
      target: .init(limit: 150, atLeast: true, text: "≥ 150 MB/s"))
    table.add(
      "flight import, written", writtenOK ? megabytes / writtenSeconds : nil, .megabytesPerSecond,
      writtenOK
        ? "url-notes import into an empty store, whole process: \(summary); "
          + String(
            format: "%.2f s; cpu %.2f s", writtenSeconds,
            Measure.median(writtenRuns.map(\.cpuSeconds)))
        : "url-notes not built beside the bench, or its import failed")
    table.add(
      "raw read of the pages", megabytes / rawRead, .megabytesPerSecond,
      "read(2) of every page file (the floor)")
    return table
  }
}
