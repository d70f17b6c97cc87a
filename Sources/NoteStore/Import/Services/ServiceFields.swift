/// How the service exports write the parts of a note: tag lists and free text.
enum ServiceFields {
  /// Tags separated by `separator`: trimmed, empty and repeated (case-insensitively) dropped.
  static func tags(_ text: String, separatedBy separator: Character) -> [String] {
    var seen: Set<TagKey> = []
    var tags: [String] = []
    for part in text.split(separator: separator) {
      let tag = InlineMarkup.collapseWhitespace(String(part))
      guard !tag.isEmpty, seen.insert(TagKey(tag)).inserted else { continue }
      tags.append(tag)
    }
    return tags
  }

  /// A note's text (a description, an excerpt, a highlight) as the summary: one bullet per
  /// non-empty line, whitespace collapsed, as the Netscape reader does with `<DD>`.
  static func summary(_ texts: String...) -> [SummaryNode] {
    texts.flatMap { text in
      text.split(whereSeparator: \.isNewline).compactMap { line in
        let text = InlineMarkup.collapseWhitespace(String(line))
        return text.isEmpty ? nil : SummaryNode(spans: [InlineSpan(text)])
      }
    }
  }

  /// The title, or the URL when the export has none (as browsers show an untitled bookmark).
  static func title(_ title: String, url: String) -> String { title.isEmpty ? url : title }
}
