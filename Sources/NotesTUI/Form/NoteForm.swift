import NoteStore
import TerminalCore

/// The add/edit form: URL, title, tags and the summary outline, the focused field, and the
/// tag completions for what is being typed.
///
/// It holds text only. Saving hands the text to the editing core (`NoteEditor`), which
/// validates it and turns the outline into summary nodes; its error lands in the status line
/// and the form stays open with everything typed.
public struct NoteForm: Equatable, Sendable {
  public enum Field: Int, CaseIterable, Sendable {
    case url, title, tags, summary

    public var label: String {
      switch self {
      case .url: return "URL"
      case .title: return "Title"
      case .tags: return "Tags"
      case .summary: return "Summary"
      }
    }
  }

  /// A new note, or an existing one being edited (kept as it was, to detect a change made
  /// elsewhere meanwhile and to undo).
  public enum Mode: Equatable, Sendable {
    case add
    case edit(Note)
  }

  public let mode: Mode
  public var url: LineField
  public var title: LineField
  /// Tags separated by commas.
  public var tags: LineField
  public var summary: OutlineField
  public var focus: Field = .url
  /// Existing tags starting with the word being typed in the tags field, most used first.
  public private(set) var completions: [String] = []
  /// Every tag in the store, most used first, for completion.
  let knownTags: [String]
  /// The texts the form opened with, to tell whether anything was typed.
  private let initialTexts: [String]

  /// How many completions are kept (the view shows what fits on one line).
  static let completionLimit = 20

  public init(
    mode: Mode, url: String, title: String, tags: [String], summary: String,
    knownTags: [String]
  ) {
    self.mode = mode
    self.url = LineField(url)
    self.title = LineField(title)
    self.tags = LineField(tags.joined(separator: ", "))
    self.summary = OutlineField(text: summary)
    self.knownTags = knownTags
    initialTexts = [self.url.text, self.title.text, self.tags.text, self.summary.text]
    if case .edit = mode { focus = .title }
  }

  /// Whether anything differs from what the form opened with (Esc then asks first).
  public var isModified: Bool {
    [url.text, title.text, tags.text, summary.text] != initialTexts
  }

  /// The tags typed, split at commas, trimmed, empty ones dropped.
  public var tagList: [String] {
    tags.text.split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
  }

  /// The word being typed in the tags field: the text after the last comma before the cursor.
  var partialTag: String {
    let before = String(tags.characters[..<tags.cursor])
    let word = before.split(separator: ",", omittingEmptySubsequences: false).last ?? ""
    return String(word).trimmingSpaces
  }

  // MARK: Focus

  public mutating func focusNext() {
    focus = Field(rawValue: min(focus.rawValue + 1, Field.summary.rawValue))!
    updateCompletions()
  }

  public mutating func focusPrevious() {
    focus = Field(rawValue: max(focus.rawValue - 1, 0))!
    updateCompletions()
  }

  // MARK: Editing

  /// Applies an editing key to the focused field. Returns false when the key is not an edit
  /// there (the app then treats it as a form command).
  mutating func edit(with key: Key) -> Bool {
    var handled: Bool
    switch focus {
    case .url: handled = url.edit(with: key)
    case .title: handled = title.edit(with: key)
    case .tags:
      handled = tags.edit(with: key)
      if handled { updateCompletions() }
    case .summary: handled = summary.edit(with: key)
    }
    return handled
  }

  /// Tab in the tags field: completes the word being typed to the longest prefix the
  /// candidates share; a single candidate is completed in full and followed by ", ".
  /// Returns false when there is nothing to complete (Tab then moves on).
  mutating func completeTag() -> Bool {
    let partial = partialTag
    guard !partial.isEmpty, let first = completions.first else { return false }
    var common = Array(first)
    for candidate in completions.dropFirst() {
      let other = Array(candidate.lowercased())
      var length = 0
      while length < common.count, length < other.count,
        Character(common[length].lowercased()) == other[length]
      {
        length += 1
      }
      common = Array(common.prefix(length))
    }
    let completed = completions.count == 1 ? first + ", " : String(common)
    guard completed.count > partial.count || completions.count == 1 else { return false }
    for _ in 0..<partial.count { tags.deleteBackward() }
    tags.insert(completed)
    updateCompletions()
    return true
  }

  /// Recomputes the completions for the tags field. Complexity: O(tags in the store).
  mutating func updateCompletions() {
    let partial = partialTag
    guard focus == .tags, !partial.isEmpty else {
      completions = []
      return
    }
    let key = partial.lowercased()
    let entered = Set(tagList.map(TagKey.init))
    var found: [String] = []
    for tag in knownTags where tag.lowercased().hasPrefix(key) {
      // A tag already in the field (including the word itself, typed in full) is no news.
      if entered.contains(TagKey(tag)) { continue }
      found.append(tag)
      if found.count == Self.completionLimit { break }
    }
    completions = found
  }
}

extension Substring {
  var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}

extension String {
  var trimmingSpaces: String { self[...].trimmingSpaces }
}
