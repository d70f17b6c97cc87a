/// One note on a web page: a link, a title, tags, and a summary shaped as a bullet tree.
///
/// The model knows nothing of folding, selection or files: views keep their own state, and the
/// store decides how a note is written.
public struct Note: Equatable, Sendable, Identifiable {
  /// Stable identity: derived from the normalised URL for imported notes, random for notes
  /// written by hand. Never changes once stored.
  public var id: NoteID
  /// The page the note is about; nil for a note written by hand without a link.
  public var url: String?
  public var title: String
  /// Ordered as first seen; case preserved; compared case-insensitively (`TagKey`).
  public var tags: [String]
  /// Top-level bullets of the summary tree.
  public var summary: [SummaryNode]
  /// Full text of an article dump, when the note came from one.
  public var body: String?
  /// Where the note came from: one entry per file it was imported from.
  public var provenance: [Provenance]
  public var created: Timestamp
  public var updated: Timestamp
  /// When the article itself was published, as its clipping said (`published:`); nil when
  /// unknown. `created` is when the note was made (clipped, bookmarked).
  public var published: Timestamp?

  public init(
    id: NoteID, url: String?, title: String, tags: [String] = [], summary: [SummaryNode] = [],
    body: String? = nil, provenance: [Provenance] = [], created: Timestamp, updated: Timestamp,
    published: Timestamp? = nil
  ) {
    self.id = id
    self.url = url
    self.title = title
    self.tags = tags
    self.summary = summary
    self.body = body
    self.provenance = provenance
    self.created = created
    self.updated = updated
    self.published = published
  }

  /// True if the note carries `tag`, compared case-insensitively.
  public func hasTag(_ tag: String) -> Bool {
    let key = TagKey(tag)
    return tags.contains { TagKey($0) == key }
  }

  /// The host of the URL ("news.ycombinator.com"), for previews.
  public var host: String? { url.flatMap(NormalizedURL.host(of:)) }
}

/// The stable identity of a note: a short lowercase hex string.
public struct NoteID: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public var description: String { rawValue }
  public static func < (lhs: NoteID, rhs: NoteID) -> Bool { lhs.rawValue < rhs.rawValue }

  /// Hex digits in a generated id: 48 bits keep collisions negligible at a million notes.
  public static let length = 12

  /// The id of an imported note: a hash of its normalised URL, so re-importing finds it.
  public static func forURL(_ normalizedURL: String) -> NoteID {
    NoteID(hex(fnv1a64(normalizedURL.utf8)))
  }

  /// A fresh random id for a note written by hand.
  public static func random() -> NoteID {
    NoteID(hex(UInt64.random(in: .min ... .max)))
  }

  /// The first `length` of the 16 lowercase, zero-padded hex digits of `value`.
  ///
  /// Written as bytes: 12 ASCII bytes make a small string, so an id costs no allocation
  /// (formatting with a radix, padding and cutting took four, once per imported note).
  static func hex(_ value: UInt64) -> String {
    String(unsafeUninitializedCapacity: length) { digits in
      for index in 0..<length {
        let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * index)) & 0xF
        digits[index] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
      }
      return length
    }
  }

  static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01B3
    }
    return hash
  }
}

/// A file a note was imported from, and when.
public struct Provenance: Equatable, Sendable {
  /// Absolute path of the imported file.
  public var file: String
  /// The importer that read it: "flight", "markdown", "text", "netscape", "pocket-html",
  /// "pocket-csv", "raindrop-csv", "instapaper-csv", "pinboard-json".
  public var format: String
  public var imported: Timestamp

  public init(file: String, format: String, imported: Timestamp) {
    self.file = file
    self.format = format
    self.imported = imported
  }
}

extension Note {
  /// A tag as it is stored: whitespace runs (tabs, newlines, doubled spaces) collapsed to one
  /// space and the ends trimmed. `add`, the form, `$EDITOR`, tag renames, every importer and a
  /// query's `#tag` go through this, so "with  two  spaces" and "with two spaces" are one tag.
  public static func normalizedTag(_ tag: String) -> String {
    InlineMarkup.collapseWhitespace(tag)
  }
}

/// The case-insensitive identity of a tag: "GPU", "gpu" and "Gpu" are one tag.
public struct TagKey: Hashable, Sendable {
  public let folded: String
  public init(_ tag: String) { folded = tag.lowercased() }
}
