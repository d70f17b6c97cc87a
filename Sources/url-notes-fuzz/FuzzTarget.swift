import FlightFormat
import Foundation
import NoteStore

/// One fuzzed entry point: a parser layer that must survive any bytes.
///
/// Each target feeds the input to public API only and ignores the result: thrown errors are the
/// expected outcome for most inputs. A crash, a hang or unbounded memory is the finding.
enum FuzzTarget: String, CaseIterable {
  /// Flight framing and values (`FlightDocument.parse`), then the importer's page builder and
  /// preview finder on what parsed, and a full `expand` of the root.
  case flight
  /// The HTML `self.__next_f` chunk extractor, then the payload it joined.
  case html
  /// The Markdown and plain-text page dump readers.
  case markdown
  /// The Netscape bookmark reader.
  case netscape
  /// The service export readers: the CSV parser under Pocket, Raindrop and Instapaper, the
  /// Pinboard JSON and Pocket HTML readers.
  case services
  /// The store reader: `NoteStore.open` on the bytes as a snapshot file.
  case store

  /// Real payloads from other projects, kept beside the repository (never in it); a folder
  /// that is absent seeds nothing.
  static let realWorldFlight = "../shared/samples/real-world-flight"

  /// Fixture folders (relative to the repository) whose files seed this target's corpus.
  var seedFolders: [String] {
    switch self {
    case .flight: return ["Tests/Fixtures/flight", Self.realWorldFlight]
    case .html: return [Self.realWorldFlight]
    case .markdown: return ["Tests/Fixtures/markdown"]
    case .netscape: return ["Tests/Fixtures/netscape"]
    case .services: return ["Tests/Fixtures/services"]
    case .store: return []  // made by `writeSeeds`: a store of the sample pages
    }
  }

  /// Writes this target's seed inputs into `directory` (created if needed); returns how many.
  /// Fixture paths are relative to the current folder, the repository root.
  func writeSeeds(to directory: String) throws -> Int {
    let files = FileManager.default
    try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var count = 0
    for folder in seedFolders where files.fileExists(atPath: folder) {
      for name in try files.contentsOfDirectory(atPath: folder).sorted() where name != "README.md" {
        try? files.removeItem(atPath: directory + "/" + name)
        try files.copyItem(atPath: folder + "/" + name, toPath: directory + "/" + name)
        count += 1
      }
    }
    if self == .store {
      let scratch = directory + "/.store-seed-\(getpid())"
      try files.createDirectory(atPath: scratch, withIntermediateDirectories: true)
      defer { try? files.removeItem(atPath: scratch) }
      let store = try NoteStore.open(path: scratch + "/notes.json")
      _ = try NoteImporter(now: Timestamp(secondsSince1970: 1_767_225_600))
        .importPaths(["data"], into: store)
      let journal = files.contents(atPath: scratch + "/notes.json.journal") ?? Data()
      try store.compact()
      try files.contents(atPath: scratch + "/notes.json")?
        .write(to: URL(fileURLWithPath: directory + "/store-snapshot.json"))
      try journal.write(to: URL(fileURLWithPath: directory + "/store-journal-lines.json"))
      count += 2
    }
    return count
  }

  /// Runs the target on one input.
  func run(_ bytes: [UInt8]) {
    switch self {
    case .flight:
      if let document = try? FlightDocument.parse(bytes), let root = document.root {
        _ = document.expand(root)
      }
      _ = try? FlightDumpReader().read(bytes, path: "fuzz.rsc")
    case .html:
      if (try? FlightHTMLExtractor.extract(from: bytes)) != nil {
        _ = try? FlightDocument.parse(bytes)
      }
    case .markdown:
      _ = try? MarkdownDumpReader().read(bytes, path: "fuzz.md")
      _ = try? MarkdownDumpReader(flavor: .text).read(bytes, path: "fuzz.txt")
    case .netscape:
      _ = try? NetscapeBookmarkReader().read(bytes, path: "fuzz.html")
    case .services:
      let readers: [any DumpReader] = [
        CSVExportReader.pocket, CSVExportReader.raindrop, CSVExportReader.instapaper,
        PinboardJSONReader(),
        PocketHTMLReader(),
      ]
      for reader in readers where reader.recognizes(bytes, path: "fuzz") {
        _ = try? reader.read(bytes, path: "fuzz")
      }
    case .store:
      StoreScratch.shared.open(bytes)
    }
  }
}

/// A private directory where the store target writes each input as `notes.json`.
final class StoreScratch {
  nonisolated(unsafe) static let shared = StoreScratch()
  let directory: String

  init() {
    directory = NSTemporaryDirectory() + "url-notes-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
    // libFuzzer ends the process with exit(), so a deinit would never run.
    atexit {
      try? FileManager.default.removeItem(
        atPath: NSTemporaryDirectory() + "url-notes-fuzz-\(getpid())")
    }
  }

  /// Writes `bytes` as the snapshot (no journal) and opens it; errors are expected.
  func open(_ bytes: [UInt8]) {
    let path = directory + "/notes.json"
    unlink(path + ".journal")
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
    if let store = try? NoteStore.open(path: path) {
      for header in store.headers { _ = store.note(header.id) }
    }
  }
}
