import Foundation
import NoteStore
import TestSupport
import Testing

/// The three sample pages hold three notes; these tests pin their exact tags and trees.
@Suite struct FlightImportTests {
  let directory = TemporaryDirectory()
  var storePath: String { directory.file("notes.json") }
  var samples: [String] {
    ["tag-gpt-4.rsc.txt", "tag-gpu.rsc.txt", "tag-hardware.rsc.txt"].map {
      Fixtures.url("flight/" + $0).path
    }
  }

  static let askHN = "https://news.ycombinator.com/item?id=44840728"
  static let framework = "https://world.hey.com/dhh/the-framework-desktop-is-a-beast-636fb4ff"
  static let gptOSS = "https://magazine.sebastianraschka.com/p/from-gpt-2-to-gpt-oss-analyzing-the"

  func expectedTree(_ name: String) throws -> [String] {
    try String(contentsOf: Fixtures.url("expected/\(name).tree.txt"), encoding: .utf8)
      .split(separator: "\n").map(String.init)
  }

  @Test func importsThreeNotesWithExactTagsAndTrees() throws {
    let store = try NoteStore.open(path: storePath)
    let report = try NoteImporter().importPaths(samples, into: store)
    #expect(
      report.files.map(\.summaryLine) == [
        "\(samples[0]): 1 note (1 added, 0 merged, 0 unchanged)",
        "\(samples[1]): 3 notes (2 added, 1 merged, 0 unchanged)",
        "\(samples[2]): 2 notes (0 added, 2 merged, 0 unchanged)",
      ])
    // The totals add up the file lines (three merges into notes this import added); the
    // notes written are counted once each.
    #expect(report.added == 3 && report.merged == 3 && report.unchanged == 0)
    #expect(report.notesWritten == 3)
    #expect(store.count == 3)
    let notes = [Self.askHN, Self.framework, Self.gptOSS].map {
      store.note(store.noteID(forURL: $0)!)!
    }
    #expect(
      notes.map(\.title) == [
        "Ask HN: How can ChatGPT serve 700M users when I can't run one GPT-4 locally?",
        "The Framework Desktop is a beast",
        "From GPT-2 to gpt-oss: Analyzing the Architectural Advances",
      ])
    #expect(
      notes[0].tags == [
        "llm", "large language model", "chatgpt", "gpt-4", "inference", "scalability", "hardware",
        "gpu", "tpu", "parallelism", "batching", "memory bandwidth", "model optimization",
        "mixture of experts", "moe", "quantization", "speculative decoding", "kv cache",
        "economics",
        "infrastructure", "hacker news",
      ])
    #expect(notes[1].tags.count == 30)
    #expect(notes[1].tags.prefix(4) == ["hardware", "desktop computer", "mini pc", "framework"])
    #expect(notes[2].tags.last == "gpu")
    #expect(
      SummaryTreeText.lines(notes[0].summary, text: \.markup)
        == (try expectedTree("ask-hn-chatgpt-700m")))
    #expect(
      SummaryTreeText.lines(notes[1].summary, text: \.markup)
        == (try expectedTree("framework-desktop")))
    #expect(
      SummaryTreeText.lines(notes[2].summary, text: \.markup)
        == (try expectedTree("gpt-2-to-gpt-oss")))
    // Bold labels stay bold: "CPU:" is its own bold span.
    #expect(
      notes[1].summary[0].spans == [
        InlineSpan("CPU:", .bold),
        InlineSpan(" AMD Ryzen AI Max 395+ (16 Zen5 cores @ 5.1GHz), a laptop-class processor."),
      ])
    #expect(notes[0].provenance.map(\.file) == samples)
  }

  @Test func reimportingChangesNothing() throws {
    let store = try NoteStore.open(path: storePath)
    _ = try NoteImporter().importPaths(samples, into: store)
    try store.compact()
    let before = FileManager.default.bytes(atPath: storePath)
    let again = try NoteImporter(now: Timestamp(secondsSince1970: 2_000_000_000))
      .importPaths(samples, into: try NoteStore.open(path: storePath))
    #expect(again.added == 0 && again.merged == 0 && again.unchanged == 6)
    #expect(FileManager.default.bytes(atPath: storePath) == before)
    #expect(FileManager.default.bytes(atPath: storePath + ".journal").isEmpty)
  }

  @Test func badFilesAreReportedAndGoodFilesStillLand() throws {
    let empty = directory.file("empty.rsc")
    _ = FileManager.default.createFile(atPath: empty, contents: Data())
    let binary = directory.file("image.rsc")
    _ = FileManager.default.createFile(
      atPath: binary, contents: Data([0x89, 0x50, 0x4E, 0x47, 0, 0, 1, 2]))
    let json = directory.file("other.json")
    try #"{"a": [1, 2]}"#.write(toFile: json, atomically: true, encoding: .utf8)
    let missing = directory.file("missing.rsc")
    let store = try NoteStore.open(path: storePath)
    let report = try NoteImporter().importPaths(
      [empty, samples[0], binary, json, missing], into: store)
    #expect(
      report.files.compactMap(\.failure?.description) == [
        "\(empty):1:1: error: file is empty",
        "\(binary):1:1: error: binary file, expected a saved page (flight payload, HTML, Markdown or text)",
        "\(json):1:1: error: a JSON file that is not a page dump; expected a flight payload (.rsc), a "
          + "saved Next.js page (.html), a Markdown or text page dump, a Netscape bookmark file, "
          + "url-notes' JSON export, or a Pocket, Raindrop, Instapaper or Pinboard export",
        "\(missing):1:1: error: no such file",
      ])
    #expect(!report.succeeded)
    #expect(store.count == 1)
  }

  @Test func theStoreItselfIsRefusedAndLeftByteIdentical() throws {
    let store = try NoteStore.open(path: storePath)
    _ = try NoteImporter().importPaths([samples[0]], into: store)
    let before = FileManager.default.bytes(atPath: storePath)
    let report = try NoteImporter().importPaths([storePath], into: store)
    #expect(
      report.files.first?.failure?.description
        == "\(storePath):1:1: error: this is a url-notes store, not a page dump (use --store to open it)"
    )
    #expect(FileManager.default.bytes(atPath: storePath) == before)
  }

  @Test(
    SharedSamples.required("real-world-flight"),
    arguments: [
      "01-2023-next13-neurodiversity-calendar.rsc", "02-2023-next13-nextjs-org-docs-typescript.rsc",
      "03-2024-alvar-dev-about.rsc", "04-2024-nextjs-org-showcase.rsc",
      "05-2024-gh-fredkiss-server-action.rsc", "06-2024-next14-club-fans-page.html",
      "07-2025-next15-mintstars-page.html", "08-react19-dev-cinescore.rsc",
    ])
  func otherSitesReportNoPreviews(name: String) throws {
    let path = SharedSamples.url("real-world-flight/" + name).path
    let store = try NoteStore.open(path: storePath)
    let report = try NoteImporter().importPaths([path], into: store)
    let failure = try #require(report.files.first?.failure)
    #expect(failure.description.hasPrefix("\(path):1:1: error: no note previews found"))
    #expect(store.count == 0)
    #expect(!FileManager.default.fileExists(atPath: storePath))
  }

  @Test func aDirectoryWithoutDumpsIsAnError() throws {
    let empty = directory.file("nothing")
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    let report = try NoteImporter().importPaths([empty], into: try NoteStore.open(path: storePath))
    #expect(
      report.files.first?.failure?.description
        == "\(empty):1:1: error: no page dumps in this directory (looked for .csv, .flight, .htm, "
        + ".html, .json, .markdown, .md, .rsc, .txt, .x-component)")
  }
}
