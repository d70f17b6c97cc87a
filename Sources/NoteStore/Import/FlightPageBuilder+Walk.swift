import ByteJSON
import FlightFormat

/// The walk: each value a node count and maybe nodes, read from a `PageTokenSource`.
///
/// What it makes of a value is what the decoded value means for the page: text and numbers
/// are text nodes; arrays, objects, components without an `href` and fragments are
/// transparent; a host element keeps its tag (its `children` prop only, the last one when
/// repeated), unless it is one whose content is never page text; a component whose last
/// `href` is a string is a link (`a`) of its last `children`; a row reference expands the
/// row. Each value counts one node, at one level deeper than its container.
extension FlightPageBuilder {
  /// Walks a model row's bytes; throws where its JSON does not decode.
  mutating func walk(_ row: FlightRow, depth: Int) throws(JSONError) {
    try row.body.withUnsafeBufferPointer { buffer throws(JSONError) in
      var reader = FlightRowReader(buffer)
      try walkValue(&reader, depth: depth)
      try reader.expectEnd()
    }
  }

  /// Walks a decoded value (a `T` row's text, or what a path reference resolved to).
  mutating func walkDecoded(_ value: FlightValue, depth: Int) {
    var tokens = ValueTokens(value)
    // Decoded values are read without errors: `ValueTokens` never throws.
    try? walkValue(&tokens, depth: depth)
  }

  mutating func walkValue<Source: PageTokenSource>(_ source: inout Source, depth: Int)
    throws(JSONError)
  {
    guard withinLimits(depth: depth) else {
      try source.skipValue()
      return
    }
    nodeCount += 1
    switch try source.next() {
    case .text(let text):
      let first = tree.textBytes.count
      text.append(to: &tree.textBytes)
      pending.append(tree.addTextNode(from: first))
    case .row(let row): emitRow(at: row.definitionIndex(in: document), depth: depth)
    case .value(let value):
      switch value {
      case .reference:
        // A path reference (`$4:props:children`): what it points at, one level down.
        rowVisits += 1
        walkDecoded(document.resolve(value), depth: depth + 1)
      case .number(let number): pending.append(tree.addText(Self.text(of: number)))
      default: return
      }
    case .number(let number): pending.append(tree.addText(Self.text(of: number)))
    case .bool, .null: return
    case .array: while try source.nextItem() { try walkValue(&source, depth: depth + 1) }
    case .object: while try source.nextMember() != nil { try walkValue(&source, depth: depth + 1) }
    case .element(let head):
      source.enterProps(of: head)
      if let name = head.hostTag {
        if let tag = Self.pageTag(ofHost: name) {
          try walkHostProps(&source, tag: tag, depth: depth)
        } else {
          try source.skipValue()
        }
      } else {
        try walkComponentProps(&source, depth: depth)
      }
      while try source.nextItem() { try source.skipValue() }
    }
  }

  /// A host element's props: its children and href; the rest is skipped.
  mutating func walkHostProps<Source: PageTokenSource>(
    _ source: inout Source, tag: PageTree.Tag, depth: Int
  ) throws(JSONError) {
    let mark = pending.count
    var href: String? = nil
    if case .object = try source.next() {
      var children: Checkpoint? = nil
      while let member = try source.nextMember() {
        switch member {
        case .children:
          // The last `children` is the one: an earlier one is taken back (nothing but
          // skipped props came after it).
          if let earlier = children { restore(earlier) }
          children = checkpoint()
          try walkValue(&source, depth: depth + 1)
        case .href: href = try Self.readHref(&source)
        case .other: try source.skipValue()
        }
      }
    }
    finishElement(tag, href: href, from: mark)
  }

  /// A component's props: a link (`a`) of its last `children` when its last `href` is a
  /// string, otherwise every member in order.
  ///
  /// Whether it is a link is known only at the end. Members before the first `href` are
  /// walked and, for a link, taken back: exact when they expanded no row and met no limit
  /// (their nodes and counts go), otherwise the props are walked again, the last `children`
  /// alone. From the first `href` on, only `children` is walked: an `href` is read, never
  /// walked, and other members are skipped while the link stands (a link's nodes are its last
  /// children's). Should the last `href` be no string, the props are walked again, every
  /// member; that is rare, and reading a link's other members cost more than any copy.
  mutating func walkComponentProps<Source: PageTokenSource>(_ source: inout Source, depth: Int)
    throws(JSONError)
  {
    let atProps = source
    guard case .object = try source.next() else { return }
    let start = checkpoint()
    var href: String? = nil
    var childrenSeen = 0
    var kept: (nodes: Range<Int>, count: Int, expandedRows: Bool)? = nil
    var membersExpandingRows = 0
    var skippedMembers = false
    while let member = try source.nextMember() {
      if member == .href || (member == .other && href != nil) {
        if member == .href { href = try Self.readHref(&source) } else { try source.skipValue() }
        skippedMembers = true
        continue
      }
      let before = checkpoint()
      try walkValue(&source, depth: depth + 1)
      let expandedRows = rowVisits != before.rowVisits
      if expandedRows { membersExpandingRows += 1 }
      if member == .children {
        childrenSeen += 1
        kept = (before.pending..<pending.count, nodeCount - before.nodeCount, expandedRows)
      }
    }
    guard let href else {
      if skippedMembers {
        restore(start)
        try walkPropsAgain(from: atProps, &source, depth: depth)
      }
      return
    }
    let droppedExpandRows = membersExpandingRows > (kept?.expandedRows == true ? 1 : 0)
    if droppedExpandRows || (limitHit != nil) != start.hadLimit {
      restore(start)
      try walkPropsAgain(from: atProps, &source, depth: depth, onlyChildren: childrenSeen)
    } else {
      // The kept children move down to the start, over the other members' nodes.
      let children = kept?.nodes ?? start.pending..<start.pending
      let mark = start.pending
      pending.withUnsafeMutableBufferPointer { ids in
        for offset in 0..<children.count { ids[mark + offset] = ids[children.lowerBound + offset] }
      }
      pending.removeSubrange((mark + children.count)...)
      nodeCount = start.nodeCount + (kept?.count ?? 0)
    }
    finishElement(.a, href: href, from: start.pending)
  }

  /// Walks a component's props again from `atProps`, the first attempt taken back: every
  /// member, or only the `onlyChildren`-th `children` (a link's last).
  mutating func walkPropsAgain<Source: PageTokenSource>(
    from atProps: Source, _ source: inout Source, depth: Int, onlyChildren: Int? = nil
  ) throws(JSONError) {
    source = atProps
    _ = try source.next()
    var seen = 0
    while let member = try source.nextMember() {
      if member == .children { seen += 1 }
      if onlyChildren == nil || (member == .children && seen == onlyChildren) {
        try walkValue(&source, depth: depth + 1)
      } else {
        try source.skipValue()
      }
    }
  }

  /// An href prop: its text when it is text, else nil (the value skipped).
  static func readHref<Source: PageTokenSource>(_ source: inout Source) throws(JSONError)
    -> String?
  {
    var probe = source
    if case .text(let text) = try probe.next() {
      source = probe
      return text.string
    }
    try source.skipValue()
    return nil
  }

  static func text(of number: Double) -> String {
    number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
  }
}
