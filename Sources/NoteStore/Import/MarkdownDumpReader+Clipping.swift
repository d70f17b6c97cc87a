import ByteJSON

extension MarkdownDumpReader {
  /// What a web clipper wrote about the page it saved, from whichever block it uses: YAML front
  /// matter (MarkDownload, Obsidian Web Clipper, Joplin, Zotero-style templates), Defuddle's
  /// leading ```json block, or Jina Reader's `Title:` / `URL Source:` header lines.
  ///
  /// Only these explicit statements name the page: a link in the text never does (a page links
  /// to many others, and taking one merged unrelated notes).
  struct Clipping {
    var title: String?
    var url: String?
    /// Nil when the clipper wrote no tags key (a `Tags:` line may then say them).
    var tags: [String]?
    /// When the page was clipped (`created:`, else `date:`).
    var created: Timestamp?
    /// When the article itself was published (`published:`, Jina's `Published Time:`).
    var published: Timestamp?
    var description: String?
    /// The first line of the page's own text, after whatever block held the metadata.
    var contentStart: Int

    /// When the note was made: clipped, else published.
    var noteCreated: Timestamp? { created ?? published }
  }

  /// Front matter keys that name the page's address, in order of preference (`links` is an
  /// Obsidian template's list of the page's addresses).
  static let urlKeys = [
    "url", "source", "link", "source_url", "original", "original_url", "canonical", "links",
  ]

  /// Lines after the top of a Jina header block that may still hold its `URL Source:`.
  static let jinaHeaderLines = 12

  static func clipping(in scan: Scan) -> Clipping {
    if !scan.frontMatter.isEmpty { return frontMatterClipping(scan) }
    let first = scan.lines.indices.first { !Scan.trimmed(scan.lines[$0]).isEmpty }
    guard let first else { return Clipping(contentStart: 0) }
    if Scan.trimmed(scan.lines[first]).lowercased() == "```json",
      let clipping = defuddleClipping(scan, fence: first)
    {
      return clipping
    }
    return jinaClipping(scan, from: first) ?? Clipping(contentStart: 0)
  }

  static func frontMatterClipping(_ scan: Scan) -> Clipping {
    func first(_ key: String) -> String? {
      scan.frontMatterValues(key).map { InlineMarkup.collapseWhitespace($0) }
        .first { !$0.isEmpty }
    }
    var clipping = Clipping(contentStart: scan.frontMatterEnd)
    clipping.title = first("title")
    clipping.url =
      urlKeys.lazy.flatMap { scan.frontMatterValues($0) }
      .compactMap { urlValue(Substring($0)) }.first
    if scan.frontMatter.contains(where: { $0.key == "tags" }) {
      clipping.tags = splitTags(scan.frontMatterValues("tags").joined(separator: ","))
    }
    clipping.created = (first("created") ?? first("date")).flatMap(clippingDate)
    clipping.published = first("published").flatMap(clippingDate)
    clipping.description = first("description")
    return clipping
  }

  /// Defuddle's output: a ```json fence holding `{"title": …, "published": …}` at the top.
  static func defuddleClipping(_ scan: Scan, fence: Int) -> Clipping? {
    guard
      let close = scan.lines.indices.dropFirst(fence + 1).first(where: {
        Scan.trimmed(scan.lines[$0]) == "```"
      })
    else { return nil }
    let json = scan.lines[(fence + 1)..<close].joined(separator: "\n")
    guard let object = (try? JSONParser.parse(json))?.objectValue else { return nil }
    func string(_ key: String) -> String? {
      object[key]?.stringValue.map { InlineMarkup.collapseWhitespace($0) }
        .flatMap { $0.isEmpty ? nil : $0 }
    }
    var clipping = Clipping(contentStart: close + 1)
    clipping.title = string("title")
    clipping.url =
      ["url", "source", "link", "canonical"].lazy.compactMap(string)
      .compactMap { urlValue(Substring($0)) }.first
    if let tags = object["tags"]?.arrayValue {
      clipping.tags = splitTags(tags.compactMap(\.stringValue).joined(separator: ","))
    }
    clipping.created = string("created").flatMap(clippingDate)
    clipping.published = string("published").flatMap(clippingDate)
    clipping.description = string("description")
    return clipping
  }

  /// Jina Reader's header: `Title: …`, then (blank lines between) `URL Source: …`,
  /// `Published Time: …`, and `Markdown Content:` before the text. Nil unless it opens with
  /// `Title:` and names a `URL Source:`.
  static func jinaClipping(_ scan: Scan, from first: Int) -> Clipping? {
    guard let (label, _) = labelled(Scan.trimmed(scan.lines[first])), label == "title" else {
      return nil
    }
    var clipping = Clipping(contentStart: first)
    var index = first
    let end = min(scan.lines.count, first + jinaHeaderLines)
    while index < end {
      let line = Scan.trimmed(scan.lines[index])
      index += 1
      if line.isEmpty { continue }
      guard let (label, value) = labelled(line) else { break }
      let text = InlineMarkup.collapseWhitespace(String(value))
      switch label {
      case "title": clipping.title = text.isEmpty ? nil : text
      case "url source": clipping.url = urlValue(value)
      case "published time": clipping.published = clippingDate(text)
      case "description": clipping.description = text.isEmpty ? nil : text
      case "markdown content":
        clipping.contentStart = index
        return clipping.url == nil ? nil : clipping
      default: break
      }
      clipping.contentStart = index
    }
    return clipping.url == nil ? nil : clipping
  }

  /// The file's name without folder and extension: the title of a clipping that has no other.
  static func fileTitle(_ path: String) -> String? {
    var name = Substring(FileSystem.fileName(of: path))
    if let dot = name.lastIndex(of: ".") { name = name[..<dot] }
    let title = InlineMarkup.collapseWhitespace(String(name))
    return title.isEmpty ? nil : title
  }
}
