/// The services' CSV exports, one table each. A folder, list or status column (unread,
/// archive, starred, the user's own folders) says where a page sat in the service, not what it
/// is about, so none of them is made a tag.
extension CSVExportReader {
  /// Pocket's CSV export (`part_000000.csv`, written until Pocket closed in 2025), one saved
  /// page per record. Tags are split on `|`; `time_added` is in Unix seconds.
  public static let pocket = CSVExportReader(
    service: "Pocket", format: "pocket-csv", header: "title,url,time_added,tags,status",
    tags: ("tags", .separated(by: "|")), created: ("time_added", .unixTime), summaryColumns: [])

  /// Raindrop.io's CSV export, one bookmark per record (later columns: `cover`,
  /// `highlights`, `favorite`). Tags are split on commas; `created` is ISO 8601; the note's
  /// text is `note`, then `excerpt`, then `highlights`, one bullet per line.
  public static let raindrop = CSVExportReader(
    service: "Raindrop", format: "raindrop-csv",
    header: "id,title,note,excerpt,url,folder,tags,created,…",
    tags: ("tags", .separated(by: ",")), created: ("created", .iso8601),
    summaryColumns: ["note", "excerpt", "highlights"])

  /// Instapaper's CSV export, one saved article per record (newer exports add `Tags`, a JSON
  /// array or comma-separated). `Timestamp` is in Unix seconds; the note's text is
  /// `Selection`, the passage highlighted when saving.
  public static let instapaper = CSVExportReader(
    service: "Instapaper", format: "instapaper-csv", header: "URL,Title,Selection,Folder,Timestamp",
    tags: ("tags", .jsonArrayOrCommas), created: ("timestamp", .unixTime),
    summaryColumns: ["selection"])

  /// Every service's export, in the order the importer tries them.
  static let services = [pocket, raindrop, instapaper]
}
