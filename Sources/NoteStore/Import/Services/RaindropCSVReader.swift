import Diagnostics

/// Reads Raindrop.io's CSV export: `id,title,note,excerpt,url,folder,tags,created,cover,
/// highlights,favorite`, one bookmark per record.
///
/// url = `url`, title = `title` (the URL when empty), tags = `tags` split on commas, created =
/// `created` (ISO 8601), the note's text = `note`, then `excerpt`, then `highlights`, one
/// bullet per line. The folder is a place in Raindrop, not a topic, so it is not made a tag.
public struct RaindropCSVReader: CSVExportReader {
  public init() {}

  public var format: String { "raindrop-csv" }
  static let service = "Raindrop"
  static let requiredColumns = [
    "id", "title", "note", "excerpt", "url", "folder", "tags", "created",
  ]

  func draft(_ row: CSVRow) throws(Diagnostic) -> NoteDraft {
    let url = try row.url("url")
    return NoteDraft(
      url: url, title: ServiceFields.title(row.text("title"), url: url),
      tags: ServiceFields.tags(row.raw("tags"), separatedBy: ","),
      summary: ServiceFields.summary(row.raw("note"), row.raw("excerpt"), row.raw("highlights")),
      created: try row.date("created", "an ISO 8601 date") { Timestamp(lenientISO8601: $0) })
  }
}
