extension NoteStore {
  /// Every note, decoded, and the tombstones, as one value. Complexity: O(size of the store).
  public func snapshotValue() -> StoreSnapshot {
    StoreSnapshot(notes: allNotes(), tombstones: tombstones)
  }

  /// Merges `other` (another machine's store, a synced folder's conflict copy, a JSON export)
  /// into this store with no common ancestor (`NoteMerge.twoWay`), holding the write lock so no
  /// other writer's change is lost meanwhile. With `dryRun`, or when the merge changes nothing,
  /// nothing is written. Complexity: O(size of both stores).
  public func merge(_ other: StoreSnapshot, dryRun: Bool = false) throws(StoreError) -> MergeReport
  {
    try acquireLock()
    defer { releaseLock() }
    let ours = snapshotValue()
    let report = NoteMerge.twoWay(ours: ours, theirs: other)
    if !dryRun && report.result != ours { try replace(with: report.result) }
    return report
  }

  /// Folds the journal into the snapshot (under the write lock): afterwards `notes.json` alone
  /// holds the store, as `sync` commits it.
  public func foldJournal() throws(StoreError) {
    try acquireLock()
    defer { releaseLock() }
    let journalSize = FileSystem.stamp(journalPath)?.size ?? 0
    if journalSize > 0 || state.snapshotNeedsUpgrade || state.snapshotStamp == nil {
      try fold(state)
    }
  }

  /// Replaces every note and tombstone with `snapshot`'s, under the write lock. The journal is
  /// folded first, so it is empty when the merged snapshot is renamed into place: a crash
  /// between the two cannot replay our older changes over merged notes.
  func replace(with snapshot: StoreSnapshot) throws(StoreError) {
    try acquireLock()
    defer { releaseLock() }
    try foldJournal()
    let bytes = snapshot.encoded()
    do throws(FileSystem.Failure) {
      try FileSystem.writeAtomically(to: path) { file throws(FileSystem.Failure) in
        try file.append(bytes)
      }
    } catch {
      throw StoreError(
        .io, path: error.path,
        "\(error.message) while saving \(FileSystem.fileName(of: path)); it is unchanged")
    }
    try load()
  }
}

/// git's merge driver for `notes.json` (`url-notes merge-driver %O %A %B`): a three-way merge
/// by note id, written over the `%A` file as git expects. Never writes conflict markers: a
/// file that does not parse is an error and `%A` is left as it was.
public enum MergeDriver {
  public static func run(ancestor: String, ours: String, theirs: String) throws(StoreError)
    -> MergeReport
  {
    func read(_ path: String) throws(StoreError) -> StoreSnapshot {
      let bytes: [UInt8]
      do { bytes = try FileSystem.contents(of: path) ?? [] } catch {
        throw StoreError(.io, path: error.path, error.message)
      }
      return try StoreSnapshot.decode(bytes, path: path)
    }
    let report = NoteMerge.threeWay(
      ancestor: try read(ancestor), ours: try read(ours), theirs: try read(theirs))
    let bytes = report.result.encoded()
    do throws(FileSystem.Failure) {
      try FileSystem.writeAtomically(to: ours) { file throws(FileSystem.Failure) in
        try file.append(bytes)
      }
    } catch {
      throw StoreError(.io, path: error.path, error.message)
    }
    return report
  }
}
