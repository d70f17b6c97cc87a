import Foundation
import NoteStore
import TestSupport
import Testing

@Suite struct NoteStoreTests {
  let directory = TemporaryDirectory()
  var path: String { directory.file("notes.json") }

  func sample() -> [Note] {
    [
      SampleNotes.note(
        "aaaa00000001", url: "https://example.com/a", title: "Alpha", tags: ["GPU", "llm"],
        summary: [
          SummaryNode(
            markup: "**CPU:** fast", children: [SummaryNode(markup: "16 cores")])
        ]),
      SampleNotes.note("bbbb00000002", url: "https://example.com/b", title: "Beta", tags: ["gpu"]),
      SampleNotes.note(
        "cccc00000003", title: "Gamma 日本語", tags: ["notes", "llm"], body: "Body text"),
    ]
  }

  @Test func writesADeterministicSnapshotOneNotePerLine() throws {
    let store = try NoteStore.open(path: path)
    try store.apply(sample().map(StoreChange.put))
    let text = String(decoding: FileManager.default.bytes(atPath: path), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == #"{"format":"url-notes","formatVersion":2,"notes":["#)
    #expect(
      lines[1]
        == #"{"created":"2026-01-02T03:04:05Z","id":"aaaa00000001","provenance":[],"summary":[{"children":[{"markup":"16 cores"}],"markup":"**CPU:** fast"}],"tags":["GPU","llm"],"title":"Alpha","updated":"2026-01-02T03:04:05Z","url":"https://example.com/a"},"#
    )
    #expect(lines.count == 7)
    #expect(lines[4] == #"],"tombstones":["#)
    #expect(lines[5] == "]}")
    // Mode 0600: notes are private.
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test func reopensWithLazyNotesAndJournalledEdits() throws {
    let store = try NoteStore.open(path: path)
    try store.apply(sample().map(StoreChange.put))
    let snapshot = FileManager.default.bytes(atPath: path)
    var edited = sample()[1]
    edited.tags.append("new tag")
    try store.apply([.put(edited), .delete(NoteID("cccc00000003"))])
    // A small edit is an append to the journal; the snapshot is untouched.
    #expect(FileManager.default.bytes(atPath: path) == snapshot)
    let reopened = try NoteStore.open(path: path)
    #expect(reopened.count == 2)
    #expect(reopened.note(NoteID("bbbb00000002"))?.tags == ["gpu", "new tag"])
    #expect(reopened.note(NoteID("aaaa00000001")) == sample()[0])
    #expect(reopened.note(NoteID("cccc00000003")) == nil)
    try reopened.compact()
    #expect(FileManager.default.bytes(atPath: path + ".journal").isEmpty)
    let compacted = try NoteStore.open(path: path)
    #expect(compacted.allNotes().map(\.id.rawValue) == ["aaaa00000001", "bbbb00000002"])
  }

  @Test func ignoresATornJournalTailAndReportsIt() throws {
    let store = try NoteStore.open(path: path)
    try store.apply(sample().map(StoreChange.put))
    var edited = sample()[0]
    edited.title = "Alpha 2"
    try store.apply([.put(edited)])
    // Simulate a crash in the middle of the next append.
    let handle = FileHandle(forWritingAtPath: path + ".journal")!
    handle.seekToEndOfFile()
    handle.write(Data(#"{"put":{"created":"2026-01-02T0"#.utf8))
    handle.closeFile()
    let reopened = try NoteStore.open(path: path)
    #expect(reopened.note(NoteID("aaaa00000001"))?.title == "Alpha 2")
    #expect(
      reopened.warnings.map(\.description) == [
        "\(path).journal:2:1: warning: ignored an incomplete last record (an interrupted save)"
      ])
  }

  @Test func refusesACorruptStoreWithItsPositionAndNeverWritesIt() throws {
    let corrupt = "{\"format\":\"url-notes\",\"formatVersion\":1,\"notes\":[\n{\"id\":\"x\",}\n]}\n"
    try corrupt.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: StoreError.self) { try NoteStore.open(path: path) }
    do {
      _ = try NoteStore.open(path: path)
    } catch {
      #expect(
        error.description == "\(path):2:11: error: expected a member name after ',', found '}'")
    }
    #expect(String(decoding: FileManager.default.bytes(atPath: path), as: UTF8.self) == corrupt)
  }

