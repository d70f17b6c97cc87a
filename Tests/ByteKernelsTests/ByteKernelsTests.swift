import ByteKernels
import Testing

@Suite struct SWARTests {
  /// Words whose bytes are drawn mostly from the edges the tests care about.
  static func words() -> [UInt64] {
    let interesting: [UInt8] = [
      0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x5C, 0x7E, 0x7F, 0x80, 0xC2, 0xFF,
    ]
    var random = SplitMix64(seed: 0x5A4D)
    var words: [UInt64] = []
    for _ in 0..<20_000 {
      var word: UInt64 = 0
      for index in 0..<8 {
        let draw = random.next()
        let byte =
          draw & 1 == 0
          ? interesting[Int(draw >> 8) % interesting.count] : UInt8(truncatingIfNeeded: draw >> 16)
        word |= UInt64(byte) << (8 * UInt64(index))
      }
      words.append(word)
    }
    return words
  }

  static func bytes(of word: UInt64) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) }
  }

  @Test func wordTestsAnswerAsTheirBytesDo() {
    for word in Self.words() {
      let bytes = Self.bytes(of: word)
      #expect(SWAR.hasZeroByte(word) == bytes.contains(0))
      if let first = bytes.firstIndex(of: 0) {
        #expect(SWAR.zeroBytes(word).trailingZeroBitCount / 8 == first)
      }
      for probe: UInt8 in [0x00, 0x22, 0x5C, 0x7F, 0xC2, 0xFF] {
        #expect(SWAR.hasByte(probe, in: word) == bytes.contains(probe))
      }
      for limit: UInt8 in [0x01, 0x20, 0x80] {
        #expect(SWAR.hasByte(below: limit, in: word) == bytes.contains { $0 < limit })
      }
      #expect(SWAR.hasDELOrNonASCII(word) == bytes.contains { $0 >= 0x7F })
    }
  }

  @Test func loadReadsBytesInOrder() {
    let bytes: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
    bytes.withUnsafeBufferPointer {
      #expect(SWAR.load($0.baseAddress! + 1) == 0x0908_0706_0504_0302)
    }
  }
}

@Suite struct TerminalHazardTests {
  /// The table, written out as the scalars it names.
  static let expected: Set<UInt32> = Set(
    Array(0x00...0x1F) + Array(0x7F...0x9F) + [0x061C] + Array(0x200B...0x200F)
      + Array(0x2028...0x202E) + Array(0x2060...0x2069) + [0xFEFF])

  @Test func containsExactlyTheTable() {
    for value in UInt32(0)...0x3_0000 where Unicode.Scalar(value) != nil {
      #expect(TerminalHazard.contains(value) == Self.expected.contains(value), "U+\(value)")
    }
    #expect(!TerminalHazard.contains(0xE0001) && !TerminalHazard.contains(0x00AD))
  }

  @Test func byteScannerFindsEveryScalarOfTheTable() {
    for value in UInt32(0)...0x3_0000 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let utf8 = Array(String(scalar).utf8)
      let isHazard = Self.expected.contains(value)
      // A hazard's first byte is always one a scanner stops at.
      if isHazard { #expect(TerminalHazard.mayStart(utf8[0]), "U+\(value)") }
      if value >= 0x7F {
        let found = utf8.withUnsafeBufferPointer { TerminalHazard.scalar(in: $0, at: 0) }
        #expect(found?.value == (isHazard ? value : nil), "U+\(value)")
        #expect(found.map(\.length) == (isHazard ? utf8.count : nil))
      }
    }
  }

  /// The whole-text test is the scalar test over the text's scalars, tab and newline aside.
  @Test func textTestIsTheScalarTest() {
    var texts = ["", "plain", "tab\tand\nnewline", "a · b — c “d”", "é\u{301}", "👨‍👩‍👧", "\r\n"]
    for value in Self.expected.sorted() { texts.append("x · \(Unicode.Scalar(value)!) y") }
    for value: UInt32 in [0xA0, 0xB7, 0x2010, 0x2014, 0x2030, 0x206A, 0xFEFE, 0xFFFD, 0x0600] {
      texts.append("· \(Unicode.Scalar(value)!)")
    }
    for text in texts {
      var text = text
      let expected = text.unicodeScalars.contains {
        $0 != "\t" && $0 != "\n" && TerminalHazard.contains($0.value)
      }
      let found = text.withUTF8 { TerminalHazard.containsHazardBesidesTabAndNewline($0) }
      #expect(found == expected, "\(Array(text.unicodeScalars.map(\.value)))")
    }
  }

  @Test func wordTestIsNeverFalseWhenAByteMayStartAHazard() {
    for word in SWARTests.words() {
      let bytes = SWARTests.bytes(of: word)
      #expect(TerminalHazard.mayStart(word: word) == bytes.contains(where: TerminalHazard.mayStart))
    }
  }
}

@Suite struct SplitMix64Tests {
  @Test func matchesTheReferenceSequence() {
    // The first outputs for seed 0 of the reference implementation (Vigna's splitmix64.c).
    var random = SplitMix64(seed: 0)
    #expect(random.next() == 0xE220_A839_7B1D_CDAF)
    #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(random.next() == 0x06C4_5D18_8009_454F)
    var again = SplitMix64(seed: 0)
    #expect(again.below(10) == Int(UInt64(0xE220_A839_7B1D_CDAF) % 10))
  }
}

