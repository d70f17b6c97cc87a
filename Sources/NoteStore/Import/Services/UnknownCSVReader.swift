import ByteJSON
import Diagnostics

/// Takes the CSV files no export reader recognised, to refuse them with their header named:
/// a file named `.csv`, or one whose first line is a header of three or more names followed by
/// records of as many fields.
///
/// Listed after the export readers and before the text reader, which would otherwise import a
/// spreadsheet as one note titled with its header.
struct UnknownCSVReader: DumpReader {
  var format: String { "csv" }

  /// The exports a CSV file can be, for the message.
  static let known = CSVExportReader.services.map { (service: $0.service, header: $0.header) }

  func recognizes(_ bytes: [UInt8], path: String) -> Bool {
    if path.lowercased().hasSuffix(".csv") { return true }
    guard let header = CSVTable.headerFields(of: bytes), header.count >= 3,
      header.allSatisfy(Self.isColumnName)
    else { return false }
    // The next record, read from the head, has as many fields.
    var scanner = CSVTable.Scanner(bytes: bytes.prefix(CSVTable.headerSniffLength))
    guard (try? scanner.nextRecord()) != nil, let next = try? scanner.nextRecord() else {
      return false
    }
    return next.fields.count == header.count
  }

  /// A short name of letters, digits, spaces, `_`, `-` or `.`, as spreadsheets' headers are.
  static func isColumnName(_ name: String) -> Bool {
    !name.isEmpty && name.count <= 40
      && name.allSatisfy { $0.isLetter || $0.isNumber || " _-.".contains($0) }
  }

  func read(_ bytes: [UInt8], path: String) throws(Diagnostic) -> [NoteDraft] {
    let firstLine =
      bytes.prefix(CSVTable.headerSniffLength).split(
        separator: 0x0A, maxSplits: 1, omittingEmptySubsequences: false
      ).first ?? []
    var header = String(decoding: firstLine, as: UTF8.self)
    if header.hasPrefix("\u{FEFF}") { header.removeFirst() }
    if header.hasSuffix("\r") { header.removeLast() }
    if header.count > 120 { header = String(header.prefix(120)) + "…" }
    let expected = Self.known.map { "\($0.service) (\($0.header))" }
    throw Diagnostic(
      "a CSV file whose header '\(header)' is none of the known exports; expected the header "
        + "of a " + expected.dropLast().joined(separator: ", ") + " or "
        + (expected.last ?? "") + " export",
      at: .start)
  }
}
