import ByteJSON
import FlightFormat

/// The fast walk: model rows read from their JSON bytes, with the same nodes, counts and
/// limits as the value walk (`emit`), or `GaveUp` thrown where it could differ.
///
/// Each function mirrors one case of the value walk on the values the decoder would have made:
/// object members whose value is a `"$u…"` string (undefined) and `__proto__` members are
/// left out; an array whose first member is the string `"$"` is an element when it has a
/// fourth slot holding an object, `null` or undefined. What the value walk never visits
/// (a host element's other props, keys, owners) is skipped with a full validation, so a row
/// that would not decode never builds a page here: its JSON error makes the walk give up.
extension FlightPageBuilder {
  /// `build()` the fast way: the same rows in the same order, each top-level row checked to
  /// decode first (one that does not has no value, and the value walk passes over it).
  mutating func walkPage() throws {
    if let root = document.definitionIndex(ofRow: "0") {
      if let rootRow = document.undecodedModelRow(at: root) {
        if Self.decodes(rootRow) {
          try walk(rowBytes: rootRow, depth: 0)
          return
        }
      } else if document.value(ofRowAt: root) != nil {
        throw GaveUp()  // a root that is not a model row: rare, left to the value walk
      }
    }
    for row in document.rows where row.tag == .model {
      // Every model row is defined (by itself or an earlier row of its id).
      guard let index = document.definitionIndex(ofRow: row.id), !rowStates[index].isExpanded
      else { continue }
      if let body = document.undecodedModelRow(at: index) {
        if Self.decodes(body) { try walk(rowBytes: body, depth: 0) }
      } else if let value = document.value(ofRowAt: index) {
        emit(value, depth: 0)
        try checkValueWalk()
      }
    }
  }