  @Test(arguments: [
    (
      #"{"notes":[]}"#, "not a url-notes store: expected \"format\":\"url-notes\" before \"notes\"",
      "1:10"
    ),
    (
      #"{"format":"other","notes":[]}"#, "not a url-notes store: \"format\" is not \"url-notes\"",
      "1:11"
    ),
    (#"[1,2]"#, "not a url-notes store: expected a JSON object", "1:1"),
    (
      #"{"format":"url-notes","formatVersion":9,"notes":[]}"#,
      "store format version 9 is newer than this url-notes reads (2); upgrade url-notes", "1:39"
    ),
  ])
  func refusesFilesThatAreNotStores(content: String, message: String, position: String) throws {
    try content.write(toFile: path, atomically: true, encoding: .utf8)
    do {
      _ = try NoteStore.open(path: path)
      Issue.record("opened a file that is not a store")
    } catch {
      #expect(error.description == "\(path):\(position): error: \(message)")
    }
  }

  @Test func answersTagAndTextQueries() throws {
    let store = try NoteStore.open(path: path)
    try store.apply(sample().map(StoreChange.put))
    #expect(
      store.tagCounts(order: .count)
        == [
          TagCount(tag: "GPU", count: 2), TagCount(tag: "llm", count: 2),
          TagCount(tag: "notes", count: 1),
        ])
    #expect(
      store.tagCounts(order: .name).map(\.tag) == ["GPU", "llm", "notes"])
    #expect(
      store.noteIDs(matching: NoteFilter(allTags: ["gpu", "LLM"])) == [NoteID("aaaa00000001")])
    #expect(
      store.noteIDs(matching: NoteFilter(anyTags: ["notes", "gpu"])).map(\.rawValue)
        == ["aaaa00000001", "bbbb00000002", "cccc00000003"])
    #expect(
      store.noteIDs(matching: NoteFilter(noneTags: ["gpu"])).map(\.rawValue) == ["cccc00000003"])
    // Summary text is searched (decoded lazily), case-insensitively.
    #expect(
      store.noteIDs(matching: NoteFilter(text: "16 CORES")).map(\.rawValue) == ["aaaa00000001"])
    #expect(store.noteIDs(matching: NoteFilter(text: "日本")).map(\.rawValue) == ["cccc00000003"])
    #expect(
      store.noteIDs(matching: NoteFilter(text: "example.com/b")).map(\.rawValue) == ["bbbb00000002"]
    )
    #expect(
      store.cooccurringTags(with: ["llm"]) == [
        TagCount(tag: "GPU", count: 1), TagCount(tag: "notes", count: 1),
      ])
  }

  @Test func findsNotesByIdPrefixAndURL() throws {
    let store = try NoteStore.open(path: path)
    try store.apply(sample().map(StoreChange.put))
    #expect(try store.lookup("bbbb").get() == NoteID("bbbb00000002"))
    #expect(try store.lookup("HTTPS://EXAMPLE.COM:443/a/#frag").get() == NoteID("aaaa00000001"))
    #expect(throws: LookupError.self) { try store.lookup("zzzz").get() }
  }

  @Test func checkInvariantsNamesASnapshotOutOfOrder() throws {
    // Written by hand: the ids are unique (so it opens) but not sorted, as the store writes them.
    let note =
      #"{"created":"2026-01-02T03:04:05Z","id":"ID","tags":[],"title":"T","updated":"2026-01-02T03:04:05Z"}"#
    let text =
      #"{"format":"url-notes","formatVersion":1,"notes":["# + "\n"
      + note.replacingOccurrences(of: "ID", with: "bbbb00000002") + ",\n"
      + note.replacingOccurrences(of: "ID", with: "aaaa00000001") + "\n]}\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let store = try NoteStore.open(path: path)
    #expect(store.count == 2)
    do {
      try store.checkInvariants()
      Issue.record("checkInvariants passed on an unsorted snapshot")
    } catch {
      #expect(
        error.problems == ["snapshot ids not strictly ascending: bbbb00000002 then aaaa00000001"])
    }
  }

  @Test func findsNotesByURLWhoseIDIsNotTheURLHash() throws {
    let store = try NoteStore.open(path: path)
    var note = SampleNotes.note("cccc00000003", url: "https://Example.com/Page/", title: "By hand")
    try store.apply([.put(note)])
    #expect(store.noteID(forURL: "https://example.com/Page#top") == note.id)
    #expect(try store.lookup("HTTPS://EXAMPLE.COM:443/Page").get() == note.id)
    #expect(store.noteID(forURL: "https://example.com/page") == nil)  // paths keep their case
    // A changed URL is seen at once: the buckets are rebuilt after every change.
    note.url = "https://example.com/moved"
    try store.apply([.put(note)])
    #expect(store.noteID(forURL: "https://example.com/Page") == nil)
    #expect(store.noteID(forURL: "https://EXAMPLE.com/moved/") == note.id)
    // And after another process's change, picked up by refresh.
    let other = try NoteStore.open(path: path)
    try other.apply([.delete(note.id)])
    _ = try store.refresh()
    #expect(store.noteID(forURL: "https://example.com/moved") == nil)
  }

  @Test func anotherWritersChangesArePickedUpBeforeWriting() throws {
    let first = try NoteStore.open(path: path)
    try first.apply([.put(sample()[0])])
    let second = try NoteStore.open(path: path)
    try second.apply([.put(sample()[1])])
    // `first` has not seen note b; its next write must not lose it.
    try first.apply([.put(sample()[2])])
    try first.compact()
    #expect(try NoteStore.open(path: path).count == 3)
  }
}

