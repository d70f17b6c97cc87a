import ByteKernels

/// fzf's matching and scoring, on text given as Unicode scalar values.
///
/// The fuzzy match is fzf's V1 (`algo.go`, `FuzzyMatchV1`): a forward scan finds the first
/// place where the pattern's characters occur in order, a backward scan from its end finds the
/// shortest such stretch, and `calculateScore` scores it — 16 per matched character, -3 for a
/// gap's first skipped character and -1 for each further one, bonuses for a match at a word
/// start (after a space 10, a delimiter `/,:;|` 9, other punctuation 8), at a camelCase or
/// digit boundary (7), on punctuation (8), kept up along a consecutive run, and doubled on the
/// pattern's first character. So "frmwk" scores higher in "Framework" than in
/// "from a wonky kit". O(n) in the text, no allocation.
enum FuzzyScore {
  static let scoreMatch = 16
  static let scoreGapStart = -3
  static let scoreGapExtension = -1
  static let bonusBoundary = scoreMatch / 2
  static let bonusNonWord = scoreMatch / 2
  static let bonusCamel123 = bonusBoundary + scoreGapExtension
  static let bonusConsecutive = -(scoreGapStart + scoreGapExtension)
  static let bonusFirstCharMultiplier = 2
  static let bonusBoundaryWhite = bonusBoundary + 2
  static let bonusBoundaryDelimiter = bonusBoundary + 1

  /// Character classes, ordered as fzf orders them: classes above `nonWord` are word characters.
  enum CharClass: Int {
    case white, nonWord, delimiter, lower, upper, letter, number
  }

  static func charClass(_ value: UInt32) -> CharClass {
    if value < 0x80 {
      switch value {
      case 0x61...0x7A: return .lower
      case 0x41...0x5A: return .upper
      case 0x30...0x39: return .number
      case 0x20, 0x09, 0x0A, 0x0D: return .white
      case 0x2F, 0x2C, 0x3A, 0x3B, 0x7C: return .delimiter
      default: return .nonWord
      }
    }
    guard let scalar = Unicode.Scalar(value) else { return .nonWord }
    let properties = scalar.properties
    if properties.isWhitespace { return .white }
    if properties.isLowercase { return .lower }
    if properties.isUppercase { return .upper }
    if properties.numericType != nil { return .number }
    if properties.isAlphabetic { return .letter }
    return .nonWord
  }

  static func bonus(after previous: CharClass, at current: CharClass) -> Int {
    if current.rawValue > CharClass.nonWord.rawValue {
      switch previous {
      case .white: return bonusBoundaryWhite
      case .delimiter: return bonusBoundaryDelimiter
      case .nonWord: return bonusBoundary
      default: break
      }
    }
    if previous == .lower && current == .upper || previous != .number && current == .number {
      return bonusCamel123
    }
    switch current {
    case .nonWord, .delimiter: return bonusNonWord
    case .white: return bonusBoundaryWhite
    default: return 0
    }
  }

  /// `value` as the pattern sees it: itself when case matters, else lower-cased (ASCII by
  /// arithmetic; beyond ASCII the first scalar of its Unicode lowercase mapping).
  @inline(__always)
  static func fold(_ value: UInt32, caseSensitive: Bool) -> UInt32 {
    if caseSensitive { return value }
    if value < 0x80 { return UInt32(ASCII.lowercased(UInt8(truncatingIfNeeded: value))) }
    guard let scalar = Unicode.Scalar(value), scalar.properties.changesWhenLowercased else {
      return value
    }
    return scalar.properties.lowercaseMapping.unicodeScalars.first!.value
  }

  /// The fuzzy match's score and matched stretch, or nil when the pattern's characters do not
  /// occur in order.
  static func fuzzy<Text: ScalarText>(
    _ pattern: [UInt32], in text: Text, caseSensitive: Bool
  ) -> (score: Int, range: Range<Int>)? {
    guard !pattern.isEmpty else { return (0, 0..<0) }
    var patternIndex = 0
    var start = -1
    var end = -1
    var index = 0
    let count = text.count
    while index < count {
      if fold(text[index], caseSensitive: caseSensitive) == pattern[patternIndex] {
        if start < 0 { start = index }
        patternIndex += 1
        if patternIndex == pattern.count {
          end = index + 1
          break
        }
      }
      index += 1
    }
    guard end >= 0 else { return nil }
    // Backward from the end: the last occurrence of the pattern's start that still matches.
    patternIndex = pattern.count - 1
    index = end - 1
    while index >= start {
      if fold(text[index], caseSensitive: caseSensitive) == pattern[patternIndex] {
        if patternIndex == 0 {
          start = index
          break
        }
        patternIndex -= 1
      }
      index -= 1
    }
    return (score(pattern, in: text, range: start..<end, caseSensitive: caseSensitive), start..<end)
  }

