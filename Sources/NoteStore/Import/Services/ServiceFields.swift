/// How the service exports write the parts of a note: tag lists and free text.
enum ServiceFields {
  /// Tags separated by `separator`, cleaned as `tags(_:)` does.
  static func tags(_ text: String, separatedBy separator: Character) -> [String] {
    tags(text.split(separator: separator))
  }

  /// Tag names as every reader keeps them (service exports, bookmark `TAGS`, posts held as
  /// data): whitespace collapsed, empty ones and repeats (case-insensitively) dropped, in order.
  static func tags<Names: Sequence>(_ names: Names) -> [String]
  where Names.Element: StringProtocol {
    var seen: Set<TagKey> = []
    var tags: [String] = []
    for name in names {
      let tag = InlineMarkup.collapseWhitespace(String(name))
      guard !tag.isEmpty, seen.insert(TagKey(tag)).inserted else { continue }
      tags.append(tag)
    }
    return tags
  }

  /// A note's text (a description, an excerpt, a highlight, a bookmark's `<DD>`) as the
  /// summary: one bullet per non-empty line, whitespace collapsed.
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
