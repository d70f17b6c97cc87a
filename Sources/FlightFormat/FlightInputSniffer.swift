/// Decides what an input file is and normalises its encoding (spec §8 step 1, §7.4).
enum FlightInputSniffer {
  enum Format: Equatable {
    case empty
    case rawFlight
    case html
    case legacy(at: Int)
    case pagesRouter(at: Int)
    case htmlWithoutFlight
    case unknown(at: Int)
  }

  /// Strips a UTF-8 BOM and transcodes UTF-16 with a BOM to UTF-8.
  static func normalizeEncoding(_ bytes: [UInt8]) -> (bytes: [UInt8], notes: [FlightDiagnostic]) {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return (Array(bytes[3...]), [FlightDiagnostic(.byteOrderMarkRemoved, at: .start)])
    }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let bigEndian = bytes[0] == 0xFE
      return (
        transcodeUTF16(bytes[2...], bigEndian: bigEndian),
        [FlightDiagnostic(.transcodedFromUTF16(bigEndian: bigEndian), at: .start)]
      )
    }
    return (bytes, [])
  }

  /// UTF-16 to UTF-8; unpaired surrogates and an odd last byte become U+FFFD.
  static func transcodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var index = bytes.startIndex
    while index + 1 < bytes.endIndex {
      let first = UInt16(bytes[index])
      let second = UInt16(bytes[index + 1])
      units.append(bigEndian ? first << 8 | second : second << 8 | first)
      index += 2
    }
    var output: [UInt8] = []
    output.reserveCapacity(units.count * 3 / 2)
    _ = transcode(
      units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false
    ) { output.append($0) }
    if index < bytes.endIndex { output.append(contentsOf: [0xEF, 0xBF, 0xBD]) }
    return output
  }

  /// What the (already normalised) input is.
  static func format(of bytes: [UInt8]) -> Format {
    var start = 0
    while start < bytes.count && FlightFramer.isWhitespace(bytes[start]) { start += 1 }
    if start == bytes.count { return .empty }
    if startsWithRowHeader(bytes, at: start, allowEmptyID: true) { return .rawFlight }
    if firstIndex(of: "__next_f", in: bytes, from: 0) != nil { return .html }
    if let found = firstIndex(of: "__NEXT_DATA__", in: bytes, from: 0) {
      return .pagesRouter(at: found)
    }
    if bytes[start] == UInt8(ascii: "<") { return .htmlWithoutFlight }
    if isLegacyTag(bytes[start]) && startsWithRowHeader(bytes, at: start + 1, allowEmptyID: false) {
      return .legacy(at: start)
    }
    return .unknown(at: start)
  }

  /// `[0-9a-f]{0,8}:` at `index`.
  static func startsWithRowHeader(_ bytes: [UInt8], at index: Int, allowEmptyID: Bool) -> Bool {
    var position = index
    while position < bytes.count && position - index <= FlightFramer.maxRowIDDigits {
      let byte = bytes[position]
      if byte == UInt8(ascii: ":") { return allowEmptyID || position > index }
      guard FlightFramer.hexValue(byte) != nil else { return false }
      position += 1
    }
    return false
  }

  /// The pre-2023 row tags that came before the id (spec §3).
  static func isLegacyTag(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "J"), UInt8(ascii: "M"), UInt8(ascii: "S"), UInt8(ascii: "P"),
      UInt8(ascii: "E"):
      return true
    default: return false
    }
  }

  /// The first occurrence of an ASCII needle at or after `from`, or nil.
  /// Complexity: O(n·m) worst case, O(n) for the needles used here.
  static func firstIndex(of needle: StaticString, in bytes: [UInt8], from: Int, to: Int? = nil)
    -> Int?
  {
    let count = needle.utf8CodeUnitCount
    let pointer = needle.utf8Start
    let stop = (to ?? bytes.count) - count
    guard from <= stop else { return nil }
    return bytes.withUnsafeBufferPointer { buffer -> Int? in
      let first = pointer[0]
      var index = from
      outer: while index <= stop {
        if buffer[index] != first {
          index += 1
          continue
        }
        for offset in 1..<count where buffer[index + offset] != pointer[offset] {
          index += 1
          continue outer
        }
        return index
      }
      return nil
    }
  }
}
