import Foundation
import TestSupport
import Testing

/// The benchmark's smoke mode through the built binary, so the bench never rots: every row is
/// measured on a 1,000-note corpus and a small set of flight pages.
@Suite struct BenchSmokeTests {
  static let storeRows = [
    "store open", "peak RSS, TUI on the store", "tag counts", "tag query", "tag AND query",
    "text search", "co-occurring tags", "TUI first frame", "filter keystroke",
    "render previews frame", "render 1,000-node tree", "CLI list --tag --json",
    "CLI list --search", "persist one edit", "append + fsync (floor)", "full save (compaction)",
    "JSONDecoder RSS", "JSONDecoder decode", "raw read (floor)",
  ]
  static let flightRows = ["flight import", "raw read of the pages"]

  @Test func smokeModeMeasuresEveryRow() throws {
    let out = TemporaryDirectory()
    let binary = try BinaryLocator.find("url-notes-bench")
    let result = try BinaryLocator.run([binary, "--smoke", "--out", out.path])
    #expect(result.status == 0, "\(result.output)")
    let lines = result.output.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("== 1,000 notes: \(out.path)/store-1000/notes.json") })
    for row in Self.storeRows + Self.flightRows {
      let line = lines.first { $0.hasPrefix(row + "  ") }
      #expect(line != nil, "no row \(row)")
      guard let line else { continue }
      // The figure column: a number with a unit, never "n/a".
      let figure = line.dropFirst(34).prefix(11).trimmingCharacters(in: .whitespaces)
      #expect(
        figure.hasSuffix(" s") || figure.hasSuffix(" ms") || figure.hasSuffix(" µs")
          || figure.hasSuffix(" MB") || figure.hasSuffix(" MB/s"),
        "\(row): \(figure)")
    }
    let flight = try #require(lines.first { $0.hasPrefix("flight import  ") })
    #expect(flight.contains(" 0 files failed"))
    #expect(!flight.contains(": 0 notes found"))
    #expect(FileManager.default.fileExists(atPath: out.file("store-1000/notes.json.index")))
    #expect(FileManager.default.fileExists(atPath: out.file("flight/pages.txt")))
  }

  @Test func refusesUnknownArguments() throws {
    let binary = try BinaryLocator.find("url-notes-bench")
    let result = try BinaryLocator.run([binary, "--sizes", "lots"])
    #expect(result.status == 2)
    #expect(result.output.contains("url-notes-bench: bad size lots"))
    #expect(result.output.contains("usage: url-notes-bench"))
  }
}

/// Finds a product of this build beside the test bundle (any scratch path), as the other
/// end-to-end tests find `url-notes`, and runs it with output captured.
enum BinaryLocator {
  struct NotFound: Error, CustomStringConvertible {
    var name: String
    var description: String { "\(name) not found beside the test bundle" }
  }

  static func find(_ name: String) throws -> String {
    var starts = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])]
    starts += Bundle.allBundles.map(\.bundleURL)
    for start in starts {
      var directory = start.deletingLastPathComponent()
      for _ in 0..<4 {
        let candidate = directory.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        directory = directory.deletingLastPathComponent()
      }
    }
    throw NotFound(name: name)
  }

  static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: arguments[0])
    process.arguments = Array(arguments.dropFirst())
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
