import ByteJSON
import Diagnostics

/// Reads a web page saved as Markdown (format "markdown") or as plain text (format "text")
/// into exactly one note.
///
/// Clippings first: what a clipper states about the page (front matter, Defuddle's ```json
/// block, Jina's `Title:`/`URL Source:` header; see `Clipping`) gives the title, URL, tags,
/// and `created` (clipped, else published).
///
/// Markdown: the title is the clipping's, else the first H1 with its markup removed, else the
/// file name without its extension (some clippers keep the title only there), else the first
/// heading. The summary is the outline of the headings after the title (all of them when no
/// heading is the title; a clipping's description when there are none). The shallowest level
/// becomes the top level, so H2 → H3 → H4 nest, and a document of H3s alone starts at H3. The
/// outline stops at the comment section ("3 Comments", "Responses", "コメント", "Leave a
/// Reply", …) and never includes the footer (a short tail after the last `---` holding a
/// copyright or nav links). Headings inside fenced code are not headings. The body is the
/// whole text: BOM stripped, CRLF (and lone CR) turned into LF, nothing else changed.
///
/// Text: the title is the clipping's, else the first non-empty line; the outline comes from
/// numbered section lines (`1.`, `1.2`) standing alone between blank lines, and from lines
/// underlined with `===`/`---`.
///
/// Without a clipping's URL, both flavours look in the header block only (the lines just
/// after the title, up to the next heading): a labelled line (`Source: https://…`,
/// `URL Source: …`, `原文: …`), an `[original](https://…)` link or a canonical `<link>`, the
/// first absolute http(s) one. Never a link in the text: it names another page. Tags likewise
/// come from the clipping, else a `Tags:` line in the header block.
///
/// Policy: tolerant. Only an empty file, a binary file, or a page with no title is an error.
public struct MarkdownDumpReader: DumpReader {
  /// Which kind of dump the reader takes.
  public enum Flavor: String, Sendable {
    case markdown
    case text
  }

  public let flavor: Flavor

  public init(flavor: Flavor = .markdown) {
    self.flavor = flavor
  }

  public var format: String { flavor.rawValue }

  /// How far `recognizes` looks for a leading heading or front matter: past blank lines only.
  static let sniffLength = 1024

  public func recognizes(_ bytes: [UInt8], path: String) -> Bool {
    let ext = Self.pathExtension(path)
    switch flavor {
    case .markdown:
      if ext == "md" || ext == "markdown" { return true }
      return Self.startsLikeMarkdown(bytes)
    case .text:
      return ext == "txt" && !Self.startsLikeFlightRow(bytes)
    }
  }

  public func read(_ bytes: [UInt8], path: String) throws(Diagnostic) -> [NoteDraft] {
    let text = try Self.decodeText(bytes, expected: "a Markdown or text page dump")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    switch flavor {
    case .markdown:
      return [try Self.readMarkdown(text: text, lines: lines, path: path)]
    case .text:
      return [try Self.readPlainText(text: text, lines: lines)]
    }
  }

  static func readMarkdown(text: String, lines: [Substring], path: String) throws(Diagnostic)
    -> NoteDraft
  {
    let scan = Scan(lines: lines)
    let clipping = clipping(in: scan)
    let headings = scan.headings.indices.filter { scan.headings[$0].line >= clipping.contentStart }
    let title: String
    // The heading that names the page, left out of the outline; nil when none does.
    let titleIndex: Int?
    if let named = clipping.title {
      title = named
      titleIndex = scan.repeatedTitleIndex(named, among: headings)
    } else if let h1 = scan.titleHeadingIndex(among: headings, levelOneOnly: true) {
      title = plainTitle(scan.headings[h1].text)
      titleIndex = h1
    } else if let name = fileTitle(path) {
      title = name
      titleIndex = nil
    } else if let first = scan.titleHeadingIndex(among: headings, levelOneOnly: false) {
      title = plainTitle(scan.headings[first].text)
      titleIndex = first
    } else {
      throw Diagnostic(
        "no title found, expected front matter 'title:', a heading such as '# Title', or a "
          + "file name", at: .start)
    }
    let afterTitle = titleIndex.map { scan.headings[$0].line } ?? (clipping.contentStart - 1)
    let outlineEnd = scan.outlineEnd(afterLine: afterTitle)
    let outline = headings.map { scan.headings[$0] }
      .filter { $0.line > afterTitle && $0.line < outlineEnd }
    var summary = buildTree(outline.map { ($0.level, SummaryNode(spans: inlineSpans($0.text))) })
    if summary.isEmpty, let description = clipping.description {
      summary = [SummaryNode(spans: [InlineSpan(description)])]
    }
    let header = scan.headerBlock(from: clipping.contentStart, afterLine: afterTitle)
    return NoteDraft(
      url: clipping.url ?? sourceURL(in: scan, lines: header),
      title: title, tags: clipping.tags ?? tags(in: scan, lines: header), summary: summary,
      body: text, created: clipping.noteCreated, published: clipping.published)
  }

  /// Nests `(level, node)` pairs: each node becomes a child of the nearest earlier node with a
  /// smaller level, so skipped levels (H2 → H4) still nest and the shallowest level is the top.
  static func buildTree(_ items: [(level: Int, node: SummaryNode)]) -> [SummaryNode] {
    var roots: [SummaryNode] = []
    var stack: [(level: Int, node: SummaryNode)] = []
    func close(downTo level: Int) {
      while let last = stack.last, last.level >= level {
        stack.removeLast()
        if stack.isEmpty {
          roots.append(last.node)
        } else {
          stack[stack.count - 1].node.children.append(last.node)
        }
      }
    }
    for item in items {
      close(downTo: item.level)
      stack.append(item)
    }
    close(downTo: Int.min)
    return roots
  }

  /// The lowercased extension of the last path component ("" when there is none).
  static func pathExtension(_ path: String) -> String {
    let name = FileSystem.fileName(of: path)
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }

  /// True when the first non-blank line, past any HTML comments (`<!-- … -->`, which
  /// Markdown files often open with), is an ATX heading (`# `…`###### `) or opens front
  /// matter (`---`).
  static func startsLikeMarkdown(_ bytes: [UInt8]) -> Bool {
    var head = bytes.prefix(sniffLength)
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
    var lead = head.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    while lead.starts(with: Array("<!--".utf8)),
      let close = NetscapeBookmarkReader.find(Array("-->".utf8), in: lead)
    {
      lead = lead[(close + 3)...].drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
    if lead.starts(with: Array("---".utf8)) {
      let rest = lead.dropFirst(3).drop { $0 == 0x20 || $0 == 0x09 }
      return rest.first == 0x0A || rest.first == 0x0D
    }
    let hashes = lead.prefix { $0 == UInt8(ascii: "#") }.count
    guard (1...6).contains(hashes) else { return false }
    let after = lead.dropFirst(hashes).first
    return after == 0x20 || after == 0x09
  }

  /// True when the bytes open like a flight row (`^[0-9a-f]*:`), which a `.txt` may hold.
  static func startsLikeFlightRow(_ bytes: [UInt8]) -> Bool {
    for byte in bytes.prefix(sniffLength) {
      if byte == UInt8(ascii: ":") { return true }
      let isHex =
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
      if !isHex { return false }
    }
    return false
  }
}
