import ByteKernels
import Testing

@testable import NoteStore

/// Every imported file is sniffed before it is read, so the sniffers take shortcuts: the
/// binary test decodes only samples that are not ASCII, and the bookmark test looks for a
/// needle's first byte on its own. Their answers must be those of the plain code they replaced.
@Suite struct SnifferEquivalenceTests {
  /// `DumpSniffer.looksBinary` as it was: both counts always taken, by filtering.
  static func referenceLooksBinary(_ bytes: [UInt8]) -> Bool {
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return false }
    let sample = bytes.prefix(4096)
    if sample.contains(0) { return true }
    let controls = sample.filter {
      $0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0x0C && $0 != 0x1B
    }
    let decoded = String(decoding: sample, as: UTF8.self)
    let replacements = decoded.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
    return controls.count * 20 > sample.count || replacements * 10 > sample.count
  }

  /// `NetscapeBookmarkReader.containsLoosely` as it was: every byte lowercased and compared.
  static func referenceContainsLoosely(
    _ needle: StaticString, in haystack: ArraySlice<UInt8>, skippingSpaces: Bool = true
  ) -> Bool {
    let pattern = Array(
      UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
    let bytes = Array(haystack)
    for start in bytes.indices
    where ASCII.lowercased(bytes[start]) == pattern[0] {
      var matched = 1
      var index = start + 1
      while matched < pattern.count && index < bytes.count {
        let byte = bytes[index]
        index += 1
        if skippingSpaces && (byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D) {
          continue
        }
        if ASCII.lowercased(byte) != pattern[matched] { break }
        matched += 1
      }
      if matched == pattern.count { return true }
    }
    return false
  }

  /// Bytes drawn mostly from pieces that make each test's answer close: controls near the
  /// 1-in-20 limit, invalid UTF-8 near the 1-in-10 limit, needles with case and spaces.
  static func randomBytes(_ generator: inout SplitMix64, pieces: [[UInt8]], count: Int)
    -> [UInt8]
  {
    var bytes: [UInt8] = []
    while bytes.count < count {
      if Int.random(in: 0..<4, using: &generator) == 0 {
        bytes.append(UInt8.random(in: 0...255, using: &generator))
      } else {
        bytes += pieces.randomElement(using: &generator)!
      }
    }
    return bytes
  }

  @Test func binaryTestAnswersAsTheFilteringCode() {
    var generator = SplitMix64(seed: 0xB1_4A27)
    let pieces: [[UInt8]] = [
      Array("plain text ".utf8), Array("naïve — ".utf8), [0x01], [0x1B], [0x0C], [0x7F],
      [0xFF], [0xC3], [0xE2, 0x80], [0xEF, 0xBF, 0xBD], [0xF0, 0x9F, 0x98, 0x80], [0x0A],
    ]
    var answers = Set<Bool>()
    for round in 0..<600 {
      let count = [0, 1, 5, 40, 400, 4095, 4096, 4200][round % 8]
      var bytes = Self.randomBytes(&generator, pieces: pieces, count: count)
      if round % 37 == 0 { bytes.insert(0, at: min(bytes.count, 3)) }
      if round % 41 == 0 { bytes = [0xFF, 0xFE] + bytes }
      let expected = Self.referenceLooksBinary(bytes)
      #expect(DumpSniffer.looksBinary(bytes) == expected, "bytes: \(bytes)")
      answers.insert(expected)
    }
    #expect(answers == [false, true])
    // ASCII only, with controls exactly at and just past the limit (one in 20 is allowed).
    let atLimit = [UInt8](repeating: 0x41, count: 19 * 200) + [UInt8](repeating: 0x01, count: 200)
    #expect(!DumpSniffer.looksBinary(atLimit) && !Self.referenceLooksBinary(atLimit))
    let pastLimit = atLimit + [0x01]
    #expect(DumpSniffer.looksBinary(pastLimit) && Self.referenceLooksBinary(pastLimit))
  }

  @Test func bookmarkNeedlesAreFoundAsByTheByteLoop() {
    var generator = SplitMix64(seed: 0xD0C7_14BE)
    let pieces: [[UInt8]] = [
      Array("<DL>".utf8), Array("<dt><a href".utf8), Array("< DT >< A\tHREF".utf8),
      Array("<Script".utf8), Array("<".utf8), Array("netscape-Bookmark-FILE".utf8),
      Array("Netscape".utf8), Array(" \n".utf8), Array("<d".utf8), Array("text".utf8),
    ]
    var found = 0
    for round in 0..<400 {
      let bytes = Self.randomBytes(&generator, pieces: pieces, count: [0, 3, 30, 300][round % 4])
      let slice = bytes[...]
      for skipping in [false, true] {
        for (fast, reference) in [
          (
            NetscapeBookmarkReader.containsLoosely("<dl", in: slice, skippingSpaces: skipping),
            Self.referenceContainsLoosely("<dl", in: slice, skippingSpaces: skipping)
          ),
          (
            NetscapeBookmarkReader.containsLoosely(
              "<dt><ahref", in: slice, skippingSpaces: skipping),
            Self.referenceContainsLoosely("<dt><ahref", in: slice, skippingSpaces: skipping)
          ),
          (
            NetscapeBookmarkReader.containsLoosely(
              "netscape-bookmark-file", in: slice, skippingSpaces: skipping),
            Self.referenceContainsLoosely(
              "netscape-bookmark-file", in: slice, skippingSpaces: skipping)
          ),
        ] {
          #expect(fast == reference, "bytes: \(bytes)")
          if reference { found += 1 }
        }
      }
    }
    #expect(found > 100)
    // A slice that does not start at zero: the search stays inside it.
    let framed = Array("<dl".utf8) + Array("xxxx".utf8) + Array("<DL".utf8)
    #expect(!NetscapeBookmarkReader.containsLoosely("<dl", in: framed[1..<7]))
    #expect(NetscapeBookmarkReader.containsLoosely("<dl", in: framed[1...]))
    #expect(!NetscapeBookmarkReader.containsLoosely("<dl", in: framed[3..<3]))
  }
}
