extension MarkdownDumpReader {
  /// The heading's text with all markup removed, whitespace collapsed: the note title.
  static func plainTitle(_ text: Substring) -> String {
    InlineMarkup.collapseWhitespace(inlineSpans(text).map(\.text).joined())
  }

  /// Converts Markdown inline text into styled spans: `**b**`/`__b__` bold, `*i*`/`_i_` italic,
  /// `` `c` `` code; links and images keep their text, autolinks their address; HTML tags and
  /// comments are dropped; backslash escapes and HTML entities are decoded.
  ///
  /// Unmatched delimiters stay as literal text. Adjacent spans of one style are merged, runs of
  /// whitespace outside code collapse to one space, and the ends are trimmed.
  static func inlineSpans(_ text: Substring) -> [InlineSpan] {
    var parser = InlineParser(scalars: Array(text.unicodeScalars))
    parser.parse(0..<parser.scalars.count, style: [])
    parser.flush()
    return InlineParser.tidy(parser.spans)
  }

  /// The recursive-descent scanner behind `inlineSpans`.
  struct InlineParser {
    let scalars: [Unicode.Scalar]
    var spans: [InlineSpan] = []
    var pending = ""
    var pendingStyle: InlineStyle = []

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    mutating func emit(_ text: String, _ style: InlineStyle) {
      if style != pendingStyle { flush() }
      pendingStyle = style
      pending += text
    }

    mutating func flush() {
      if !pending.isEmpty { spans.append(InlineSpan(pending, pendingStyle)) }
      pending = ""
    }

    mutating func parse(_ range: Range<Int>, style: InlineStyle) {
      var index = range.lowerBound
      let end = range.upperBound
      while index < end {
        let scalar = scalars[index]
        switch scalar {
        case "\\" where index + 1 < end && isEscapable(scalars[index + 1]):
          emit(String(scalars[index + 1]), style)
          index += 2
        case "`":
          let run = runLength(at: index, end: end)
          if let close = closingBackticks(after: index + run, count: run, end: end) {
            var code = String(String.UnicodeScalarView(scalars[(index + run)..<close]))
            if code.count >= 2, code.first == " ", code.last == " " {
              code = String(code.dropFirst().dropLast())
            }
            emit(code, style.union(.code))
            index = close + run
          } else {
            emit(String(repeating: "`", count: run), style)
            index += run
          }
        case "*", "_":
          if let (inner, emphasis, next) = emphasis(at: index, end: end) {
            parse(inner, style: style.union(emphasis))
            index = next
          } else {
            emit(String(scalar), style)
            index += 1
          }
        case "[", "!":
          // `![alt](src)`: an image the dump kept; its alt text reads like a link's label.
          let isImage = scalar == "!" && index + 1 < end && scalars[index + 1] == "["
          if scalar == "[" || isImage,
            let (label, next) = link(at: isImage ? index + 1 : index, end: end)
          {
            parse(label, style: style)
            index = next
          } else {
            emit(String(scalar), style)
            index += 1
          }
        case "<":
          index = angle(at: index, end: end, style: style)
        case "&":
          if let (decoded, next) = NetscapeBookmarkReader.entity(in: scalars, at: index, end: end) {
            emit(decoded, style)
            index = next
          } else {
            emit("&", style)
            index += 1
          }
        default:
          emit(String(scalar), style)
          index += 1
        }
      }
    }

    /// ASCII punctuation, which a backslash turns into literal text.
    func isEscapable(_ scalar: Unicode.Scalar) -> Bool {
      scalar.isASCII && scalar.properties.isPatternSyntax
    }

    func runLength(at index: Int, end: Int) -> Int {
      var probe = index
      while probe < end && scalars[probe] == scalars[index] { probe += 1 }
      return probe - index
    }

    func closingBackticks(after start: Int, count: Int, end: Int) -> Int? {
      var index = start
      while index < end {
        if scalars[index] == "`" {
          let run = runLength(at: index, end: end)
          if run == count { return index }
          index += run
        } else {
          index += 1
        }
      }
      return nil
    }

    /// The inner range, style and next index of an emphasis opened at `index`, if it closes.
    func emphasis(at index: Int, end: Int) -> (Range<Int>, InlineStyle, Int)? {
      let marker = scalars[index]
      let run = runLength(at: index, end: end)
      let width = min(run, 3)
      let after = index + run
      guard after < end, !scalars[after].properties.isWhitespace else { return nil }
      if marker == "_", index > 0, isWordScalar(scalars[index - 1]) { return nil }
      var probe = after
      while probe < end {
        if scalars[probe] == "`" {
          let ticks = runLength(at: probe, end: end)
          probe = (closingBackticks(after: probe + ticks, count: ticks, end: end) ?? probe) + ticks
          continue
        }
        guard scalars[probe] == marker else {
          probe += 1
          continue
        }
        let closeRun = runLength(at: probe, end: end)
        let closesHere =
          closeRun >= width && !scalars[probe - 1].properties.isWhitespace
          && (marker == "*" || probe + closeRun >= end || !isWordScalar(scalars[probe + closeRun]))
        if closesHere {
          let style: InlineStyle =
            width == 3 ? [.bold, .italic] : width == 2 ? .bold : .italic
          // The closer is the run's last `width` markers, so `*a **b***` nests; surplus
          // openers (`***` closed by `**`) never match and stay literal.
          let closer = probe + closeRun - width
          return ((index + run)..<closer, style, probe + closeRun)
        }
        probe += closeRun
      }
      return nil
    }

    func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
      scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Merges spans of one style, collapses whitespace outside code, trims the ends.
    static func tidy(_ spans: [InlineSpan]) -> [InlineSpan] {
      var result: [InlineSpan] = []
      for span in spans {
        var text = span.text
        if !span.style.contains(.code) {
          // Runs become one space but the ends stay: spans are joined below and the whole
          // is trimmed once (`Whitespace.collapsed` trims, which would drop the space between
          // "a " and "**b**"). The same span-wise collapse the flight summaries do on bytes
          // (`SummaryListConverter.Collapser`), here on the few spans of a Markdown line.
          var collapsed = ""
          var lastWasSpace = false
          for scalar in text.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace
            if isSpace && lastWasSpace { continue }
            collapsed.unicodeScalars.append(isSpace ? " " : scalar)
            lastWasSpace = isSpace
          }
          text = collapsed
        }
        if let last = result.last, last.style == span.style {
          result[result.count - 1].text += text
        } else if !text.isEmpty {
          result.append(InlineSpan(text, span.style))
        }
      }
      while let first = result.first, first.text.first == " " {
        result[0].text.removeFirst()
        if result[0].text.isEmpty { result.removeFirst() }
      }
      while let last = result.last, last.text.last == " " {
        result[result.count - 1].text.removeLast()
        if result[result.count - 1].text.isEmpty { result.removeLast() }
      }
      return result
    }
  }
}
