import NoteStore
import TerminalCore

/// A yes/no question in the status line, and what "yes" does. While one is open it takes
/// every key: `y` answers yes; `n` or Esc answer no.
///
/// The question is made of fixed words and subjects (a title, a tag): when the line is too
/// narrow, the subjects are cut, never the words or the `(y/n)` (see `question(fittingWidth:)`).
public struct Confirmation: Equatable, Sendable {
  /// A piece of the question.
  public enum Part: Equatable, Sendable {
    /// Words of the question, always shown whole.
    case words(String)
    /// A title or a tag: cut with "…" when the line is short.
    case subject(String)
    /// A file: cut at its start ("…/store/notes.json.lock"), so its name stays.
    case path(String)

    var text: String {
      switch self {
      case .words(let text), .subject(let text), .path(let text): return text
      }
    }
  }

  public enum Action: Equatable, Sendable {
    /// Delete this note.
    case deleteNote(NoteID)
    /// Leave the form, dropping what was typed.
    case discardForm
    /// The URL typed in the form belongs to this note: open it instead.
    case openExisting(NoteID)
    /// Note `id` was changed (or deleted) elsewhere while being edited here; `current` is the
    /// version now on disk. Yes writes `draft` over it, no keeps the other version.
    case overwriteConflict(NoteID, NoteDraft, current: Note?)
    /// A rename onto an existing tag: yes merges the first tag into the second.
    case mergeTag(String, into: String)
  }

  public let parts: [Part]
  public let action: Action

  public init(_ parts: [Part], _ action: Action) {
    self.parts = parts
    self.action = action
  }

  /// A question with no subject to cut.
  public init(_ question: String, _ action: Action) {
    self.init([.words(question)], action)
  }

  /// The whole question.
  public var question: String { parts.map(\.text).joined() }

  /// The question in at most `width` columns: the subjects share the room the words leave,
  /// the shortest kept whole first, the others cut with "…". Only when not even one column per
  /// subject is left does the result run over (the status bar then clips it).
  public func question(fittingWidth width: Int) -> String {
    Self.fit(parts, width: width)
  }

  /// `parts` joined in at most `width` columns, subjects cut as `question(fittingWidth:)` says.
  /// Status messages that name a file use it too: the reason is kept, the path is cut.
  public static func fit(_ parts: [Part], width: Int) -> String {
    let fixed = parts.reduce(0) { total, part in
      if case .words(let text) = part { return total + DisplayWidth.width(of: text) }
      return total
    }
    let subjects = parts.indices.filter { if case .words = parts[$0] { false } else { true } }
    var room = width - fixed
    var allowed: [Int: Int] = [:]
    let byWidth = subjects.sorted {
      DisplayWidth.width(of: parts[$0].text) < DisplayWidth.width(of: parts[$1].text)
    }
    for (done, index) in byWidth.enumerated() {
      let share = max(1, room / (byWidth.count - done))
      allowed[index] = min(DisplayWidth.width(of: parts[index].text), share)
      room -= allowed[index]!
    }
    return parts.indices.map { index in
      guard let limit = allowed[index] else { return parts[index].text }
      if case .path(let path) = parts[index] { return keepingEnd(path, width: limit) }
      return DisplayWidth.truncate(parts[index].text, toWidth: limit)
    }.joined()
  }

  /// `text` in at most `width` columns: whole, or "…" and as much of its end as fits.
  static func keepingEnd(_ text: String, width: Int) -> String {
    guard DisplayWidth.width(of: text) > width else { return TextSanitizer.sanitize(text) }
    var kept: [String] = []
    var used = 1  // the ellipsis
    for glyph in TextSanitizer.glyphs(of: text).reversed() {
      if used + glyph.width > width { break }
      kept.append(glyph.text)
      used += glyph.width
    }
    return "…" + kept.reversed().joined()
  }
}

/// The status-line prompt for renaming a tag, or merging it into another: the new name is
/// typed, and Tab completes it from the existing tags.
public struct TagPrompt: Equatable, Sendable {
  public enum Kind: Equatable, Sendable {
    case rename
    case merge
  }

  public let kind: Kind
  /// The tag being renamed or merged away.
  public let tag: String
  public var field: LineField
  /// Every tag in the store, most used first.
  let knownTags: [String]

  init(kind: Kind, tag: String, knownTags: [String]) {
    self.kind = kind
    self.tag = tag
    self.knownTags = knownTags
    field = LineField(kind == .rename ? tag : "")
  }

  /// What the status line shows: the question and the text typed so far.
  public var promptText: String {
    switch kind {
    case .rename: return "Rename tag \(tag) to: " + field.text
    case .merge: return "Merge tag \(tag) into: " + field.text
    }
  }

  /// The existing tags (other than `tag`) starting with the text typed.
  public var completions: [String] {
    let typed = field.text.lowercased()
    guard !typed.isEmpty else { return [] }
    let own = TagKey(tag)
    return knownTags.filter { $0.lowercased().hasPrefix(typed) && TagKey($0) != own }
  }

  /// Tab: completes to the first existing tag starting with the text typed; false when none.
  mutating func complete() -> Bool {
    guard let first = completions.first, first != field.text else { return false }
    field.setText(first)
    return true
  }
}
