/// How a list of notes is ordered (`list --sort`, the browser's `S`).
public enum NoteOrder: String, Sendable, CaseIterable {
  /// Best match first (the query's score); ties and the empty query by date, newest first.
  case relevance
  /// Most recently updated first.
  case updated
  /// Most recently created first (the list order without a query).
  case created
  /// By title, ignoring case.
  case title
  /// By the URL's host, then title; notes without a URL last.
  case site

  /// The next order in `allCases`, for the browser's key that cycles through them.
  public var next: NoteOrder {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }
}
