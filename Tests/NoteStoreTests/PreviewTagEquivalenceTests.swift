import ByteKernels
import Testing

@testable import NoteStore

/// The byte-level shortcuts of the flight importer's note layer must answer exactly as the
/// plain String code they replaced: tag links (`PreviewFinder.collectTags`), whitespace
/// collapsing of link text, the external-link test, bullet markup and note ids.
@Suite struct PreviewTagEquivalenceTests {
  /// The tag collection as it was written before any byte shortcut: the link's text through
  /// `textContent` and `collapseWhitespace`, its last path segment decoded, both lowercased,
  /// duplicates dropped by their lowercased text.
  static func referenceTags(in node: PageTree.NodeID, of tree: PageTree) -> [String] {
    var tags: [String] = []
    var seen = Set<String>()
    func visit(_ node: PageTree.NodeID) {
      let tag = tree.tag(node)
      if tag == .text || tag.isList { return }
      if tag == .a {
        guard let href = tree.href(node), !referenceIsExternal(href) else { return }
        let text = InlineMarkup.collapseWhitespace(tree.textContent(node))
        guard let segment = PreviewFinder.lastPathSegmentOfString(href) else { return }
        let folded = text.lowercased()
        if !text.isEmpty, segment.lowercased() == folded, seen.insert(folded).inserted {
          tags.append(text)
        }
        return
      }
      for child in tree.children(node) { visit(child) }
    }
    visit(node)
    return tags
  }

  static func referenceIsExternal(_ href: String) -> Bool {
    let head = href.utf8.prefix(8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    return head.starts(with: "http://".utf8) || head.starts(with: "https://".utf8)
  }

  static let hrefs = [
    "/tag/gpu", "/tag/GPU/", "/tag/large%20language%20model", "/tag/a+b", "/t/x?y#z", "/tag/é",
    "/tag/caf%C3%A9", "/tag/k%E2%84%AA", "/tag/%41%42", "https://x.example/tag/gpu",
    "HTTP://x/gpu", "Https:/x/gpu", "httpx://gpu", "/tag/;", "/tag/%CD%BE", "/tag/a%20%20b",
    "/tag/%zz", "/tag/%4", "/tag/cafe%CC%81", "/tag/\u{301}x", "", "/", "gpu", "/tag/x%2Fy", "//",
    "/gpu//", "gpu/?/x", "gpu#a/b",
    "/a//gpu//?q=/x", "?gpu",
  ]

  /// Texts, split into the text nodes of one link (one node, or several around a `strong`).
  static let texts: [[String]] = [
    ["gpu"], [" GPU "], ["Large\nLanguage  Model"], ["a b"], ["é"], ["caf\u{E9}"],
    ["cafe\u{301}"], ["k"], ["\u{212A}"], ["AB"], ["Ab"], [";"], ["\u{37E}"], ["a\u{A0}b"],
    ["a  b"], [""], ["x"], ["\t"], ["a", " b"], ["G", "PU"], ["ca", "f\u{E9}"], ["%zz"],
    ["a\u{2003}\u{2003}b"], ["\u{A0}gpu\u{A0}"], ["x/y"], ["\u{301}x"],
  ]

  /// Random preview-like containers of tag links (and a few other elements) collect the same
  /// tags, in the same order and spelling, as the String reference.
  @Test func randomTagLinksCollectLikeTheStringCode() {
    var generator = SplitMix64(seed: 20_261_122)
    var compared = 0
    for round in 0..<600 {
      var tree = PageTree()
      var links: [PageTree.NodeID] = []
      for _ in 0..<Int.random(in: 0...40, using: &generator) {
        let href = Self.hrefs.randomElement(using: &generator)!
        let pieces = Self.texts.randomElement(using: &generator)!
        var children = pieces.map { tree.addText($0) }
        if children.count > 1 {
          let strong = tree.addElement(.strong, href: nil, children: children[1...])
          children = [children[0], strong]
        }
        switch Int.random(in: 0..<8, using: &generator) {
        case 0:
          // A list hides its links; a link without an href is not a link.
          let item = tree.addElement(.li, href: nil, children: children[...])
          links.append(tree.addElement(.ul, href: nil, children: [item]))
        case 1: links.append(tree.addElement(.a, href: nil, children: children[...]))
        case 2:
          let link = tree.addElement(.a, href: href, children: children[...])
          links.append(tree.addElement(.div, href: nil, children: [link]))
        default: links.append(tree.addElement(.a, href: href, children: children[...]))
        }
      }
      let container = tree.addElement(.div, href: nil, children: links[...])
      let expected = Self.referenceTags(in: container, of: tree)
      #expect(
        Self.tags(in: container, of: tree) == expected.map { Array($0.utf8) }, "round \(round)")
      compared += expected.count
    }
    #expect(compared > 400)
  }

