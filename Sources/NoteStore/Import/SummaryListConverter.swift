import ByteKernels

/// Turns a page's nested list into a summary tree.
///
/// Both shapes the url-notes site emits map to one tree: `li > p > strong + ":"` followed by a
/// nested `ul`, and `li > strong + text` followed by a nested `ul`. Paragraph wrappers are
/// flattened into the bullet's inline text; whitespace-only text nodes are layout, not content.
///
/// One converter serves a whole page: its buffers are reused from bullet to bullet, so a
/// bullet costs its markup string and its child array, not a dozen scratch arrays.
struct SummaryListConverter {
  /// A run of a bullet's text before whitespace is collapsed: a text node's bytes in the
  /// tree, or a space (nil), with the style of the elements around it.
  struct Piece {
    var range: Range<Int>?
    var style: InlineStyle
  }

  let tree: PageTree
  /// The pieces of the bullets being converted, innermost last (a nested list's bullets are
  /// converted while their parent's pieces are being collected).
  var pieces: [Piece] = []
  var collapser = Collapser()

  init(tree: PageTree) { self.tree = tree }

  mutating func nodes(from list: PageTree.NodeID) -> [SummaryNode] {
    var nodes: [SummaryNode] = []
    appendNodes(from: list, to: &nodes)
    return nodes
  }

  /// The bullets of `list`, appended to `nodes` (a bullet's children from several lists go
  /// into one array, with no array per list).
  mutating func appendNodes(from list: PageTree.NodeID, to nodes: inout [SummaryNode]) {
    let items = tree.childRange(list)
    // One allocation of the right size where growing by appends took two or three.
    nodes.reserveCapacity(nodes.count + items.count { tree.tag(tree.childIDs[$0]) == .li })
    for position in items where tree.tag(tree.childIDs[position]) == .li {
      if let node = node(fromItem: tree.childIDs[position]) { nodes.append(node) }
    }
  }

  mutating func node(fromItem item: PageTree.NodeID) -> SummaryNode? {
    let mark = pieces.count
    defer { pieces.removeLast(pieces.count - mark) }
    var children: [SummaryNode] = []
    for position in tree.childRange(item) {
      let child = tree.childIDs[position]
      let tag = tree.tag(child)
      if tag.isList {
        appendNodes(from: child, to: &children)
      } else if tag == .p || tag == .div {
        // A paragraph inside a bullet is inline text; a list inside it is still a child list.
        for innerPosition in tree.childRange(child) {
          let inner = tree.childIDs[innerPosition]
          if tree.tag(inner).isList {
            appendNodes(from: inner, to: &children)
          } else {
            appendInline(inner, [])
          }
        }
        pieces.append(Piece(range: nil, style: []))
      } else {
        appendInline(child, [])
      }
    }
    collapser.reset()
    let textBytes = tree.textBytes
    textBytes.withUnsafeBufferPointer { bytes in
      for piece in pieces[mark...] {
        if let range = piece.range {
          collapser.add(UnsafeBufferPointer(rebasing: bytes[range]), piece.style)
        } else {
          collapser.addSpace(piece.style)
        }
      }
    }
    if collapser.runs.isEmpty && children.isEmpty { return nil }
    return SummaryNode(markup: collapser.markup(), children: children)
  }

  mutating func appendInline(_ node: PageTree.NodeID, _ style: InlineStyle) {
    if let range = tree.textRange(node) {
      pieces.append(Piece(range: range, style: style))
      return
    }
    var inner = style
    switch tree.tag(node) {
    case .strong, .b: inner.insert(.bold)
    case .em, .i: inner.insert(.italic)
    case .code, .kbd, .samp: inner.insert(.code)
    case .br: pieces.append(Piece(range: nil, style: style))
    default: break
    }
    for position in tree.childRange(node) { appendInline(tree.childIDs[position], inner) }
  }

  /// Collapses whitespace across pieces, trims the ends, merges equal styles, and writes the
  /// result as inline markup (what `SummaryNode(spans:)` would store) in one buffer.
  ///
  /// Works on UTF-8 bytes: ASCII is classified by a table test, only other scalars are decoded
  /// to ask Unicode whether they are whitespace (per-scalar property lookups dominated imports).
  struct Collapser {
    /// The collapsed text of all runs, back to back.
    var text: [UInt8] = []
    /// Each run's start in `text` and its style; a run ends where the next begins.
    var runs: [(start: Int, style: InlineStyle)] = []
    var pendingSpace = false
    var pendingStyle: InlineStyle = []
    /// The markup being written (reused between bullets).
    var markupBytes: [UInt8] = []

    /// Empties the collapser for the next bullet, keeping its buffers.
    mutating func reset() {
      text.removeAll(keepingCapacity: true)
      runs.removeAll(keepingCapacity: true)
      pendingSpace = false
      pendingStyle = []
    }

    mutating func addSpace(_ style: InlineStyle) {
      withUnsafeBytes(of: UInt8(0x20)) { add($0.bindMemory(to: UInt8.self), style) }
    }

