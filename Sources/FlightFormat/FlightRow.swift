/// One framed row: `id:TAG body`, with the byte offset of its header.
public struct FlightRow: Sendable, Equatable {
  /// How the row ended.
  public enum Ending: Sendable, Equatable {
    /// An LF-terminated row with its LF.
    case newline
    /// A length-prefixed row with all its declared bytes.
    case length
    /// An LF row that ran to the end of the input without an LF.
    case endOfInput
    /// A length-prefixed row cut short; `missingBytes` of the declared length are absent.
    case truncated(missingBytes: Int)
  }

  /// The id exactly as written: lowercase hex, possibly empty (`:HL[…]`).
  public let id: String
  public let tag: FlightRowTag
  /// The body: the bytes after the tag (after the hint code for `H`, after `,` for length
  /// rows), without the final LF. Indices are not zero-based; use `startIndex`.
  public let body: ArraySlice<UInt8>
  /// Byte offset of the row header (its first id digit, or the `:` for an empty id).
  public let offset: Int
  /// Byte offset of the first body byte.
  public let bodyOffset: Int
  public let ending: Ending

  public init(
    id: String, tag: FlightRowTag, body: ArraySlice<UInt8>, offset: Int, bodyOffset: Int,
    ending: Ending
  ) {
    self.id = id
    self.tag = tag
    self.body = body
    self.offset = offset
    self.bodyOffset = bodyOffset
    self.ending = ending
  }

  /// The body decoded as UTF-8, invalid bytes replaced with U+FFFD.
  public var bodyText: String { String(decoding: body, as: UTF8.self) }

  /// Rows compare by content and position; the body's slice indices do not matter.
  public static func == (lhs: FlightRow, rhs: FlightRow) -> Bool {
    lhs.id == rhs.id && lhs.tag == rhs.tag && lhs.offset == rhs.offset
      && lhs.bodyOffset == rhs.bodyOffset && lhs.ending == rhs.ending
      && lhs.body.elementsEqual(rhs.body)
  }
}
