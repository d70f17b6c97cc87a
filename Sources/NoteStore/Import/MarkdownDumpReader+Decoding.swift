import ByteJSON
import ByteKernels
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
      throw Diagnostic("file is empty", at: .start)
    }
    if let nul = bytes.firstIndex(of: 0) {
      throw Diagnostic(
        "binary file, expected \(expected)", at: TextPosition.of(offset: nul, in: bytes))
    }
    let (invalid, firstInvalid) = bytes.withUnsafeBufferPointer {
      UTF8Scan.invalidBytes($0, from: start)
    }
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
}
