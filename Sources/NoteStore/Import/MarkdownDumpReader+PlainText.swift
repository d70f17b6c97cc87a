import ByteJSON
import Diagnostics

extension MarkdownDumpReader {
  /// A text line longer than this (in characters) is a paragraph, never a heading.
  static let maxTextHeadingLength = 80

  /// A plain-text page: the first non-empty line is the title; headings are numbered section
  /// lines standing alone between blank lines (`2.`, `2.1 Setup`) and lines underlined with
  /// `===` (level 1) or `---` (level 2) after a blank line.
  static func readPlainText(text: String, lines: [Substring]) throws(Diagnostic) -> NoteDraft {
    let clean = lines.map { InlineMarkup.collapseWhitespace(String($0)) }
    let scan = Scan(lines: lines)
    let clipping = clipping(in: scan)
    // A clipping's title stands for the title line: the text starts after its header.
    let firstLine =
      clean.indices.dropFirst(clipping.contentStart).first { !clean[$0].isEmpty }
      ?? clean.firstIndex { !$0.isEmpty }
    guard let titleIndex = clipping.title == nil ? firstLine : clipping.contentStart - 1 else {
      throw Diagnostic(
        "no title found, the file holds only blank lines",
        at: TextPosition(line: lines.count, column: 1))
    }
    func isBlank(_ index: Int) -> Bool { index < 0 || index >= clean.count || clean[index].isEmpty }
    var headings: [(level: Int, name: String, line: Int)] = []
    var index = titleIndex + 1
    if index < clean.count, underlineLevel(clean[index]) != nil { index += 1 }
    while index < clean.count {
      let line = clean[index]
      let fits = !line.isEmpty && line.count <= maxTextHeadingLength
      if fits, isBlank(index - 1), underlineLevel(line) == nil, index + 1 < clean.count,
        let level = underlineLevel(clean[index + 1])
      {
        headings.append((level, line, index))
        index += 2
        continue
      }
      if fits, isBlank(index - 1), isBlank(index + 1), let depth = sectionDepth(line) {
        headings.append((depth, line, index))
      }
      index += 1
    }
    let cut = commentCut(headings.map { ($0.level, $0.name) })
    let outline = headings.prefix(cut ?? headings.count)
    let summary = buildTree(outline.map { ($0.level, SummaryNode(spans: [InlineSpan($0.name)])) })
    let header = scan.headerBlock(from: clipping.contentStart, afterLine: titleIndex)
    let textHeading = headings.first?.line ?? lines.count
    let headerBlock =
      header.lowerBound..<max(header.lowerBound, min(header.upperBound, textHeading))
    return NoteDraft(
      url: clipping.url ?? sourceURL(in: scan, lines: headerBlock),
      title: clipping.title ?? clean[titleIndex],
      tags: clipping.tags ?? tags(in: scan, lines: headerBlock), summary: summary, body: text,
      created: clipping.noteCreated)
  }

  /// 1 for `===…`, 2 for `---…` (three or more, alone on the line).
  static func underlineLevel(_ line: String) -> Int? {
    guard line.count >= 3, let first = line.first, first == "=" || first == "-",
      line.allSatisfy({ $0 == first })
    else { return nil }
    return first == "=" ? 1 : 2
  }

  /// The depth of a numbered section line (`3.` → 1, `3.2` → 2, `3.2.1.` → 3) whose title
  /// starts with a letter and does not end like a sentence; nil for anything else.
  static func sectionDepth(_ line: String) -> Int? {
    var depth = 0
    var endsWithDot = false
    var rest = Substring(line)
    while true {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty, digits.count <= 3 else { break }
      depth += 1
      rest = rest.dropFirst(digits.count)
      endsWithDot = rest.first == "."
      guard endsWithDot else { break }
      rest = rest.dropFirst()
    }
    // "2023 was a good year" is a sentence; a lone number needs its dot ("3. Setup").
    guard depth > 1 || endsWithDot, rest.first == " " else { return nil }
    let startsWithWord = rest.dropFirst().first?.isLetter ?? false
    let endsLikeSentence = line.last.map { ".。,;，、".contains($0) } ?? false
    return startsWithWord && !endsLikeSentence ? depth : nil
  }

  /// The index of the heading that opens the comment section, if any.
  ///
  /// A clear name ("3 Comments", "Leave a Reply", "コメント") always opens it. An ambiguous
  /// one ("Discussion") does only when no ordinary heading of its level or shallower follows,
  /// so a paper's "Discussion" before "Conclusion" stays in the outline.
  static func commentCut(_ headings: [(level: Int, name: String)]) -> Int? {
    let markers = headings.map { commentMarker($0.name) }
    for (index, heading) in headings.enumerated() {
      switch markers[index] {
      case .clear?:
        return index
      case .ambiguous?:
        let ordinaryFollows = headings.indices.dropFirst(index + 1).contains {
          headings[$0].level <= heading.level && markers[$0] == nil
        }
        if !ordinaryFollows { return index }
      case nil:
        continue
      }
    }
    return nil
  }
}
