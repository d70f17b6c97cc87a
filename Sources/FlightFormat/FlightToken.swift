import ByteJSON

/// One step of a model row read by `FlightRowReader`: a value, or the start or end of a
/// container, with the `$` forms already interpreted (spec §2.2) and element tuples recognised
/// (spec §2.4).
///
/// Containers are read by asking for their parts: after `.array` or `.element`, call
/// `nextItem()` before each slot; after `.object`, `nextKey()` before each member.
public enum FlightToken {
  /// A string that stands for text: a plain string, or a `$$` one without its first `$`.
  case text(FlightText)
  /// `"$<id>"` or `"$L<id>"`: the value of a whole row (`.reference` with no path, `.lazy`).
  case row(FlightRowReference)
  /// Any other `$` form, decoded: path references, symbols, `$undefined` in an array, `$D…`.
  case value(FlightValue)
  case number(Double)
  case bool(Bool)
  case null
  /// `[`: the slots follow.
  case array
  /// `{`: the members follow; `__proto__` members and members whose value is `$undefined`
  /// are left out, as React's reviver drops them.
  case object
  /// An element tuple `["$", type, key, props, …]` whose props slot is an object, `null` or
  /// undefined: the slots after the marker follow (type first).
  case element(FlightElementHead)
}

/// Text read from a row: the row's own bytes when they are the text (no escape, valid UTF-8),
/// else decoded (escapes, invalid UTF-8 repaired to U+FFFD as `String(decoding:as:)` does).
public struct FlightText {
  @usableFromInline
  enum Storage {
    /// Valid UTF-8 inside the row's bytes.
    case utf8(UnsafeBufferPointer<UInt8>)
    /// A one-byte text from a lone escape (`"\n"`).
    case byte(UInt8)
    case string(String)
  }

  @usableFromInline let storage: Storage

  @usableFromInline
  init(_ storage: Storage) { self.storage = storage }

  /// Text that is already a `String` (for readers of decoded values).
  public init(_ text: String) { storage = .string(text) }

  /// The text as a `String`.
  public var string: String {
    switch storage {
    case .utf8(let bytes): return String(decoding: bytes, as: UTF8.self)
    case .byte(let byte): return String(decoding: CollectionOfOne(byte), as: UTF8.self)
    case .string(let text): return text
    }
  }

  /// The text's UTF-8 when it is the row's own bytes (valid while the row is), else nil.
  @inlinable
  public var rowBytes: UnsafeBufferPointer<UInt8>? {
    if case .utf8(let bytes) = storage { return bytes }
    return nil
  }

  /// Appends the text's UTF-8 to `buffer`.
  @inlinable
  public func append(to buffer: inout [UInt8]) {
    switch storage {
    case .utf8(let bytes): buffer.append(contentsOf: bytes)
    case .byte(let byte): buffer.append(byte)
    case .string(let text): buffer.append(contentsOf: text.utf8)
    }
  }
}

/// A reference to a whole row: `$<id>` (`.reference` with no path) or `$L<id>` (`.lazy`).
public struct FlightRowReference {
  @usableFromInline
  enum Storage {
    /// The id's lowercase hex digits inside the row's bytes.
    case digits(UnsafeBufferPointer<UInt8>)
    case string(String)
  }

  @usableFromInline let storage: Storage
  /// True for `$L<id>`.
  public let isLazy: Bool

  @usableFromInline
  init(digits: UnsafeBufferPointer<UInt8>, isLazy: Bool) {
    storage = .digits(digits)
    self.isLazy = isLazy
  }

  /// A reference to row `id` (for readers of decoded values).
  public init(id: String, isLazy: Bool) {
    storage = .string(id)
    self.isLazy = isLazy
  }

  /// The row id.
  public var id: String {
    switch storage {
    case .digits(let digits): return String(decoding: digits, as: UTF8.self)
    case .string(let id): return id
    }
  }

  /// Where `document` defines the row (`FlightDocument.definitionIndex(ofRow:)`), without a
  /// `String` for an id read from the bytes.
  @inlinable
  public func definitionIndex(in document: FlightDocument) -> Int? {
    switch storage {
    case .digits(let digits): return document.definitionIndex(ofRowID: digits)
    case .string(let id): return document.definitionIndex(ofRow: id)
    }
  }

  /// The value `FlightValueDecoder` makes of it.
  public var value: FlightValue {
    isLazy ? .lazy(rowID: id) : .reference(rowID: id, path: [])
  }
}

/// What `.element` tells before its slots are read: whether it is a host element, and its tag.
public struct FlightElementHead {
  /// The tag name when the type decodes to a string (a host element: "div", "a"); nil for a
  /// component, fragment or any other type.
  public let hostTag: FlightText?

  public init(hostTag: FlightText?) { self.hostTag = hostTag }
}
