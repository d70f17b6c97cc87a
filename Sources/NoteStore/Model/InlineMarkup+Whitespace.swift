import ByteKernels

extension InlineMarkup {
  /// Collapses runs of whitespace (including newlines) to one space and trims the ends.
  ///
  /// Whitespace is Unicode's White_Space property (what `Unicode.Scalar.Properties.isWhitespace`
  /// answers). Complexity: O(n) in UTF-8 length; text that is already collapsed, as almost all
  /// is (headers, URLs, summaries read back from the store), is returned without a copy.
  public static func collapseWhitespace(_ text: String) -> String {
    // Bytes, not scalars (`Whitespace.collapsed`): the per-scalar property lookups and appends
    // were ~40% of `list --json` and a sizeable part of URL normalisation.
    var text = text
    return text.withUTF8 { Whitespace.collapsed($0) }.map { String(decoding: $0, as: UTF8.self) }
      ?? text
  }
}
