extension NetscapeBookmarkReader {
  /// Named entities that bookmark exporters write; anything else stays as written.
  static let namedEntities: [String: String] = [
    "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}",
  ]

  /// The longest entity name or number looked at, `&` and `;` excluded (`#x10FFFF` is 8).
  static let maxEntityLength = 10

  /// `text` with HTML entities decoded: `&amp; &lt; &gt; &quot; &apos; &nbsp;`, `&#NNN;` and
  /// `&#xHH;`. Unknown or malformed entities, and numbers naming no scalar, stay as written.
  static func decodeEntities(_ text: some StringProtocol) -> String {
    guard text.contains("&") else { return String(text) }
    let scalars = Array(text.unicodeScalars)
    var result = ""
    result.reserveCapacity(scalars.count)
    var index = 0
    while index < scalars.count {
      if scalars[index] == "&",
        let (decoded, next) = entity(in: scalars, at: index, end: scalars.count)
      {
        result += decoded
        index = next
      } else {
        result.unicodeScalars.append(scalars[index])
        index += 1
      }
    }
    return result
  }

  /// The entity starting with the `&` at `index`: its text and the index after its `;`.
  static func entity(in scalars: [Unicode.Scalar], at index: Int, end: Int) -> (String, Int)? {
    var name = ""
    var probe = index + 1
    while probe < end, probe - index <= maxEntityLength + 1, scalars[probe] != ";" {
      name.unicodeScalars.append(scalars[probe])
      probe += 1
    }
    guard probe < end, scalars[probe] == ";", !name.isEmpty else { return nil }
    if let named = namedEntities[name] { return (named, probe + 1) }
    guard name.hasPrefix("#") else { return nil }
    var digits = name.dropFirst()
    var radix = 10
    if digits.first == "x" || digits.first == "X" {
      digits = digits.dropFirst()
      radix = 16
    }
    guard !digits.isEmpty, let value = UInt32(digits, radix: radix), value != 0,
      let scalar = Unicode.Scalar(value)
    else { return nil }
    return (String(scalar), probe + 1)
  }
}
