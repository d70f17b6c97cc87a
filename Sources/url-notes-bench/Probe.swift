import Foundation

/// Measurements that need a fresh process (peak RSS is a high-water mark for the whole
/// process): the bench runs itself with `--probe-…` and reads one line of numbers back.
enum Probe {
  /// `--probe-open PATH`: open the store, build the TUI, draw its first frame; prints
  /// "seconds peak-rss-bytes".
  static func open(path: String) throws {
    let seconds = try Measure.time { _ = try TUIScenarios.firstFrame(path: path) }
    print(seconds, Measure.peakRSS())
  }

  /// `--probe-decode PATH RUNS`: JSONDecoder on the whole store; prints
  /// "median-seconds peak-rss-bytes notes".
  static func decode(path: String, runs: Int) throws {
    var count = 0
    let seconds = try Measure.median(runs: runs, warmUp: false) {
      count = try FoundationBaseline.decode(path: path)
    }
    print(seconds, Measure.peakRSS(), count)
  }

  /// `--probe-child-rss MEGABYTES`: holds MEGABYTES of touched memory while a tiny command
  /// (`cat /dev/null`) runs through `ChildProcess.run`; prints "own-peak-rss child-peak-rss"
  /// (bytes). The child's figure must be its own, not this process's (see `ChildProcess.run`).
  static func childRSS(megabytes: Int) {
    let count = megabytes << 20
    let block = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 4096)
    defer { block.deallocate() }
    // Every page written, so it is resident (an untouched allocation is not).
    for offset in stride(from: 0, to: count, by: 4096) {
      block.storeBytes(of: 1, toByteOffset: offset, as: UInt8.self)
    }
    let child = ChildProcess.run([ChildProcess.which("cat") ?? "/bin/cat", "/dev/null"])
    withExtendedLifetime(block) {
      print(Measure.peakRSS(), child.peakRSS.isNaN ? -1 : Int(child.peakRSS))
    }
  }

  /// Runs a probe in a child process: its numbers, then the child's whole CPU time (from
  /// wait4) and its wall time as a whole process; nil if it failed.
  static func run(_ arguments: [String]) -> [Double]? {
    let me = ChildProcess.executableDirectory + "/url-notes-bench"
    let result = ChildProcess.run([me] + arguments, capture: true, showErrors: true)
    guard result.status == 0 else { return nil }
    let numbers = result.output.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
    return numbers.isEmpty ? nil : numbers + [result.cpuSeconds, result.seconds]
  }
}
