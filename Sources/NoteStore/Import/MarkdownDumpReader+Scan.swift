extension MarkdownDumpReader {
  /// A heading found by `Scan`: its level (1…6), its raw inline text and its line (0-based).
  struct Heading {
    var level: Int
    var text: Substring
    var line: Int
  }

  /// The block structure the reader needs from a Markdown page, in one pass over its lines:
  /// front matter, which lines are code, ATX and setext headings, and thematic breaks.
  ///
  /// Only as much CommonMark as a page dump needs: fenced code hides headings, up to three
  /// spaces of indent are allowed, and a `---`/`===` line under a paragraph is a setext heading
  /// while a `---` after a blank line is a break.
  struct Scan {
    var lines: [Substring]
    /// `key: value` pairs of the front matter; YAML list items (`- a`) become more values.
    var frontMatter: [(key: String, values: [String])] = []
    /// The first line after the front matter (0 when there is none).
    var frontMatterEnd = 0
    var isCode: [Bool]
    var headings: [Heading] = []
    var breaks: [Int] = []

    init(lines: [Substring]) {
      self.lines = lines
      isCode = Array(repeating: false, count: lines.count)
      readFrontMatter()
      var fence: (marker: Character, count: Int)?
      var paragraphStart: Int?
      for index in frontMatterEnd..<lines.count {
        let line = lines[index]
        let indent = Scan.indentWidth(line)
        let trimmed = Scan.trimmed(line)
        if let open = fence {
          isCode[index] = true
          let run = trimmed.prefix { $0 == open.marker }.count
          if indent < 4 && run >= open.count && Scan.trimmed(trimmed.dropFirst(run)).isEmpty {
            fence = nil
          }
          continue
        }
        if trimmed.isEmpty || indent >= 4 {
          paragraphStart = trimmed.isEmpty ? nil : paragraphStart
          continue
        }
        if let marker = trimmed.first, marker == "`" || marker == "~" {
          let run = trimmed.prefix { $0 == marker }.count
          if run >= 3 {
            fence = (marker, run)
            isCode[index] = true
            paragraphStart = nil
            continue
          }
        }
        if let heading = Scan.atxHeading(trimmed, line: index) {
          headings.append(heading)
          paragraphStart = nil
          continue
        }
        if let level = Scan.setextLevel(trimmed), let start = paragraphStart {
          let text = lines[start..<index].map(Scan.trimmed).joined(separator: " ")
          headings.append(Heading(level: level, text: Substring(text), line: start))
          paragraphStart = nil
          continue
        }
        if Scan.isThematicBreak(trimmed) {
          breaks.append(index)
          paragraphStart = nil
          continue
        }
        if Scan.interruptsParagraph(trimmed) {
          paragraphStart = nil
        } else if paragraphStart == nil {
          paragraphStart = index
        }
      }
    }

    /// Every value of front matter `key` (case-insensitive), in order.
    func frontMatterValues(_ key: String) -> [String] {
      frontMatter.filter { $0.key == key }.flatMap(\.values)
    }

    /// Reads `---` … `---` (or `...`) at the top when its first line is a `key:` pair.
    private mutating func readFrontMatter() {
      guard let first = lines.first, Scan.trimmed(first) == "---", lines.count > 2,
        let close = lines.indices.dropFirst().first(where: {
          let line = Scan.trimmed(lines[$0])
          return line == "---" || line == "..."
        }),
        close > 1, Scan.keyValue(lines[1]) != nil
      else { return }
      for line in lines[1..<close] {
        let item = Scan.trimmed(line)
        if item.hasPrefix("- "), !frontMatter.isEmpty, line.first == " " || line.first == "-" {
          frontMatter[frontMatter.count - 1].values.append(Scan.unquoted(item.dropFirst(2)))
        } else if let (key, value) = Scan.keyValue(line) {
          frontMatter.append((key, value.isEmpty ? [] : [value]))
        }
      }
      for index in 0...close { isCode[index] = true }
      frontMatterEnd = close + 1
    }

    /// `key: value`, the key plain or quoted (`"watch-status": …`), lowercased.
    static func keyValue(_ line: Substring) -> (String, String)? {
      if let quote = line.first, quote == "\"" || quote == "'" {
        let rest = line.dropFirst()
        guard let close = rest.firstIndex(of: quote), rest[close...].dropFirst().first == ":"
        else { return nil }
        let value = rest[rest.index(close, offsetBy: 2)...]
        return (rest[..<close].lowercased(), unquoted(value))
      }
      guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else { return nil }
      let key = line[..<colon]
      guard key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
        return nil
      }
      return (key.lowercased(), unquoted(line[line.index(after: colon)...]))
    }

    /// The text trimmed, without one pair of surrounding quotes.
    static func unquoted(_ text: Substring) -> String {
      let value = trimmed(text)
      if value.count >= 2, let first = value.first, first == "\"" || first == "'",
        value.last == first
      {
        return String(value.dropFirst().dropLast())
      }
      return String(value)
    }

    static func trimmed(_ text: Substring) -> Substring {
      let start = text.firstIndex { $0 != " " && $0 != "\t" } ?? text.endIndex
      let end = text.lastIndex { $0 != " " && $0 != "\t" }.map(text.index(after:)) ?? start
      return text[start..<max(start, end)]
    }

    /// Leading indent in columns, a tab counting as four.
    static func indentWidth(_ line: Substring) -> Int {
      var width = 0
      for character in line {
        if character == " " {
          width += 1
        } else if character == "\t" {
          width += 4
        } else {
          break
        }
      }
      return width
    }
  }
}
