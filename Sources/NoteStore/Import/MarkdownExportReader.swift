import Diagnostics

/// Reads url-notes' own Markdown export (`export --format markdown`) back as the notes it
/// holds: one per `## ` section, with its URL, title, tags, summary tree, body and id.
///
/// Recognised by structure, so exports from before the id comments still are: the first
/// non-blank line is a `## ` heading and every line is one the exporter writes — a section
/// heading (`## [Title](url) <!-- id: … -->` or `## Title <!-- id: … -->`), a blank line,
/// `Tags: a, b\, c`, `Published: 2020-04-28T00:00:00Z`, a summary bullet (`- `, two spaces of indent per level) or a body line
/// quoted with `>`. Any other line makes it an ordinary Markdown page.
///
/// A note read here is the stored note said again, not a new source for the page: merged into
/// the store it came from it adds no provenance, so re-importing an export changes nothing.
///
/// Policy: strict (what fits the grammar is this format; the rest is the page reader's).
public struct MarkdownExportReader: DumpReader {
  public init() {}

  public var format: String { "markdown-export" }

  public func recognizes(_ bytes: [UInt8], path: String) -> Bool {
    guard !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return false }
    // Line by line on the bytes, decoding one line at a time: every file of an import is asked
    // here, and a page dump is refused at its first line without being decoded whole.
    var sawHeading = false
    var start = 0
    while start <= bytes.count {
      let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
      // Every kind but `.other` starts with one of these bytes (or is empty).
      if end > start, !"#TP> -".utf8.contains(bytes[start]) { return false }
      let line = Substring(String(decoding: bytes[start..<end], as: UTF8.self))
      switch Self.kind(of: line) {
      case .heading: sawHeading = true
      case .blank: break
      case .other: return false
      case .tags, .published, .bullet, .quote: if !sawHeading { return false }
      }
      start = end + 1
    }
    return sawHeading
  }

  enum LineKind {
    case heading, blank, tags, published, bullet, quote, other
  }

  static func kind(of line: Substring) -> LineKind {
    if line.isEmpty { return .blank }
    if line.hasPrefix("## ") { return .heading }
    if line.hasPrefix("Tags: ") { return .tags }
    if line.hasPrefix("Published: "), Timestamp(iso8601: String(line.dropFirst(11))) != nil {
      return .published
    }
    if line == ">" || line.hasPrefix("> ") { return .quote }
    let indent = line.prefix { $0 == " " }.count
    if indent % 2 == 0, line.dropFirst(indent).hasPrefix("- ") { return .bullet }
    return .other
  }

  public func read(_ bytes: [UInt8], path: String) throws(Diagnostic) -> [NoteDraft] {
    let text = try MarkdownDumpReader.decodeText(bytes, expected: "url-notes' Markdown export")
    var drafts: [NoteDraft] = []
    var bullets: [(level: Int, node: SummaryNode)] = []
    var body: [Substring] = []
    func finish() {
      if !drafts.isEmpty {
        drafts[drafts.count - 1].summary = MarkdownDumpReader.buildTree(bullets)
        drafts[drafts.count - 1].body = body.isEmpty ? nil : body.joined(separator: "\n") + "\n"
      }
      bullets = []
      body = []
    }
    for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      switch Self.kind(of: line) {
      case .heading:
        finish()
        // Every note has a title, so a section without one was not written by the exporter.
        guard let draft = Self.heading(line.dropFirst(3)),
          !InlineMarkup.collapseWhitespace(draft.title).isEmpty
        else {
          throw Diagnostic(
            "expected a section heading with a title, '## [Title](url)' or '## Title'",
            at: TextPosition(line: number + 1, column: 4))
        }
        drafts.append(draft)
      case .tags where !drafts.isEmpty:
        drafts[drafts.count - 1].tags = NetscapeBookmarkReader.splitTags(String(line.dropFirst(6)))
      case .published where !drafts.isEmpty:
        drafts[drafts.count - 1].published = Timestamp(iso8601: String(line.dropFirst(11)))
      case .bullet:
        let indent = line.prefix { $0 == " " }.count
        bullets.append((indent / 2, SummaryNode(markup: String(line.dropFirst(indent + 2)))))
      case .quote:
        body.append(line.dropFirst(line == ">" ? 1 : 2))
      case .tags, .published, .blank, .other:
        continue
      }
    }
    finish()
    return drafts.map { draft in
      var restated = draft
      restated.fromExport = true
      return restated
    }
  }

  /// A section heading after `## `: the link (or bare title) and the id comment.
  static func heading(_ text: Substring) -> NoteDraft? {
    var rest = text
    var id: NoteID?
    let marker = " <!-- id: "
    if rest.hasSuffix(" -->"), let open = lastRange(of: marker, in: rest),
      open.upperBound <= rest.index(rest.endIndex, offsetBy: -4)
    {
      id = NoteID(String(rest[open.upperBound..<rest.index(rest.endIndex, offsetBy: -4)]))
      rest = rest[..<open.lowerBound]
    }
    guard rest.first == "[" else {
      return NoteDraft(url: nil, title: unescaped(rest), id: id)
    }
    var title = ""
    var index = rest.index(after: rest.startIndex)
    while index < rest.endIndex, rest[index] != "]" {
      if rest[index] == "\\", rest.index(after: index) < rest.endIndex {
        index = rest.index(after: index)
      }
      title.append(rest[index])
      index = rest.index(after: index)
    }
    let destination = rest[index...].dropFirst()
    guard destination.hasPrefix("("), destination.hasSuffix(")") else {
      // `[` without a link: a bare title that starts with a bracket.
      return NoteDraft(url: nil, title: unescaped(rest), id: id)
    }
    var url = destination.dropFirst().dropLast()
    if url.hasPrefix("<"), url.hasSuffix(">") { url = url.dropFirst().dropLast() }
    return NoteDraft(url: String(url), title: title, id: id)
  }

  /// The last occurrence of `needle` in `text`.
  static func lastRange(of needle: String, in text: Substring) -> Range<Substring.Index>? {
    var found: Range<Substring.Index>?
    var rest = text[...]
    while let range = rest.range(of: needle) {
      found = range
      rest = text[range.upperBound...]
    }
    return found
  }

  /// Link text with the exporter's `\[`, `\]` and `\\` escapes undone.
  static func unescaped(_ text: Substring) -> String {
    var out = ""
    var escaped = false
    for character in text {
      if !escaped, character == "\\" {
        escaped = true
        continue
      }
      if escaped, !"[]\\".contains(character) { out.append("\\") }
      out.append(character)
      escaped = false
    }
    if escaped { out.append("\\") }
    return out
  }
}
