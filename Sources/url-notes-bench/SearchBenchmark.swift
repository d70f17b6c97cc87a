import Foundation
import NoteStore
import NotesTUI
import TerminalCore

/// The first screen's search (issue 13), beside the store table's keystroke rows: what `/`
/// costs before the first key, each query prefix searched with nothing to reuse (what a
/// Backspace past the searcher's recent results costs), and one frame of the results.
struct SearchBenchmark {
  let options: BenchOptions
  let store: StoreBenchmark

  /// The queries the store table's keystroke rows type, one character at a time.
  static let queries = ["kaloster", "quixotry", "kalo ster", "site:exam !quix"]

  func run(_ opened: NoteStore) -> BenchTable {
    var table = BenchTable(
      title: "-- first screen's search, \(BenchTable.grouped(store.size)) notes --", rawRead: 0,
      decoder: nil, decoderRSS: nil)
    let runs = options.runs(7, size: store.size)
    table.add(
      "search tables (idle)",
      Measure.median(runs: runs) { NoteSearcher(store: opened).prepare() }, .seconds,
      "NoteSearcher.prepare(): every header, tag slots, list order; the browser builds them "
        + "at its first idle moment (250 ms without a key)")
    for prepared in [true, false] {
      var times: [Double] = []
      for _ in 0..<(runs + 1) {
        var app = App(store: opened, size: TUIScenarios.size, colorMode: .color)
        if prepared { app.searcher.prepare() }
        times.append(
          Measure.time {
            _ = app.handle(.character("/"))
            _ = app.render()
          })
      }
      table.add(
        prepared ? "search open (/)" : "search open (/) before idle",
        Measure.median(Array(times.dropFirst())), .seconds,
        prepared
          ? "the / key once the tables are built: every note listed, first frame"
          : "the / key typed within 250 ms of start: builds the tables first",
        target: prepared ? .init(limit: 0.016, text: "≤ 16 ms") : nil)
    }

    let scratch = fromScratch(opened)
    table.addKeystrokeLatencies(
      "search from scratch", scratch,
      median: "each prefix of the typed queries on a new searcher (nothing to narrow or reuse): "
        + "search + tags + ranking, \(scratch.count) queries",
      p95: "the same queries, 95th percentile (a Backspace after the recent results are gone)")

    var app = TUIScenarios.filtering(opened)
    for character in "kalo" { _ = app.handle(.character(character)) }
    table.add(
      "render search frame", Measure.median(runs: runs) { _ = app.render() }, .seconds,
      "render() of the results of /kalo: tag rows and note previews, \(TUIScenarios.size)")
    return table
  }

  /// Seconds per query prefix, each on a searcher that has run only the empty query (its
  /// tables built, as after `/`), so nothing narrows or is cached.
  func fromScratch(_ opened: NoteStore) -> [Double] {
    var times: [Double] = []
    for query in Self.queries.prefix(options.smoke ? 1 : Self.queries.count) {
      for length in 1...query.count {
        guard let parsed = try? QueryParser.parse(String(query.prefix(length))) else { continue }
        let searcher = NoteSearcher(store: opened)
        _ = searcher.ranked(matching: Query(), order: .created)
        times.append(
          Measure.time {
            _ = searcher.matchingTags(parsed).prefix(5)
            _ = searcher.ranked(matching: parsed, order: .relevance)
          })
      }
    }
    return times
  }
}

extension SearchBenchmark {
  /// `--probe-search PATH QUERY…`: opens the store, builds the search's tables (as the
  /// browser does when idle), presses `/`, types each query a character at a time and erases
  /// it with Backspace, as the browser runs keys (`NotesBrowser.searchSlice`), printing for
  /// each key the wall and CPU milliseconds to its first redraw (key handling, titles, tags
  /// and URLs, one slice of summaries and bodies, the redraw) and to complete results (the
  /// slices between keys, a redraw after each): the per-key view behind the table's medians,
  /// for finding the slow key. CPU time is the steadier figure on a shared machine.
  static func probe(path: String, queries: [String]) throws {
    let store = try NoteStore.open(path: path)
    var app = App(store: store, size: TUIScenarios.size, colorMode: .color)
    app.searchBudget = SearchBudget(duration: NotesBrowser.searchSlice)
    func figures(_ wall: Double, _ cpu: Double) -> String {
      String(format: "%9.2f ms wall %9.2f ms cpu", wall * 1e3, cpu * 1e3)
    }
    func timed(_ label: String, _ key: Key) {
      let cpu = Measure.cpuTime()
      let wall = Measure.time {
        _ = app.handle(key)
        _ = app.render()
      }
      let firstCPU = Measure.cpuTime() - cpu
      var slices = 0
      let rest = Measure.time {
        while app.isSearching {
          app.continueSearch()
          _ = app.render()
          slices += 1
        }
      }
      let line = label.padding(toLength: 24, withPad: " ", startingAt: 0) + figures(wall, firstCPU)
      print(
        line + "   complete" + figures(wall + rest, Measure.cpuTime() - cpu)
          + " (\(slices) slices)")
    }
    let cpu = Measure.cpuTime()
    let wall = Measure.time { app.searcher.prepare() }
    print(
      "prepare (idle)".padding(toLength: 24, withPad: " ", startingAt: 0)
        + figures(wall, Measure.cpuTime() - cpu))
    timed("/", .character("/"))
    for query in queries {
      var typed = ""
      for character in query {
        typed.append(character)
        timed("type " + typed, .character(character))
      }
      while !typed.isEmpty {
        typed.removeLast()
        timed("erase to " + typed, .backspace)
      }
      _ = app.handle(.character("/"))
    }
  }
}
