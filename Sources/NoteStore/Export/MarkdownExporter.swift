/// Writes notes as one readable Markdown document, a section per note.
///
/// Each section is `## [Title](url) <!-- id: … -->` (`## Title <!-- id: … -->` without a URL;
/// the comment, invisible when rendered, lets `MarkdownExportReader` find the note again), a
/// `Tags: a, b` line when the note has tags (`\,` for a comma inside a tag), a
/// `Published: 2020-04-28T00:00:00Z` line when the article's publication date is known, the
/// summary as nested `-` bullets (two spaces per level) with each node's
/// inline markup as stored (`**CPU:** …`), and the body, if any, as a block quote. A quote and
/// not a code fence: a saved article is prose with its own headings and emphasis, and a quote
/// keeps it rendered and wrapped while its `#` headings stay inside the note's section instead
/// of becoming the document's. Sections are separated by one blank line.
public enum MarkdownExporter {
  /// The whole document, LF line endings, ending with a newline ("" for no notes).
  public static func export(_ notes: [Note]) -> String {
    notes.map(section).joined(separator: "\n")
  }

  /// One note's section, ending with a newline.
  static func section(_ note: Note) -> String {
    let title = escapeLinkText(note.title.isEmpty ? (note.url ?? "Untitled") : note.title)
    var out: String
    if let url = note.url, !url.isEmpty {
      out = "## [\(title)](\(linkDestination(url)))"
    } else {
      out = "## \(title)"
    }
    out += " <!-- id: \(note.id) -->\n"
    if !note.tags.isEmpty || note.published != nil { out += "\n" }
    if !note.tags.isEmpty {
      out += "Tags: " + note.tags.map(NetscapeBookmarkExporter.escapeTag).joined(separator: ", ")
      out += "\n"
    }
    if let published = note.published { out += "Published: \(published.iso8601)\n" }
    if !note.summary.isEmpty {
      out += "\n"
      for (depth, node) in SummaryNode.flatten(note.summary) {
        let indent = String(repeating: "  ", count: depth)
        out += indent + "- " + oneLine(node.markup) + "\n"
      }
    }
    if let body = note.body, !body.isEmpty {
      out += "\n"
      var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
      if lines.last?.isEmpty == true { lines.removeLast() }
      for line in lines {
        out += line.isEmpty ? ">\n" : "> " + line + "\n"
      }
    }
    return out
  }

  /// Brackets and backslashes escaped so a title cannot end the link text early; the
  /// title stays on one line.
  static func escapeLinkText(_ text: String) -> String {
    var out = ""
    for character in oneLine(text) {
      if character == "[" || character == "]" || character == "\\" { out.append("\\") }
      out.append(character)
    }
    return out
  }

  /// The URL as written, in `<…>` when it holds spaces or parentheses that would end it.
  static func linkDestination(_ url: String) -> String {
    url.contains(where: { $0 == " " || $0 == "(" || $0 == ")" }) ? "<\(url)>" : url
  }

  /// Line breaks as spaces: a heading or bullet is one line.
  static func oneLine(_ text: String) -> String {
    guard text.contains(where: \.isNewline) else { return text }
    return String(text.map { $0.isNewline ? " " : $0 })
  }
}
