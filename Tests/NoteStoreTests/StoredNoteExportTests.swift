import ByteJSON
import ByteKernels
import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// `list --json` writes a snapshot note in the store's own form from its bytes
/// (`StoredNoteExport`); these tests hold it to decoding and encoding the note, byte for byte,
/// and check that it declines every other form.
@Suite struct StoredNoteExportTests {
  let directory = TemporaryDirectory()
  var path: String { directory.file("notes.json") }

  /// The note's bytes as the store writes them.
  static func stored(_ note: Note) -> [UInt8] {
    var writer = JSONWriter()
    NoteCodec.write(note, to: &writer)
    return writer.bytes
  }

  /// What `--json` prints for `stored` the long way: decoded, then encoded; nil when the
  /// bytes do not decode as a note.
  static func decodedAndEncoded(_ stored: [UInt8]) -> [UInt8]? {
    stored.withUnsafeBufferPointer { bytes -> [UInt8]? in
      var reader = JSONReader(bytes)
      guard let note = try? NoteCodec.readNote(&reader) else { return nil }
      var writer = JSONWriter()
      NoteCodec.write(note, to: &writer, as: .export)
      return writer.bytes
    }
  }

  /// `StoredNoteExport.append` of `stored`, or nil when it declines.
  static func copied(_ stored: [UInt8]) -> [UInt8]? {
    var out: [UInt8] = []
    let written = stored.withUnsafeBufferPointer { StoredNoteExport.append($0, to: &out) }
    return written ? out : nil
  }

  static let alphabet = [
    "a", "b", " ", "  ", "\t", "\n", "\r", "*", "**", "`", "\\", "\"", "/", "東京", "é", "\u{A0}",
    "\u{2028}", "\u{202E}", "\u{1}", "\u{7F}", "\u{85}", "\u{FEFF}", "😀", "\u{AD}",
  ]

  static func randomNodes(_ random: inout SplitMix64, depth: Int) -> [SummaryNode] {
    (0..<Int.random(in: 0...3, using: &random)).map { _ in
      SummaryNode(
        markup: random.string(from: alphabet, maxPieces: 8),
        children: depth < 3 ? randomNodes(&random, depth: depth + 1) : [])
    }
  }

  static func randomNote(_ random: inout SplitMix64, number: Int) -> Note {
    let time = Timestamp(secondsSince1970: Int64.random(in: 0...4_000_000_000, using: &random))
    return Note(
      id: NoteID(String(format: "%012x", number)),
      url: Bool.random(using: &random)
        ? "https://example.com/" + random.string(from: alphabet, maxPieces: 4) : nil,
      title: random.string(from: alphabet, maxPieces: 6),
      tags: (0..<Int.random(in: 0...3, using: &random)).map { _ in
        random.string(from: alphabet, maxPieces: 3)
      },
      summary: randomNodes(&random, depth: 0),
      body: Bool.random(using: &random) ? random.string(from: alphabet, maxPieces: 12) : nil,
      provenance: (0..<Int.random(in: 0...2, using: &random)).map { _ in
        Provenance(
          file: "/dumps/" + random.string(from: alphabet, maxPieces: 3), format: "flight",
          imported: time)
      },
      created: time, updated: time,
      published: Bool.random(using: &random) ? time : nil)
  }

  /// Random notes, with every kind of text the writer escapes or keeps: wherever the copy
  /// answers, it is the decoded note's `--json` object; it answers for every note whose
  /// strings have no `\u` escape and whose markup no escape at all.
  @Test func theCopyIsTheDecodedNotesJSONWheneverItAnswers() {
    var random = SplitMix64(seed: 0x5EED_16)
    var answered = 0
    var plain = 0
    for number in 0..<3_000 {
      let note = Self.randomNote(&random, number: number + 1)
      let stored = Self.stored(note)
      let expected = Self.decodedAndEncoded(stored)
      #expect(expected != nil)
      if let copy = Self.copied(stored) {
        answered += 1
        #expect(copy == expected, "\(String(decoding: stored, as: UTF8.self))")
      }
      // Notes the copy must take: no `\u` escape anywhere, no escape in any markup.
      let markups = SummaryNode.flatten(note.summary).map(\.node.markup)
      if !String(decoding: stored, as: UTF8.self).contains("\\u"),
        !markups.contains(where: { Self.stored(markupOnly: $0).contains(UInt8(ascii: "\\")) })
      {
        plain += 1
        #expect(Self.copied(stored) != nil, "\(String(decoding: stored, as: UTF8.self))")
      }
    }
    #expect(plain > 50)  // both kinds were exercised (87 of 3,000 with this seed)
    #expect(answered >= plain)
    #expect(answered < 3_000)
  }

