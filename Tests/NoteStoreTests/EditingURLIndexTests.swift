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
