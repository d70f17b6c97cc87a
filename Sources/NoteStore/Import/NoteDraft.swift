import Diagnostics

/// A note as an importer finds it in a file: no identity, no times, no provenance yet.
/// `NoteImporter` merges drafts into the store.
public struct NoteDraft: Equatable, Sendable {
  public var url: String?
  public var title: String
  public var tags: [String]
  public var summary: [SummaryNode]
  public var body: String?

  public init(
    url: String?, title: String, tags: [String] = [], summary: [SummaryNode] = [],
    body: String? = nil
  ) {
    self.url = url
    self.title = title
    self.tags = tags
    self.summary = summary
    self.body = body
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
}
