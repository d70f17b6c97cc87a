import ByteJSON
import Diagnostics

/// A CSV file as RFC 4180 writes it: records of comma-separated fields, a field in double
/// quotes when it holds commas, quotes (doubled) or line breaks; the first record is the header.
///
/// Policy: strict about structure, since exports are written by programs. A quoted field must
/// close, its closing quote must end the field, and every record must have the header's number
/// of fields; each error names the line and column. Tolerant about what programs vary: LF or
/// CRLF line ends, a UTF-8 byte-order mark, blank lines, a quote inside an unquoted field (kept
/// as text), invalid UTF-8 (replaced).
struct CSVTable {
  /// One record: its fields, and the byte offset where each begins (for messages).
  struct Record {
    var fields: [String] = []
    var offsets: [Int] = []
  }

  /// The file's bytes, kept to turn offsets into positions when something is reported.
  let bytes: [UInt8]
  let header: Record
  let records: [Record]

  /// Bytes of the head in which `headerFields(of:)` looks for the header record.
  static let headerSniffLength = 4096

  /// The line and column of a byte offset (a leading byte-order mark is not a column).
  func position(of offset: Int) -> TextPosition { Self.position(of: offset, in: bytes) }

  static func position(of offset: Int, in bytes: [UInt8]) -> TextPosition {
    let bom = bytes.starts(with: byteOrderMark) ? 3 : 0
    return bytes[bom...].withUnsafeBufferPointer {
      TextPosition.of(offset: offset - bom, in: $0)
    }
  }

  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Parses a whole file: the header and every record after it.
  static func parse(_ bytes: [UInt8]) throws(Diagnostic) -> CSVTable {
    var scanner = Scanner(bytes: bytes[...])
    var records: [Record] = []
    do {
      while let record = try scanner.nextRecord() { records.append(record) }
    } catch {
      throw Diagnostic(error.message, at: position(of: error.offset, in: bytes))
    }
    let header = records.isEmpty ? Record() : records.removeFirst()
    let table = CSVTable(bytes: bytes, header: header, records: records)
    for record in records where record.fields.count != header.fields.count {
      throw Diagnostic(
        "expected \(header.fields.count) fields as in the header, found \(record.fields.count)",
        at: table.position(of: record.offsets[0]))
    }
    return table
  }

  private init(bytes: [UInt8], header: Record, records: [Record]) {
    self.bytes = bytes
    self.header = header
    self.records = records
  }

  /// The first record's fields, trimmed and lowercased, when the head of `bytes` starts with
  /// one of two or more fields: what the CSV readers recognise a file by. Cheap for any file
  /// (a look at the first line); nil for a first line without a comma.
  static func headerFields(of bytes: [UInt8]) -> [String]? {
    let head = bytes.prefix(headerSniffLength)
    let lineEnd = head.firstIndex(of: 0x0A) ?? head.endIndex
    guard head[..<lineEnd].contains(UInt8(ascii: ",")) else { return nil }
    var scanner = Scanner(bytes: head[..<lineEnd])
    guard let record = try? scanner.nextRecord(), record.fields.count >= 2 else { return nil }
    return record.fields.map { InlineMarkup.collapseWhitespace($0).lowercased() }
  }
}

extension CSVTable {
  /// A CSV syntax error at a byte offset.
  struct SyntaxError: Error {
    let message: String
    let offset: Int
  }

  /// Reads records one at a time from the bytes it owns.
  struct Scanner {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(bytes: ArraySlice<UInt8>) {
      self.bytes = bytes
      index = bytes.starts(with: CSVTable.byteOrderMark) ? bytes.startIndex + 3 : bytes.startIndex
    }

    /// The next record, skipping blank lines; nil at the end.
    mutating func nextRecord() throws(SyntaxError) -> Record? {
      while index < bytes.endIndex && (bytes[index] == 0x0A || bytes[index] == 0x0D) {
        index += 1
      }
      guard index < bytes.endIndex else { return nil }
      var record = Record()
      while true {
        record.offsets.append(index)
        record.fields.append(try nextField())
        guard index < bytes.endIndex else { return record }
        let separator = bytes[index]
        index += 1
        if separator == UInt8(ascii: ",") { continue }
        // A line end: CRLF or LF (the CR was the field's end).
        if separator == 0x0D && index < bytes.endIndex && bytes[index] == 0x0A { index += 1 }
        return record
      }
    }

    /// One field, leaving `index` at the byte that ends it (a comma, CR, LF or the end).
    private mutating func nextField() throws(SyntaxError) -> String {
      guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "\"") else {
        let start = index
        while index < bytes.endIndex {
          let byte = bytes[index]
          if byte == UInt8(ascii: ",") || byte == 0x0A || byte == 0x0D { break }
          index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
      }
      let opening = index
      index += 1
      var text: [UInt8] = []
      var runStart = index
      while true {
        guard let quote = bytes[index...].firstIndex(of: UInt8(ascii: "\"")) else {
          throw SyntaxError(
            message: "a quoted field is not closed: expected a '\"' before the end of the file",
            offset: opening)
        }
        text += bytes[runStart..<quote]
        index = quote + 1
        // A doubled quote is one quote of the text.
        if index < bytes.endIndex && bytes[index] == UInt8(ascii: "\"") {
          text.append(UInt8(ascii: "\""))
          index += 1
          runStart = index
          continue
        }
        break
      }
      if index < bytes.endIndex {
        let next = bytes[index]
        guard next == UInt8(ascii: ",") || next == 0x0A || next == 0x0D else {
          throw SyntaxError(
            message: "expected ',' or the end of the line after the closing quote",
            offset: index)
        }
      }
      return String(decoding: text, as: UTF8.self)
    }
  }
}
