import ByteKernels
import TestSupport
import Testing

@testable import NoteStore

/// The duplicate-URL index: every spelling of one normalised URL lands in one bucket, and the
/// editor finds duplicates through it in any spelling.
@Suite struct EditingURLIndexTests {
  /// Groups of spellings that normalise alike.
  static let spellings = [
    [
      "https://example.com/a/b", "HTTPS://EXAMPLE.COM/a/b/", "https://example.com:443/a/b//",
      "https://example.com/a/b#top", " https://example.com/a/b? ", "https://example.com/a/b/?#x",
    ],
    [
      "https://example.com", "https://Example.com/", "https://example.com:443/?",
      "https://example.com#f",
    ],
    ["http://example.com:80/x?q=1", "http://EXAMPLE.com/x/?q=1#frag", "http://example.com/x?q=1"],
    [
      "https://news.ycombinator.com/item?id=44840728",
      "https://news.ycombinator.com/item/?id=44840728",
    ],
  ]

  @Test func spellingsThatNormaliseAlikeShareAKey() {
    for group in Self.spellings {
      let normalized = Set(group.map { NormalizedURL.normalize($0) })
      #expect(normalized.count == 1, "\(group)")
      #expect(
        Set(group.map(NormalizedURL.bucketKey)).count == 1, "\(group.map(NormalizedURL.bucketKey))")
    }
    #expect(NormalizedURL.bucketKey("https://example.com/a/b") == "b")
    #expect(NormalizedURL.bucketKey("https://news.ycombinator.com/item?id=1") == "item?id=1")
    #expect(NormalizedURL.bucketKey("https://Example.com:443") == "example.com")
  }

  @Test func theEditorFindsDuplicatesInAnySpelling() throws {
    let directory = TemporaryDirectory()
    let store = try NoteStore.open(path: directory.file("notes.json"))
    var editor = NoteEditor(store: store)
    for group in Self.spellings {
      let first = try editor.add(NoteDraft(url: group[0], title: group[0]))
      for spelling in group.dropFirst() {
        #expect(
          editor.problems(in: NoteDraft(url: spelling, title: "T"), editing: nil)
            == [.duplicateURL(NoteDraft.trimmed(spelling), owner: first.id, ownerTitle: group[0])])
        #expect(editor.problems(in: NoteDraft(url: spelling, title: "T"), editing: first.id) == [])
      }
    }
    // Same last segment, different page: no duplicate.
    #expect(
      editor.problems(in: NoteDraft(url: "https://example.com/other/b", title: "T"), editing: nil)
        == [])
  }

  /// A store opened through its index answers URL lookups from the index's URL table, with
  /// the notes saved since the snapshot (a URL moved under the same key, a delete, an add) in
  /// buckets of their own; no header of a snapshot note is decoded to build buckets.
  @Test func theIndexURLTableAnswersWithChangesSinceTheSnapshot() throws {
    let directory = TemporaryDirectory()
    let path = directory.file("notes.json")
    func id(_ number: Int) -> NoteID { NoteID(String(format: "%012x", number)) }
    // Ids not derived from the URLs: only the buckets can find these notes.
    try NoteStore.open(path: path).apply(
      (0..<50).map {
        .put(SampleNotes.note(id($0).rawValue, url: "https://example.com/page/\($0)", title: "N"))
      })
    let store = try NoteStore.open(path: path)
    #expect(store.state.urlTable != nil, "read through the index the first save wrote")
    #expect(store.noteID(forURL: "HTTPS://example.com/page/7/") == id(7))
    #expect(store.noteID(forURL: "https://example.com/page/77") == nil)
    #expect(store.state.urlBuckets == [:], "no note in memory, none bucketed")
    var moved = try #require(store.note(id(3)))
    moved.url = "https://example.com/moved/3"
    try store.apply([
      .put(moved), .delete(id(4)),
      .put(SampleNotes.note(id(255).rawValue, url: "https://example.com/page/4", title: "New")),
    ])
    #expect(store.state.urlBuckets == ["3": [id(3)], "4": [id(255)]])
    for reader in [store, try NoteStore.open(path: path)] {
      #expect(reader.noteID(forURL: "https://example.com/page/3") == nil)
      #expect(reader.noteID(forURL: "https://example.com/moved/3") == id(3))
      #expect(reader.noteID(forURL: "https://example.com/page/4") == id(255))
      #expect(reader.noteID(forURL: "https://example.com/page/4", except: id(255)) == nil)
      #expect(reader.noteID(forURL: "https://example.com/page/49") == id(49))
      try reader.checkInvariants()
    }
  }

  /// The one-pass key gives what the stepwise key it replaced gives (kept below as the
  /// reference), on the spellings above and on random URLs full of the bytes each step reads.
  @Test func theOnePassKeyMatchesTheStepwiseKey() {
    for url in Self.spellings.joined() + ["", "/", "?", "#", ":80", "a:80", "x/:443?", "A?B#C"] {
      #expect(NormalizedURL.bucketKey(url) == Self.keyBySteps(url), "\(url)")
    }
    let alphabet = Array("aZ/?#:8043 .%\u{1}\u{7F}é東Q".unicodeScalars)
    var generator = SplitMix64(seed: 0x0E1C)
    for _ in 0..<20_000 {
      var url = ""
      for _ in 0..<Int.random(in: 0..<24, using: &generator) {
        url.unicodeScalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
      }
      #expect(NormalizedURL.bucketKey(url) == Self.keyBySteps(url), "\(url.debugDescription)")
    }
  }

  /// `NormalizedURL.bucketKey` as first written (several passes and arrays).
  static func keyBySteps(_ url: String) -> String {
    var bytes: [UInt8] = []
    for byte in url.utf8 {
      if byte == UInt8(ascii: "#") { break }
      if byte > 0x20 && byte < 0x7F { bytes.append(byte) }
    }
    let question = bytes.firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
    var path = bytes[..<question]
    while path.last == UInt8(ascii: "/") { path.removeLast() }
    if let slash = path.lastIndex(of: UInt8(ascii: "/")) { path = path[(slash + 1)...] }
    for port in [":80", ":443"] where path.count > port.utf8.count {
      if path.suffix(port.utf8.count).elementsEqual(port.utf8) {
        path.removeLast(port.utf8.count)
        break
      }
    }
    var key = Array(path)
    let query = bytes[question...].dropFirst()
    if !query.isEmpty { key += [UInt8(ascii: "?")] + query }
    for index in key.indices where key[index] >= 0x41 && key[index] <= 0x5A { key[index] |= 0x20 }
    return String(decoding: key, as: UTF8.self)
  }
}
