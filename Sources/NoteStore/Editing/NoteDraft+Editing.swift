extension NoteDraft {
  /// The editable fields of `note`: what a form or the `$EDITOR` file starts from.
  public init(_ note: Note) {
    self.init(
      url: note.url, title: note.title, tags: note.tags, summary: note.summary, body: note.body)
  }

  /// The draft as a user means it: title and URL trimmed of surrounding whitespace, tags
  /// normalised (`Note.normalizedTag`), an empty URL as no URL, an empty body as no body.
  /// Validation and saving see this form.
  public var tidied: NoteDraft {
    var draft = self
    draft.title = Self.trimmed(title)
    draft.url = url.map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 }
    draft.tags = tags.map(Note.normalizedTag)
    if body?.isEmpty == true { draft.body = nil }
    return draft
  }

  /// `note` with this draft's fields; identity, provenance and `created` kept, `updated` set.
  public func applied(to note: Note, at time: Timestamp) -> Note {
    var result = note
    result.url = url
    result.title = title
    result.tags = tags
    result.summary = summary
    result.body = body
    result.updated = time
    return result
  }

  static func trimmed(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else {
      return ""
    }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    return String(scalars[first...last])
  }
}
