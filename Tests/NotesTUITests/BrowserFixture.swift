import NoteStore
import NotesTUI
import TerminalCore
import TestSupport

/// A small store for screen tests: three notes with fixed ids and times, one with CJK and emoji.
/// The temporary directory lives as long as the fixture.
final class BrowserFixture {
  let directory = TemporaryDirectory()
  let store: NoteStore

  static let notes: [Note] = [
    SampleNotes.note(
      "aaaa00000001", url: "https://example.com/gpu-prices", title: "GPU prices fall",
      tags: ["gpu", "hardware"],
      summary: [
        SummaryNode(
          markup: "**Prices:** down 20% since May",
          children: [
            SummaryNode(markup: "**Why:** new *mining* rules"),
            SummaryNode(markup: "Used cards flood the market"),
          ]),
        SummaryNode(markup: "Vendors cut `MSRP` again"),
      ],
      body: "First paragraph of the article.\nSecond paragraph.",
      created: Timestamp(iso8601: "2026-01-03T00:00:00Z")!),
    SampleNotes.note(
      "aaaa00000002", url: "https://news.example.org/item?id=7", title: "GPT-4 on a laptop",
      tags: ["gpt-4", "gpu"],
      summary: [SummaryNode(markup: "Runs quantised on a laptop GPU")],
      created: Timestamp(iso8601: "2026-01-02T00:00:00Z")!),
    SampleNotes.note(
      "aaaa00000003", url: "https://例え.jp/メモ", title: "日本語のメモ 🍣",
      tags: ["日本", "hardware"],
      summary: [SummaryNode(markup: "**要点:** 寿司🍣とラーメン")],
      created: Timestamp(iso8601: "2026-01-01T00:00:00Z")!),
  ]

  init(notes: [Note] = BrowserFixture.notes) throws {
    store = try NoteStore.open(path: directory.file("notes.json"))
    try store.apply(notes.map(StoreChange.put))
  }

  /// An app over the fixture store at `width` × `height`.
  func app(
    width: Int = 80, height: Int = 24, mode: ColorMode = .color, config: Config = Config()
  ) -> App {
    App(store: store, size: Size(width: width, height: height), colorMode: mode, config: config)
  }
}

extension App {
  /// Feeds keys through the same dispatch as the main loop.
  mutating func press(_ keys: Key...) {
    for key in keys { _ = handle(key) }
  }

  /// Types `text` as character keys.
  mutating func type(_ text: String) {
    for character in text { _ = handle(.character(character)) }
  }

  /// The rendered screen as lines, trailing blank lines dropped.
  var screen: [String] {
    var lines = render().lines()
    while lines.last == "" { lines.removeLast() }
    return lines
  }
}

/// Expected screens, written as the lines that matter.
enum Expected {
  /// A full screen: `top` rows from the title bar down, blank rows, then the status bar with
  /// `left` and `right` text (`right` ends one column before the edge, as StatusBar draws it).
  static func screen(
    _ top: [String], status left: String, right: String, width: Int = 80, height: Int = 24
  ) -> [String] {
    var lines = top + Array(repeating: "", count: max(0, height - 1 - top.count))
    let gap = width - 2 - DisplayWidth.width(of: left) - DisplayWidth.width(of: right)
    lines.append(" " + left + String(repeating: " ", count: gap) + right)
    return lines
  }
}
