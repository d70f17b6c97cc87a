import ByteJSON
import ByteKernels
import Foundation
import TestSupport
import Testing

@testable import FlightFormat
@testable import NoteStore

/// The page builder's walk (row bytes read token by token, with checkpoints) must build exactly
/// the page the decoded values describe (`buildFromValues`, the oracle): the same nodes, node
/// count and limit, on real pages, on shapes made to tell them apart, and on mutated pages. The
/// importer reading files in parallel must report exactly what importing them one at a time
/// reports.
@Suite struct FlightPageEquivalenceTests {
  /// The page as text (one line per node, indented), its node count and its limit.
  struct Built: Equatable {
    var lines: [String]
    var nodeCount: Int
    var limit: String?
  }

  /// The page built by the walk (`fast`) or by the oracle.
  static func build(_ bytes: [UInt8], fast: Bool) -> Built? {
    guard let document = try? FlightDocument.parse(bytes, decodingModelRows: false) else {
      return nil
    }
    var builder = FlightPageBuilder(document: document)
    let root = fast ? builder.build() : builder.buildFromValues()
    var lines: [String] = []
    func dump(_ node: PageTree.NodeID, _ indent: String) {
      if let text = builder.tree.text(node) {
        lines.append(indent + "\"" + text + "\"")
        return
      }
      lines.append(
        indent + "\(builder.tree.tag(node))" + (builder.tree.href(node).map { " " + $0 } ?? ""))
      for child in builder.tree.children(node) { dump(child, indent + "  ") }
    }
    dump(root, "")
    return Built(
      lines: lines, nodeCount: builder.nodeCount,
      limit: builder.limitHit.map { "\($0.message) @\($0.rowID)" })
  }

  /// Builds both ways and checks they agree.
  static func expectSamePage(_ bytes: [UInt8], _ comment: Comment) {
    let fast = build(bytes, fast: true)
    let slow = build(bytes, fast: false)
    #expect(fast?.lines == slow?.lines, comment)
    #expect(fast?.nodeCount == slow?.nodeCount, comment)
    #expect(fast?.limit == slow?.limit, comment)
  }

  /// Folders of Tests/Fixtures, then the real payloads of ../shared when they are there.
  static let fixtureFolders = [
    Fixtures.url("flight"), SharedSamples.url("real-world-flight"), Fixtures.url("hostile"),
  ].filter { FileManager.default.fileExists(atPath: $0.path) }

  static func fixtures() throws -> [(name: String, bytes: [UInt8])] {
    var result: [(String, [UInt8])] = []
    for folder in fixtureFolders {
      let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      for name in names where !name.hasSuffix(".md") {
        let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
        result.append((folder.lastPathComponent + "/" + name, bytes))
      }
    }
    return result
  }

  @Test func everyFixtureBuildsTheSamePageBothWays() throws {
    for (name, bytes) in try Self.fixtures() { Self.expectSamePage(bytes, "\(name)") }
  }

