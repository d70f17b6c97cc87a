import FlightFormat

/// Host tag names to page tags.
extension FlightPageBuilder {
  /// Host elements whose content is never page text.
  static let ignoredTags: Set<String> = [
    "script", "style", "head", "meta", "link", "title", "template", "noscript", "svg",
  ]

  /// The page tag of a host element, or nil for one whose content is never page text.
  static func pageTag(ofHost name: String) -> PageTree.Tag? {
    // Tag names are nearly always lowercase ASCII already; `lowercased()` would copy them.
    let isLower = name.utf8.allSatisfy { $0 &- 0x61 < 26 || $0 &- 0x30 < 10 }
    let lower = isLower ? name : name.lowercased()
    let tag = PageTree.Tag(lowercased: lower)
    if tag == .other && ignoredTags.contains(lower) { return nil }
    return tag
  }

  /// `pageTag(ofHost:)` of a tag name read from a row: lowercase ASCII letters and digits
  /// (nearly every name) are looked up by their bytes, without a `String`, packed into one
  /// word and compared with the known names of their length (a page has a host element every
  /// few dozen bytes: comparing with every known name byte by byte cost 90 M instructions of
  /// the 612 bench pages' import).
  static func pageTag(ofHost name: FlightText) -> PageTree.Tag? {
    guard let bytes = name.rowBytes else { return pageTag(ofHost: name.string) }
    var packed: UInt64 = 0
    for byte in bytes.reversed() {
      guard byte &- 0x61 < 26 || byte &- 0x30 < 10 else { return pageTag(ofHost: name.string) }
      packed = packed &<< 8 | UInt64(byte)
    }
    guard bytes.count < knownHostTags.count else { return .other }
    for known in knownHostTags[bytes.count] where known.name == packed { return known.pageTag }
    return .other
  }

  /// Every lowercase host tag name `pageTag(ofHost:)` does not map to `.other`, with its page
  /// tag (nil for the ignored ones), by length: the name's bytes packed into a word, first
  /// byte lowest (the longest name has 8 bytes, so a longer one is `.other` unread).
  static let knownHostTags: [[(name: UInt64, pageTag: PageTree.Tag?)]] = {
    let names =
      [
        "a", "ul", "ol", "li", "p", "div", "strong", "b", "em", "i", "code", "kbd", "samp", "br",
        "body",
      ] + ignoredTags.sorted()
    var byLength = Array(repeating: [(name: UInt64, pageTag: PageTree.Tag?)](), count: 9)
    for name in names {
      let packed = name.utf8.reversed().reduce(UInt64(0)) { $0 &<< 8 | UInt64($1) }
      byLength[name.utf8.count].append((packed, pageTag(ofHost: name)))
    }
    return byLength
  }()
}
