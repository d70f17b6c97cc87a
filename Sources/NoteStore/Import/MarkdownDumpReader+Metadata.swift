extension MarkdownDumpReader {
  /// Labels of a `Label: https://…` line naming the page's address.
  static let urlLineLabels: Set<String> = [
    "source", "url", "url source", "original", "original url", "original article", "canonical",
    "saved from",
    "原文", "出典", "元記事",
  ]
  /// Labels of a `[label](https://…)` link to the page itself.
  static let urlLinkLabels: Set<String> = [
    "original", "source", "canonical", "original article", "view original", "read the original",
    "原文", "元記事",
  ]

  /// How a heading names the comment section: clearly, or ambiguously ("Discussion").
  enum CommentMarker {
    case clear
    case ambiguous
  }

  static let clearCommentNames: Set<String> = [
    "comment", "comments", "response", "responses", "reply", "replies", "leave a reply",
    "leave a comment", "post a comment", "add a comment", "join the conversation",
    "コメント", "件のコメント", "コメントを残す", "コメント一覧", "返信を残す",
  ]
  static let clearCommentPrefixes = [
    "thoughts on ", "thought on ", "responses to ", "replies to ", "comments on ",
  ]

  static let punctuation: Set<Unicode.GeneralCategory> = [
    .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
    .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .otherSymbol,
  ]

  /// Whether a heading's plain text names a comment section. Counts, punctuation and case
  /// are ignored: "3 Comments", "Comments (3)", "コメント：3件" all match.
  static func commentMarker(_ title: String) -> CommentMarker? {
    var words = ""
    for scalar in title.lowercased().unicodeScalars {
      let isDigit = scalar.properties.numericType != nil
      let isPunctuation = Self.punctuation.contains(scalar.properties.generalCategory)
      if isDigit || isPunctuation || scalar.properties.isWhitespace {
        words.unicodeScalars.append(" ")
      } else {
        words.unicodeScalars.append(scalar)
      }
    }
    let key = InlineMarkup.collapseWhitespace(words)
    let keyWithoutCount = key.hasSuffix(" 件") ? String(key.dropLast(2)) : key
    if clearCommentNames.contains(key) || clearCommentNames.contains(keyWithoutCount) {
      return .clear
    }
    if clearCommentPrefixes.contains(where: { key.hasPrefix($0) }) { return .clear }
    if key == "discussion" || key == "ディスカッション" { return .ambiguous }
    return nil
  }

  /// The page's address as the header block states it: the first labelled line, labelled
  /// link or canonical `<link>` there; only absolute http(s) addresses count.
  static func sourceURL(in scan: Scan, lines block: Range<Int>) -> String? {
    for index in block where !scan.isCode[index] {
      let line = lineContent(scan.lines[index])
      if let (label, value) = labelled(line), urlLineLabels.contains(label),
        let url = urlValue(value)
      {
        return url
      }
      if let url = labelledLink(in: line) ?? canonicalLink(in: line) { return url }
    }
    return nil
  }

  /// The `href` of a `<link rel="canonical" href="…">` in the line.
  static func canonicalLink(in line: Substring) -> String? {
    let lower = line.lowercased()
    guard lower.contains("<link"), lower.contains("canonical"),
      let href = line.range(of: "href=")
    else { return nil }
    let value = line[href.upperBound...]
    guard let quote = value.first, quote == "\"" || quote == "'" else { return nil }
    return urlValue(value.dropFirst().prefix { $0 != quote })
  }

  /// Tags from the first `Tags:` line of the header block.
  static func tags(in scan: Scan, lines block: Range<Int>) -> [String] {
    for index in block where !scan.isCode[index] {
      if let (label, value) = labelled(lineContent(scan.lines[index])),
        label == "tags" || label == "tag" || label == "タグ"
      {
        return splitTags(String(value))
      }
    }
    return []
  }

  /// Splits `a, b`, `[a, b]` or `#a #b` into tags: trimmed, unquoted, empty and repeated
  /// (case-insensitively) dropped.
  static func splitTags(_ text: String) -> [String] {
    let list = strip(text, " \t[]")
    let separators: Set<Character> = [",", "、", "，"]
    var items = list.split { separators.contains($0) }
    if items.count == 1, list.hasPrefix("#") {
      items = list.split { $0 == " " || $0 == "\t" }
    }
    var seen: Set<TagKey> = []
    var tags: [String] = []
    for item in items {
      var tag = Scan.unquoted(Substring(strip(item, " \t*_`")))
      if tag.hasPrefix("#") { tag.removeFirst() }
      guard !tag.isEmpty, seen.insert(TagKey(tag)).inserted else { continue }
      tags.append(tag)
    }
    return tags
  }

  /// The line without a quote, list or emphasis lead-in (`> `, `- `, `*…*`), trimmed.
  static func lineContent(_ line: Substring) -> Substring {
    var content = Scan.trimmed(line)
    while let first = content.first {
      let isBullet = "*+".contains(first) && content.dropFirst().first == " "
      guard first == ">" || first == "-" || isBullet else { break }
      content = Scan.trimmed(content.dropFirst())
    }
    return content
  }

  /// `Label: value` (also with a full-width colon, and `**Label:**`): the lowercased plain
  /// label and the raw value.
  static func labelled(_ line: Substring) -> (String, Substring)? {
    guard let colon = line.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
    let rawLabel = line[..<colon]
    guard rawLabel.count <= 24 else { return nil }
    let label = plainTitle(Substring(strip(rawLabel, "*_ \t"))).lowercased()
    var value = line[line.index(after: colon)...]
    value = value.drop { $0 == "*" || $0 == "_" || $0 == " " || $0 == "\t" }
    return (label, value)
  }

  /// The first URL in a value: `<url>`, `[text](url)`, or a bare first word.
  static func urlValue(_ value: Substring) -> String? {
    let text = Scan.trimmed(value)
    var candidate: Substring
    if text.hasPrefix("<"), let close = text.firstIndex(of: ">") {
      candidate = text[text.index(after: text.startIndex)..<close]
    } else if text.hasPrefix("["), let open = text.range(of: "]("),
      let close = text[open.upperBound...].firstIndex(of: ")")
    {
      candidate = text[open.upperBound..<close]
    } else {
      candidate = text.prefix { $0 != " " && $0 != "\t" }
    }
    candidate = Substring(strip(candidate, "*_"))
    let url = String(candidate)
    let lower = url.lowercased()
    guard lower.hasPrefix("http://") || lower.hasPrefix("https://"),
      NormalizedURL.problem(with: url) == nil
    else { return nil }
    return url
  }

  /// The target of the first `[original](url)`-style link in the line.
  static func labelledLink(in line: Substring) -> String? {
    var rest = line
    while let open = rest.firstIndex(of: "[") {
      let afterOpen = rest[rest.index(after: open)...]
      guard let middle = afterOpen.range(of: "](") else { return nil }
      var labelText = afterOpen[..<middle.lowerBound]
      if let inner = labelText.lastIndex(of: "[") {
        labelText = labelText[labelText.index(after: inner)...]
      }
      let label = plainTitle(labelText).lowercased()
      let target = afterOpen[middle.upperBound...].prefix { $0 != ")" && $0 != " " }
      if urlLinkLabels.contains(label), let url = urlValue(target) { return url }
      rest = afterOpen[middle.upperBound...]
    }
    return nil
  }

  /// `text` without any of `characters` at either end.
  static func strip(_ text: some StringProtocol, _ characters: String) -> String {
    let set = Set(characters)
    let start = text.firstIndex { !set.contains($0) } ?? text.endIndex
    let end = text.lastIndex { !set.contains($0) }.map(text.index(after:)) ?? start
    return String(text[start..<max(start, end)])
  }
}
