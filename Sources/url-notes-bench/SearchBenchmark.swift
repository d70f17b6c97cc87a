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
    // The browser builds the tables in slices between keys: its longest step is the longest
    // a key can wait for the build (beyond the slice it interrupts).
    var longestStep = 0.0
    for _ in 0..<runs {
      let searcher = NoteSearcher(store: opened)
      var built = false
      while !built {
        longestStep = max(
          longestStep,
          Measure.time { built = searcher.prepare(within: SearchBudget(duration: .zero)) })
      }
    }
    table.add(
      "search tables, longest step", longestStep, .seconds,
      "the longest step of that build (4,096 headers, 262,144 tag postings, a 16,384-note sort run or a "
        + "65,536-note merge): the browser builds in \(StoreBenchmark.sliceText) slices")
    for prepared in [true, false] {
      var times: [Double] = []
      var complete: [Double] = []
      for _ in 0..<(runs + 1) {
        var app = App(store: opened, size: TUIScenarios.size, colorMode: .color)
        app.searchBudget = SearchBudget(duration: NotesBrowser.searchSlice)
        if prepared { app.searcher.prepare() }
        let timed = app.timedKey(.character("/"))
        times.append(timed.first)
        complete.append(timed.complete)
      }
      table.add(
        prepared ? "search open (/)" : "search open (/) before tables",
        Measure.median(Array(times.dropFirst())), .seconds,
        prepared
          ? "the / key once the tables are built: every note listed, first frame"
          : "the / key before the tables are built: first frame (empty, building), then "
            + "every note listed after "
            + String(format: "%.0f ms", Measure.median(Array(complete.dropFirst())) * 1e3)
            + " of slices",
        target: .init(limit: 0.016, text: "≤ 16 ms"))
    }

    // In one go, as the CLI searches: what a key's search costs in all when nothing can be
    // reused. No per-key target here: the browser spreads this over slices between keys (the
    // keystroke rows above are its per-key figures).
    let scratch = fromScratch(opened)
    table.add(
      "one-go search, median", Measure.median(scratch), .seconds,
      "each prefix of the typed queries on a new searcher (nothing to narrow or reuse), "
        + "searched in one call: search + tags + ranking, \(scratch.count) queries")
    table.add(
      "one-go search, p95", Measure.percentile(scratch, 0.95), .seconds,
      "the same queries, 95th percentile")

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
  /// `--probe-search PATH QUERY…`: opens the store, presses `/` before the search's tables
  /// are built (first frame, then slices until every note is listed), builds them in steps
  /// (as the browser does when idle) on a second app, presses `/`, types each query a character at a time and erases
  /// it with Backspace, as the browser runs keys (`NotesBrowser.searchSlice`), printing for
  /// each key the wall and CPU milliseconds to its first redraw (key handling, titles, tags
  /// and URLs, one slice of summaries and bodies, the redraw) and to complete results (the
  /// slices between keys, a redraw after each): the per-key view behind the table's medians,
  /// for finding the slow key. CPU time is the steadier figure on a shared machine.
  static func probe(path: String, queries: [String]) throws {
    let store = try NoteStore.open(path: path)
    func figures(_ wall: Double, _ cpu: Double) -> String {
      String(format: "%9.2f ms wall %9.2f ms cpu", wall * 1e3, cpu * 1e3)
    }
    /// One key as the browser runs it: its first redraw, then slices until results are complete.
    func timed(_ label: String, _ key: Key, on app: inout App) {
      let cpu = Measure.cpuTime()
      var firstCPU = 0.0
      let timed = app.timedKey(key) { firstCPU = Measure.cpuTime() - cpu }
      let line =
        label.padding(toLength: 24, withPad: " ", startingAt: 0) + figures(timed.first, firstCPU)
      print(
        line + "   complete" + figures(timed.complete, Measure.cpuTime() - cpu)
          + " (\(timed.slices) slices)")
    }
    // `/` before the tables are built: the first frame, and every note listed after slices.
    var early = App(store: store, size: TUIScenarios.size, colorMode: .color)
    early.searchBudget = SearchBudget(duration: NotesBrowser.searchSlice)
    timed("/ before the tables", .character("/"), on: &early)
    var app = App(store: store, size: TUIScenarios.size, colorMode: .color)
    app.searchBudget = SearchBudget(duration: NotesBrowser.searchSlice)
    func timed(_ label: String, _ key: Key) { timed(label, key, on: &app) }
    // The tables as the browser builds them while idle: a step per call here, for the
    // longest step (the longest a key waits for the build, beyond its slice).
    var longest = 0.0
    var steps = 0
    var built = false
    let cpu = Measure.cpuTime()
    let wall = Measure.time {
      while !built {
        longest = max(
          longest,
          Measure.time { built = app.searcher.prepare(within: SearchBudget(duration: .zero)) })
        steps += 1
      }
    }
    print(
      "prepare (idle)".padding(toLength: 24, withPad: " ", startingAt: 0)
        + figures(wall, Measure.cpuTime() - cpu)
        + String(format: "   %d steps, longest %.2f ms wall", steps, longest * 1e3))
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
    }
  }
}
