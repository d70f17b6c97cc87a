/// `url-notes sync`: a store whose directory is in a git work tree with a remote, synced by
/// folding the journal, committing `notes.json`, fetching, merging with url-notes' own merge
/// driver and pushing, all while holding the store's write lock.
///
/// Every step leaves a valid store and a repository the next run completes: the fold is the
/// store's atomic save; a commit is git's; a merge that was interrupted (`MERGE_HEAD` left) is
/// aborted and done again; a fetch or push that failed is simply repeated.
public struct StoreSync {
  public let store: NoteStore
  /// The shell command git runs as the merge driver (`… merge-driver %O %A %B`).
  public let driverCommand: String
  let process: GitProcess
  let directory: String
  let fileName: String

  /// The driver's name in git's config and `.gitattributes`.
  public static let driverName = "url-notes"

  /// `executablePath`: the url-notes binary git should run as the merge driver.
  public init(store: NoteStore, executablePath: String, gitExecutable: String = "git") {
    self.store = store
    let path = FileSystem.absolutePath(store.path)
    directory = FileSystem.parentDirectory(of: path)
    fileName = FileSystem.fileName(of: path)
    process = GitProcess(directory: directory, executable: gitExecutable)
    driverCommand = Self.shellQuoted(executablePath) + " merge-driver %O %A %B"
  }

  /// What a run did (or, dry, would do).
  public struct Outcome: Sendable {
    /// The merge of the remote's notes into ours; nil when the remote had nothing yet.
    public var merge: MergeReport?
    public var remote: String
    public var branch: String
    /// True when this run committed local changes (dry: there are some to commit).
    public var committed = false
  }

  public func run(dryRun: Bool = false) throws(SyncError) -> Outcome {
    let (remote, branch) = try locate()
    if dryRun { return try preview(remote: remote, branch: branch) }
    do {
      return try store.withWriteLock { () throws(SyncError) -> Outcome in
        try synchronize(remote: remote, branch: branch)
      }
    } catch let error as SyncError {
      throw error
    } catch let error as StoreError {
      throw SyncError(error)
    } catch {
      throw SyncError(.store, path: store.path, "\(error)")
    }
  }

  /// The steps of a sync, the lock held.
  func synchronize(remote: String, branch: String) throws(SyncError) -> Outcome {
    var outcome = Outcome(remote: remote, branch: branch)
    try finishInterruptedMerge()
    try configure()
    do { try store.foldJournal() } catch { throw SyncError(error) }
    try checked(["add", "--", fileName, ".gitattributes", ".gitignore"])
    if try git(["diff", "--cached", "--quiet"]).status == 1 {
      try checked(["commit", "-q", "--no-verify", "-m", "url-notes sync"])
      outcome.committed = true
    }
    try fetch(remote)
    let tracking = "refs/remotes/\(remote)/\(branch)"
    if try git(["rev-parse", "--verify", "-q", tracking]).succeeded {
      outcome.merge = try mergePreview(ours: store.snapshotValue(), tracking: tracking)
      let merge = try git(["merge", "-q", "--no-edit", "--allow-unrelated-histories", tracking])
      if !merge.succeeded {
        _ = try? git(["merge", "--abort"])
        throw SyncError(
          .gitFailed, path: directory,
          "merging \(remote)/\(branch) failed: \(merge.firstLine); nothing was merged")
      }
      do { try store.refresh() } catch { throw SyncError(error) }
    }
    let push = try git(["push", "-q", remote, "HEAD:refs/heads/\(branch)"])
    if !push.succeeded {
      let rejected = ["rejected", "fetch first", "non-fast-forward"].contains {
        push.output.contains($0)
      }
      if rejected {
        throw SyncError(
          .pushRejected, path: directory,
          "push to \(remote) was rejected (it has changes made meanwhile); your notes are "
            + "committed here: run url-notes sync again")
      }
      throw SyncError(.gitFailed, path: directory, "push to \(remote) failed: \(push.firstLine)")
    }
    // So that a plain `git pull` knows where from (and uses the driver).
    _ = try git(["branch", "-q", "--set-upstream-to", "\(remote)/\(branch)"])
    return outcome
  }

  /// A dry run: fetches (which changes only remote-tracking refs), then computes the merge.
  func preview(remote: String, branch: String) throws(SyncError) -> Outcome {
    var outcome = Outcome(remote: remote, branch: branch)
    try fetch(remote)
    let ours = store.snapshotValue()
    if try git(["rev-parse", "--verify", "-q", "HEAD"]).succeeded {
      outcome.committed = try ours != blob("HEAD")
    } else {
      outcome.committed = true
    }
    let tracking = "refs/remotes/\(remote)/\(branch)"
    if try git(["rev-parse", "--verify", "-q", tracking]).succeeded {
      outcome.merge = try mergePreview(ours: ours, tracking: tracking)
    }
    return outcome
  }

  /// The three-way merge the driver will make of `ours` and the remote's notes.
  func mergePreview(ours: StoreSnapshot, tracking: String) throws(SyncError) -> MergeReport {
    let base = try git(["merge-base", "HEAD", tracking])
    var ancestor = StoreSnapshot.empty
    if base.succeeded { ancestor = try blob(base.output.trimmingWhitespace) }
    return NoteMerge.threeWay(ancestor: ancestor, ours: ours, theirs: try blob(tracking))
  }

  /// The store file as commit `revision` holds it (empty when it has none).
  func blob(_ revision: String) throws(SyncError) -> StoreSnapshot {
    let shown = try git(["show", "\(revision):./\(fileName)"])
    guard shown.succeeded else { return .empty }
    do {
      return try StoreSnapshot.decode(
        Array(shown.output.utf8), path: "\(revision):\(fileName)")
    } catch {
      throw SyncError(error)
    }
  }
}

extension String {
  var trimmingWhitespace: String {
    String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
