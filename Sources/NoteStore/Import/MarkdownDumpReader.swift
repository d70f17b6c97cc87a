import ByteJSON
import Diagnostics

/// Reads a web page saved as Markdown (format "markdown") or as plain text (format "text")
/// into exactly one note.
///
/// Markdown: the title is the first H1 (else the first heading) with its markup removed; the
/// summary is the outline of the headings after it (the shallowest level becomes the top level,
/// so H2 → H3 → H4 nest, and a document of H3s alone starts at H3). The outline stops at the
/// comment section ("3 Comments", "Responses", "コメント", "Leave a Reply", …) and never
/// includes the footer (a short tail after the last `---` holding a copyright or nav links).
/// Headings inside fenced code are not headings. The body is the whole text: BOM stripped,
/// CRLF (and lone CR) turned into LF, nothing else changed.
///
/// Text: the title is the first non-empty line; the outline comes from numbered section lines
/// (`1.`, `1.2`) standing alone between blank lines, and from lines underlined with `===`/`---`.
///
/// Both flavours take the source URL from front matter (`url:`, `source:`) or a labelled line
/// (`Source: https://…`, `原文: …`, `[original](https://…)`), the first absolute http(s) one,
/// and tags from front matter or a `Tags:` line.
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
      return [try Self.readMarkdown(text: text, lines: lines)]
    case .text:
      return [try Self.readPlainText(text: text, lines: lines)]
    }
  }

  static func readMarkdown(text: String, lines: [Substring]) throws(Diagnostic) -> NoteDraft {
    let scan = Scan(lines: lines)
    let fallbackTitle = scan.frontMatterValues("title").first.map {
      InlineMarkup.collapseWhitespace($0)
    }
    guard let titleIndex = scan.titleHeadingIndex() else {
      guard let fallbackTitle, !fallbackTitle.isEmpty else {
        throw Diagnostic(
          "no title found, expected a heading such as '# Title'",
          at: TextPosition(line: 1, column: 1))
      }
      // Front matter names the page but the body has no heading to outline from.
      let end = scan.metadataEnd(after: scan.frontMatterEnd)
      return NoteDraft(
        url: sourceURL(in: scan, before: end), title: fallbackTitle,
        tags: tags(in: scan, before: end), summary: [], body: text)
    }
    let title = plainTitle(scan.headings[titleIndex].text)
    let outlineEnd = scan.outlineEnd(after: titleIndex)
    let outline = scan.headings[(titleIndex + 1)...].prefix { $0.line < outlineEnd }
    let summary = buildTree(outline.map { ($0.level, SummaryNode(spans: inlineSpans($0.text))) })
    let metadataEnd = scan.metadataEnd(after: scan.headings[titleIndex].line)
    return NoteDraft(
      url: sourceURL(in: scan, before: metadataEnd),
      title: title.isEmpty ? (fallbackTitle ?? "") : title,
      tags: tags(in: scan, before: metadataEnd), summary: summary, body: text)
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
    let name = path.split(separator: "/").last ?? ""
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }

  /// True when the first non-blank line is an ATX heading (`# `…`###### `) or opens front
  /// matter (`---`).
  static func startsLikeMarkdown(_ bytes: [UInt8]) -> Bool {
    var head = bytes.prefix(sniffLength)
    if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
    let lead = head.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
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
