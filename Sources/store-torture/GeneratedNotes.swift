import ByteKernels
import NoteStore

/// Deterministic notes and bookmark dumps for the harness: same seed, same bytes.
enum GeneratedNotes {
  static let vocabulary = [
    "gpu", "inference", "rust", "swift", "terminal", "json", "storage", "fsync", "crash",
    "kernel", "hardware", "llm", "batching", "latency", "tui", "ncurses", "unicode", "parser",
    "react", "nextjs", "flight", "bookmarks", "markdown", "search", "index", "journal", "lock",
    "disk", "network", "cache", "compiler", "linux", "memory", "threads", "benchmark", "fuzzing",
    "security", "escape", "bidi", "notes",
  ]

  static let baseTime: Int64 = 1_780_000_000

  static func url(page: Int) -> String { "https://torture.example/page/\(page)" }

  static func id(forURL url: String) -> NoteID {
    NoteID.forURL(NormalizedURL.normalize(url) ?? url)
  }

  /// Note number `page` of a generated store.
  static func note(page: Int, random: inout SplitMix64) -> Note {
    let url = url(page: page)
    let time = Timestamp(secondsSince1970: baseTime + Int64(page))
    return Note(
      id: id(forURL: url), url: url, title: "Page \(page) on \(word(&random)) and \(word(&random))",
      tags: tags(&random), summary: summary(&random, label: "page \(page)"), provenance: [],
      created: time, updated: time)
  }

  /// `note` as edited by change `change`: new title, tags and summary, later `updated`.
  static func edited(_ note: Note, change: Int, random: inout SplitMix64) -> Note {
    var note = note
    note.title = "Page edited by change \(change): \(word(&random))"
    note.tags = tags(&random)
    note.summary = summary(&random, label: "change \(change)")
    note.updated = Timestamp(secondsSince1970: baseTime + 1_000_000 + Int64(change))
    return note
  }

  static func word(_ random: inout SplitMix64) -> String {
    vocabulary[random.below(vocabulary.count)]
  }

  static func tags(_ random: inout SplitMix64) -> [String] {
    var tags: [String] = []
    for _ in 0..<(1 + random.below(4)) {
      let tag = word(&random)
      if !tags.contains(tag) { tags.append(tag) }
    }
    return tags
  }

  static func summary(_ random: inout SplitMix64, label: String) -> [SummaryNode] {
    (0..<(1 + random.below(3))).map { index in
      let children = (0..<random.below(3)).map { child in
        SummaryNode(markup: "Detail \(child) of point \(index) on `\(word(&random))`.")
      }
      return SummaryNode(
        markup: "**Point \(index)** of \(label): \(word(&random)) meets \(word(&random)).",
        children: children)
    }
  }

  /// A Netscape bookmark file with one anchor per (url, title, tags) entry.
  static func bookmarkFile(_ entries: [(url: String, title: String, tags: [String])]) -> String {
    var text = "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<DL><p>\n"
    for entry in entries {
      text +=
        "<DT><A HREF=\"\(entry.url)\" TAGS=\"\(entry.tags.joined(separator: ","))\">"
        + "\(entry.title)</A>\n<DD>Imported with \(entry.tags.first ?? "no tag").\n"
    }
    return text + "</DL><p>\n"
  }
}
