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
  /// (nearly every name) are looked up by their bytes, without a `String`.
  static func pageTag(ofHost name: FlightText) -> PageTree.Tag? {
    guard let bytes = name.rowBytes, bytes.allSatisfy({ $0 &- 0x61 < 26 || $0 &- 0x30 < 10 })
    else { return pageTag(ofHost: name.string) }
    for known in knownHostTags where known.name.count == bytes.count {
      if (0..<bytes.count).allSatisfy({ known.name[$0] == bytes[$0] }) { return known.pageTag }
    }
    return .other
  }

  /// Every lowercase host tag name `pageTag(ofHost:)` does not map to `.other`, with its page
  /// tag (nil for the ignored ones).
  static let knownHostTags: [(name: [UInt8], pageTag: PageTree.Tag?)] =
    ([
      "a", "ul", "ol", "li", "p", "div", "strong", "b", "em", "i", "code", "kbd", "samp", "br",
      "body",
    ] + ignoredTags.sorted()).map { (Array($0.utf8), pageTag(ofHost: $0)) }
}
