import Diagnostics

/// A service's CSV export (Pocket, Raindrop, Instapaper): recognised by the columns of its
/// header, read one note per record.
///
/// Columns are found by name, in any order and case, so a service adding a column later does
/// not break the reader. A file whose records cannot be read fails whole, at the first bad
/// field, and nothing of it is stored.
protocol CSVExportReader: DumpReader {
  /// The service's name for messages ("Pocket").
  static var service: String { get }
  /// Header names (lowercase) that identify the export; all must be present.
  static var requiredColumns: [String] { get }
  /// The note of one record.
  func draft(_ row: CSVRow) throws(Diagnostic) -> NoteDraft
}

extension CSVExportReader {
  /// The header as the export writes it, for messages ("title,url,time_added,tags,status").
  static var headerText: String { requiredColumns.joined(separator: ",") }

  public func recognizes(_ bytes: [UInt8], path: String) -> Bool {
    guard let header = CSVTable.headerFields(of: bytes) else { return false }
    return Set(Self.requiredColumns).isSubset(of: header)
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
        "a \(Self.service) export with no entries: expected records after the header",
        at: table.position(of: table.bytes.count))
    }
    var drafts: [NoteDraft] = []
    drafts.reserveCapacity(table.records.count)
    for record in table.records {
      drafts.append(try draft(CSVRow(table: table, record: record, columns: columns)))
    }
    return drafts
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
