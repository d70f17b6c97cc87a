import ByteJSON
import Diagnostics

/// A service's CSV export (Pocket, Raindrop, Instapaper), described as data: the header that
/// identifies it and which column gives each part of a note. One reader serves every service
/// (`CSVExportReader+Services.swift` holds their tables), over the one CSV table reader.
///
/// Columns are found by name, in any order and case, so a service adding a column later does
/// not break the reader. A file whose records cannot be read fails whole, at the first bad
/// field, and nothing of it is stored.
public struct CSVExportReader: DumpReader {
  /// How a column lists a note's tags.
  enum TagList: Sendable {
    /// Separated by this character.
    case separated(by: Character)
    /// A JSON array of strings (`["a","b"]`), or else separated by commas.
    case jsonArrayOrCommas
  }

  /// How a column writes the time a page was saved.
  enum DateForm: Sendable {
    case unixTime
    case iso8601
  }

  /// The service's name for messages ("Pocket").
  let service: String
  public let format: String
  /// The header as the export writes it, for messages ("title,url,time_added,tags,status");
  /// a trailing "…" stands for columns that are not required.
  let header: String
  /// The column of the tags, and how it lists them.
  let tags: (column: String, list: TagList)
  /// The column of the time the page was saved.
  let created: (column: String, form: DateForm)
  /// Columns of free text that become the note's summary, one bullet per line, in this order.
  let summaryColumns: [String]

  /// Header names (lowercase) that identify the export; all must be present.
  var requiredColumns: [String] {
    header.lowercased().split(separator: ",").map(String.init).filter { $0 != "…" }
  }

  public func recognizes(_ bytes: [UInt8], path: String) -> Bool {
    guard let header = CSVTable.headerFields(of: bytes) else { return false }
    return Set(requiredColumns).isSubset(of: header)
  }

  public func read(_ bytes: [UInt8], path: String) throws(Diagnostic) -> [NoteDraft] {
    let table = try CSVTable.parse(bytes)
    var columns: [String: Int] = [:]
    for (index, name) in table.header.fields.enumerated() {
      let key = InlineMarkup.collapseWhitespace(name).lowercased()
      if columns[key] == nil { columns[key] = index }
    }
    guard !table.records.isEmpty else {
      throw Diagnostic(
        "a \(service) export with no entries: expected records after the header",
        at: table.position(of: table.bytes.count))
    }
    var drafts: [NoteDraft] = []
    drafts.reserveCapacity(table.records.count)
    for record in table.records {
      drafts.append(try draft(CSVRow(table: table, record: record, columns: columns)))
    }
    return drafts
  }

  /// The note of one record: url = `url`, title = `title` (the URL when empty), and the
  /// tags, time and summary from the columns the table names.
  func draft(_ row: CSVRow) throws(Diagnostic) -> NoteDraft {
    let url = try row.url("url")
    let created: Timestamp?
    switch self.created.form {
    case .unixTime:
      created = try row.date(self.created.column, "a Unix time") { Timestamp(unixTime: $0) }
    case .iso8601:
      created = try row.date(self.created.column, "an ISO 8601 date") {
        Timestamp(lenientISO8601: $0)
      }
    }
    return NoteDraft(
      url: url, title: ServiceFields.title(row.text("title"), url: url),
      tags: try tags(row), summary: summaryColumns.flatMap { ServiceFields.summary(row.raw($0)) },
      created: created)
  }

  func tags(_ row: CSVRow) throws(Diagnostic) -> [String] {
    switch tags.list {
    case .separated(let separator):
      return ServiceFields.tags(row.raw(tags.column), separatedBy: separator)
    case .jsonArrayOrCommas:
      let field = row.text(tags.column)
      guard field.hasPrefix("[") else { return ServiceFields.tags(field, separatedBy: ",") }
      guard let items = (try? JSONParser.parse(field))?.arrayValue,
        items.allSatisfy({ $0.stringValue != nil })
      else {
        throw row.problem(
          "expected a JSON array of tag names in column '\(tags.column)'", at: tags.column)
      }
      return ServiceFields.tags(
        items.compactMap(\.stringValue).joined(separator: "\n"), separatedBy: "\n")
    }
  }
}

/// One record of a CSV export, read by column name.
struct CSVRow {
  let table: CSVTable
  let record: CSVTable.Record
  let columns: [String: Int]

  /// The field of `column` with its whitespace collapsed; "" when the column is absent.
  func text(_ column: String) -> String {
    InlineMarkup.collapseWhitespace(raw(column))
  }

  /// The field of `column` as written (line breaks kept); "" when the column is absent.
  func raw(_ column: String) -> String {
    columns[column].map { record.fields[$0] } ?? ""
  }

  /// The URL in `column`; an error at the field when it is empty.
  func url(_ column: String) throws(Diagnostic) -> String {
    let url = text(column)
    guard !url.isEmpty else { throw problem("expected a URL in column '\(column)'", at: column) }
    return url
  }

  /// The date in `column`, read by `parse`; nil when the field is empty, an error at the
  /// field when it is not a date.
  func date(_ column: String, _ what: String, _ parse: (String) -> Timestamp?)
    throws(Diagnostic) -> Timestamp?
  {
    let field = text(column)
    if field.isEmpty { return nil }
    guard let date = parse(field) else {
      throw problem("expected \(what) in column '\(column)', found '\(field)'", at: column)
    }
    return date
  }

  /// A problem positioned at the field of `column` (at the record when it is absent).
  func problem(_ message: String, at column: String) -> Diagnostic {
    let offset = columns[column].map { record.offsets[$0] } ?? record.offsets[0]
    return Diagnostic(message, at: table.position(of: offset))
  }
}
