import Foundation
import NoteStore

/// The peer: the same corpus loaded into buku (through its import of the Netscape bookmark
/// file `url-notes export --format netscape` writes), its searches timed as whole processes
/// beside `url-notes list` with the same tag and word.
struct BukuBenchmark {
  let options: BenchOptions
  let store: StoreBenchmark

  func run() -> BenchTable {
    var table = BenchTable(
      title: "-- buku, same corpus (\(BenchTable.grouped(store.size)) notes) --", rawRead: 0,
      decoder: nil,
      decoderRSS: nil)
    guard let buku = ChildProcess.which("buku") else {
      table.add("buku", nil, .seconds, "buku is not installed (apt-get install buku): skipped")
      return table
    }
    let cli = ChildProcess.executableDirectory + "/url-notes"
    guard access(cli, X_OK) == 0 else {
      table.add("buku", nil, .seconds, "url-notes is not built beside the bench: skipped")
      return table
    }
    let home = store.directory + "/buku"
    let environment = ["XDG_DATA_HOME": home]
    let database = home + "/buku/bookmarks.db"
    var loaded: Double?
    if access(database, R_OK) != 0 {
      try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
      let html = store.directory + "/bookmarks.html"
      _ = ChildProcess.run(
        [cli, "export", "--store", store.storePath, "--format", "netscape"], outputPath: html)
      let answers = home + "/answers.txt"
      try? String(repeating: "n\n", count: 20).write(
        toFile: answers, atomically: true, encoding: .utf8)
      let result = ChildProcess.run(
        [buku, "--nostdin", "--tacit", "-i", html], stdinPath: answers, environment: environment)
      guard result.status == 0 else {
        table.add("buku import", nil, .seconds, "buku -i failed (status \(result.status))")
        return table
      }
      loaded = result.seconds
    }
    guard let opened = try? NoteStore.open(path: store.storePath) else { return table }
    let tag = StoreBenchmark.queryTags(opened.tagCounts(), size: store.size).0.tag
    let runs = options.smoke ? 1 : 3
    func timed(_ arguments: [String]) -> Double? {
      ChildProcess.medianSeconds(
        [buku, "--nostdin", "--np"] + arguments, runs: runs, environment: environment)
    }
    if let loaded {
      table.add("buku import", loaded, .seconds, "buku -i of the exported Netscape file (once)")
    }
    table.add("buku --stag", timed(["--stag", tag]), .seconds, "tag \"\(tag)\", whole process")
    table.add("buku -s", timed(["-s", Vocabulary.searchWord]), .seconds, "word, whole process")
    table.add(
      "buku --deep -s", timed(["--deep", "-s", Vocabulary.searchWord]), .seconds,
      "substring, whole process")
    return table
  }
}
