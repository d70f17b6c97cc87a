/// What `checkInvariants()` found wrong: one line per broken rule.
public struct StoreInvariantViolation: Error, Equatable, Sendable, CustomStringConvertible {
  public var problems: [String]
  public var description: String { problems.joined(separator: "\n") }
}

extension NoteStore {
  /// Checks every rule the store's data structures and files must keep, for tests and the
  /// crash harness:
  /// - every note is found at its position, with no duplicate ids (`StoreState.problems`);
  /// - notes read from the snapshot appear in strictly ascending id order (ids sorted, unique);
  /// - every note decodes, and its header equals the header of the decoded note;
  /// - the journal on disk parses up to the replayed length, and anything after it is one
  ///   incomplete record (an interrupted append), never a complete one that was skipped;
  /// - the tag index and the URL buckets equal ones rebuilt from the headers;
  /// - no note the store holds has a tombstone.
  ///
  /// Complexity: O(size of the store); decodes every note.
  public func checkInvariants() throws(StoreInvariantViolation) {
    var problems = state.problems()
    var previousSnapshotID: NoteID?
    var previousSnapshotOffset = -1
    for (position, record) in records.enumerated() {
      let id = record.header.id
      if let range = record.snapshotRange {
        if range.lowerBound <= previousSnapshotOffset {
          problems.append("snapshot notes out of file order at \(id)")
        }
        if let previous = previousSnapshotID, !(previous < id) {
          problems.append("snapshot ids not strictly ascending: \(previous) then \(id)")
        }
        previousSnapshotID = id
        previousSnapshotOffset = range.lowerBound
      }
      guard let note = note(at: position) else {
        problems.append("note \(id) does not decode")
        continue
      }
      if note.id != id { problems.append("note at \(id)'s place decodes with id \(note.id)") }
      if NoteHeader(note) != record.header {
        problems.append("the header of \(id) differs from its decoded note")
      }
    }
    for id in tombstones.keys where state.position(of: id) != nil {
      problems.append("note \(id) is both in the store and among the tombstones")
    }
    problems += journalProblems()
    if !problems.isEmpty { throw StoreInvariantViolation(problems: problems) }
  }

  /// The journal's replayed part must parse; an unreplayed rest must be one line without its
  /// newline. (Read from disk, so it checks what a fresh open would see.)
  func journalProblems() -> [String] {
    let bytes: [UInt8]
    do { bytes = try FileSystem.contents(of: journalPath) ?? [] } catch {
      return ["the journal cannot be read: \(error.message)"]
    }
    let journalLength = state.journalLength
    guard state.journalStamp == FileSystem.stamp(journalPath) else { return [] }  // changed since
    var problems: [String] = []
    if bytes.count < journalLength {
      problems.append(
        "the journal has \(bytes.count) bytes, fewer than the \(journalLength) replayed")
      return problems
    }
    var lineStart = 0
    while lineStart < journalLength {
      guard let newline = bytes[lineStart..<journalLength].firstIndex(of: 0x0A) else {
        problems.append("the replayed journal does not end with a newline")
        break
      }
      if newline > lineStart {
        var times: [NoteID: Timestamp] = [:]
        do throws(StoreError) {
          _ = try decodeJournalLine(
            bytes, lineStart..<newline, deleteTimes: &times, undated: .now())
        } catch {
          problems.append("journal record does not parse: \(error)")
        }
      }
      lineStart = newline + 1
    }
    if bytes[journalLength...].contains(0x0A) {
      problems.append("a complete journal record after byte \(journalLength) was not replayed")
    }
    return problems
  }
}
