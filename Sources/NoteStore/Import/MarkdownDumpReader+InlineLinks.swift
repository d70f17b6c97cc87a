/// Links, images, autolinks and HTML in heading text: what survives of them is their text.
extension MarkdownDumpReader.InlineParser {
  /// For `[label](target)` or `[label][ref]` at `open`: the label range and the next index.
  func link(at open: Int, end: Int) -> (Range<Int>, Int)? {
    var depth = 0
    var index = open
    var close: Int?
    while index < end {
      let scalar = scalars[index]
      if scalar == "\\" {
        index += 2
        continue
      }
      if scalar == "[" { depth += 1 }
      if scalar == "]" {
        depth -= 1
        if depth == 0 {
          close = index
          break
        }
      }
      index += 1
    }
    guard let close, close + 1 < end else { return nil }
    let opener = scalars[close + 1]
    guard opener == "(" || opener == "[" else { return nil }
    let closer: Unicode.Scalar = opener == "(" ? ")" : "]"
    var nesting = 0
    var probe = close + 1
    while probe < end {
      if scalars[probe] == opener { nesting += 1 }
      if scalars[probe] == closer {
        nesting -= 1
        if nesting == 0 { return ((open + 1)..<close, probe + 1) }
      }
      probe += 1
    }
    return nil
  }

  /// `<https://…>` keeps the address; a tag or `<!-- -->` is dropped; a lone `<` is text.
  mutating func angle(at index: Int, end: Int, style: InlineStyle) -> Int {
    guard let close = scalars[index..<end].firstIndex(of: ">") else {
      emit("<", style)
      return index + 1
    }
    let inner = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
    if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:") {
      emit(inner, style)
      return close + 1
    }
    let first = inner.unicodeScalars.first
    let isTag = first.map { $0.properties.isAlphabetic || $0 == "/" || $0 == "!" } ?? false
    if isTag && !inner.contains(" ") || isTag && inner.contains("=") || inner.hasPrefix("!--") {
      return close + 1
    }
    emit("<", style)
    return index + 1
  }
}
