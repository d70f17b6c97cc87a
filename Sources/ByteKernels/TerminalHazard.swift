/// The one definition of a scalar that is unsafe to show on a terminal as it is.
///
/// Two kinds, both from web text that reaches the screen:
/// - controls, which can drive the terminal: C0 U+0000–U+001F (ESC starts escape sequences),
///   DEL U+007F and C1 U+0080–U+009F (U+009B is a one-byte CSI on some terminals);
/// - invisible scalars that change how text reads without being seen: the bidi controls
///   (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069: the "Trojan Source" set), the
///   zero-width and invisible characters (U+200B–U+200D, U+2060–U+2065, U+FEFF), and the line
///   and paragraph separators U+2028–U+2029, which some terminals and pagers break lines at.
///
/// Other format characters (the soft hyphen, Arabic number signs, tag characters) are left
/// out on purpose: they move nothing and hide nothing a reader relies on, the soft hyphen is
/// common in web text, and keeping the set to these lead bytes (`mayStart`) lets byte scanners
/// (JSON output, CLI output) skip almost all text with one test per byte or eight-byte word.
/// The screen (`TextSanitizer`), the CLI (`Output.safe`) and JSON output
/// (`JSONWriter.appendString`) all use this table; what each does with a hazard differs
/// (a visible stand-in, or a `\u` escape), what counts as one does not.
public enum TerminalHazard {
  /// Whether the scalar `value` is a hazard (see the type's documentation).
  @inlinable @inline(__always)
  public static func contains(_ value: UInt32) -> Bool {
    switch value {
    case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069,
      0xFEFF:
      return true
    default:
      return false
    }
  }

  /// Whether `byte` is, or is the UTF-8 lead byte of, a hazard: a scanner that finds none of
  /// these can copy the bytes as they are.
  @inlinable @inline(__always)
  public static func mayStart(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2 || byte == 0xEF
  }

  /// Whether any byte of `word` (eight bytes of UTF-8) is one `mayStart(_:)` accepts; never
  /// false when one is (a true answer only sends the word to the byte-by-byte test).
  @inlinable @inline(__always)
  public static func mayStart(word: UInt64) -> Bool {
    if SWAR.hasByte(below: 0x20, in: word) { return true }
    // Plain ASCII without controls needs no more tests.
    if !SWAR.hasDELOrNonASCII(word) { return false }
    return SWAR.hasByte(0x7F, in: word) || SWAR.hasByte(0xC2, in: word)
      || SWAR.hasByte(0xD8, in: word) || SWAR.hasByte(0xE2, in: word)
      || SWAR.hasByte(0xEF, in: word)
  }

  /// Whether `utf8` (well-formed UTF-8) holds a hazard other than tab and newline. One test
  /// per byte; only at a lead byte `mayStart` accepts is the scalar there looked at, so text
  /// whose only non-ASCII is a middle dot or a dash (every `list` line has one) passes too.
  @inlinable
  public static func containsHazardBesidesTabAndNewline(_ utf8: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    for index in utf8.indices {
      let byte = utf8[index]
      guard mayStart(byte) else { continue }
      if byte < 0x80 {
        if byte != 0x09 && byte != 0x0A { return true }
      } else if scalar(in: utf8, at: index) != nil {
        return true
      }
    }
    return false
  }

  /// The non-ASCII hazard whose UTF-8 starts at `index` of `utf8` (well-formed UTF-8), as
  /// (scalar, length in bytes); nil when the scalar there is not one.
  @inlinable @inline(__always)
  public static func scalar(in utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (
    value: UInt32, length: Int
  )? {
    let byte = utf8[index]
    if byte == 0x7F { return (0x7F, 1) }
    if byte == 0xC2 || byte == 0xD8 {
      guard index + 1 < utf8.count else { return nil }
      let value = (UInt32(byte & 0x1F) << 6) | UInt32(utf8[index + 1] & 0x3F)
      return contains(value) ? (value, 2) : nil
    }
    guard byte == 0xE2 || byte == 0xEF, index + 2 < utf8.count else { return nil }
    let value =
      (UInt32(byte & 0x0F) << 12) | (UInt32(utf8[index + 1] & 0x3F) << 6)
      | UInt32(utf8[index + 2] & 0x3F)
    return contains(value) ? (value, 3) : nil
  }
}