@Suite struct WhitespaceTests {
  /// The byte classifier of `Whitespace.collapsed` agrees with White_Space on every scalar of
  /// the BMP and a sample of the other planes (4-byte UTF-8, never White_Space), and answers 0
  /// inside a scalar.
  @Test func whitespaceBytesAreExactlyUnicodeWhiteSpace() {
    var found: [UInt32] = []
    for value in Array(UInt32(0)...0xFFFF)
      + Array(stride(from: UInt32(0x10000), to: 0x110000, by: 61))
    {
      guard let scalar = Unicode.Scalar(value) else { continue }
      var utf8 = Array(String(scalar).utf8)
      let lengths = utf8.withUnsafeMutableBufferPointer { buffer in
        buffer.indices.map { Whitespace.length(in: UnsafeBufferPointer(buffer), at: $0) }
      }
      let expected = scalar.properties.isWhitespace ? utf8.count : 0
      if lengths != [expected] + Array(repeating: 0, count: utf8.count - 1) {
        Issue.record("U+\(String(value, radix: 16)): \(lengths), expected \(expected)")
      }
      if expected > 0 { found.append(value) }
      utf8.removeAll()
    }
    #expect(
      found == [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680] + Array(0x2000...0x200A)
        + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000])
  }

  /// The byte collapse is the scalar loop it replaced: White_Space runs to one space, ends
  /// trimmed; nil exactly when nothing changes.
  @Test func collapsesAsTheScalarLoop() {
    func reference(_ text: String) -> String {
      var result = ""
      var pendingSpace = false
      for scalar in text.unicodeScalars {
        if scalar.properties.isWhitespace {
          pendingSpace = !result.isEmpty
        } else {
          if pendingSpace { result += " " }
          pendingSpace = false
          result.unicodeScalars.append(scalar)
        }
      }
      return result
    }
    let alphabet = [
      "a", "B", " ", "  ", "\t", "\n", "\u{B}", "\u{C}", "\r", "é", "\u{A0}", "\u{85}",
      "\u{2028}", "\u{3000}", "\u{200B}", "\u{180E}", "東", "😀",
    ]
    var random = SplitMix64(seed: 7)
    for _ in 0..<5_000 {
      let text = (0..<random.below(12)).map { _ in alphabet[random.below(alphabet.count)] }
        .joined()
      var copy = text
      let collapsed = copy.withUTF8 { Whitespace.collapsed($0) }
      let expected = reference(text)
      #expect((collapsed.map { String(decoding: $0, as: UTF8.self) } ?? text) == expected)
      #expect((collapsed == nil) == (expected == text), "\(text.debugDescription)")
      // In place, in a buffer: the same bytes at its start, untouched when nothing changes.
      var buffer = Array(text.utf8)
      let count = buffer.withUnsafeMutableBufferPointer { Whitespace.collapse($0) }
      #expect(count == collapsed?.count)
      #expect(Array(buffer.prefix(count ?? buffer.count)) == (collapsed ?? Array(text.utf8)))
    }
  }
}

@Suite struct UTF8ScanTests {
  /// Well-formedness agrees with the standard library's decoder on every scalar's encoding,
  /// and on damaged sequences (lone continuation bytes, truncations, overlongs, surrogates).
  @Test func validSequencesAreExactlyTheDecodersScalars() {
    var sequences: [[UInt8]] = []
    for value in stride(from: UInt32(0), to: 0x110000, by: 7) {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let utf8 = Array(String(scalar).utf8)
      sequences.append(utf8)
      sequences.append(Array(utf8.dropLast()))
    }
    sequences += [
      [0x80], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
      [0xFF],
    ]
    for bytes in sequences where !bytes.isEmpty {
      var parser = Unicode.UTF8.ForwardParser()
      var iterator = bytes.makeIterator()
      var expected = 0
      if case .valid(let encoded) = parser.parseScalar(from: &iterator) { expected = encoded.count }
      let length = bytes.withUnsafeBufferPointer { UTF8Scan.validSequenceLength($0, at: 0) }
      #expect(length == expected, "\(bytes)")
      if expected > 0 {
        #expect(UTF8Scan.sequenceLength(lead: bytes[0]) == expected)
      }
      let invalid = bytes.withUnsafeBufferPointer { UTF8Scan.invalidBytes($0, from: 0) }
      let decodes = String(validating: bytes, as: Unicode.UTF8.self) != nil
      #expect((invalid.count == 0) == decodes)
      #expect(bytes.withUnsafeBufferPointer(UTF8Scan.isValid) == decodes, "\(bytes)")
    }
  }
}

@Suite struct ASCIITests {
  @Test func foldsOnlyLettersAndKnowsWhitespace() {
    for byte in UInt8(0)...255 {
      let scalar = Unicode.Scalar(byte)
      let expected = byte < 0x80 ? UInt8(String(scalar).lowercased().utf8.first!) : byte
      #expect(ASCII.lowercased(byte) == expected)
      let upper = byte < 0x80 ? UInt8(String(scalar).uppercased().utf8.first!) : byte
      #expect(ASCII.uppercased(byte) == upper)
      #expect(ASCII.isWhitespace(byte) == (byte < 0x80 && scalar.properties.isWhitespace))
    }
  }
}

@Suite struct URLPathTests {
  @Test func lastSegmentIsTheStringSlicing() {
    let cases: [(String, String)] = [
      ("/tag/gpu", "gpu"), ("/tag/gpu/", "gpu"), ("/tag/large%20model?x=1#y", "large%20model"),
      ("https://a.example/x/y//", "y"), ("", ""), ("/", ""), ("?q/a", ""), ("gpu", "gpu"),
      ("/t/é?", "é"), ("#/a", ""),
    ]
    for (href, segment) in cases {
      var href = href
      let found = href.withUTF8 { utf8 in
        String(
          decoding: UnsafeBufferPointer(rebasing: utf8[URLPath.lastSegment(in: utf8)]),
          as: UTF8.self)
      }
      #expect(found == segment, "\(href)")
    }
  }
}
