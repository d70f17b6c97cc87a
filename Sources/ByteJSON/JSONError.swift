/// A JSON syntax error: what went wrong, and the byte offset where it was found.
///
/// Errors are values; the text is produced in one place (`message`), and callers turn the
/// offset into a line and column with `TextPosition` when they report it.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Kind: Equatable, Sendable {
    /// The input ended where `expected` should have followed.
    case unexpectedEnd(expected: String)
    /// `found` stands where `expected` should have.
    case unexpectedByte(found: UInt8, expected: String)
    /// A backslash escape that JSON does not define, or a bad `\u` sequence.
    case invalidEscape
    /// A number that does not follow the JSON grammar.
    case invalidNumber
    /// A raw control character (below U+0020) inside a string.
    case controlCharacterInString(UInt8)
    /// Arrays and objects nested deeper than the limit.
    case tooDeep(limit: Int)
    /// Something other than whitespace follows a complete value.
    case trailingData
    /// A string longer than the limit (bytes).
    case stringTooLong(limit: Int)
  }

  public let kind: Kind
  /// Byte offset into the parsed buffer.
  public let offset: Int

  public init(_ kind: Kind, at offset: Int) {
    self.kind = kind
    self.offset = offset
  }

  /// One line, no position: "expected ',' or '}' after an object member, found 'x'".
  public var message: String {
    switch kind {
    case .unexpectedEnd(let expected): return "unexpected end of input, expected \(expected)"
    case .unexpectedByte(let found, let expected):
      return "expected \(expected), found \(JSONError.describe(found))"
    case .invalidEscape: return "invalid escape sequence in string"
    case .invalidNumber: return "invalid number"
    case .controlCharacterInString(let byte):
      return "unescaped control character \(JSONError.describe(byte)) in string"
    case .tooDeep(let limit): return "arrays and objects nested deeper than \(limit) levels"
    case .trailingData: return "unexpected data after the end of the JSON value"
    case .stringTooLong(let limit): return "string longer than \(limit) bytes"
    }
  }

  public var description: String { "byte \(offset): \(message)" }

  /// A byte shown for a person: printable ASCII quoted, everything else in hex.
  static func describe(_ byte: UInt8) -> String {
    if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
    if byte == 0x20 { return "space" }
    if byte == 0x0A { return "newline" }
    return "byte 0x" + String(byte, radix: 16, uppercase: true)
  }
}
