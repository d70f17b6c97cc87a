import ByteJSON
import FlightFormat

/// Single tokens of a row's JSON read straight from its bytes for the fast walk: plain text,
/// row references, host tag names, component types, hrefs. A reader takes exactly what the
/// value decoder would make of its token, or consumes nothing and answers nil (false) so the
/// caller takes the general path; `skip` passes over a value validating it as the decoder would.
/// The readers met on every token are `@inline(__always)`: as calls they cost a measurable share
/// of the walk (callgrind), and each has few call sites.
extension FlightPageBuilder {
  /// A row reference with no path read from a row's bytes.
  struct RowReference {
    /// The definition index of the row it names; nil when no row defines the id.
    var definition: Int?
  }

  /// The string at the reader (which has peeked at its quote) when it is a row reference with
  /// no path, `"$L<id>"` or `"$<id>"` (1–`FlightFramer.maxRowIDDigits` lowercase hex digits):
  /// what `FlightValue(rowString:)` reads as `.lazy` or a `.reference` to a whole row, read
  /// from the bytes. Nil, nothing consumed, for any other string.
  @inline(__always)
  func readRowReference(_ reader: inout JSONReader) -> RowReference? {
    let bytes = reader.bytes
    var index = reader.offset + 1
    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "$") else { return nil }
    index += 1
    if bytes[index] == UInt8(ascii: "L") { index += 1 }
    let start = index
    while index < bytes.count && index - start <= FlightFramer.maxRowIDDigits {
      let byte = bytes[index]
      if byte &- 0x30 < 10 || byte &- 0x61 < 6 {
        index += 1
        continue
      }
      guard byte == UInt8(ascii: "\""), index > start else { return nil }
      reader.offset = index + 1
      return RowReference(
        definition: document.definitionIndex(
          ofRowID: UnsafeBufferPointer(rebasing: bytes[start..<index])))
    }
    return nil
  }

  /// The byte length of the string at the reader (which has peeked at its quote) when it is
  /// plain text: valid UTF-8 with no escape and no `$` form, most page text. Nil for any
  /// other, which `readString` (repairing invalid UTF-8 as it does) and `walkString` handle.
  @inline(__always)
  static func plainTextLength(_ reader: JSONReader) -> Int? {
    let bytes = reader.bytes
    let start = reader.offset + 1
    if start < bytes.count && bytes[start] == UInt8(ascii: "$") { return nil }
    let (end, isASCII) = reader.plainStringEnd(from: start)
    guard end < bytes.count, bytes[end] == UInt8(ascii: "\""), end - start <= reader.maxStringBytes
    else { return nil }
    if !isASCII && !isValidUTF8(UnsafeBufferPointer(rebasing: bytes[start..<end])) { return nil }
    return end - start
  }

  /// Whether `bytes` are well-formed UTF-8 (no overlong form, surrogate, value past U+10FFFF
  /// or cut sequence), i.e. text that decoding would leave exactly as it is.
  static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0:
        length = 3
        low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED:
        length = 3
        high = 0x9F
      case 0xF0:
        length = 4
        low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4:
        length = 4
        high = 0x8F
      default: return false
      }
      guard index + length <= bytes.count, (low...high).contains(bytes[index + 1]) else {
        return false
      }
      for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return false }
      index += length
    }
    return true
  }

  /// A host element's type read from its bytes when it is plain lowercase ASCII letters and
  /// digits (nearly every tag name), with what `pageTag(ofHost:)` gives for it; nil, nothing
  /// consumed, for any other string.
  static func readLowercaseHostTag(_ reader: inout JSONReader) -> HostTag? {
    guard let length = plainTextLength(reader) else { return nil }
    let start = reader.offset + 1
    let name = UnsafeBufferPointer(rebasing: reader.bytes[start..<start + length])
    guard name.allSatisfy({ $0 &- 0x61 < 26 || $0 &- 0x30 < 10 }) else { return nil }
    reader.offset = start + length + 1
    for known in knownHostTags where known.name.count == length {
      if (0..<length).allSatisfy({ known.name[$0] == name[$0] }) {
        return HostTag(pageTag: known.pageTag)
      }
    }
    return HostTag(pageTag: .other)
  }

  /// Skips the string at the reader (which has peeked at its quote) when it starts with `$`
  /// and a byte that is neither `$` nor an escape, so that it decodes to a `$` form that
  /// `stringValue` finds no string in, and it has no escape, control character or excess
  /// length; false, nothing consumed, for any other string.
  static func skipComponentType(_ reader: inout JSONReader) -> Bool {
    let bytes = reader.bytes
    let start = reader.offset
    guard start + 2 < bytes.count, bytes[start + 1] == UInt8(ascii: "$"),
      bytes[start + 2] != UInt8(ascii: "$"), bytes[start + 2] != UInt8(ascii: "\\")
    else { return false }
    return skipPlainString(&reader)
  }

  /// A host element's page tag: nil for one whose content is never page text.
  struct HostTag {
    var pageTag: PageTree.Tag?
  }

  /// Every lowercase host tag name `pageTag(ofHost:)` does not map to `.other`, with its page
  /// tag (nil for the ignored ones).
  static let knownHostTags: [(name: [UInt8], pageTag: PageTree.Tag?)] =
    ([
      "a", "ul", "ol", "li", "p", "div", "strong", "b", "em", "i", "code", "kbd", "samp", "br",
      "body",
    ] + ignoredTags.sorted()).map { (Array($0.utf8), pageTag(ofHost: $0)) }

  /// An href prop: its text when it decodes to a string, else nil.
  static func readHref(_ reader: inout JSONReader) throws -> String? {
    guard reader.peek() == UInt8(ascii: "\"") else {
      try skip(&reader)
      return nil
    }
    return stringValue(try reader.readString())
  }

  /// The string a JSON string decodes to, or nil for a `$` form that is not one.
  static func stringValue(_ text: String) -> String? {
    guard text.utf8.first == UInt8(ascii: "$") else { return text }
    return FlightValue(rowString: text).stringValue
  }

  /// `"$u…"`: the decoder's undefined, which deletes an object member.
  static func isUndefined(_ text: String) -> Bool {
    var utf8 = text.utf8.makeIterator()
    return utf8.next() == UInt8(ascii: "$") && utf8.next() == UInt8(ascii: "u")
  }

  /// Skips a value, failing wherever decoding it would: strings without escapes are scanned
  /// (the reader's own skip leaves escapes and lengths unchecked), the rest is read.
  static func skip(_ reader: inout JSONReader) throws {
    guard let byte = reader.peek() else { throw GaveUp() }
    switch byte {
    case UInt8(ascii: "\""):
      if !skipPlainString(&reader) { _ = try reader.readString() }
    case UInt8(ascii: "{"):
      try reader.beginObject()
      while try reader.nextKeyName() != nil { try skip(&reader) }
    case UInt8(ascii: "["):
      try reader.beginArray()
      while try reader.nextElement() { try skip(&reader) }
    default: try reader.skipValue()
    }
  }

  /// Skips a string that has no escape, no control character and fits the length limit;
  /// false (nothing consumed) for any other, which `readString` then reads or rejects.
  @inline(__always)
  static func skipPlainString(_ reader: inout JSONReader) -> Bool {
    let start = reader.offset + 1
    let end = reader.plainStringEnd(from: start).end
    guard end < reader.bytes.count, reader.bytes[end] == UInt8(ascii: "\""),
      end - start <= reader.maxStringBytes
    else { return false }
    reader.offset = end + 1
    return true
  }
}
