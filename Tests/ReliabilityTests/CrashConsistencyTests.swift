import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// SIGKILL at random moments while `store-torture run` saves in a loop on a 10,000-note store:
/// edits, adds, deletes, batches of up to 31 changes in one `apply`, imports of bookmark
/// dumps through `NoteImporter`, and compactions. After every kill the next run opens the
/// store, passes `checkInvariants()` and reports the fingerprint of its notes, which must be
/// the state before or after the change the log shows under way — never a mix, never less.
///
/// Two chains run side by side (one per core), each `URL_NOTES_KILLS / 2` kills (default 200
/// in all); `URL_NOTES_KILLS=1000` is the long mode.
@Suite struct CrashConsistencyTests {
  static let totalKills =
    ProcessInfo.processInfo.environment["URL_NOTES_KILLS"].flatMap(Int.init) ?? 200
  static let notes = 10_000

  @Test(arguments: [UInt64(11), 29])
  func killedSavesLeaveTheStateBeforeOrAfter(seed: UInt64) throws {
    let harness = try BuiltProducts.executable("store-torture")
    let directory = TemporaryDirectory()
    let store = directory.file("notes.json")
    try FileManager.default.createDirectory(
      atPath: directory.file("work"), withIntermediateDirectories: true)
    let generated = try ProcessResult.run([
      harness, "generate", "--store", store, "--notes", "\(Self.notes)", "--seed", "\(seed)",
    ])
    try #require(generated.status == 0, "\(generated.stderrText)")
    #expect(generated.stdoutText == "generated 10000 notes\n")

    var random = SystemRandomNumberGenerator()
    var expected: Set<String>? = nil  // fingerprints the store may have now
    var nextChange = 0
    var outcomes: [String: Int] = [:]
    let kills = Self.totalKills / 2
    for kill in 0..<kills {
      let log = directory.file("log-\(kill)")
      let run = try HarnessRun(
        [
          harness, "run", "--store", store, "--log", log, "--work", directory.file("work"),
          "--seed", "\(seed)", "--first", "\(nextChange)", "--verify",
        ])
      let ready = run.firstLine()
      guard ready.hasPrefix("ready ") else {
        run.kill()
        Issue.record("kill \(kill - 1) left a store that fails its check: \(ready) \(run.errors())")
        return
      }
      let fingerprint = String(ready.dropFirst("ready ".count))
      if let expected {
        try #require(
          expected.contains(fingerprint),
          "after kill \(kill - 1) the store is \(fingerprint), expected one of \(expected.sorted())"
        )
      }
      if kill % 4 == 3 {
        // Imports spend most of their time planning on a scratch copy, so a kill at a random
        // moment almost never lands in the import's own write: wait for one to begin.
        _ = run.line(startingWith: "begin ", timeoutSeconds: 5)
        usleep(UInt32.random(in: 0..<40_000, using: &random))
      } else {
        // Within the first ~150 ms of saving: a change takes a few ms to some 100 ms here.
        usleep(UInt32.random(in: 0..<150_000, using: &random))
      }
      run.kill()

      let entries = HarnessLog(path: log)
      if let begun = entries.unfinished {
        expected = [begun.before, begun.after]
        outcomes["during " + begun.kind, default: 0] += 1
      } else if let last = entries.lastEnd {
        expected = [last.fingerprint]
        outcomes[
          entries.lastPlanned == last.change ? "between changes" : "planning a change", default: 0] +=
          1
      } else {
        expected = [fingerprint]
        outcomes[
          entries.lastPlanned == nil ? "before the first change" : "planning a change", default: 0] +=
          1
      }
      nextChange = (entries.lastPlanned ?? nextChange - 1) + 1
    }
    let check = try ProcessResult.run([harness, "check", "--store", store])
    #expect(check.status == 0, "\(check.stderrText)")
    #expect(expected?.contains(String(check.stdoutText.dropFirst("ok ".count).dropLast())) == true)
    // Enough of the kills must land inside changes for the run to prove anything.
    let during = outcomes.filter { $0.key.hasPrefix("during") }.values.reduce(0, +)
    #expect(during >= kills / 4, "kills by moment: \(outcomes)")
    print(
      "crash chain seed \(seed): \(kills) kills, \(nextChange) changes; by moment: \(outcomes.sorted { $0.key < $1.key })"
    )
  }
}

/// A running `store-torture run`, to be killed.
final class HarnessRun {
  let process = Process()
  let output = Pipe()
  let errorOutput = Pipe()

  init(_ arguments: [String]) throws {
    process.executableURL = URL(fileURLWithPath: arguments[0])
    process.arguments = Array(arguments.dropFirst())
    process.standardOutput = output
    process.standardError = errorOutput
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  /// The first line the harness prints ("ready FINGERPRINT", or why it could not start).
  func firstLine() -> String {
    var bytes: [UInt8] = []
    while !bytes.contains(0x0A) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      bytes += chunk
    }
    return String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
  }

  /// Reads output lines until one starts with `prefix` (nil after `timeoutSeconds`).
  func line(startingWith prefix: String, timeoutSeconds: Double) -> String? {
    let deadline = Date().addingTimeInterval(timeoutSeconds)
    var pending = ""
    while Date() < deadline {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { return nil }
      pending += String(decoding: chunk, as: UTF8.self)
      for line in pending.split(separator: "\n") where line.hasPrefix(prefix) {
        return String(line)
      }
      pending = String(pending.split(separator: "\n", omittingEmptySubsequences: false).last ?? "")
    }
    return nil
  }

  func errors() -> String {
    String(decoding: errorOutput.fileHandleForReading.availableData, as: UTF8.self)
  }

  func kill() {
    Glibc.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

/// The harness's durable log: `begin K KIND BEFORE AFTER` and `end K AFTER` lines; an
/// incomplete last line (the kill landed inside the log write) is ignored.
struct HarnessLog {
  struct Begin {
    var change: Int
    var kind: String
    var before: String
    var after: String
  }
  var unfinished: Begin?
  var lastEnd: (change: Int, fingerprint: String)?
  var lastPlanned: Int?

  init(path: String) {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    lines.removeLast()  // after the last newline: empty, or a torn line
    for line in lines {
      let fields = line.split(separator: " ").map(String.init)
      if fields[0] == "plan" {
        lastPlanned = Int(fields[1])!
      } else if fields[0] == "begin" {
        unfinished = Begin(
          change: Int(fields[1])!, kind: fields[2], before: fields[3], after: fields[4])
      } else {
        unfinished = nil
        lastEnd = (Int(fields[1])!, fields[2])
      }
    }
  }
}