  @Test func tagLinksOfASampleShape() {
    var tree = PageTree()
    let spellings = [
      ("/tag/large%20language%20model", " Large\n  language model "), ("/tag/gpu", "GPU"),
      ("/tag/gpu", "gpu"), ("/tag/caf%C3%A9", "Café"), ("/tag/x", "y"),
      ("https://example.com/tag/z", "z"), ("/tag/%3B", "\u{37E}"), ("/tag/%3B", ";"),
    ]
    let links = spellings.map { href, text in
      tree.addElement(.a, href: href, children: [tree.addText(text)])
    }
    let container = tree.addElement(.div, href: nil, children: links[...])
    var finder = PreviewFinder(tree: tree)
    finder.collectTags(in: container)
    let tags = finder.tags
    // U+037E is canonically ";" to String comparison, so the second link repeats the first.
    #expect(tags == ["Large language model", "GPU", "Café", "\u{37E}"])
  }

  /// The tags `collectTags` finds under `node`, as UTF-8 (the bytes a store would keep).
  static func tags(in node: PageTree.NodeID, of tree: PageTree) -> [[UInt8]] {
    var finder = PreviewFinder(tree: tree)
    finder.collectTags(in: node)
    return finder.tags.map { Array($0.utf8) }
  }

  /// Past `SeenTags.maxHashed` distinct tags, and after a tag that is not ASCII, duplicates
  /// are still found (by a Set), in every case spelling.
  @Test func manyTagsAndUnicodeTagsStayUnique() {
    var generator = SplitMix64(seed: 3)
    for count in [1, 63, 64, 65, 100, 300] {
      for unicodeAt in [nil, 0, count / 2, count - 1] {
        var tree = PageTree()
        var links: [PageTree.NodeID] = []
        for _ in 0..<(2 * count) {
          let number = Int.random(in: 0..<count, using: &generator)
          var text = "tag \(number)"
          if number == unicodeAt { text = "tág \(number)" }
          if Bool.random(using: &generator) { text = text.uppercased() }
          let href = "/tag/" + text.split(separator: " ").joined(separator: "%20")
          links.append(tree.addElement(.a, href: href, children: [tree.addText(text)]))
        }
        let container = tree.addElement(.div, href: nil, children: links[...])
        let expected = Self.referenceTags(in: container, of: tree)
        #expect(
          Self.tags(in: container, of: tree) == expected.map { Array($0.utf8) },
          "\(count) \(String(describing: unicodeAt))")
        #expect(Set(expected.map { $0.lowercased() }).count == expected.count)
      }
    }
  }

  @Test func externalLinksAreAbsoluteHTTP() {
    let hrefs =
      Self.hrefs + [
        "http://", "https://", "http:/", "https:", "HTTPS://A", "hTtP://a", "http", "https",
        "httpS://a", "http://é", "h", "ftp://x", "https//x", "http:://x",
      ]
    for href in hrefs {
      #expect(PreviewFinder.isExternal(href) == Self.referenceIsExternal(href), "\(href)")
    }
  }

  /// A bullet of one plain run is its own markup only when it has nothing to escape.
  @Test func plainBulletsEscapeLikeInlineMarkup() {
    for text in ["plain words", "a*b", "x`y`", "back\\slash", "**", "café ✓", "a_b [c](d)"] {
      var tree = PageTree()
      let item = tree.addElement(.li, href: nil, children: [tree.addText(text)])
      let list = tree.addElement(.ul, href: nil, children: [item])
      var converter = SummaryListConverter(tree: tree)
      #expect(
        converter.nodes(from: list).map(\.markup) == [
          InlineMarkup.markup(for: [InlineSpan(text)])
        ], "\(text)")
    }
  }

  /// Long bullet texts (where the converter copies eight bytes at a time) collapse and escape
  /// exactly as `collapseWhitespace` and `InlineMarkup.markup(for:)` do on the whole text.
  @Test func longBulletTextsCollapseAndEscapeLikeTheStringCode() {
    var generator = SplitMix64(seed: 5)
    let alphabet = [
      "word", "Ab", " ", "  ", " !", "!", "\t", "\n", "\u{A0}", "é", "数据", "*", "`", "\\", "~",
      "\u{7F}", "\u{1}", " x", "xy z", "\u{2003}", "12345678", "a b c d e f g h",
    ]
    for round in 0..<3_000 {
      let pieces = (0..<Int.random(in: 1...3, using: &generator)).map { _ in
        generator.string(from: alphabet, maxPieces: 24)
      }
      var tree = PageTree()
      let ids = pieces.map { tree.addText($0) }
      let item = tree.addElement(.li, href: nil, children: ids[...])
      let list = tree.addElement(.ul, href: nil, children: [item])
      var converter = SummaryListConverter(tree: tree)
      let collapsed = InlineMarkup.collapseWhitespace(pieces.joined())
      let expected = collapsed.isEmpty ? [] : [InlineMarkup.markup(for: [InlineSpan(collapsed)])]
      #expect(
        converter.nodes(from: list).map { Array($0.markup.utf8) }
          == expected.map { Array($0.utf8) },
        "round \(round): \(pieces)")
    }
  }

  @Test func wordTestsNeverPassAWordTheByteLoopWouldStopIn() {
    var generator = SplitMix64(seed: 9)
    let bytes: [UInt8] = [0x20, 0x21, 0x41, 0x7F, 0x7E, 0x1F, 0x00, 0x80, 0xC3, 0x5C, 0x60, 0x2A]
    for _ in 0..<50_000 {
      let word = (0..<8).map { _ in bytes.randomElement(using: &generator)! }
      let value = word.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
      // What the byte loop accepts: printable bytes, a space only before a printable one.
      var isPlain = true
      for index in 0..<8 where !(word[index] > 0x20 && word[index] < 0x80) {
        if !(word[index] == 0x20 && index < 7 && word[index + 1] > 0x20 && word[index + 1] < 0x80) {
          isPlain = false
        }
      }
      if SummaryListConverter.isPlainRun(value) { #expect(isPlain, "\(word)") }
      let hasMarker = word.contains { $0 == 0x5C || $0 == 0x60 || $0 == 0x2A }
      #expect(word.withUnsafeBufferPointer(SummaryListConverter.containsMarker) == hasMarker)
    }
    func isPlainRun(_ text: String) -> Bool {
      Array(text.utf8).withUnsafeBytes {
        SummaryListConverter.isPlainRun(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)))
      }
    }
    #expect(isPlainRun("Corko da") && isPlainRun(" a b c d") && isPlainRun("x!y!? z~"))
    #expect(!isPlainRun("a  b cde") && !isPlainRun("abcdefg ") && !isPlainRun("abc\tdefg"))
  }

  /// The bullet converter's whitespace test answers as Unicode's White_Space property of the
  /// decoded scalar, and false for every byte sequence that is no valid scalar.
  @Test func bulletWhitespaceIsUnicodeWhiteSpace() {
    func reference(_ bytes: [UInt8]) -> Bool {
      var parser = UTF8.ForwardParser()
      var iterator = bytes.makeIterator()
      guard case .valid(let encoded) = parser.parseScalar(from: &iterator) else { return false }
      return UTF8.decode(encoded).properties.isWhitespace
    }
    func converter(_ bytes: [UInt8]) -> Bool {
      bytes.withUnsafeBufferPointer { utf8 in
        let end = min(UTF8Scan.sequenceLength(lead: utf8[0]), utf8.count)
        return SummaryListConverter.isWhitespace(utf8, 0, end)
      }
    }
    var sequences: [[UInt8]] = []
    for value in 0..<0x3100 {
      sequences.append(Array(String(Unicode.Scalar(UInt32(value)) ?? " ").utf8))
    }
    for lead: UInt8 in [0xC2, 0xE1, 0xE2, 0xE3, 0xE0, 0xF0] {
      sequences.append([lead])
      for second in 0...UInt8.max {
        sequences.append([lead, second])
        if lead >= 0xE0 && (second == 0x80 || second == 0x81 || second == 0x9A) {
          for third in 0...UInt8.max { sequences.append([lead, second, third]) }
        }
      }
    }
    for bytes in sequences { #expect(converter(bytes) == reference(bytes), "\(bytes)") }
  }

  /// Ids are the first 12 of 16 zero-padded lowercase hex digits of the URL's FNV-1a hash,
  /// as they were formatted with a radix (stored notes keep their ids).
  @Test func noteIDsKeepTheirFormatting() {
    func formatted(_ value: UInt64) -> String {
      let text = String(value, radix: 16)
      let padded = String(repeating: "0", count: max(0, 16 - text.count)) + text
      return String(padded.prefix(NoteID.length))
    }
    var generator = SplitMix64(seed: 11)
    var values: [UInt64] = [0, 1, 0xF, 0xFFFF_FFFF_FFFF_FFFF, 0x0123_4567_89AB_CDEF, 1 << 63]
    for _ in 0..<1_000 { values.append(generator.next() >> (generator.next() % 64)) }
    for value in values { #expect(NoteID.hex(value) == formatted(value), "\(value)") }
    #expect(NoteID.forURL("https://example.com/page").rawValue == "164134ce8257")
    #expect(NoteID.forURL("").rawValue == "cbf29ce48422")
  }
}
