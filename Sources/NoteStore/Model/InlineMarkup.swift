/// The inline markup of summary text: `**bold**`, `*italic*`, `` `code` ``, `\` escapes.
///
/// Parsing is tolerant (an unclosed marker styles the rest of the text); rendering escapes
/// every marker character in plain text, so `markup(for: spans(of: m))` is stable.
public enum InlineMarkup {
  /// Splits markup into styled spans; adjacent runs of one style are merged.
  public static func spans(of markup: String) -> [InlineSpan] {
    var spans: [InlineSpan] = []
    var current = ""
    var style: InlineStyle = []
    func flush() {
      guard !current.isEmpty else { return }
      if let last = spans.last, last.style == style {
        spans[spans.count - 1].text += current
      } else {
        spans.append(InlineSpan(current, style))
      }
      current = ""
    }
    let scalars = Array(markup.unicodeScalars)
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if scalar == "\\" && index + 1 < scalars.count {
        current.unicodeScalars.append(scalars[index + 1])
        index += 2
        continue
      }
      if scalar == "`" {
        flush()
        style.formSymmetricDifference(.code)
      } else if style.contains(.code) {
        current.unicodeScalars.append(scalar)
      } else if scalar == "*" && index + 1 < scalars.count && scalars[index + 1] == "*" {
        flush()
        style.formSymmetricDifference(.bold)
        index += 1
      } else if scalar == "*" {
        flush()
        style.formSymmetricDifference(.italic)
      } else {
        current.unicodeScalars.append(scalar)
      }
      index += 1
    }
    flush()
    return spans
  }

  /// Writes spans as markup, escaping marker characters in their text.
  public static func markup(for spans: [InlineSpan]) -> String {
    var result = ""
    for span in spans where !span.text.isEmpty {
      let text: String
      if span.style.contains(.code) {
        text = span.text.replacingAll("\\", with: "\\\\").replacingAll("`", with: "\\`")
      } else {
        text = escape(span.text)
      }
      var open = ""
      if span.style.contains(.bold) { open += "**" }
      if span.style.contains(.italic) { open += "*" }
      if span.style.contains(.code) { open += "`" }
      result += open + text + String(open.reversed())
    }
    return result
  }

  /// Escapes `\`, `*` and `` ` `` so text reads back as plain text.
  public static func escape(_ text: String) -> String {
    // Most text has no marker characters; scanning bytes is far cheaper than rebuilding.
    if !text.utf8.contains(where: { $0 == 0x5C || $0 == 0x2A || $0 == 0x60 }) { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      if scalar == "\\" || scalar == "*" || scalar == "`" { result.unicodeScalars.append("\\") }
      result.unicodeScalars.append(scalar)
    }
    return result
  }

  /// The text with markup removed and whitespace runs collapsed to one space, trimmed.
  public static func plainText(of markup: String) -> String {
    collapseWhitespace(spans(of: markup).map(\.text).joined())
  }

  /// Collapses runs of whitespace (including newlines) to one space and trims the ends.
  public static func collapseWhitespace(_ text: String) -> String {
    // Almost all text is ASCII and already collapsed (headers, URLs, summaries read back from
    // the store): a byte scan answers without the per-scalar Unicode property lookups, which
    // were ~40% of `list --json` and a sizeable part of URL normalisation.
    var text = text
    if let collapsed = text.withUTF8({ collapsedASCII($0) }) {
      return collapsed.isUnchanged ? text : collapsed.text
    }
    var result = ""
    result.reserveCapacity(text.utf8.count)
    var pendingSpace = false
    for scalar in text.unicodeScalars {
      if scalar.properties.isWhitespace {
        pendingSpace = !result.isEmpty
      } else {
        if pendingSpace { result.unicodeScalars.append(" ") }
        pendingSpace = false
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// The ASCII path of `collapseWhitespace`: nil when `bytes` has a non-ASCII byte.
  static func collapsedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> (
    text: String, isUnchanged: Bool
  )? {
    // ASCII White_Space: TAB, LF, VT, FF, CR and SPACE.
    @inline(__always) func isSpace(_ byte: UInt8) -> Bool {
      byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }
    var isUnchanged = true
    var previousWasSpace = true  // a leading space is trimmed
    for byte in bytes {
      if byte >= 0x80 { return nil }
      let space = isSpace(byte)
      if space && (byte != 0x20 || previousWasSpace) { isUnchanged = false }
      previousWasSpace = space
    }
    if previousWasSpace && !bytes.isEmpty { isUnchanged = false }  // a trailing space
    if isUnchanged { return ("", true) }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var pendingSpace = false
    for byte in bytes {
      if isSpace(byte) {
        pendingSpace = !result.isEmpty
      } else {
        if pendingSpace { result.append(0x20) }
        pendingSpace = false
        result.append(byte)
      }
    }
    return (String(decoding: result, as: UTF8.self), false)
  }
}

extension String {
  /// Every occurrence of `target` replaced (Foundation-free).
  func replacingAll(_ target: String, with replacement: String) -> String {
    guard !target.isEmpty else { return self }
    var result = ""
    var rest = self[...]
    while let range = rest.range(of: target) {
      result += rest[..<range.lowerBound]
      result += replacement
      rest = rest[range.upperBound...]
    }
    return result + rest
  }
}

extension Substring {
  /// The range of the first occurrence of `target` (Foundation-free).
  func range(of target: String) -> Range<Index>? {
    let needle = Array(target.utf8)
    guard let first = needle.first else { return nil }
    let utf8 = self.utf8
    var index = utf8.startIndex
    while index != utf8.endIndex {
      if utf8[index] == first {
        var probe = index
        var matched = 0
        while matched < needle.count && probe != utf8.endIndex && utf8[probe] == needle[matched] {
          matched += 1
          probe = utf8.index(after: probe)
        }
        if matched == needle.count { return index..<probe }
      }
      index = utf8.index(after: index)
    }
    return nil
  }
}
