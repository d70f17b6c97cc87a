/// The outcome of a merge: the merged snapshot and what it changes for our side, for
/// `--dry-run` listings and for reporting conflicts.
public struct MergeReport: Equatable, Sendable {
  /// A note deleted on one side and changed on the other: kept as changed.
  public struct Conflict: Equatable, Sendable {
    public enum Side: String, Sendable { case ours, theirs }
    public var id: NoteID
    public var title: String
    /// The side whose changed note was kept (the other side had deleted it).
    public var keptSide: Side
  }

  public var result: StoreSnapshot
  /// Notes the result has and our side had not, in id order.
  public var added: [Note] = []
  /// Notes of our side that the result holds changed, as the result holds them.
  public var changed: [Note] = []
  /// Notes of our side the result no longer holds.
  public var deleted: [Note] = []
  public var conflicts: [Conflict] = []

  /// True when the merge leaves our side's notes as they were.
  public var changesNothing: Bool { added.isEmpty && changed.isEmpty && deleted.isEmpty }

  /// One line per added, changed and deleted note (`+`, `~`, `-`, then id and title) and one
  /// per conflict, then a count: what `--dry-run` prints.
  public var lines: [String] {
    added.map { "+ \($0.id)  \($0.title)" } + changed.map { "~ \($0.id)  \($0.title)" }
      + deleted.map { "- \($0.id)  \($0.title)" } + conflicts.map(\.line) + [summary]
  }

  /// "2 added, 1 changed, 1 deleted, 1 conflict".
  public var summary: String {
    func count(_ number: Int, _ word: String) -> String { "\(number) \(word)" }
    var parts = [
      count(added.count, "added"), count(changed.count, "changed"),
      count(deleted.count, "deleted"),
    ]
    if !conflicts.isEmpty {
      parts.append(count(conflicts.count, conflicts.count == 1 ? "conflict" : "conflicts"))
    }
    return parts.joined(separator: ", ")
  }
}

extension MergeReport.Conflict {
  /// "conflict: 3f09c1a2b4d5 "Title" was deleted on their side and changed on ours; kept".
  public var line: String {
    let deleter = keptSide == .ours ? "their" : "our"
    let changer = keptSide == .ours ? "ours" : "theirs"
    return
      "conflict: \(id) \"\(title)\" was deleted on \(deleter) side and changed on \(changer); "
      + "the changed note is kept"
  }
}
