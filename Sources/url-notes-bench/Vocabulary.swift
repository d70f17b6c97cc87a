import ByteKernels

/// The words and tags the synthetic corpus is made of, all derived from one seed.
///
/// Words are built from syllables so they look like text and never collide with the planted
/// search word; tags are drawn from them (a third multi-word, about 1% non-ASCII).
struct Vocabulary {
  /// Distinct tags, most used first (the Zipf rank is the index).
  let tags: [String]
  /// Words for titles and summaries.
  let words: [String]
  /// Labels for bold `**Label:**` summary bullets.
  let labels: [String]

  /// A word no generated word contains, planted in `searchWordPercent` of the notes.
  static let searchWord = "quixotry"
  static let searchWordPercent = 1.0
  /// A common word of the generated text, for issue 13's search "for a common word with
  /// thousands of hits": the first word of eight letters or more from Zipf rank 700 on (a word
  /// drawn about once in 4,000 words: a few percent of the notes hold it; eight letters keep
  /// it from being part of many other words).
  var commonWord: String { words[700...].first { $0.count >= 8 }! }

  /// The tag of the one note with a 1,000-node summary tree (for the tree render figure).
  static let bigTreeTag = "bench big tree"

  static let syllables = [
    "ka", "lo", "mi", "ne", "ra", "to", "ve", "sa", "di", "mu", "pe", "ko", "ti", "na", "ro",
    "be", "gu", "fa", "ze", "li", "po", "da", "me", "so", "ri", "ta", "ne", "vo", "ci", "la",
    "ster", "tion", "ment", "ing", "ber", "lan", "cor", "dex", "pli", "graph",
  ]
  static let nonASCII = [
    "機械学習", "数据库", "東京", "検索", "ロボット", "café", "naïve", "Zürich", "🚀", "✨", "Ελλάδα",
    "한국어", "日本語", "données",
  ]

  init(seed: UInt64, tagCount: Int = 5_000, wordCount: Int = 6_000) {
    var random = SplitMix64(seed: seed)
    var seen = Set<String>()
    var words: [String] = []
    while words.count < wordCount {
      let length = 1 + random.below(3)
      var word = ""
      for _ in 0..<length { word += random.pick(Self.syllables) }
      if word.contains(Self.searchWord) || !seen.insert(word).inserted { continue }
      words.append(word)
    }
    self.words = words
    var tagSet = Set<String>()
    var tags: [String] = []
    while tags.count < tagCount {
      var tag = random.pick(words)
      if random.percent(33) { tag += " " + random.pick(words) }
      if random.percent(1) {
        tag = random.pick(Self.nonASCII) + (random.percent(50) ? " " + tag : "")
      }
      if tagSet.insert(tag.lowercased()).inserted { tags.append(tag) }
    }
    self.tags = tags
    labels = (0..<200).map { _ in
      let word = random.pick(words)
      return word.prefix(1).uppercased() + word.dropFirst()
        + (random.percent(40) ? " " + random.pick(words) : "")
    }
  }
}
