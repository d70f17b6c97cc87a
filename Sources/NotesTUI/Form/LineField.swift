import TerminalCore

/// One line of editable text with a cursor: a form field, or one line of the outline editor.
///
/// The cursor is a character index (0…count), so wide characters and combining marks move as
/// one. Control characters are dropped on insert: a pasted escape sequence must never reach the
/// screen through a field.
public struct LineField: Equatable, Sendable {
  public private(set) var characters: [Character]
  /// Position of the cursor, between characters: 0 is before the first.
  public private(set) var cursor: Int

  public init(_ text: String = "") {
    characters = Array(TextInput.clean(text))
    cursor = characters.count
  }

  public var text: String { String(characters) }
  public var isEmpty: Bool { characters.isEmpty }

  /// Inserts typed or pasted text at the cursor.
  public mutating func insert(_ typed: String) {
    let clean = Array(TextInput.clean(typed))
    characters.insert(contentsOf: clean, at: cursor)
    cursor += clean.count
  }

  /// Erases the character before the cursor; false at the start.
  @discardableResult
  public mutating func deleteBackward() -> Bool {
    guard cursor > 0 else { return false }
    characters.remove(at: cursor - 1)
    cursor -= 1
    return true
  }

  /// Erases the character under the cursor; false at the end.
  @discardableResult
  public mutating func deleteForward() -> Bool {
    guard cursor < characters.count else { return false }
    characters.remove(at: cursor)
    return true
  }

  /// Erases the word before the cursor and the spaces after it (Ctrl-W, as in a shell).
  public mutating func deleteWordBackward() {
    while cursor > 0, characters[cursor - 1] == " " { deleteBackward() }
    while cursor > 0, characters[cursor - 1] != " " { deleteBackward() }
  }

  public mutating func moveLeft() { cursor = max(0, cursor - 1) }
  public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
  public mutating func moveHome() { cursor = 0 }
  public mutating func moveEnd() { cursor = characters.count }

  /// Places the cursor at `index`, clamped to the text.
  public mutating func moveCursor(to index: Int) {
    cursor = min(max(0, index), characters.count)
  }

  /// Replaces the whole text; the cursor goes to the end.
  public mutating func setText(_ text: String) {
    self = LineField(text)
  }

  /// Splits at the cursor: the text before stays, the text after is returned.
  mutating func splitAtCursor() -> String {
    let tail = String(characters[cursor...])
    characters.removeSubrange(cursor...)
    return tail
  }

  /// Applies a plain editing key; returns false for a key that is not one.
  mutating func edit(with key: Key) -> Bool {
    switch key {
    case .character(let c): insert(String(c))
    case .backspace: deleteBackward()
    case .delete, .ctrl("d"): deleteForward()
    case .left, .ctrl("b"): moveLeft()
    case .right, .ctrl("f"): moveRight()
    case .home, .ctrl("a"): moveHome()
    case .end, .ctrl("e"): moveEnd()
    case .ctrl("w"): deleteWordBackward()
    case .ctrl("u"):
      characters.removeSubrange(..<cursor)
      cursor = 0
    case .ctrl("k"): characters.removeSubrange(cursor...)
    default: return false
    }
    return true
  }
}
