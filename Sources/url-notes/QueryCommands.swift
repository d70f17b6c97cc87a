import ArgumentParser
import NoteStore

/// `tags`: every tag with its note count.
struct Tags: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "List tags with their note counts.")

  @OptionGroup var options: StoreOptions

  @Option(help: "Order: count (most used first) or name.")
  var sort: TagOrder = .count

  @Option(
    name: .customLong("with"),
    help: ArgumentHelp(
      "Only tags that occur together with this tag (repeatable: with all of them).",
      valueName: "tag"),
    completion: ShellCompletion.tags)
  var with: [String] = []

  @Flag(help: "Print JSON: [{\"tag\": …, \"count\": …}].")
  var json = false

  func run() throws {
    let store = try options.open()
    UnknownTags.report(with, in: store)
    let counts =
      with.isEmpty ? store.tagCounts(order: sort) : store.cooccurringTags(with: with, order: sort)
    if json { return Output.raw(JSONExporter.tagCounts(counts)) }
    let width = String(counts.map(\.count).max() ?? 0).count
    Output.lines(
      counts.map { entry in
        let count = String(entry.count)
        return String(repeating: " ", count: max(0, width - count.count)) + count + "  " + entry.tag
      })
  }
}

extension TagOrder: ExpressibleByArgument {}
extension NoteOrder: ExpressibleByArgument {}

/// `list`: notes matching tag conditions and a text search.
struct List: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List notes, filtered by tags and text.")

  @OptionGroup var options: StoreOptions

  @Option(
    name: .customLong("tag"),
    help: ArgumentHelp("Notes with this tag (repeatable: all of them).", valueName: "tag"),
    completion: ShellCompletion.tags)
  var tags: [String] = []

  @Option(
    name: .customLong("any-tag"),
    help: ArgumentHelp("Notes with at least one of these tags (repeatable).", valueName: "tag"),
    completion: ShellCompletion.tags)
  var anyTags: [String] = []

  @Option(
    name: .customLong("not-tag"),
    help: ArgumentHelp("Notes without this tag (repeatable).", valueName: "tag"),
    completion: ShellCompletion.tags)
  var notTags: [String] = []

  @Option(
    help: ArgumentHelp(
      "Text in the title, URL, tags, summary or body (case-insensitive).", valueName: "text"))
  var search: String?

  @Option(
    help: ArgumentHelp(
      "A query, as typed after / in the browser (README, Searching).", valueName: "query"))
  var query: String?

  @Option(help: "Order: relevance (default with --query), created (default), updated, title, site.")
  var sort: NoteOrder?

  @Flag(help: "Print a JSON array of notes (see README, JSON output).")
  var json = false

  func run() throws {
    let store = try options.open()
    UnknownTags.report(tags + anyTags, in: store)
    let filter = NoteFilter(allTags: tags, anyTags: anyTags, noneTags: notTags, text: search)
    var headers: [NoteHeader]
    if query != nil || sort != nil {
      let parsed: Query
      do {
        parsed = try QueryParser.parse(query ?? "")
      } catch {
        throw EditFailure.print(error.diagnostic)
      }
      let order = sort ?? (parsed.isEmpty ? .created : .relevance)
      headers = store.headers(matching: parsed, within: filter, order: order)
    } else if json {
      // Decoded and encoded on every core, printed as made: a few runs of notes are held.
      return Output.json(store, matching: filter)
    } else {
      headers = store.headers(matching: filter)
    }
    ProcessLifetime.keep(headers)
    if json { return Output.json(headers.lazy.compactMap { store.note($0.id) }) }
    Output.lines(
      headers.lazy.flatMap { header in
        var details = String(repeating: " ", count: header.id.rawValue.count + 2)
        details += header.host ?? "(no URL)"
        for (number, tag) in header.tags.enumerated() {
          details += number == 0 ? " · " : ", "
          details += tag
        }
        return ["\(header.id)  \(header.title)", details]
      })
  }
}

/// Tags given on the command line that no note has: a typo would otherwise just print nothing.
enum UnknownTags {
  /// One line on stderr per tag of `tags` that no note in `store` carries; the output itself
  /// stays what it is (empty, or `[]` with --json), so scripts see no difference.
  static func report(_ tags: [String], in store: NoteStore) {
    for tag in tags where !store.hasTag(tag) {
      Output.error("url-notes: no note has the tag \"\(tag)\"")
    }
  }
}

/// Values a command keeps until the process exits: freeing a large store's headers, or a
/// thousand decoded notes, one by one costs more than exiting does (about a tenth of `list`
/// at 100k notes).
enum ProcessLifetime {
  nonisolated(unsafe) private static var kept: [Any] = []

  static func keep(_ value: Any) { kept.append(value) }
}

/// `show ID|URL`: one note with its summary tree.
struct Show: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Show one note and its summary tree.")

  @OptionGroup var options: StoreOptions

  @Flag(help: "Print the note as a JSON object.")
  var json = false

  @Argument(help: .noteReference, completion: ShellCompletion.notes) var reference: String

  func run() throws {
    let store = try options.open()
    let note = try EditFailure.note(reference, in: store)
    if json { return Output.raw(JSONExporter.note(note)) }
    Output.line(note.title)
    if let url = note.url { Output.line(url) }
    if !note.tags.isEmpty { Output.line("Tags: " + note.tags.joined(separator: ", ")) }
    if let published = note.published { Output.line("Published: \(published.iso8601)") }
    Output.line("Id: \(note.id)")
    if !note.summary.isEmpty {
      Output.line("")
      for line in SummaryTreeText.lines(note.summary) { Output.line(line) }
    }
    if let body = note.body {
      Output.line("")
      Output.line(body)
    }
  }
}

/// `export`: every note in a chosen format, to stdout.
struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Export all notes as JSON, Markdown, or a Netscape bookmark file.")

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case json, markdown, netscape
  }

  @OptionGroup var options: StoreOptions

  @Option(help: "json, markdown or netscape.")
  var format: Format = .json

  func run() throws {
    let store = try options.open()
    let all = NoteFilter()
    switch format {
    case .json: Output.json(store, matching: all)
    case .markdown: Output.raw(MarkdownExporter.export(store.notes(matching: all)))
    case .netscape: Output.raw(NetscapeBookmarkExporter.export(store.notes(matching: all)))
    }
  }
}
