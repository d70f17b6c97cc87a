import ByteKernels
import NoteStore

/// Makes the synthetic notes: the same notes for the same seed and count, shaped like the
/// samples (≈2 KB of JSON per note, ≈20 tags, ≈16 summary nodes up to depth 3 with bold
/// labels, ≈1% non-ASCII words), plus one note with a 1,000-node summary tree.
struct CorpusGenerator {
  let vocabulary: Vocabulary
  let tagSampler: ZipfSampler
  let wordSampler: ZipfSampler
  let seed: UInt64

  static let hosts = [
    "news.ycombinator.com", "github.com", "arxiv.org", "lwn.net", "blog.example.org",
    "www.nature.com", "simonwillison.net", "danluu.com", "jvns.ca", "martinfowler.com",
    "www.quantamagazine.org", "stackoverflow.com", "en.wikipedia.org", "world.hey.com",
    "magazine.sebastianraschka.com", "www.anandtech.com", "research.google", "www.lesswrong.com",
  ]

  init(seed: UInt64) {
    self.seed = seed
    vocabulary = Vocabulary(seed: seed)
    tagSampler = ZipfSampler(count: vocabulary.tags.count)
    wordSampler = ZipfSampler(count: vocabulary.words.count, exponent: 0.9, offset: 10)
  }

  /// Note number `index` of the corpus (independent of how many notes are made).
  func note(_ index: Int) -> Note {
    var random = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
    let url = url(index, &random)
    var tags: [String] = []
    var seen = Set<String>()
    let tagCount = 15 + random.below(11)
    while tags.count < tagCount {
      let tag = vocabulary.tags[tagSampler.sample(&random)]
      if seen.insert(tag).inserted { tags.append(tag) }
    }
    var summary: [SummaryNode] = []
    for _ in 0..<4 {
      var children: [SummaryNode] = []
      for _ in 0..<(2 + random.below(2)) {
        let grandchildren = (0..<(random.percent(35) ? 1 : 0)).map { _ in
          SummaryNode(markup: sentence(&random, words: 6 + random.below(8)))
        }
        children.append(
          SummaryNode(
            markup: sentence(&random, words: 7 + random.below(8)), children: grandchildren))
      }
      let label = random.pick(vocabulary.labels)
      summary.append(
        SummaryNode(
          markup: "**\(label):** " + sentence(&random, words: 6 + random.below(8)),
          children: children))
    }
    if random.percent(Vocabulary.searchWordPercent) {
      summary[random.below(summary.count)].markup += " The \(Vocabulary.searchWord) of it all."
    }
    let created = Timestamp(secondsSince1970: 1_577_836_800 + Int64(random.below(190_000_000)))
    let updated = Timestamp(
      secondsSince1970: created.secondsSince1970 + Int64(random.below(9_000_000)))
    return Note(
      id: NoteID.forURL(NormalizedURL.normalize(url) ?? url), url: url,
      title: sentence(&random, words: 4 + random.below(6), period: false), tags: tags,
      summary: summary,
      provenance: [
        Provenance(
          file: "/home/reader/dumps/tag-\(word(&random)).rsc.txt", format: "flight",
          imported: updated)
      ], created: created, updated: updated)
  }

  /// The id of note `index`, without making the rest of the note (the corpus writer sorts a
  /// million of them before writing the notes in id order).
  func id(_ index: Int) -> NoteID {
    var random = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
    let url = url(index, &random)
    return NoteID.forURL(NormalizedURL.normalize(url) ?? url)
  }

  /// Note `index`'s URL: the first draws of its random stream.
  func url(_ index: Int, _ random: inout SplitMix64) -> String {
    let host = random.pick(Self.hosts)
    let slug = (0..<3).map { _ in word(&random) }.joined(separator: "-")
    return "https://\(host)/\(slug)/\(index)"
  }

  /// The note with a summary tree of exactly 1,000 nodes (10 × 9 × 10, depth 3).
  func bigTreeNote() -> Note {
    var random = SplitMix64(seed: seed ^ 0xB16_7EE)
    let summary = (0..<10).map { top in
      SummaryNode(
        markup: "**Part \(top + 1):** " + sentence(&random, words: 6),
        children: (0..<9).map { _ in
          SummaryNode(
            markup: sentence(&random, words: 10),
            children: (0..<10).map { _ in SummaryNode(markup: sentence(&random, words: 12)) })
        })
    }
    let url = "https://example.org/a-very-long-summary"
    return Note(
      id: NoteID.forURL(NormalizedURL.normalize(url) ?? url), url: url,
      title: "A note with a thousand bullets", tags: [Vocabulary.bigTreeTag, vocabulary.tags[0]],
      summary: summary, created: Timestamp(secondsSince1970: 1_500_000_000),
      updated: Timestamp(secondsSince1970: 1_500_000_000))
  }

  func word(_ random: inout SplitMix64) -> String {
    if random.percent(1) { return random.pick(Vocabulary.nonASCII) }
    return vocabulary.words[wordSampler.sample(&random)]
  }

  func sentence(_ random: inout SplitMix64, words count: Int, period: Bool = true) -> String {
    var text = ""
    for position in 0..<count {
      let next = word(&random)
      if position == 0 {
        text = next.prefix(1).uppercased() + next.dropFirst()
      } else {
        text += (random.percent(8) ? ", " : " ") + next
      }
    }
    return period ? text + "." : text
  }
}
