import ByteJSON
import Diagnostics

/// Reads Pocket's HTML export (`ril_export.html`): sections `<h1>Unread</h1>` and
/// `<h1>Read Archive</h1>`, each a `<ul>` of `<li><a href="…" time_added="…" tags="…">title</a>`.
/// It is not a Netscape bookmark file (no `<DL>`/`<DT>`), so it has a reader of its own.
///
/// url = `href`, title = the link text (the URL when empty), tags = `tags` split on commas,
/// created = `time_added` (Unix seconds). The section says where the page sat in Pocket, not
/// what it is about, so it is not made a tag. Tolerant like the Netscape reader, whose
/// tokenizer it shares; only a file with no link is an error.
public struct PocketHTMLReader: DumpReader {
  public init() {}

  public var format: String { "pocket-html" }

  /// Recognised by structure in the first 8 KB: list items that are links carrying a
  /// `time_added` attribute, in a page without scripts.
  public func recognizes(_ bytes: [UInt8], path: String) -> Bool {
    let head = bytes.prefix(NetscapeBookmarkReader.structureSniffLength)
    return NetscapeBookmarkReader.containsLoosely("<li><ahref=", in: head)
      && NetscapeBookmarkReader.containsLoosely("time_added=", in: head, skippingSpaces: false)
      && !NetscapeBookmarkReader.containsLoosely("<script", in: head)
  }

  public func read(_ bytes: [UInt8], path: String) throws(Diagnostic) -> [NoteDraft] {
    let text = try MarkdownDumpReader.decodeText(bytes, expected: "a Pocket export")
    var tokenizer = NetscapeBookmarkReader.Tokenizer(text)
    var drafts: [NoteDraft] = []
    // The open link: its attributes and the text so far.
    var open: (attributes: [String: String], title: String)?
    func close() {
      guard let link = open else { return }
      open = nil
      let url = InlineMarkup.collapseWhitespace(link.attributes["href"] ?? "")
      guard !url.isEmpty else { return }
      let title = InlineMarkup.collapseWhitespace(link.title)
      drafts.append(
        NoteDraft(
          url: url, title: ServiceFields.title(title, url: url),
          tags: ServiceFields.tags(link.attributes["tags"] ?? "", separatedBy: ","),
          created: link.attributes["time_added"].flatMap { Timestamp(unixTime: $0) }))
    }
    while let token = tokenizer.next() {
      switch token {
      case .start("a", let attributes):
        close()
        open = (attributes, "")
      case .text(let piece):
        open?.title += piece
      case .end("a"), .start("li", _), .end("li"), .end("ul"):
        close()
      default:
        break
      }
    }
    close()
    guard !drafts.isEmpty else {
      throw Diagnostic(
        "no saved pages found: expected <li><a href=… time_added=…> links",
        at: TextPosition.of(offset: bytes.count, in: bytes))
    }
    return drafts
  }
}
