/// A 1-based line and column in a byte buffer, for compiler-style messages (`path:3:14:`).
///
/// Lines end at LF. Columns count Unicode scalars (UTF-8 continuation bytes are skipped), so a
/// column matches what an editor shows for non-ASCII text.
public struct TextPosition: Equatable, Sendable, CustomStringConvertible {
  public let line: Int
  public let column: Int

  /// Line 1, column 1: where a message about a file as a whole points (a missing or
  /// unreadable file, a directory without dumps, an empty file, content of the wrong kind),
  /// so every message about a file has the same `path:line:col:` shape.
  public static let start = TextPosition(line: 1, column: 1)

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// The position of `offset` in `bytes`. Complexity: O(offset).
  public static func of(offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> TextPosition {
    let end = min(max(offset, 0), bytes.count)
    var line = 1
    var lineStart = 0
    var index = 0
    while index < end {
      if bytes[index] == 0x0A {
        line += 1
        lineStart = index + 1
      }
      index += 1
    }
    var column = 1
    index = lineStart
    while index < end {
      if bytes[index] & 0xC0 != 0x80 { column += 1 }
      index += 1
    }
    return TextPosition(line: line, column: column)
  }

  /// The position of `offset` in `bytes`. Complexity: O(offset).
  public static func of(offset: Int, in bytes: [UInt8]) -> TextPosition {
    bytes.withUnsafeBufferPointer { of(offset: offset, in: $0) }
  }

  public var description: String { "\(line):\(column)" }
}
