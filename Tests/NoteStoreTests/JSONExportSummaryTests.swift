import ByteJSON
import ByteKernels
import TestSupport
import Testing

@testable import NoteStore

/// `list --json` and `export --format json` write each bullet's markup, spans and plain text;
/// these tests read the JSON back and hold every node, at every depth, to `spans(of:)` and
/// `plainText(of:)` computed directly, byte for byte.
@Suite struct JSONExportSummaryTests {
  static func utf8(_ value: JSONValue?) -> [UInt8]? {
    value?.stringValue.map { Array($0.utf8) }
  }

  static func expectNodes(
    _ written: [JSONValue], _ nodes: [SummaryNode],
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(written.count == nodes.count, sourceLocation: sourceLocation)
    for (value, node) in zip(written, nodes) {
      let object = value.objectValue
      let scalars = node.markup.unicodeScalars.map { String($0.value, radix: 16) }
      #expect(utf8(object?["markup"]) == Array(node.markup.utf8), "\(scalars)")
      #expect(
        utf8(object?["text"]) == Array(InlineMarkup.plainText(of: node.markup).utf8),
        "text of \(scalars)", sourceLocation: sourceLocation)
      let spans = object?["spans"]?.arrayValue ?? []
      let expected = InlineMarkup.spans(of: node.markup)
      #expect(spans.count == expected.count, "\(scalars)", sourceLocation: sourceLocation)
      for (span, want) in zip(spans, expected) {
        #expect(utf8(span.objectValue?["text"]) == Array(want.text.utf8), "\(scalars)")
        let styles = span.objectValue?["style"]?.arrayValue?.compactMap(\.stringValue)
        var wanted: [String] = []
        if want.style.contains(.bold) { wanted.append("bold") }
        if want.style.contains(.code) { wanted.append("code") }
        if want.style.contains(.italic) { wanted.append("italic") }
        #expect(styles == wanted, "\(scalars)", sourceLocation: sourceLocation)
      }
      expectNodes(
        object?["children"]?.arrayValue ?? [], node.children, sourceLocation: sourceLocation)
    }
  }

  @Test func everyNodeReadsBackAsItsSpansAndPlainText() throws {
    let alphabet = [
      "a", "b", " ", "  ", "\t", "\n", "*", "**", "`", "\\", "\"", "東京", "é", "\u{A0}",
      "\u{2028}", "\u{202E}", "\u{1}", "😀",
    ]
    var random = SplitMix64(seed: 0x5EED_6)
    for _ in 0..<300 {
      let nodes = (0..<4).map { _ in
        SummaryNode(
          markup: random.string(from: alphabet, maxPieces: 8),
          children: [SummaryNode(markup: random.string(from: alphabet, maxPieces: 8))])
      }
      let note = Note(
        id: NoteID("aaaaaaaaaaaa"), url: nil, title: "t", tags: [], summary: nodes, body: nil,
        provenance: [], created: Timestamp(secondsSince1970: 0),
        updated: Timestamp(secondsSince1970: 0))
      let json = try JSONParser.parse(JSONExporter.note(note))
      Self.expectNodes(json.objectValue?["summary"]?.arrayValue ?? [], nodes)
    }
  }

  @Test func plainBulletsAreWrittenExactly() {
    let note = Note(
      id: NoteID("aaaaaaaaaaaa"), url: nil, title: "t", tags: [],
      summary: [SummaryNode(markup: "plain \"q\" 東"), SummaryNode(markup: "tab\there ")],
      body: nil, provenance: [], created: Timestamp(secondsSince1970: 0),
      updated: Timestamp(secondsSince1970: 0))
    let json = JSONExporter.note(note)
    #expect(
      json.contains(
        #"{"children":[],"markup":"plain \"q\" 東","spans":[{"style":[],"text":"plain \"q\" 東"}],"text":"plain \"q\" 東"}"#
      ))
    #expect(
      json.contains(
        #"{"children":[],"markup":"tab\there ","spans":[{"style":[],"text":"tab\there "}],"text":"tab here"}"#
      ))
  }

  /// `writeNotes` hands the array over in pieces through one buffer: joined, the pieces are
  /// the same bytes whatever the piece size, and they parse as one array of every note.
  @Test func notesWrittenInPiecesJoinToOneArray() throws {
    let notes = (0..<40).map { number in
      SampleNotes.note(
        String(format: "%012x", 0xE000 + number), url: "https://pieces.example/\(number)",
        title: "Piece \(number) \"q\" 東", tags: ["t\(number % 3)"],
        summary: [SummaryNode(markup: "**\(number):** text", children: [])])
    }
    func pieces(_ chunkBytes: Int) -> [[UInt8]] {
      var pieces: [[UInt8]] = []
      JSONExporter.writeNotes(notes, chunkBytes: chunkBytes) { pieces.append(Array($0)) }
      return pieces
    }
    let whole = pieces(1 << 20)
    #expect(whole.count == 1)
    let small = pieces(300)
    #expect(small.count > 10)
    #expect(Array(small.joined()) == whole[0])
    let parsed = try JSONParser.parse(whole[0])
    #expect(parsed.arrayValue?.count == 40)
    #expect(parsed.arrayValue?[7].objectValue?["title"]?.stringValue == "Piece 7 \"q\" 東")
  }

  /// The array made on every core, a run of notes per task (`list --json`), is byte for byte
  /// the one written note by note, whatever the run length; notes that do not read (nil) are
  /// left out with their commas, at the start, inside a run, across a whole run and at the end.
  @Test func notesMadeInParallelRunsAreTheSameBytes() throws {
    let notes = (0..<50).map { number in
      SampleNotes.note(
        String(format: "%012x", 0xF000 + number), url: "https://runs.example/\(number)",
        title: "Run \(number) \"q\" 東", tags: ["t\(number % 4)"],
        summary: [SummaryNode(markup: "**\(number):** *text*", children: [])])
    }
    func bytes(_ notes: [Note]) -> [UInt8] {
      var bytes: [UInt8] = []
      JSONExporter.writeNotes(notes) { bytes += $0 }
      return bytes
    }
    func parallel(_ count: Int, runLength: Int, skipping skipped: Set<Int> = []) -> [UInt8] {
      var bytes: [UInt8] = []
      JSONExporter.writeNotes(
        count: count, runLength: runLength, runsAhead: 2,
        note: { skipped.contains($0) ? nil : notes[$0] }
      ) { bytes += $0 }
      return bytes
    }
    let whole = bytes(notes)
    for runLength in [1, 3, 7, 64] {
      #expect(parallel(50, runLength: runLength) == whole, "runs of \(runLength)")
    }
    let skipped: Set<Int> = [0, 1, 5, 9, 10, 11, 49]
    let kept = notes.indices.filter { !skipped.contains($0) }.map { notes[$0] }
    #expect(parallel(50, runLength: 3, skipping: skipped) == bytes(kept))
    #expect(parallel(0, runLength: 3) == Array("[]".utf8))
    #expect(parallel(2, runLength: 3, skipping: [0, 1]) == Array("[]".utf8))
    #expect(try JSONParser.parse(whole).arrayValue?.count == 50)
  }
}
