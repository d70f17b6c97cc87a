import Diagnostics

/// Conflict copies of the store that synced-folder tools leave beside it when two machines
/// changed it at once: Syncthing's `notes.sync-conflict-20260101-120000-DEVICE.json`,
/// Dropbox's and Nextcloud's `notes (… conflicted copy …).json`. The store reports each one on
/// opening (a warning the CLI prints and the browser shows) with the command that merges it.
public enum ConflictCopies {
  /// The conflict copies of the store at `storePath`, in name order.
  public static func find(beside storePath: String) -> [String] {
    let directory = FileSystem.parentDirectory(of: storePath)
    let prefix = storePath.contains("/") ? directory + "/" : ""
    return FileSystem.directoryEntries(directory).sorted()
      .filter { isConflictCopyName($0, of: FileSystem.fileName(of: storePath)) }
      .map { prefix + $0 }
  }

  /// True when `path` names a conflict copy of the store at `storePath` (by name).
  public static func isConflictCopy(_ path: String, of storePath: String) -> Bool {
    isConflictCopyName(FileSystem.fileName(of: path), of: FileSystem.fileName(of: storePath))
  }

  static func isConflictCopyName(_ name: String, of storeName: String) -> Bool {
    let stem = storeName.hasSuffix(".json") ? String(storeName.dropLast(5)) : storeName
    guard name != storeName, name.hasPrefix(stem), name.hasSuffix(".json") else { return false }
    let rest = name.dropFirst(stem.count)
    return rest.hasPrefix(".sync-conflict-") || rest.contains("conflicted copy")
  }

  /// The warning for one copy: what it is and how to merge it.
  static func warning(_ copy: String) -> Diagnostic {
    Diagnostic(
      "a conflict copy of the store; merge it with url-notes merge \(copy)", file: copy,
      at: .start, severity: .warning)
  }
}

extension StoreSync.Outcome {
  /// What `sync` prints: one line per step taken (or, dry, that would be).
  public func lines(dryRun: Bool) -> [String] {
    let target = "\(remote)/\(branch)"
    var lines: [String] = []
    if dryRun {
      lines.append(committed ? "would commit local changes" : "no local changes to commit")
      if let merge {
        lines.append("would merge \(target):")
        lines += merge.lines.map { "  " + $0 }
      } else {
        lines.append("\(target) has no notes yet")
      }
      lines.append("would push to \(target)")
      return lines
    }
    if committed { lines.append("committed local changes") }
    if let merge {
      lines.append(
        merge.changesNothing && merge.conflicts.isEmpty
          ? "\(target): nothing new" : "merged \(target): \(merge.summary)")
      lines += merge.conflicts.map(\.line)
    }
    lines.append("pushed to \(target)")
    return lines
  }
}