  /// The indices of the characters the fuzzy match takes (for highlighting).
  static func fuzzyPositions<Text: ScalarText>(
    _ pattern: [UInt32], in text: Text, caseSensitive: Bool
  ) -> [Int]? {
    guard let (_, range) = fuzzy(pattern, in: text, caseSensitive: caseSensitive) else {
      return nil
    }
    var positions: [Int] = []
    var patternIndex = 0
    for index in range where patternIndex < pattern.count {
      if fold(text[index], caseSensitive: caseSensitive) == pattern[patternIndex] {
        positions.append(index)
        patternIndex += 1
      }
    }
    return positions
  }

  /// fzf's `calculateScore` over `range`, where the pattern matches in order.
  static func score<Text: ScalarText>(
    _ pattern: [UInt32], in text: Text, range: Range<Int>, caseSensitive: Bool
  ) -> Int {
    var patternIndex = 0
    var score = 0
    var inGap = false
    var consecutive = 0
    var firstBonus = 0
    var previous = range.lowerBound > 0 ? charClass(text[range.lowerBound - 1]) : .white
    for index in range {
      let value = text[index]
      let current = charClass(value)
      if patternIndex < pattern.count
        && fold(value, caseSensitive: caseSensitive) == pattern[patternIndex]
      {
        score += scoreMatch
        var bonus = bonus(after: previous, at: current)
        if consecutive == 0 {
          firstBonus = bonus
        } else {
          if bonus >= bonusBoundary && bonus > firstBonus { firstBonus = bonus }
          bonus = max(bonus, firstBonus, bonusConsecutive)
        }
        score += patternIndex == 0 ? bonus * bonusFirstCharMultiplier : bonus
        inGap = false
        consecutive += 1
        patternIndex += 1
      } else {
        score += inGap ? scoreGapExtension : scoreGapStart
        inGap = true
        consecutive = 0
        firstBonus = 0
      }
      previous = current
    }
    return score
  }

  /// The best-scoring place where the pattern occurs as written, or nil. `anchor` limits it
  /// to the start, the end, or the whole text.
  static func exact<Text: ScalarText>(
    _ pattern: [UInt32], in text: Text, caseSensitive: Bool, anchor: TextMatchKind = .exact
  ) -> (score: Int, range: Range<Int>)? {
    let count = text.count
    guard pattern.count <= count else { return nil }
    var starts: StrideThrough<Int> = stride(from: 0, through: count - pattern.count, by: 1)
    switch anchor {
    case .prefix: starts = stride(from: 0, through: 0, by: 1)
    case .suffix:
      starts = stride(from: count - pattern.count, through: count - pattern.count, by: 1)
    case .whole:
      guard count == pattern.count else { return nil }
      starts = stride(from: 0, through: 0, by: 1)
    case .exact, .fuzzy: break
    }
    var best: (score: Int, range: Range<Int>)?
    for start in starts {
      var offset = 0
      while offset < pattern.count
        && fold(text[start + offset], caseSensitive: caseSensitive) == pattern[offset]
      {
        offset += 1
      }
      guard offset == pattern.count else { continue }
      let range = start..<start + pattern.count
      let score = score(pattern, in: text, range: range, caseSensitive: caseSensitive)
      if best.map({ score > $0.score }) ?? true { best = (score, range) }
    }
    return best
  }
}

/// Text as a random-access run of Unicode scalar values.
protocol ScalarText {
  var count: Int { get }
  subscript(_ index: Int) -> UInt32 { get }
}

extension Array: ScalarText where Element == UInt32 {}

/// ASCII bytes seen as scalars, without copying them.
struct ASCIIText: ScalarText {
  let bytes: UnsafeBufferPointer<UInt8>
  var count: Int { bytes.count }
  @inline(__always) subscript(_ index: Int) -> UInt32 { UInt32(bytes[index]) }
}