@Suite struct NormalizedURLTests {
  @Test(arguments: [
    ("HTTPS://Example.COM:443/path/?q=1#top", "https://example.com/path?q=1"),
    ("http://example.com:80/", "http://example.com"),
    ("http://example.com:8080/a//", "http://example.com:8080/a"),
    (
      "https://news.ycombinator.com/item?id=44840728",
      "https://news.ycombinator.com/item?id=44840728"
    ),
  ])
  func normalizes(input: String, expected: String) {
    #expect(NormalizedURL.normalize(input) == expected)
  }

  @Test func rejectsRelativeAndEmpty() {
    #expect(NormalizedURL.normalize("/tag/gpu") == nil)
    #expect(NormalizedURL.problem(with: "") == "the URL is empty")
    #expect(
      NormalizedURL.problem(with: "example.com")
        == "expected an absolute URL such as https://example.com/page")
  }
}

@Suite struct InlineMarkupTests {
  /// The ASCII fast path and the Unicode path agree, on fixed cases and on random strings.
  @Test func collapsesWhitespaceLikeTheUnicodeDefinition() {
    func reference(_ text: String) -> String {
      text.split(whereSeparator: { $0.unicodeScalars.allSatisfy(\.properties.isWhitespace) })
        .joined(separator: " ")
    }
    let cases = [
      "", " ", "a", " a", "a ", "a  b", "a\tb", "a\r\nb", "\u{0B}a\u{0C}", "already clean",
      "a\u{1F}b", "caf\u{E9}  au\u{A0}lait", "\u{3000}全角\u{3000}", "x\u{2028}y",
    ]
    for text in cases {
      #expect(InlineMarkup.collapseWhitespace(text) == reference(text), "\(text)")
    }
    #expect(InlineMarkup.collapseWhitespace("a\u{1F}b") == "a\u{1F}b")  // not White_Space
    var random = SystemRandomNumberGenerator()
    let alphabet: [Character] = [
      "a", "b", " ", "\t", "\n", "\r", "\u{0B}", "\u{A0}", "é", "\u{2003}",
    ]
    for _ in 0..<2_000 {
      let text = String(
        (0..<Int.random(in: 0...12, using: &random)).map { _ in
          alphabet.randomElement(using: &random)!
        })
      #expect(
        InlineMarkup.collapseWhitespace(text) == reference(text), "\(Array(text.unicodeScalars))")
    }
  }

  @Test func parsesAndEscapesRoundTrip() {
    let spans = [
      InlineSpan("CPU:", .bold), InlineSpan(" 2*3 `x` \\ "), InlineSpan("fast", .italic),
    ]
    let markup = InlineMarkup.markup(for: spans)
    #expect(markup == #"**CPU:** 2\*3 \`x\` \\ *fast*"#)
    #expect(InlineMarkup.spans(of: markup) == spans)
    #expect(InlineMarkup.plainText(of: markup) == #"CPU: 2*3 `x` \ fast"#)
  }

  @Test func timestampsRoundTrip() {
    let time = Timestamp(iso8601: "2023-07-11T23:59:58Z")!
    #expect(time.secondsSince1970 == 1_689_119_998)
    #expect(time.iso8601 == "2023-07-11T23:59:58Z")
    #expect(Timestamp(iso8601: "2023-13-01T00:00:00Z") == nil)
  }
}
