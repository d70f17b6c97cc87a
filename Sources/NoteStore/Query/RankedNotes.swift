/// A search's notes in rank order: positions into the searcher's table of headers, a header
/// read when asked for. A keystroke's result may be every note; copying 100k headers (each a
/// few strings and an array) per key would cost more than the search itself.
public struct RankedNotes: Equatable, Sendable {
  /// The searcher's headers, by position (shared, never copied).
  let headers: [NoteHeader]
  /// The matching notes' positions, best first.
  let positions: [Int]

  public init() {
    headers = []
    positions = []
  }

  init(headers: [NoteHeader], positions: [Int]) {
    self.headers = headers
    self.positions = positions
  }

  public var count: Int { positions.count }
  public var isEmpty: Bool { positions.isEmpty }

  /// The header of the note ranked `index` (0: the best).
  public subscript(index: Int) -> NoteHeader { headers[positions[index]] }

  /// The rank of the note with `id`, if it is listed. O(n).
  public func firstIndex(of id: NoteID) -> Int? {
    positions.firstIndex { headers[$0].id == id }
  }
}
