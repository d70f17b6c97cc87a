import Foundation
import NoteStore

/// `url-notes-bench`: builds deterministic corpora and prints the figures of issue 5 beside
/// same-run baselines. See `BenchOptions.usage`.
@main
struct URLNotesBench {
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    do {
      if arguments.first == "--probe-open", arguments.count == 2 {
        return try Probe.open(path: arguments[1])
      }
      if arguments.first == "--probe-decode", arguments.count == 3 {
        return try Probe.decode(path: arguments[1], runs: Int(arguments[2]) ?? 1)
      }
      if arguments.first == "--probe-child-rss", arguments.count == 2,
        let megabytes = Int(arguments[1])
      {
        return Probe.childRSS(megabytes: megabytes)
      }
      if arguments.first == "--probe-search", arguments.count >= 3 {
        return try SearchBenchmark.probe(
          path: arguments[1], queries: Array(arguments.dropFirst(2)))
      }
      let options = try BenchOptions.parse(arguments)
      try run(options)
    } catch let error as BenchOptions.UsageError {
      if let message = error.message {
        FileHandle.standardError.write(Data("url-notes-bench: \(message)\n".utf8))
      }
      emit(BenchOptions.usage)
      exit(error.message == nil ? 0 : 2)
    } catch {
      FileHandle.standardError.write(Data("url-notes-bench: \(error)\n".utf8))
      exit(1)
    }
  }

  static func run(_ options: BenchOptions) throws {
    let out = options.out ?? NSTemporaryDirectory() + "url-notes-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    emit("url-notes-bench: corpora in \(out); seed \(options.seed); warm cache; times are medians")
    let corpus = CorpusGenerator(seed: options.seed)
    for size in options.sizes {
      let benchmark = StoreBenchmark(
        options: options, corpus: corpus, size: size, directory: out + "/store-\(size)")
      let table = try benchmark.run()
      emit(table.render())
      emit(
        SearchBenchmark(options: options, store: benchmark).run(
          try NoteStore.open(path: benchmark.storePath)
        ).render())
      if options.buku {
        emit(BukuBenchmark(options: options, store: benchmark).run(beside: table).render())
      }
      emit("")
    }
    let flight = FlightBenchmark(
      options: options, corpus: corpus, directory: out + "/flight",
      megabytes: options.flightMegabytes)
    emit(try flight.run().render())
    emit("")
    let merges = FlightBenchmark(
      options: options, corpus: corpus, directory: out + "/flight-merges",
      megabytes: options.flightMergesMegabytes, repeatPercent: FlightBenchmark.repeatPercent)
    emit(try merges.run().render())
    if options.out == nil && options.smoke { try? FileManager.default.removeItem(atPath: out) }
  }

  /// Writes a line to stdout at once (unbuffered, so progress shows when piped).
  static func emit(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
  }
}