    mutating func add(_ utf8: UnsafeBufferPointer<UInt8>, _ style: InlineStyle) {
      // The piece's collapsed bytes are written straight to `text`, from `pieceStart` on
      // (nil until the first).
      var pieceStart: Int? = nil
      var index = 0
      while index < utf8.count {
        let length = UTF8Scan.sequenceLength(lead: utf8[index])
        var end = min(index + length, utf8.count)
        if SummaryListConverter.isWhitespace(utf8, index, end) {
          if !pendingSpace && !(runs.isEmpty && pieceStart == nil) {
            pendingSpace = true
            // A space between differently styled runs belongs to the plainer one.
            pendingStyle = style
          }
        } else {
          if pendingSpace {
            if pieceStart == nil, let last = runs.last, pendingStyle != style,
              last.style.isSubset(of: style) || last.style == pendingStyle
            {
              text.append(0x20)
              pieceStart = text.count
            } else {
              if pieceStart == nil { pieceStart = text.count }
              text.append(0x20)
            }
            pendingSpace = false
          }
          if pieceStart == nil { pieceStart = text.count }
          // The ASCII letters and marks that follow go in one copy, with the single spaces
          // between them (a space before a printable ASCII byte collapses to itself).
          while end < utf8.count {
            // Eight such bytes at a time while a whole word of them follows.
            if end + 8 <= utf8.count,
              SummaryListConverter.isPlainRun(SWAR.load(utf8.baseAddress! + end))
            {
              end += 8
              continue
            }
            let byte = utf8[end]
            if byte > 0x20 && byte < 0x80 {
              end += 1
            } else if byte == 0x20 && end + 1 < utf8.count && utf8[end + 1] > 0x20
              && utf8[end + 1] < 0x80
            {
              end += 2
            } else {
              break
            }
          }
          text.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<end]))
        }
        index = end
      }
      guard let pieceStart else { return }
      if runs.last?.style != style { runs.append((pieceStart, style)) }
    }

    /// The runs as markup: `**bold**`, `*italic*`, `` `code` ``, with `\`, `*` and `` ` ``
    /// escaped (in code only `\` and `` ` ``), as `InlineMarkup.markup(for:)` writes them.
    mutating func markup() -> String {
      // Most bullets are one plain run with nothing to escape: their text is the markup.
      if runs.count == 1 && runs[0].style.isEmpty
        && !text.withUnsafeBufferPointer(SummaryListConverter.containsMarker)
      {
        return String(decoding: text, as: UTF8.self)
      }
      markupBytes.removeAll(keepingCapacity: true)
      for (index, run) in runs.enumerated() {
        let end = index + 1 < runs.count ? runs[index + 1].start : text.count
        let isCode = run.style.contains(.code)
        if run.style.contains(.bold) { markupBytes += [0x2A, 0x2A] }
        if run.style.contains(.italic) { markupBytes.append(0x2A) }
        if isCode { markupBytes.append(0x60) }
        let runText = text[run.start..<end]
        if runText.withUnsafeBufferPointer(SummaryListConverter.containsMarker) {
          for byte in runText {
            if byte == 0x5C || byte == 0x60 || (byte == 0x2A && !isCode) {
              markupBytes.append(0x5C)
            }
            markupBytes.append(byte)
          }
        } else {
          markupBytes += runText
        }
        // The markers close in reverse order.
        if isCode { markupBytes.append(0x60) }
        if run.style.contains(.italic) { markupBytes.append(0x2A) }
        if run.style.contains(.bold) { markupBytes += [0x2A, 0x2A] }
      }
      return String(decoding: markupBytes, as: UTF8.self)
    }
  }

  /// Whether 8 bytes (little-endian) are all what `Collapser.add` copies in its inner loop:
  /// printable ASCII, and single spaces each followed by printable ASCII in the word (so the
  /// last byte is no space). May answer false for such a word (then the byte loop decides).
  @inline(__always)
  static func isPlainRun(_ word: UInt64) -> Bool {
    // A byte of 0x80 or more, or one below 0x20 (whose subtraction sets its high bit).
    if (word | (word &- 0x20 &* SWAR.ones)) & SWAR.highBits != 0 { return false }
    // The spaces' flags may include a false one above a real one (a borrow): such a word is
    // then refused, which only sends it to the byte loop.
    let spaces = SWAR.zeroBytes(word ^ (0x20 &* SWAR.ones))
    return spaces & (spaces << 8) == 0 && spaces >> 63 == 0
  }

  /// Whether `bytes` hold a character markup escapes: `\`, `` ` `` or `*`.
  static func containsMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    // Eight bytes at a time up to a word that may hold one, then byte by byte.
    var index = 0
    while index + 8 <= bytes.count {
      let word = SWAR.load(bytes.baseAddress! + index)
      // One mask for the three bytes: branching on each cost this loop a third more.
      if SWAR.zeroBytes(word ^ (0x5C &* SWAR.ones)) | SWAR.zeroBytes(word ^ (0x60 &* SWAR.ones))
        | SWAR.zeroBytes(word ^ (0x2A &* SWAR.ones)) != 0
      {
        break
      }
      index += 8
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x5C || byte == 0x60 || byte == 0x2A { return true }
      index += 1
    }
    return false
  }

  /// Unicode White_Space for the scalar in `utf8[start..<end]` (false for a sequence that is
  /// no valid scalar), from the byte table of `Whitespace.length`: asking Unicode
  /// for the properties of every non-ASCII scalar cost more than the rest of the bullet.
  @inline(__always)
  static func isWhitespace(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
    let lead = utf8[start]
    if lead < 0x80 { return lead == 0x20 || (lead >= 0x09 && lead <= 0x0D) }
    let length = Whitespace.length(in: utf8, at: start)
    // The table takes E2 80 before any byte up to 0x8A; a scalar needs a continuation byte.
    return length > 0 && (length < 3 || utf8[start + 2] >= 0x80)
  }
}