  /// Whether a model row's JSON decodes (the checks of `FlightDocument`'s decoder).
  static func decodes(_ row: FlightRow) -> Bool {
    row.body.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(
        buffer, maxDepth: FlightDocument.maxNestingDepth,
        maxStringBytes: FlightDocument.maxStringBytes)
      do {
        try skip(&reader)
        try reader.expectEnd()
        return true
      } catch {
        return false
      }
    }
  }

  mutating func walk(rowBytes row: FlightRow, depth: Int) throws {
    try row.body.withUnsafeBufferPointer { buffer in
      var reader = JSONReader(
        buffer, maxDepth: FlightDocument.maxNestingDepth,
        maxStringBytes: FlightDocument.maxStringBytes)
      try walkValue(&reader, depth: depth)
      try reader.expectEnd()
    }
  }

  /// Counts a value about to be walked; gives up where the value walk would record a limit.
  /// Always inlined, like the other helpers met on every token.
  @inline(__always)
  mutating func enterValue(depth: Int) throws {
    guard withinLimits(depth: depth) else { throw GaveUp() }
    nodeCount += 1
  }

  mutating func walkValue(_ reader: inout JSONReader, depth: Int) throws {
    try enterValue(depth: depth)
    guard let byte = reader.peek() else { throw GaveUp() }
    switch byte {
    case UInt8(ascii: "\""):
      if let length = Self.plainTextLength(reader) {
        addPlainText(&reader, length: length)
      } else if let row = readRowReference(&reader) {
        try emitRow(at: row.definition, depth: depth)
      } else if let text = try readText(&reader) {
        try walkString(text, depth: depth)
      } else {
        pending.append(tree.addTextNode(from: textStart))
      }
    case UInt8(ascii: "{"):
      try reader.beginObject()
      while let key = try reader.nextKeyName() {
        if key.is("__proto__") {
          try Self.skip(&reader)
          continue
        }
        try walkMember(&reader, depth: depth + 1)
      }
    case UInt8(ascii: "["): try walkArray(&reader, depth: depth)
    case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try reader.readBool()
    case UInt8(ascii: "n"): _ = try reader.readNullIfPresent()
    default: pending.append(tree.addText(Self.text(of: try reader.readNumber().double)))
    }
  }

  /// A string value already counted: text, or the row or value its `$` form points at.
  mutating func walkString(_ text: String, depth: Int) throws {
    guard text.utf8.first == UInt8(ascii: "$") else {
      pending.append(tree.addText(text))
      return
    }
    let value = FlightValue(rowString: text)
    switch value {
    case .string(let literal): pending.append(tree.addText(literal))
    case .number(let number): pending.append(tree.addText(Self.text(of: number)))
    case .lazy(let rowID): try emitRow(rowID, depth: depth)
    case .reference(let rowID, let path):
      if path.isEmpty {
        try emitRow(rowID, depth: depth)
      } else {
        emitResolved(value, depth)
        try checkValueWalk()
      }
    default: return
    }
  }

  /// An array already counted, or an element when it is an element tuple.
  mutating func walkArray(_ reader: inout JSONReader, depth: Int) throws {
    try reader.beginArray()
    guard try reader.nextElement() else { return }
    if reader.peek() == UInt8(ascii: "\""), let row = readRowReference(&reader) {
      try enterValue(depth: depth + 1)
      try emitRow(at: row.definition, depth: depth + 1)
    } else if reader.peek() == UInt8(ascii: "\"") {
      let first: String
      if reader.offset + 2 < reader.bytes.count
        && reader.bytes[reader.offset + 1] == UInt8(ascii: "$")
        && reader.bytes[reader.offset + 2] == UInt8(ascii: "\"")
      {
        // `"$"`, the element marker, read without decoding.
        reader.offset += 3
        first = "$"
      } else if let text = try readText(&reader) {
        first = text
      } else {
        // Text (often `"\n"`, its escape decoded), already in the tree's buffer.
        try enterValue(depth: depth + 1)
        pending.append(tree.addTextNode(from: textStart))
        while try reader.nextElement() { try walkValue(&reader, depth: depth + 1) }
        return
      }
      if first == "$", try walkElementIfTuple(&reader, depth: depth) { return }
      try enterValue(depth: depth + 1)
      try walkString(first, depth: depth + 1)
    } else {
      try walkValue(&reader, depth: depth + 1)
    }
    while try reader.nextElement() { try walkValue(&reader, depth: depth + 1) }
  }

  /// After an array's leading `"$"`: reads the type and key, and when the fourth slot makes
  /// the tuple an element (props that are an object, `null` or undefined) walks it as one,
  /// then the slots nobody reads. Otherwise puts the reader back after the `"$"` and returns
  /// false: the tuple is a plain array.
  mutating func walkElementIfTuple(_ reader: inout JSONReader, depth: Int) throws -> Bool {
    let afterMarker = reader
    guard try reader.nextElement() else {
      reader = afterMarker
      return false
    }
    // A host element (a string type) and its page tag, nil for one whose content is never
    // page text; a component has any other type.
    var isHost = false
    var hostPageTag: PageTree.Tag? = nil
    if reader.peek() == UInt8(ascii: "\"") {
      if let tag = Self.readLowercaseHostTag(&reader) {
        isHost = true
        hostPageTag = tag.pageTag
      } else if Self.skipComponentType(&reader) {
        // A component: its type (`"$L…"`, `"$Sreact.fragment"`) is no string value.
      } else if let hostTag = Self.stringValue(try reader.readString()) {
        isHost = true
        hostPageTag = Self.pageTag(ofHost: hostTag)
      }
    } else {
      try Self.skip(&reader)
    }
    guard try reader.nextElement() else {
      reader = afterMarker
      return false
    }
    try Self.skip(&reader)
    guard try reader.nextElement() else {
      reader = afterMarker
      return false
    }
    switch reader.peek() {
    case UInt8(ascii: "{"):
      if isHost {
        try walkHostProps(&reader, pageTag: hostPageTag, depth: depth)
      } else {
        try walkComponentProps(&reader, depth: depth)
      }
    case UInt8(ascii: "n"), UInt8(ascii: "\""):
      // `null` or undefined: no props.
      if reader.peek() == UInt8(ascii: "n") {
        try Self.skip(&reader)
      } else if !Self.isUndefined(try reader.readString()) {
        reader = afterMarker
        return false
      }
      if isHost, let hostPageTag {
        finishElement(hostPageTag, href: nil, from: pending.count)
      }
    default:
      reader = afterMarker
      return false
    }
    while try reader.nextElement() { try Self.skip(&reader) }
    return true
  }

  /// A host element's props: its children and href; the rest is skipped.
  mutating func walkHostProps(_ reader: inout JSONReader, pageTag: PageTree.Tag?, depth: Int)
    throws
  {
    guard let pageTag else {
      try Self.skip(&reader)
      return
    }
    let mark = pending.count
    var href: String? = nil
    var seenChildren = false
    var seenHref = false
    try reader.beginObject()
    while let key = try reader.nextKeyName() {
      if key.is("children") {
        // The decoder keeps the last of repeated members; one of each is all this handles.
        guard !seenChildren else { throw GaveUp() }
        seenChildren = true
        try walkMember(&reader, depth: depth + 1)
      } else if key.is("href") {
        guard !seenHref else { throw GaveUp() }
        seenHref = true
        href = try Self.readHref(&reader)
      } else {
        try Self.skip(&reader)
      }
    }
    finishElement(pageTag, href: href, from: mark)
  }

  /// A component's props: a link (`a`) of its children when `href` is a string, otherwise
  /// every member in order. Members met before the href are walked and, for a link, taken
  /// back (nodes and counts), which is exact only when they expanded no row.
  mutating func walkComponentProps(_ reader: inout JSONReader, depth: Int) throws {
    let mark = pending.count
    var href: String? = nil
    var seenChildren = false
    var seenHref = false
    var childNodes: Range<Int>? = nil
    var droppedCount = 0
    var droppedRowVisits = false
    try reader.beginObject()
    while let key = try reader.nextKeyName() {
      if key.is("__proto__") {
        try Self.skip(&reader)
        continue
      }
      let isChildren = key.is("children")
      let isHref = key.is("href")
      if isChildren {
        guard !seenChildren else { throw GaveUp() }
        seenChildren = true
      }
      var text: String? = nil
      var row: RowReference? = nil
      if reader.peek() == UInt8(ascii: "\""), !isHref,
        let length = Self.plainTextLength(reader)
      {
        // Plain text (a class name, a label): never undefined, never a link target.
        if href != nil && !isChildren {
          reader.offset += length + 2
          continue
        }
        let countBefore = nodeCount
        try enterValue(depth: depth + 1)
        addPlainText(&reader, length: length)
        if isChildren {
          childNodes = pending.count - 1..<pending.count
        } else {
          droppedCount += nodeCount - countBefore
        }
        continue
      }
      if reader.peek() == UInt8(ascii: "\"") {
        if !isHref, let reference = readRowReference(&reader) {
          row = reference
        } else {
          text = try reader.readString()
        }
      }
      if isHref {
        guard !seenHref else { throw GaveUp() }
        seenHref = true
        if let text, !Self.isUndefined(text) { href = Self.stringValue(text) }
      }
      if let text, Self.isUndefined(text) { continue }
      if href != nil && !isChildren {
        if text == nil && row == nil { try Self.skip(&reader) }
        continue
      }
      let countBefore = nodeCount
      let visitsBefore = rowVisits
      let start = pending.count
      if let row {
        try enterValue(depth: depth + 1)
        try emitRow(at: row.definition, depth: depth + 1)
      } else if let text {
        try enterValue(depth: depth + 1)
        try walkString(text, depth: depth + 1)
      } else {
        try walkValue(&reader, depth: depth + 1)
      }
      if isChildren {
        childNodes = start..<pending.count
      } else {
        droppedCount += nodeCount - countBefore
        if rowVisits != visitsBefore { droppedRowVisits = true }
      }
    }
    guard let href else { return }
    if droppedRowVisits { throw GaveUp() }
    nodeCount -= droppedCount
    // The children move down to `mark` in place, over the dropped members' nodes.
    let children = childNodes ?? mark..<mark
    pending.withUnsafeMutableBufferPointer { ids in
      for offset in 0..<children.count { ids[mark + offset] = ids[children.lowerBound + offset] }
    }
    pending.removeSubrange((mark + children.count)...)
    finishElement(.a, href: href, from: mark)
  }

  /// An object member's value at `depth`, left out when it is undefined.
  mutating func walkMember(_ reader: inout JSONReader, depth: Int) throws {
    if reader.peek() == UInt8(ascii: "\"") {
      if let length = Self.plainTextLength(reader) {
        try enterValue(depth: depth)
        addPlainText(&reader, length: length)
        return
      }
      if let row = readRowReference(&reader) {
        try enterValue(depth: depth)
        try emitRow(at: row.definition, depth: depth)
        return
      }
      guard let text = try readText(&reader) else {
        try enterValue(depth: depth)
        pending.append(tree.addTextNode(from: textStart))
        return
      }
      if Self.isUndefined(text) { return }
      try enterValue(depth: depth)
      try walkString(text, depth: depth)
    } else {
      try walkValue(&reader, depth: depth)
    }
  }

  /// Decodes the string at the reader (one `plainTextLength` turned down: an escape, invalid
  /// UTF-8 or a `$` form) onto the end of the tree's text, where a text node takes it from
  /// `textStart` without a `String` made and copied; nil then. A string that decodes to a `$`
  /// form is taken back off and returned, for `walkString`.
  mutating func readText(_ reader: inout JSONReader) throws -> String? {
    textStart = tree.textBytes.count
    // A lone short escape (`"\n"`, the newline between a page's elements) is the string
    // that lands here most: decoded on the spot.
    let at = reader.offset
    if at + 3 < reader.bytes.count && reader.bytes[at + 1] == UInt8(ascii: "\\")
      && reader.bytes[at + 3] == UInt8(ascii: "\""),
      let byte = Self.shortEscape(reader.bytes[at + 2])
    {
      tree.textBytes.append(byte)
      reader.offset = at + 4
      return nil
    }
    try reader.readStringBytes(appendingTo: &tree.textBytes)
    // The text is read through a buffer pointer, not a slice: a slice still alive when the
    // bytes are taken off would make that removal copy the whole buffer.
    let (isDollarForm, isValid) = tree.textBytes.withUnsafeBufferPointer { all in
      let text = UnsafeBufferPointer(rebasing: all[textStart...])
      if text.first == UInt8(ascii: "$") { return (true, true) }
      return (false, text.allSatisfy { $0 < 0x80 } || Self.isValidUTF8(text))
    }
    guard isDollarForm || !isValid else { return nil }
    // A `$` form goes back to `walkString`; invalid UTF-8 is repaired as `readString` does
    // (each bad byte becomes U+FFFD).
    let decoded = tree.textBytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[textStart...]), as: UTF8.self)
    }
    tree.textBytes.removeSubrange(textStart...)
    if isDollarForm { return decoded }
    tree.textBytes += decoded.utf8
    return nil
  }

  /// The byte a one-letter JSON escape (`\n`, `\"`, …; not `\u`) stands for.
  static func shortEscape(_ code: UInt8) -> UInt8? {
    switch code {
    case UInt8(ascii: "n"): return 0x0A
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return code
    case UInt8(ascii: "t"): return 0x09
    case UInt8(ascii: "r"): return 0x0D
    case UInt8(ascii: "b"): return 0x08
    case UInt8(ascii: "f"): return 0x0C
    default: return nil
    }
  }

  /// Adds the string at the reader as a text node straight from its bytes (no `String`);
  /// `length` is its `plainTextLength`.
  @inline(__always)
  mutating func addPlainText(_ reader: inout JSONReader, length: Int) {
    let start = reader.offset + 1
    pending.append(
      tree.addText(utf8: UnsafeBufferPointer(rebasing: reader.bytes[start..<start + length])))
    reader.offset = start + length + 1
  }
}
