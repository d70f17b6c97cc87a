/// A one-line text field being edited: the filter or search text typed after `/`.
///
/// Editing is append-and-erase only (no cursor movement): every keystroke re-runs the filter,
/// so the text is always "what has been typed so far", which is all a search prompt needs.
public struct TextInput: Equatable, Sendable {
  /// The text typed so far.
  public private(set) var text: String
  /// The prompt drawn before the text, such as "/".
  public let prompt: String

  public init(prompt: String = "/", text: String = "") {
    self.prompt = prompt
    self.text = Self.clean(text)
  }

  /// Appends typed text, dropping control characters (a pasted escape sequence must not reach
  /// the screen through the prompt).
  public mutating func insert(_ typed: String) {
    text += Self.clean(typed)
  }

  /// Erases the last character; returns false when there was nothing to erase.
  @discardableResult
  public mutating func deleteBackward() -> Bool {
    guard !text.isEmpty else { return false }
    text.removeLast()
    return true
  }

  /// Erases the last word and the spaces after it (Ctrl-W, as in a shell).
  public mutating func deleteWord() {
    while text.last == " " { text.removeLast() }
    while let last = text.last, last != " " { text.removeLast() }
  }

  static func clean(_ text: String) -> String {
    String(
      String.UnicodeScalarView(
        text.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }))
  }
}
