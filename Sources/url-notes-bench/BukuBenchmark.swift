import Foundation
import NoteStore

/// The peer: the same corpus loaded into buku (through its import of the Netscape bookmark
/// file `url-notes export --format netscape` writes), its searches timed as whole processes
/// beside `url-notes list` with the same tag and word.
struct BukuBenchmark {
  let options: BenchOptions
  let store: StoreBenchmark

  /// `measured`: the store table, whose CLI rows are compared with buku's.
  func run(beside measured: BenchTable) -> BenchTable {
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
      // Every prompt answered "n" (no auto-tag, no folder names as tags). Not --tacit: it
      // answers "yes" to folder tags, and buku then walks the whole document per bookmark.
      let answers = home + "/answers.txt"
      try? String(repeating: "n\n", count: 20).write(
        toFile: answers, atomically: true, encoding: .utf8)
      let result = ChildProcess.run(
        [buku, "--nostdin", "-i", html], stdinPath: answers, environment: environment)
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
      ChildProcess.median(
        [buku, "--nostdin", "--np"] + arguments, runs: runs, environment: environment)?.wall
    }
    if let loaded {
      table.add("buku import", loaded, .seconds, "buku -i of the exported Netscape file (once)")
    }
    let cliTag = measured.value(of: "CLI list --tag --json")
    let cliSearch = measured.value(of: "CLI list --search")
    let stag = timed(["--stag", tag])
    let search = timed(["-s", Vocabulary.searchWord])
    let deep = timed(["--deep", "-s", Vocabulary.searchWord])
    table.add(
      "buku --stag", stag, .seconds,
      "tag \"\(tag)\"; url-notes list --tag --json is \(Self.ratio(cliTag, stag)) of it",
      target: stag.map { .init(limit: $0 / 4, text: "CLI ≤ ¼") }, checked: cliTag)
    table.add(
      "buku -s", search, .seconds,
      "word; url-notes list --search is \(Self.ratio(cliSearch, search)) of it",
      target: search.map { .init(limit: $0 / 10, text: "CLI ≤ 1/10") }, checked: cliSearch)
    table.add(
      "buku --deep -s", deep, .seconds,
      "substring; url-notes list --search is \(Self.ratio(cliSearch, deep)) of it",
      target: deep.map { .init(limit: $0, text: "CLI faster") }, checked: cliSearch)
    return table
  }

  static func ratio(_ ours: Double?, _ theirs: Double?) -> String {
    guard let ours, let theirs, theirs > 0 else { return "n/a" }
    return String(format: "%.2f×", ours / theirs)
  }
}
