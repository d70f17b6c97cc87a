import Foundation

/// Command line of `url-notes-bench` (parsed by hand: the bench has no ArgumentParser).
struct BenchOptions {
  var sizes = [1_000, 10_000, 100_000]
  var smoke = false
  var buku = false
  var out: String?
  var seed: UInt64 = 20_261_121
  /// Megabytes of flight pages for the import figure.
  var flightMegabytes = 100
  /// Megabytes of flight pages whose notes repeat across pages, for the written import.
  var flightMergesMegabytes = 400

  static let usage = """
    usage: url-notes-bench [--sizes 1k,10k,100k] [--smoke] [--buku] [--out DIR] [--seed N]
                           [--flight-mb N] [--flight-merges-mb N]
      --sizes     store sizes in notes (k = thousand, m = million) (default 1k,10k,100k);
                  1m writes a 2.2 GB store (minutes, once per --out directory) and
                  checks issue 16's targets, as ratios to `cat` of the store
      --smoke     1k notes, 2 MB of each kind of flight pages, fewer runs: every row, in seconds
      --buku      also load each corpus into buku and time its searches (if installed)
      --out DIR   where corpora go (reused when present; default a new temporary directory)
      --seed N    corpus seed                                    (default 20261121)
      --flight-mb megabytes of flight pages for the import figure (default 100)
      --flight-merges-mb  megabytes of flight pages whose notes repeat across pages (23% of
                  the previews show a note an earlier page showed, as on the real site), for
                  the written import's figure                   (default 400)
    """

  static func parse(_ arguments: [String]) throws -> BenchOptions {
    var options = BenchOptions()
    var sizesGiven = false
    var flightGiven = false
    var mergesGiven = false
    var index = 0
    func value() throws -> String {
      index += 1
      guard index < arguments.count else {
        throw UsageError("\(arguments[index - 1]) needs a value")
      }
      return arguments[index]
    }
    while index < arguments.count {
      switch arguments[index] {
      case "--sizes":
        options.sizes = try value().split(separator: ",").map { try parseCount(String($0)) }
        sizesGiven = true
      case "--smoke": options.smoke = true
      case "--buku": options.buku = true
      case "--out": options.out = try value()
      case "--seed":
        guard let seed = UInt64(try value()) else { throw UsageError("--seed needs a number") }
        options.seed = seed
      case "--flight-mb":
        guard let megabytes = Int(try value()), megabytes > 0 else {
          throw UsageError("--flight-mb needs a positive number")
        }
        options.flightMegabytes = megabytes
        flightGiven = true
      case "--flight-merges-mb":
        guard let megabytes = Int(try value()), megabytes > 0 else {
          throw UsageError("--flight-merges-mb needs a positive number")
        }
        options.flightMergesMegabytes = megabytes
        mergesGiven = true
      case "-h", "--help": throw UsageError(nil)
      default: throw UsageError("unknown argument \(arguments[index])")
      }
      index += 1
    }
    if options.smoke {
      if !sizesGiven { options.sizes = [1_000] }
      if !flightGiven { options.flightMegabytes = 2 }
      if !mergesGiven { options.flightMergesMegabytes = 2 }
    }
    return options
  }

  static func parseCount(_ text: String) throws -> Int {
    let lower = text.lowercased()
    let multiplier = lower.hasSuffix("k") ? 1_000 : lower.hasSuffix("m") ? 1_000_000 : 1
    let digits = multiplier == 1 ? lower : String(lower.dropLast())
    guard let number = Int(digits), number > 0 else { throw UsageError("bad size \(text)") }
    return number * multiplier
  }

  /// Timed repetitions: fewer in smoke mode and for large stores.
  func runs(_ normal: Int, size: Int) -> Int {
    if smoke { return 1 }
    return size >= 100_000 ? max(3, normal / 2) : normal
  }

  struct UsageError: Error {
    var message: String?
    init(_ message: String?) { self.message = message }
  }
}
