import ByteJSON
import Diagnostics

extension MarkdownDumpReader {
  /// A file is binary when more than one byte in this many is not valid UTF-8. A Latin-1 page
  /// has a few bad bytes (accents) and still reads, with U+FFFD in their place; random bytes
  /// run at about one in two.
  static let invalidByteShareForBinary = 4

  /// The text of a dump: UTF-8 with the BOM stripped and CRLF (and lone CR) turned into LF.
  ///
  /// Throws "file is empty" for no bytes (or a BOM alone), and "binary file, expected
  /// `expected`" at the first NUL byte or, for mostly invalid UTF-8, at the first bad byte.
  /// Shared by the page and bookmark readers. Complexity: O(n).
  static func decodeText(_ bytes: [UInt8], expected: String) throws(Diagnostic) -> String {
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    guard start < bytes.count else {
      throw Diagnostic("file is empty", at: TextPosition(line: 1, column: 1))
    }
    if let nul = bytes.firstIndex(of: 0) {
      throw Diagnostic(
        "binary file, expected \(expected)", at: TextPosition.of(offset: nul, in: bytes))
    }
    let (invalid, firstInvalid) = invalidUTF8(bytes, from: start)
    if let firstInvalid, invalid * invalidByteShareForBinary > bytes.count - start {
      throw Diagnostic(
        "binary file, expected \(expected)", at: TextPosition.of(offset: firstInvalid, in: bytes))
    }
    var normalized: [UInt8] = []
    normalized.reserveCapacity(bytes.count - start)
    var index = start
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x0D {
        normalized.append(0x0A)
        if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
      } else {
        normalized.append(byte)
      }
      index += 1
    }
    return String(decoding: normalized, as: UTF8.self)
  }

  /// The number of bytes that are not part of a well-formed UTF-8 sequence, and the offset of
  /// the first. Rejects overlong forms, surrogates and code points past U+10FFFF.
  static func invalidUTF8(_ bytes: [UInt8], from start: Int) -> (count: Int, first: Int?) {
    var count = 0
    var first: Int?
    var index = start
    while index < bytes.count {
      let length = validSequenceLength(bytes, at: index)
      if length == 0 {
        count += 1
        if first == nil { first = index }
        index += 1
      } else {
        index += length
      }
    }
    return (count, first)
  }

  /// The length of the well-formed sequence at `index`, or 0 when the byte there starts none.
  static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
    let lead = bytes[index]
    if lead < 0x80 { return 1 }
    let length: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0: (length, low) = (3, 0xA0)
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED: (length, high) = (3, 0x9F)
    case 0xF0: (length, low) = (4, 0x90)
    case 0xF1...0xF3: length = 4
    case 0xF4: (length, high) = (4, 0x8F)
    default: return 0
    }
    guard index + length <= bytes.count else { return 0 }
    guard (low...high).contains(bytes[index + 1]) else { return 0 }
    for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
    return length
  }
}
