import ByteKernels

/// Turns arbitrary text into glyphs that are safe and unambiguous on a terminal.
///
/// Note text comes from the web; if it reached the terminal raw, an ESC could start an escape
/// sequence (moving the cursor, setting the clipboard, changing the title) and a bidi override
/// could make text read differently from what it is. So every such character is replaced by a
/// visible one-column glyph:
///
/// - C0 controls U+0000–U+001F (ESC, CR, LF…): the Control Pictures ␀…␟, so ESC is `␛` and
///   LF is `␊`;
/// - TAB: a single space (tabs in notes are layout, not data);
/// - DEL U+007F: `␡`;
/// - C1 controls U+0080–U+009F (including the one-byte CSI U+009B): `�` (U+FFFD);
/// - the other scalars of `TerminalHazard` (the one definition the CLI and JSON output share):
///   bidi controls, zero-width and invisible characters, line and paragraph separators: `�`;
/// - a cluster of width 0 (a combining mark with no base, at the start of the text or after a
///   replaced character; a lone format character the table leaves out, such as a soft hyphen):
///   the cluster on a dotted circle, `◌́`.
///
/// Exception: ZERO WIDTH JOINER inside an emoji sequence (👨‍👩‍👧) is kept, because it is part of
/// the emoji.
///
/// Sanitising is idempotent: sanitised text sanitises to itself.
public enum TextSanitizer {
  /// The glyphs of `text`, with unsafe characters replaced as described above.
  public static func glyphs(of text: String) -> [Glyph] {
    var result: [Glyph] = []
    forEachGlyph(in: text) { glyph in
      result.append(glyph)
      return true
    }
    return result
  }

  /// `text` with unsafe characters replaced as described above.
  public static func sanitize(_ text: String) -> String {
    var result = ""
    forEachGlyph(in: text) { glyph in
      result += glyph.text
      return true
    }
    return result
  }

  /// Calls `body` with each glyph of `text` in order until it returns false.
  ///
  /// Lazy, so clipped drawing of a long text stops as soon as the visible part is done.
  static func forEachGlyph(in text: String, _ body: (Glyph) -> Bool) {
    for character in text {
      if !emit(character, body) { return }
    }
  }

  private static let zeroWidthJoiner: Unicode.Scalar = "\u{200D}"
  private static let dottedCircle = "\u{25CC}"

  /// Emits the glyphs of one grapheme cluster; returns false when `body` asked to stop.
  private static func emit(_ character: Character, _ body: (Glyph) -> Bool) -> Bool {
    let scalars = character.unicodeScalars
    let base = scalars.first!
    let inEmoji = base.properties.isEmoji && base.value > 0x7F
    let lastIndex = scalars.index(before: scalars.endIndex)
    var kept = String.UnicodeScalarView()
    for index in scalars.indices {
      let scalar = scalars[index]
      guard let replacement = replacement(for: scalar, inEmoji: inEmoji, isLast: index == lastIndex)
      else {
        kept.append(scalar)
        continue
      }
      if !kept.isEmpty {
        if !emitClean(String(kept), body) { return false }
        kept.removeAll()
      }
      if !body(Glyph(replacement, width: 1)) { return false }
    }
    guard !kept.isEmpty else { return true }
    if kept.count == scalars.count { return emitCluster(character, body) }
    return emitClean(String(kept), body)
  }

  /// Emits text already free of replaced scalars; removing scalars may have re-split clusters.
  private static func emitClean(_ text: String, _ body: (Glyph) -> Bool) -> Bool {
    for character in text where !emitCluster(character, body) { return false }
    return true
  }

  private static func emitCluster(_ character: Character, _ body: (Glyph) -> Bool) -> Bool {
    let width = DisplayWidth.clusterWidth(character.unicodeScalars)
    if width == 0 { return body(Glyph(dottedCircle + String(character), width: 1)) }
    return body(Glyph(String(character), width: width))
  }

  /// The visible stand-in for `scalar`, or nil when it may be shown as is.
  static func replacement(for scalar: Unicode.Scalar, inEmoji: Bool, isLast: Bool) -> String? {
    let value = scalar.value
    switch value {
    case 0x09: return " "
    case 0x00...0x1F: return String(Unicode.Scalar(0x2400 + value)!)
    case 0x20...0x7E: return nil
    case 0x7F: return "\u{2421}"
    default: break
    }
    guard TerminalHazard.contains(value) else { return nil }
    if inEmoji && scalar == zeroWidthJoiner && !isLast { return nil }
    return "\u{FFFD}"
  }
}
