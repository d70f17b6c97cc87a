import Diagnostics

/// Reads Pocket's CSV export (`part_000000.csv`, written until Pocket closed in 2025):
/// `title,url,time_added,tags,status`, one saved page per record.
///
/// url = `url`, title = `title` (the URL when empty), tags = `tags` split on `|`, created =
/// `time_added` (Unix seconds). `status` (unread or archive) says where the page sat in
/// Pocket, not what it is about, so it is not made a tag.
public struct PocketCSVReader: CSVExportReader {
  public init() {}

  public var format: String { "pocket-csv" }
  static let service = "Pocket"
  static let requiredColumns = ["title", "url", "time_added", "tags", "status"]

  func draft(_ row: CSVRow) throws(Diagnostic) -> NoteDraft {
    let url = try row.url("url")
    return NoteDraft(
      url: url, title: ServiceFields.title(row.text("title"), url: url),
      tags: ServiceFields.tags(row.raw("tags"), separatedBy: "|"),
      created: try row.date("time_added", "a Unix time") { Timestamp(unixTime: $0) })
  }
}
