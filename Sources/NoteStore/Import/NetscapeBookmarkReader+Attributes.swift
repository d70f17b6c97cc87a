/// What a bookmark's attributes and folder names mean: dates, tags, whether it is a web page.
extension NetscapeBookmarkReader {
  /// Top-level folders that browsers create themselves (compared ignoring case), for exporters
  /// that do not mark them (`Collector.isMarkedRoot` knows the others in any language). They
  /// are places, not topics, so `folderTags` leaves them out; README "Command line" lists them.
  static let rootFolderNames: Set<TagKey> = Set(
    [
      "Bookmarks Toolbar", "Bookmarks Menu", "Other Bookmarks", "Mobile Bookmarks",
      "Bookmarks Bar", "Bookmarks", "Favorites Bar", "Favorites", "Personal Toolbar",
      "Unsorted Bookmarks", "Reading List",
    ].map(TagKey.init))

  /// Why an HREF names no web page, or nil when it is an absolute URL to import.
  static func skipReason(_ href: String) -> String? {
    let lower = href.lowercased()
    if lower.hasPrefix("place:") { return "a Firefox place: query, not a web page" }
    if lower.hasPrefix("javascript:") { return "a bookmarklet (javascript:), not a web page" }
    if NormalizedURL.normalize(href) == nil || NormalizedURL.host(of: href) == nil {
      return "not an absolute URL (expected one such as https://example.com/page)"
    }
    return nil
  }

  /// ADD_DATE/LAST_MODIFIED as a time. Exporters write Unix seconds, milliseconds (linkding,
  /// some Chrome extensions) or microseconds (Firefox's internal unit): ten digits are seconds
  /// until the year 2286, so a larger value is taken as the finer unit. 0 and garbage: none.
  static func timestamp(_ attribute: String?) -> Timestamp? {
    guard let attribute, let value = Int64(InlineMarkup.collapseWhitespace(attribute)), value > 0
    else { return nil }
    if value >= 100_000_000_000_000 { return Timestamp(secondsSince1970: value / 1_000_000) }
    if value >= 100_000_000_000 { return Timestamp(secondsSince1970: value / 1_000) }
    return Timestamp(secondsSince1970: value)
  }

  /// TAGS split on commas: trimmed, empty and repeated (case-insensitively) dropped. `\,` is a
  /// comma inside a tag and `\\` a backslash, as url-notes' own export writes them.
  static func splitTags(_ text: String) -> [String] {
    var parts: [String] = []
    var part = ""
    func close() {
      parts.append(part)
      part = ""
    }
    var escaped = false
    for character in text {
      if escaped {
        if character != "," && character != "\\" { part.append("\\") }
        part.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == "," {
        close()
      } else {
        part.append(character)
      }
    }
    if escaped { part.append("\\") }
    close()
    return ServiceFields.tags(parts)
  }
}
