import ByteJSON

/// A note as an importer finds it in a file: no identity, no times, no provenance yet.
/// `NoteImporter` merges drafts into the store.
public struct NoteDraft: Equatable, Sendable {
  public var url: String?
  public var title: String
  public var tags: [String]
  public var summary: [SummaryNode]
  public var body: String?
  /// When the file says the page was saved (a bookmark's ADD_DATE, a read-later service's
  /// `time_added`); nil when it does not, and the note is created at import time.
  public var created: Timestamp?
  /// When the file says the entry last changed; nil when it does not.
  public var updated: Timestamp?

  public init(
    url: String?, title: String, tags: [String] = [], summary: [SummaryNode] = [],
    body: String? = nil, created: Timestamp? = nil, updated: Timestamp? = nil
  ) {
    self.url = url
    self.title = title
    self.tags = tags
    self.summary = summary
    self.body = body
    self.created = created
    self.updated = updated
  }
}

/// Why a file could not be imported, with the position in the file when there is one.
///
/// Printed compiler-style by `formatted(path:)`: `notes.rsc:12:40: error: expected ','`.
public struct ImportProblem: Error, Equatable, Sendable {
  public var message: String
  public var position: ByteJSONPosition?

  public init(_ message: String, at position: ByteJSONPosition? = nil) {
    self.message = message
    self.position = position
  }

  /// "PATH:LINE:COL: error: MESSAGE", or "PATH: error: MESSAGE" without a position.
  public func formatted(path: String) -> String {
    if let position { return "\(path):\(position.line):\(position.column): error: \(message)" }
    return "\(path): error: \(message)"
  }
}

/// A line and column (1-based) in an imported file.
public typealias ByteJSONPosition = TextPosition

/// One reader of saved page dumps.
public protocol DumpReader: Sendable {
  /// The provenance format name ("flight", "markdown", "netscape", ...).
  var format: String { get }
  /// True when `bytes` look like this reader's input (cheap: a sniff of the first bytes).
  func recognizes(_ bytes: [UInt8], path: String) -> Bool
  /// The notes in the file; throws when the file is unreadable as this format.
  func read(_ bytes: [UInt8], path: String) throws(ImportProblem) -> [NoteDraft]
}