  /// Payloads whose props, undefined members, tuples and rows make the two walks differ
  /// unless the walk's checkpoints take back exactly what the values do not hold.
  static let trickyPayloads: [String] = [
    // A component's href after its children: the other props were walked, then taken back.
    #"0:["$","$L1",null,{"className":"x","children":["$","b",null,{"children":"t"}],"href":"https://a.example/"}]"#,
    // Before its children, and an href that is not a string (the component stays transparent).
    #"0:["$","$L1",null,{"href":"https://a.example/","prefetch":false,"children":"t"}]"#,
    #"0:["$","$L1",null,{"href":{"pathname":"/p"},"children":"t","n":12.5}]"#,
    // A dropped member that expanded a row: the props are walked again from a checkpoint.
    #"0:["$","$L1",null,{"icon":"$L2","children":"t","href":"https://a.example/"}]"# + "\n"
      + #"2:["$","span",null,{"children":"icon"}]"#,
    // Undefined and __proto__ members, repeated children and hrefs.
    #"0:["$","div",null,{"children":"$undefined","href":"$undefined"}]"#,
    #"0:{"__proto__":"hidden","a":"$undefined","b":"kept","c":["$u",1,-0.0,1e21,true,null]}"#,
    #"0:["$","div",null,{"children":"one","children":"two"}]"#,
    #"0:["$","a",null,{"href":"/x","href":"https://a.example/","children":"t"}]"#,
    // Tuples that are not elements, marker escapes, odd props.
    #"0:["$","div",null,5,"owner"]"#,
    #"0:["$","div"]"#,
    #"0:["$$","div",null,{"children":"t"}]"#,
    #"0:["\u0024","DIV",null,{"children":"upper"}]"#,
    #"0:["$","div",null,"$undefined"]"#,
    #"0:["$","script",null,{"children":"var x"}]"#,
    #"0:["$","$Sreact.fragment",null,null]"#,
    // References: path references, a cycle, a missing row, a T row, a broken row.
    #"0:["$","div",null,{"children":["$1:props:children","$L9","$2","$L3"]}]"# + "\n"
      + #"1:["$","p",null,{"children":"para"}]"# + "\n" + "2:T5,hello"
      + "3:[\"$\",\"i\",null,{\"children\":\"$L0\"}]",
    #"0:["$","div",null,{"children":"$L1"}]"# + "\n" + #"1:["$","b",null,{"children":"x"]"#,
    // No usable root: every model row in order.
    "0:{\"broken\n" + #"1:["$","li",null,{"children":"one"}]"# + "\n"
      + #"2:["$","ul",null,{"children":["$L1","$L1"]}]"#,
    "0:\n" + #"4:["$","p",null,{"children":["a",1,"$L5"]}]"# + "\n" + #"5:"$$five""#,
    // Member names with escapes (compared decoded), host tags of every case and kind.
    #"0:["$","$L1",null,{"hr\u0065f":"https://a.example/","childr\u0065n":"t"}]"#,
    #"0:{"__pr\u006fto__":"hidden","\u0061":"kept"}"#,
    #"0:[["$","SPAN",null,{"children":"a"}],["$","svg",null,{"children":"b"}],["$","h1",null,{"children":"c"}]]"#,
    #"0:[["$","Ul",null,{"children":"a"}],["$","x-y",null,{"children":"b"}],["$","\u0061",null,{"href":"/t","children":"c"}]]"#,
    #"0:[["$","style",null,null],["$","br",null,null],["$","li2",null,{}],["$","$Sdiv",null,{"children":"d"}]]"#,
    // Row references read from their bytes, and strings that only look like them.
    #"0:["$L1",{"a":"$1","b":["$L12345678","$L123456789","$LA","$L","$Lg","$1:x","$L\u0031"]},["$1"]]"#
      + "\n" + #"1:["$","p",null,{"children":"one"}]"# + "\n"
      + #"12345678:["$","b",null,{"children":"eight"}]"#,
    #"0:["$","$L2",null,{"title":"$L1","href":"https://a.example/","children":"$L1","x":"$L1"}]"#
      + "\n" + #"1:["$","i",null,{"children":"in"}]"# + "\n" + #"2:"$Sreact.fragment""#,
    // Element types that are `$` forms: components, and `$$` strings that are host tags.
    #"0:[["$","$$div",null,{"children":"a"}],["$","$\u0024p",null,{"children":"b"}],["$","$",null,{"children":"c"}]]"#,
    #"0:[["$","$Lz",null,{"children":"d"}],["$","$\u004c1",null,{"children":"e"}],["$","$S\u0078",null,{"children":"f"}]]"#,
    // Escapes, long strings, numbers.
    #"0:["$","p",null,{"className":"\"q\" \\ \u00e9","children":["a\nb","\ud800x",0.1,-7,100]}]"#,
  ]

  @Test func trickyPayloadsBuildTheSamePageBothWays() {
    for payload in Self.trickyPayloads {
      Self.expectSamePage(Array((payload + "\n").utf8), "\(payload)")
    }
  }

  @Test func rawAndBrokenUTF8TextIsRepairedAlikeBothWays() throws {
    // Text taken straight from the row must be exactly what decoding it gives: valid UTF-8
    // as is, anything else (cut, overlong, surrogate, past U+10FFFF) repaired to U+FFFD.
    let pieces: [[UInt8]] = [
      Array("é – ok".utf8), [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80],
      [0xF4, 0x90, 0x80, 0x80], Array("𝄞".utf8), [0x80],
    ]
    var payload = Array(#"0:["$","p",null,{"children":["#.utf8)
    for (index, piece) in pieces.enumerated() {
      payload += (index > 0 ? [0x2C] : []) + [0x22] + piece + [0x22]
    }
    payload += Array("]}]\n".utf8)
    Self.expectSamePage(payload, "raw UTF-8")
    let built = try #require(Self.build(payload, fast: true))
    #expect(
      built.lines.map { $0.trimmingCharacters(in: .whitespaces) }
        == ["body", "p"] + pieces.map { "\"" + String(decoding: $0, as: UTF8.self) + "\"" })
  }

