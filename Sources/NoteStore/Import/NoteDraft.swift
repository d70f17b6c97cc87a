import Diagnostics

/// A note as an importer finds it in a file. `NoteImporter` merges drafts into the store.
///
/// Identity, times and provenance are what the file states, nil when it states nothing: a
/// bookmark's ADD_DATE, a clipping's `created:`, a backup's ids. The merge fills in the rest
/// (a new id, the import time, the imported file).
public struct NoteDraft: Equatable, Sendable {
  public var url: String?
  public var title: String
  public var tags: [String]
  public var summary: [SummaryNode]
  public var body: String?
  /// The note's own id, from url-notes' own exports; used when no other note has it.
  public var id: NoteID?
  /// When the note was made (bookmarked, clipped); a new note gets it as `created`.
  public var created: Timestamp?
  /// When the note last changed, as the file says; a new note gets it as `updated`.
  public var updated: Timestamp?
  /// When the article was published, as the file says (a clipping's `published:`).
  public var published: Timestamp?
  /// The note's provenance as a backup holds it; replaces the imported file's entry.
  public var provenance: [Provenance]?
  /// The draft is a stored note said again by url-notes' own export, not a new source for
  /// its page: merged into a stored note it adds no provenance (so re-importing an export
  /// into its own store changes nothing); a new note still records the file it came from.
  public var fromExport = false

  public init(
    url: String?, title: String, tags: [String] = [], summary: [SummaryNode] = [],
    body: String? = nil, id: NoteID? = nil, created: Timestamp? = nil,
    updated: Timestamp? = nil, published: Timestamp? = nil, provenance: [Provenance]? = nil,
    fromExport: Bool = false
  ) {
    self.url = url
    self.title = title
    self.tags = tags
    self.summary = summary
    self.body = body
    self.id = id
    self.created = created
    self.updated = updated
    self.published = published
    self.provenance = provenance
    self.fromExport = fromExport
  }
}

/// One reader of saved page dumps.
public protocol DumpReader: Sendable {
  /// The provenance format name ("flight", "markdown", "netscape", ...).
  var format: String { get }
  /// True when `bytes` look like this reader's input (cheap: a sniff of the first bytes).
  func recognizes(_ bytes: [UInt8], path: String) -> Bool
  /// The notes in the file; throws when the file is unreadable as this format, with the
  /// position of the problem (the importer places it in the file).
  func read(_ bytes: [UInt8], path: String) throws(Diagnostic) -> [NoteDraft]
  /// The notes, and what was skipped on the way (each with its position). Readers that skip
  /// nothing use the default: `read` with no warnings.
  func readWithWarnings(_ bytes: [UInt8], path: String) throws(Diagnostic) -> DumpReading
}

extension DumpReader {
  public func readWithWarnings(_ bytes: [UInt8], path: String) throws(Diagnostic)
    -> DumpReading
  {
    DumpReading(drafts: try read(bytes, path: path))
  }
}

/// What a reader found in one file: its notes, and the parts it skipped with the reason.
public struct DumpReading: Equatable, Sendable {
  public var drafts: [NoteDraft]
  /// Parts of the file left out (a `javascript:` bookmark, say), as warnings with their
  /// position; the rest still lands.
  public var warnings: [Diagnostic]

  public init(drafts: [NoteDraft], warnings: [Diagnostic] = []) {
    self.drafts = drafts
    self.warnings = warnings
  }
}