  /// The quoted JSON of `text` alone.
  static func stored(markupOnly text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    JSONWriter.appendQuoted(text, to: &bytes)
    return bytes
  }

  /// A note as the store writes it, and edits of it that read as a note (or fail to) but are
  /// not the store's form: the copy declines each, and the decoder decides.
  @Test func everyOtherFormIsLeftToTheDecoder() throws {
    let canonical =
      #"{"created":"2026-01-02T03:04:05Z","id":"aaaa00000001","provenance":[{"file":"/d/t.rsc","format":"flight","imported":"2026-01-02T03:04:05Z"}],"summary":[{"children":[{"markup":"child"}],"markup":"**Top:** text"}],"tags":["gpu","mini pc"],"title":"A note","updated":"2026-01-02T03:04:05Z","url":"https://example.com/a"}"#
    let copy = try #require(Self.copied(Array(canonical.utf8)))
    #expect(
      String(decoding: copy, as: UTF8.self)
        == #"{"created":"2026-01-02T03:04:05Z","id":"aaaa00000001","provenance":[{"file":"/d/t.rsc","format":"flight","imported":"2026-01-02T03:04:05Z"}],"summary":[{"children":[{"children":[],"markup":"child","spans":[{"style":[],"text":"child"}],"text":"child"}],"markup":"**Top:** text","spans":[{"style":["bold"],"text":"Top:"},{"style":[],"text":" text"}],"text":"Top: text"}],"tags":["gpu","mini pc"],"title":"A note","updated":"2026-01-02T03:04:05Z","url":"https://example.com/a"}"#
    )
    #expect(copy == Self.decodedAndEncoded(Array(canonical.utf8)))
    let edits: [(String, String)] = [
      (#"{"created":"#, #"{ "created":"#),  // a space
      (#""title":"A note""#, #""title":"A \u006eote""#),  // a \u escape
      (#""url":"https://example.com/a""#, #""url":"https:\/\/example.com\/a""#),
      (#","url":"https://example.com/a""#, #","url":null"#),
      (#""url":"https://example.com/a""#, #""url":"https://example.com/a","zzz":1"#),
      (#""created":"2026-01-02T03:04:05Z""#, #""created":"2026-01-02""#),
      (#""created":"2026-01-02T03:04:05Z""#, #""created":"2026-02-30T03:04:05Z""#),
      (#"{"markup":"child"}"#, #"{"children":[],"markup":"child"}"#),
      (#""markup":"**Top:** text""#, #""markup":"\\*Top:\\* text""#),  // an escape in markup
      (#""id":"aaaa00000001""#, #""id":"""#),
      (#""title":"A note""#, "\"title\":\"A\u{7F}note\""),  // DEL is written \u007f
      (#""title":"A note""#, "\"title\":\"A\u{202E}note\""),  // a bidi control too
      (#"{"created":"2026-01-02T03:04:05Z","id""#, #"{"id""#),  // no created
      (#""tags":["gpu","mini pc"],"title""#, #""title""#),  // no tags
    ]
    for (target, replacement) in edits {
      let edited = canonical.replacingOccurrences(of: target, with: replacement)
      #expect(edited != canonical, "\(target)")
      #expect(Self.copied(Array(edited.utf8)) == nil, "\(edited)")
    }
    // Invalid UTF-8 (decoded as U+FFFD), and bytes after the note's end.
    var invalid = Array(canonical.utf8)
    let title = try #require(canonical.range(of: "A note"))
    invalid[canonical.utf8.distance(from: canonical.startIndex, to: title.lowerBound)] = 0xFF
    #expect(Self.copied(invalid) == nil)
    #expect(Self.copied(Array((canonical + " ").utf8)) == nil)
    // Deeper than a summary may be: declined (the decoder refuses the note).
    var deep = SummaryNode(markup: "leaf")
    for _ in 0...NoteCodec.maxSummaryDepth { deep = SummaryNode(markup: "n", children: [deep]) }
    let tooDeep = Self.stored(SampleNotes.note("aaaa00000001", title: "t", summary: [deep]))
    #expect(Self.decodedAndEncoded(tooDeep) == nil)
    #expect(Self.copied(tooDeep) == nil)
  }

  /// `list --json` orders its notes by keys read without tags and URL
  /// (`NoteCodec.readListKey`): the keys of their headers, and failing only where reading the
  /// header fails.
  @Test func listKeysAreTheHeadersKeys() throws {
    var random = SplitMix64(seed: 0x5EED_18)
    for number in 0..<500 {
      let stored = Self.stored(Self.randomNote(&random, number: number + 1))
      try stored.withUnsafeBufferPointer { bytes in
        var keyReader = JSONReader(bytes)
        var headerReader = JSONReader(bytes)
        let key = try NoteCodec.readListKey(&keyReader)
        let header = try NoteCodec.readHeader(&headerReader)
        #expect(key.created == header.created)
        #expect(key.foldedTitle == header.title.lowercased())
        #expect(key.id == header.id)
      }
    }
    let broken = [
      #"{"created":"2026-01-02T03:04:05Z","id":"a","title":"t"}"#,  // no updated
      #"{"created":"2026-01-02T03:04:05Z","id":"a","title":4,"updated":"2026-01-02T03:04:05Z"}"#,
      #"{"created":"2026-01-02T03:04:05Z","id":"","title":"t","updated":"2026-01-02T03:04:05Z"}"#,
      #"{"created":"2026-01-02T03:04:05Z","id":"a","tags":[1,"#,
    ]
    for text in broken {
      Array(text.utf8).withUnsafeBufferPointer { bytes in
        var keyReader = JSONReader(bytes)
        var headerReader = JSONReader(bytes)
        #expect((try? NoteCodec.readListKey(&keyReader)) == nil, "\(text)")
        #expect((try? NoteCodec.readHeader(&headerReader)) == nil, "\(text)")
      }
    }
  }

  /// `list --json` of a store whose snapshot holds notes in the store's form, notes edited by
  /// hand and a note changed since (in the journal): the bytes of `JSONExporter.writeNotes` of
  /// the decoded notes, in list order.
  @Test func listJSONIsTheDecodedNotesJSON() throws {
    var random = SplitMix64(seed: 0x5EED_17)
    let notes = (0..<200).map { Self.randomNote(&random, number: 0x100 + $0) }
    try NoteStore.open(path: path).apply(notes.map(StoreChange.put))
    // Hand edits in the snapshot: a space after a colon, and a title with a `\u` escape.
    var text = try String(contentsOfFile: path, encoding: .utf8)
    let spaced = #""id":"\#(notes[3].id.rawValue)""#
    #expect(text.contains(spaced))
    text = text.replacingOccurrences(of: spaced, with: #""id": "\#(notes[3].id.rawValue)""#)
    let escaped = try #require(text.range(of: #""id":"\#(notes[7].id.rawValue)""#))
    let title = try #require(
      text.range(of: #""title":""#, range: escaped.upperBound..<text.endIndex))
    text.replaceSubrange(title, with: #""title":"\u0041"#)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    unlink(path + ".index")
    var changed = notes[10]
    changed.title = "Changed since"
    try NoteStore.open(path: path).apply([.put(changed)])
    let store = try NoteStore.open(path: path)
    var printed: [UInt8] = []
    store.writeJSON(matching: NoteFilter()) { printed.append(contentsOf: $0) }
    var expected: [UInt8] = []
    JSONExporter.writeNotes(store.notes(matching: NoteFilter())) { expected.append(contentsOf: $0) }
    #expect(printed == expected)
    let array = try JSONParser.parse(printed).arrayValue ?? []
    #expect(array.count == 200)
    #expect(array.contains { $0.objectValue?["title"]?.stringValue?.hasPrefix("A") == true })
    #expect(array.contains { $0.objectValue?["title"]?.stringValue == "Changed since" })
  }
}
