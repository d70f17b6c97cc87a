extension MarkdownDumpReader.Scan {
  /// A footer is at most this many non-blank lines after the last thematic break; longer tails
  /// are body text that happens to follow a `---`.
  static let footerMaxLines = 20

  /// The first H1 among `candidates` (indices into `headings`), else with `levelOneOnly`
  /// false the first heading, whose text is left once markup is removed (`# ![logo](x.png)`
  /// names nothing). Site navigation headings some dumps keep above the article are then left
  /// out of the outline.
  func titleHeadingIndex(among candidates: [Int], levelOneOnly: Bool) -> Int? {
    let named = candidates.filter { !MarkdownDumpReader.plainTitle(headings[$0].text).isEmpty }
    return named.first { headings[$0].level == 1 } ?? (levelOneOnly ? nil : named.first)
  }

  /// The heading that repeats a clipping's `title` at the top of the text: the first heading
  /// when it is an H1 that reads the same (ignoring case) or the document's only H1. A
  /// heading that says something else is the start of the outline.
  func repeatedTitleIndex(_ title: String, among candidates: [Int]) -> Int? {
    guard let first = candidates.first, headings[first].level == 1 else { return nil }
    let text = MarkdownDumpReader.plainTitle(headings[first].text)
    let onlyH1 = candidates.filter { headings[$0].level == 1 }.count == 1
    return onlyH1 || text.lowercased() == title.lowercased() ? first : nil
  }

  /// Lines after the page's header looked at for at most this many lines for a source line.
  static let headerBlockLines = 15

  /// The header block: from `start` (after any metadata block) to the first heading after
  /// `line` (the title heading's), at most `headerBlockLines` lines past it. Code is skipped
  /// by the callers.
  func headerBlock(from start: Int, afterLine line: Int) -> Range<Int> {
    let anchor = max(start, line + 1)
    let nextHeading = headings.first { $0.line > line }?.line ?? lines.count
    let end = min(nextHeading, anchor + Self.headerBlockLines, lines.count)
    return start..<max(start, end)
  }

  /// The line where the outline after line `line` stops: the comment section, else the
  /// footer, else the end of the document.
  func outlineEnd(afterLine line: Int) -> Int {
    let footer = footerStart(after: line)
    return commentStart(after: line, before: footer) ?? footer
  }

  /// The line of the first comment-section heading after `line` and before `end`
  /// (see `MarkdownDumpReader.commentCut`).
  func commentStart(after line: Int, before end: Int) -> Int? {
    let candidates = headings.filter { $0.line > line && $0.line < end }
    let names = candidates.map { ($0.level, MarkdownDumpReader.plainTitle($0.text)) }
    return MarkdownDumpReader.commentCut(names).map { candidates[$0].line }
  }

  /// The first line of the footer: the last thematic break after `line` when what follows is
  /// short and reads as a footer (a copyright notice or a line of nav links); else the end.
  func footerStart(after line: Int) -> Int {
    guard let last = breaks.last, last > line else { return lines.count }
    let tail = lines[(last + 1)...].filter { !Self.trimmed($0).isEmpty }
    guard tail.count <= Self.footerMaxLines else { return lines.count }
    let isFooter = tail.contains { Self.isCopyrightLine($0) || Self.isNavLinkLine($0) }
    return isFooter ? last : lines.count
  }

  static func isCopyrightLine(_ line: Substring) -> Bool {
    let folded = line.lowercased()
    return ["©", "(c)", "copyright", "all rights reserved", "著作権", "無断転載"].contains {
      folded.contains($0)
    }
  }

  /// True for a line of two or more Markdown links and nothing else but separators.
  static func isNavLinkLine(_ line: Substring) -> Bool {
    let characters = Array(line)
    var links = 0
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "[",
        let close = characters[index...].firstIndex(of: "]"), close + 1 < characters.count,
        characters[close + 1] == "(",
        let end = characters[(close + 1)...].firstIndex(of: ")")
      {
        links += 1
        index = end + 1
      } else if " \t|·•-–—/,>*".contains(character) {
        index += 1
      } else {
        return false
      }
    }
    return links >= 2
  }

  /// An ATX heading (`## Text ##`), with up to three spaces of indent already trimmed.
  static func atxHeading(_ trimmed: Substring, line: Int) -> MarkdownDumpReader.Heading? {
    let level = trimmed.prefix { $0 == "#" }.count
    guard (1...6).contains(level) else { return nil }
    var rest = trimmed.dropFirst(level)
    guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
    rest = Self.trimmed(rest)
    // A closing run of `#` counts only after a space (`## C# ##` keeps "C#").
    let closing = rest.reversed().prefix { $0 == "#" }.count
    if closing == rest.count {
      rest = rest.prefix(0)
    } else if closing > 0 {
      let beforeRun = rest.dropLast(closing)
      if beforeRun.last == " " || beforeRun.last == "\t" { rest = Self.trimmed(beforeRun) }
    }
    guard !rest.isEmpty else { return nil }
    return MarkdownDumpReader.Heading(level: level, text: rest, line: line)
  }

  /// 1 for a `===` underline, 2 for `---` (three or more, nothing else on the line).
  static func setextLevel(_ trimmed: Substring) -> Int? {
    guard trimmed.count >= 3, let first = trimmed.first, first == "=" || first == "-",
      trimmed.allSatisfy({ $0 == first })
    else { return nil }
    return first == "=" ? 1 : 2
  }

  /// `---`, `***`, `___` (spaces allowed between), three or more.
  static func isThematicBreak(_ trimmed: Substring) -> Bool {
    guard let first = trimmed.first, "-*_".contains(first) else { return false }
    let marks = trimmed.filter { $0 != " " && $0 != "\t" }
    return marks.count >= 3 && marks.allSatisfy { $0 == first }
  }

  /// Lines that cannot be the text of a setext heading: list items, quotes, tables, HTML.
  static func interruptsParagraph(_ trimmed: Substring) -> Bool {
    guard let first = trimmed.first else { return true }
    if ">|<".contains(first) { return true }
    if "-*+".contains(first) {
      return trimmed.dropFirst().first.map { $0 == " " || $0 == "\t" } ?? true
    }
    let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty, digits.count < 10 {
      let rest = trimmed.dropFirst(digits.count)
      if let mark = rest.first, mark == "." || mark == ")" {
        return rest.dropFirst().first.map { $0 == " " || $0 == "\t" } ?? true
      }
    }
    return false
  }
}
