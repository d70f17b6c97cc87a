import ByteJSON
import Diagnostics

/// Reads Instapaper's CSV export: `URL,Title,Selection,Folder,Timestamp` (newer exports add
/// `Tags`), one saved article per record.
///
/// url = `URL`, title = `Title` (the URL when empty), created = `Timestamp` (Unix seconds),
/// the note's text = `Selection` (the passage highlighted when saving), tags = `Tags`, written
/// as a JSON array (`["a","b"]`) or comma-separated. `Folder` (Unread, Archive, Starred or the
/// user's own) is a place in Instapaper, not a topic, so it is not made a tag.
public struct InstapaperCSVReader: CSVExportReader {
  public init() {}

  public var format: String { "instapaper-csv" }
  static let service = "Instapaper"
  static let requiredColumns = ["url", "title", "selection", "folder", "timestamp"]

  func draft(_ row: CSVRow) throws(Diagnostic) -> NoteDraft {
    let url = try row.url("url")
    return NoteDraft(
      url: url, title: ServiceFields.title(row.text("title"), url: url),
      tags: try tags(row), summary: ServiceFields.summary(row.raw("selection")),
      created: try row.date("timestamp", "a Unix time") { Timestamp(unixTime: $0) })
  }

  /// The `Tags` column: a JSON array of strings, or a comma-separated list.
  func tags(_ row: CSVRow) throws(Diagnostic) -> [String] {
    let field = row.text("tags")
    guard field.hasPrefix("[") else { return ServiceFields.tags(field, separatedBy: ",") }
    guard let items = (try? JSONParser.parse(field))?.arrayValue,
      items.allSatisfy({ $0.stringValue != nil })
    else {
      throw row.problem("expected a JSON array of tag names in column 'tags'", at: "tags")
    }
    return ServiceFields.tags(
      items.compactMap(\.stringValue).joined(separator: "\n"), separatedBy: "\n")
  }
}
