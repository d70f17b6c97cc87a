/// Writes notes as a Netscape bookmark file, the format every browser and bookmark service
/// imports.
///
/// One `<DT><A>` per note with a URL (notes without one have nothing to bookmark and are
/// left out), in the given order, with ADD_DATE/LAST_MODIFIED as Unix seconds from `created`/
/// `updated`, TAGS joined with commas (a comma inside a tag written `\,` and a backslash `\\`:
/// the format has no escape of its own, and splitting "a, b" into two tags would lose it), and a
/// `<DD>` holding the summary's plain text, one line per node in outline order.
/// `NetscapeBookmarkReader` reads the file back to the same URLs, titles, tags and dates.
public enum NetscapeBookmarkExporter {
  /// The whole file, LF line endings, ending with a newline. Complexity: O(total text).
  public static func export(_ notes: [Note]) -> String {
    var out = """
      <!DOCTYPE NETSCAPE-Bookmark-file-1>
      <!-- This is an automatically generated file.
           It will be read and overwritten.
           DO NOT EDIT! -->
      <META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
      \(generator)
      <TITLE>Bookmarks</TITLE>
      <H1>Bookmarks</H1>
      <DL><p>

      """
    for note in notes {
      guard let url = note.url, !url.isEmpty else { continue }
      out += "    <DT><A HREF=\"\(escapeAttribute(url))\""
      out += " ADD_DATE=\"\(note.created.secondsSince1970)\""
      out += " LAST_MODIFIED=\"\(note.updated.secondsSince1970)\""
      if !note.tags.isEmpty {
        let tags = note.tags.map(escapeTag).joined(separator: ",")
        out += " TAGS=\"\(escapeAttribute(tags))\""
      }
      out += ">\(escapeText(note.title.isEmpty ? url : note.title))</A>\n"
      let lines = SummaryNode.flatten(note.summary).map(\.node.plainText).filter { !$0.isEmpty }
      if !lines.isEmpty {
        out += "    <DD>" + lines.map(escapeText).joined(separator: "\n") + "\n"
      }
    }
    out += "</DL><p>\n"
    return out
  }

  /// Marks the file as url-notes' own export: its bookmarks are stored notes said again, and
  /// importing them back into the store adds no provenance (see `NoteDraft.fromExport`).
  static let generator = #"<META NAME="generator" CONTENT="url-notes">"#

  /// A tag for the comma-separated TAGS list: `\` → `\\`, `,` → `\,`.
  static func escapeTag(_ tag: String) -> String {
    guard tag.contains(where: { $0 == "," || $0 == "\\" }) else { return tag }
    var out = ""
    for character in tag {
      if character == "," || character == "\\" { out.append("\\") }
      out.append(character)
    }
    return out
  }

  /// Text content: `&`, `<` and `>` as entities, newlines as spaces (a title is one line).
  static func escapeText(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\n", "\r", "\r\n": out += " "
      default: out.append(character)
      }
    }
    return out
  }

  /// A double-quoted attribute value: text escaping plus `"` as `&quot;`.
  static func escapeAttribute(_ text: String) -> String {
    escapeText(text).replacingAll("\"", with: "&quot;")
  }
}
