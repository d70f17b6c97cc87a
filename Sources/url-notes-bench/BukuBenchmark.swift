import Foundation
import NoteStore

/// The peer: the same corpus in buku's database (written through buku's own `add_rec`, see
/// `BukuLoader`), its searches timed as whole processes beside `url-notes list` with the same
/// tag and word, and their hit counts checked against ours.
struct BukuBenchmark {
  let options: BenchOptions
  let store: StoreBenchmark

  /// `measured`: the store table, whose CLI rows are compared with buku's.
  func run(beside measured: BenchTable) -> BenchTable {
    var table = BenchTable(
      title: "-- buku, same corpus (\(BenchTable.grouped(store.size)) notes) --", rawRead: 0,
      decoder: nil,
      decoderRSS: nil)
    guard let buku = ChildProcess.which("buku"), BukuLoader.isScript(buku) else {
      table.add("buku", nil, .seconds, "buku is not installed (apt-get install buku): skipped")
      return table
    }
    let cli = ChildProcess.executableDirectory + "/url-notes"
    guard access(cli, X_OK) == 0 else {
      table.add("buku", nil, .seconds, "url-notes is not built beside the bench: skipped")
      return table
    }
    guard let opened = try? NoteStore.open(path: store.storePath) else { return table }
    let loader = BukuLoader(buku: buku, home: store.directory + "/buku")
    let loadedHow = "corpus put into buku's SQLite database by its own add_rec (as buku -i)"
    if loader.isLoaded {
      table.add("buku load", nil, .seconds, "reused: \(loadedHow)")
    } else {
      switch loader.load(opened) {
      case .failure(let error):
        table.add("buku load", nil, .seconds, error.message)
        return table
      case .success(let loaded):
        table.add(
          "buku load", loaded.buku, .seconds,
          "\(loadedHow), \(BenchTable.grouped(loaded.added)) bookmarks; rows written in "
            + String(format: "%.2f s", loaded.rows))
      }
    }
    let tag = StoreBenchmark.queryTags(opened.tagCounts(), size: store.size).0.tag
    let word = Vocabulary.searchWord
    let ours = (
      tag: opened.noteIDs(matching: NoteFilter(allTags: [tag])).count,
      word: opened.noteIDs(matching: NoteFilter(text: word)).count
    )
    let theirs = loader.hitCounts(tag: tag, word: word)
    func hits(_ count: Int?, _ our: Int) -> String {
      guard let count else { return "hits n/a" }
      return count == our ? "\(count) hits, as url-notes" : "\(count) hits, url-notes \(our) DIFFER"
    }
    let runs = options.smoke ? 1 : 3
    func timed(_ arguments: [String]) -> Double? {
      ChildProcess.median(
        [buku, "--nostdin", "--np"] + arguments, runs: runs, environment: loader.environment)?
        .wall
    }
    let cliTag = measured.value(of: "CLI list --tag --json")
    let cliSearch = measured.value(of: "CLI list --search")
    let cliQuery = measured.value(of: "CLI list --query")
    let stag = timed(["--stag", tag])
    let search = timed(["-s", word])
    let deep = timed(["--deep", "-s", word])
    table.add(
      "buku --stag", stag, .seconds,
      "tag \"\(tag)\", \(hits(theirs?.tag, ours.tag)); url-notes list --tag --json is "
        + "\(Self.ratio(cliTag, stag)) of it",
      target: stag.map { .init(limit: $0 / 4, text: "CLI ≤ ¼") }, checked: cliTag)
    table.add(
      "buku -s", search, .seconds,
      "word \"\(word)\", \(hits(theirs?.word, ours.word)); url-notes list --search is "
        + "\(Self.ratio(cliSearch, search)) of it",
      target: search.map { .init(limit: $0 / 10, text: "CLI ≤ 1/10") }, checked: cliSearch)
    table.add(
      "buku -s (vs --query)", search, .seconds,
      "word \"\(word)\", \(hits(theirs?.word, ours.word)); url-notes list --query (ranked) is "
        + "\(Self.ratio(cliQuery, search)) of it",
      target: search.map { .init(limit: $0 / 10, text: "CLI ≤ 1/10") }, checked: cliQuery)
    // The common word: thousands of hits (`Vocabulary.commonWord`).
    let common = store.corpus.vocabulary.commonWord
    let commonOurs = opened.noteIDs(matching: NoteFilter(text: common)).count
    let commonTheirs = loader.hitCounts(tag: tag, word: common)
    let commonSearch = timed(["-s", common])
    let cliCommonSearch = measured.value(of: "CLI list --search, common word")
    let cliCommonQuery = measured.value(of: "CLI list --query, common word")
    table.add(
      "buku -s, common word", commonSearch, .seconds,
      "word \"\(common)\", \(hits(commonTheirs?.word, commonOurs)); url-notes list --search is "
        + "\(Self.ratio(cliCommonSearch, commonSearch)) of it",
      target: commonSearch.map { .init(limit: $0 / 10, text: "CLI ≤ 1/10") },
      checked: cliCommonSearch)
    table.add(
      "buku -s, common (vs --query)", commonSearch, .seconds,
      "word \"\(common)\"; url-notes list --query (ranked) is "
        + "\(Self.ratio(cliCommonQuery, commonSearch)) of it",
      target: commonSearch.map { .init(limit: $0 / 10, text: "CLI ≤ 1/10") },
      checked: cliCommonQuery)
    table.add(
      "buku --deep -s", deep, .seconds,
      "substring, \(hits(theirs?.deep, ours.word)); url-notes list --search is "
        + "\(Self.ratio(cliSearch, deep)) of it",
      target: deep.map { .init(limit: $0, text: "CLI faster") }, checked: cliSearch)
    return table
  }

  static func ratio(_ ours: Double?, _ theirs: Double?) -> String {
    guard let ours, let theirs, theirs > 0 else { return "n/a" }
    return String(format: "%.2f×", ours / theirs)
  }
}