  /// Host tag names read from their bytes get the page tag the String path gives them.
  @Test func hostTagsReadFromBytesMatchPageTagOfHost() {
    let names = [
      "a", "ul", "ol", "li", "p", "div", "strong", "b", "em", "i", "code", "kbd", "samp", "br",
      "body", "script", "style", "head", "meta", "link", "title", "template", "noscript", "svg",
      "span", "h1", "section", "bodyx", "d", "", "x9", "7", "Div", "x-y", "é", "SVG",
      "blockquote", "noscripts", "templat", "scriptx", "a1", "strongb",
    ]
    for name in names {
      let bytes = Array("\"\(name)\"".utf8)
      let tag = bytes.withUnsafeBufferPointer { buffer -> PageTree.Tag?? in
        var reader = FlightRowReader(buffer)
        guard case .text(let text) = try? reader.next() else { return nil }
        return FlightPageBuilder.pageTag(ofHost: text)
      }
      #expect(tag == .some(FlightPageBuilder.pageTag(ofHost: name)), "\(name)")
    }
  }

  /// A bullet's text pieces collapse as the whole text would: runs of ASCII words and single
  /// spaces are copied at once, every other whitespace still collapses.
  @Test func bulletTextCollapsesLikeCollapseWhitespace() {
    let texts = [
      ["a b c"], [" a  b "], ["x y\tz", " w"], ["é b c d"], ["a b\u{2003}c d"], ["  "],
      ["a b ", " c"], ["word", "word"], ["a\nb c\u{A0} d"], ["ab cd ef gh ij kl mn op qr st uv"],
    ]
    for pieces in texts {
      var tree = PageTree()
      let ids = pieces.map { tree.addText($0) }
      let item = tree.addElement(.li, href: nil, children: ids[...])
      let list = tree.addElement(.ul, href: nil, children: [item])
      var converter = SummaryListConverter(tree: tree)
      let expected = InlineMarkup.collapseWhitespace(pieces.joined())
      #expect(
        converter.nodes(from: list).map(\.markup) == (expected.isEmpty ? [] : [expected]),
        "\(pieces)")
    }
  }

  /// The byte comparison of a tag link's segment and text answers as the String one does,
  /// or leaves it to the String one.
  /// Spaces between differently styled pieces go to the plainer run, as before pieces were
  /// written straight into the bullet's text.
  @Test func spacesBetweenStyledPiecesKeepTheirRun() {
    var tree = PageTree()
    let a = tree.addText("a ")
    let b = tree.addText(" b ")
    let strong = tree.addElement(.strong, href: nil, children: [b])
    let c = tree.addText(" c")
    let key = tree.addText("Key:")
    let label = tree.addElement(.strong, href: nil, children: [key])
    let rest = tree.addText("  text  more ")
    let first = tree.addElement(.li, href: nil, children: [a, strong, c])
    let second = tree.addElement(.li, href: nil, children: [label, rest])
    let list = tree.addElement(.ul, href: nil, children: [first, second])
    var converter = SummaryListConverter(tree: tree)
    #expect(converter.nodes(from: list).map(\.markup) == ["a **b **c", "**Key:** text more"])
  }

  @Test func asciiTagLinksCompareLikeTheStrings() {
    let hrefs = [
      "/tag/gpu", "/tag/GPU/", "/tag/large%20language%20model", "/tag/a+b", "/t/x?y#z",
      "/tag/é", "/tag/caf%C3%A9", "/a/b%2", "/a/%zz+q", "/a/%+1x", "/a/%4a%4A", "", "/",
      "/tag/k%E2%84%AA", "/tåg/gpu", "/tag/%41%42", "/a//gpu//", "/a/gpu?b/c", "gpu", "?gpu",
      "/a/gpu#/b/", "//", "gpu/", "/x/GpU///?/y",
    ]
    let texts = [
      "gpu", "GPU", "Large Language Model", "a b", "x", "é", "café", "b%2", "", "jJ",
      "k", "kk", "ab", "AB", "a", "%zz q",
    ]
    var decided = 0
    for href in hrefs {
      for text in texts {
        var bytes = text
        let fast = bytes.withUTF8 { PreviewFinder.asciiSegment(of: href, isCaseInsensitively: $0) }
        let slow =
          !text.isEmpty && PreviewFinder.lastPathSegment(href)?.lowercased() == text.lowercased()
        if let fast {
          decided += 1
          #expect(fast == slow, "\(href) \(text)")
        }
      }
    }
    #expect(decided > 150)
    #expect(PreviewFinder.asciiLowercased("Large GPU-9 [Z@]") == "large gpu-9 [z@]")
    #expect(PreviewFinder.asciiLowercased("gpu") == "gpu")
    #expect(PreviewFinder.asciiLowercased("") == "")
  }

  @Test func lastPathSegmentsMatchTheStringSlicing() {
    for href in [
      "/tag/gpu", "/tag/large%20language%20model/", "/t/x?y#z", "/tag/é", "/tag/\u{301}x",
      "", "/", "noslash", "/a/b%2", "/a/%zz+q", "/a/%C3%A9", "//", "/tag/x/?q=/y", "/a/%+1x",
      "/a/%4a%4A%g1z",
    ] {
      #expect(
        PreviewFinder.lastPathSegment(href) == PreviewFinder.lastPathSegmentOfString(href),
        "\(href)")
    }
  }

  @Test func percentEscapesDecodeAsBefore() {
    #expect(PreviewFinder.percentDecode("large%20language+model") == "large language model")
    #expect(PreviewFinder.percentDecode("%4a%4A%C3%A9x") == "JJéx")
    // Not two hex digits: what `UInt8(_:radix:)` makes of them (a sign is accepted).
    #expect(PreviewFinder.percentDecode("%+1x%zzx%2") == "\u{1}x%zzx%2")
  }

  @Test func limitsAreReachedAtTheSameRowBothWays() {
    var deep = ""
    for id in 0..<300 {
      deep +=
        String(id, radix: 16) + ":[\"$\",\"div\",null,{\"children\":\"$L"
        + String(id + 1, radix: 16) + "\"}]\n"
    }
    var shared = "1:\"leaf\"\n"
    for id in 2...40 {
      let previous = String(id - 1, radix: 16)
      shared += String(id, radix: 16) + ":[\"$L\(previous)\",\"$L\(previous)\"]\n"
    }
    shared += "0:[\"$\",\"div\",null,{\"children\":\"$L28\"}]\n"
    for payload in [deep, shared] {
      let slow = Self.build(Array(payload.utf8), fast: false)
      #expect(slow?.limit != nil)
      Self.expectSamePage(Array(payload.utf8), "limit")
    }
  }

  /// SplitMix64 mutations of the fixtures (flips, deletions, duplications, syntax inserted).
  @Test func mutatedFixturesBuildTheSamePageBothWays() throws {
    let seeds = try Self.fixtures().map(\.bytes)
    let tokens = [
      "\n", "0:", "\"$L1\"", "\"$1:props:children\"", "[\"$\",\"div\",null,{", "{\"children\":",
      "\"href\":\"https://b.example/\",", "\"$undefined\"", "\"__proto__\":", "\\u00e9", "]", "}",
      "[\"$\",\"$Lf\",null,{\"className\":\"c\",\"children\":", "\"",
    ].map { Array($0.utf8) }
    var generator = SplitMix64(seed: 20_261_121)
    func random(_ bound: Int) -> Int {
      let value = generator.next()
      return bound <= 0 ? 0 : Int(value % UInt64(bound))
    }
    for round in 0..<300 {
      var bytes = seeds[random(seeds.count)]
      for _ in 0...random(3) {
        let at = random(bytes.count + 1)
        switch random(4) {
        case 0 where !bytes.isEmpty:
          bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: random(256))
        case 1: bytes.insert(contentsOf: tokens[random(tokens.count)], at: at)
        case 2: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random(64)))
        default:
          let end = min(bytes.count, at + 1 + random(256))
          bytes.insert(contentsOf: bytes[at..<end], at: at)
        }
      }
      Self.expectSamePage(bytes, "mutant \(round)")
    }
  }

  @Test func parallelImportReportsLikeOneFileAtATime() throws {
    let directory = TemporaryDirectory()
    // Pages that merge into each other, failing files (the first, one early, the last) and
    // non-flight files, 70 in all, so the read-ahead bound (32 files) is crossed twice.
    let sources = try Self.fixtures().filter { !$0.name.hasPrefix("hostile") }
    for index in 0..<70 {
      let source = sources[index % sources.count]
      let name = String(format: "%02d-", index) + source.name.split(separator: "/").last!
      let fails = [0, 7, 69].contains(index)
      // A flight payload whose one row is cut short: refused by the flight reader. (A lone
      // "{" is not a failure: it imports as a plain text note titled "{".)
      _ = FileManager.default.createFile(
        atPath: directory.file(name), contents: Data(fails ? Array("0:{".utf8) : source.bytes))
    }
    let now = Timestamp(secondsSince1970: 1_767_225_600)
    let stores = (TemporaryDirectory(), TemporaryDirectory())
    let together = try NoteStore.open(path: stores.0.file("notes.json"))
    let report = try NoteImporter(now: now).importPaths([directory.path], into: together)
    let alone = try NoteStore.open(path: stores.1.file("notes.json"))
    var reports: [FileReport] = []
    for file in report.files.map(\.path) {
      reports += try NoteImporter(now: now).importPaths([file], into: alone).files
    }
    #expect(report.files.count == 70)
    #expect(report.files == reports)
    #expect(report.added > 0 && report.merged > 0 && report.failed > 0)
    // Store order (the snapshot's notes by id, then the journal's in append order) depends on
    // how changes were grouped into writes; every listing sorts on its own. Folded, both
    // stores must hold the same notes in the same order.
    try together.compact()
    try alone.compact()
    #expect(together.headers == alone.headers)
    for header in together.headers { #expect(together.note(header.id) == alone.note(header.id)) }
  }
}
