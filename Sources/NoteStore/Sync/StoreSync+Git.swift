extension StoreSync {
  /// Runs git; a git that cannot be started is `gitMissing`.
  @discardableResult
  func git(_ arguments: [String]) throws(SyncError) -> GitProcess.Result {
    do { return try process.run(arguments) } catch {
      if error.missing {
        throw SyncError(
          .gitMissing, path: directory, "git is not installed (or not on PATH); sync needs it")
      }
      throw SyncError(.gitFailed, path: directory, "cannot run git: \(error.message)")
    }
  }

  /// Runs git and turns a failure into a one-line error.
  @discardableResult
  func checked(_ arguments: [String]) throws(SyncError) -> GitProcess.Result {
    let result = try git(arguments)
    guard result.succeeded else {
      throw SyncError(
        .gitFailed, path: directory, "git \(arguments[0]) failed: \(result.firstLine)")
    }
    return result
  }

  /// The remote to sync with (`origin` if there is one, else the first) and the branch.
  func locate() throws(SyncError) -> (remote: String, branch: String) {
    guard FileSystem.isDirectory(directory) else {
      throw SyncError(.notARepository, path: directory, "no such directory")
    }
    guard try git(["rev-parse", "--show-toplevel"]).succeeded else {
      throw SyncError(
        .notARepository, path: directory,
        "not a git repository; run git init there and add a remote (README, \"Sync\")")
    }
    let remotes = try checked(["remote"]).output.split(separator: "\n").map(String.init)
    guard let remote = remotes.contains("origin") ? "origin" : remotes.first else {
      throw SyncError(
        .noRemote, path: directory,
        "the repository has no remote; add one with git remote add origin URL")
    }
    let head = try git(["symbolic-ref", "--short", "HEAD"])
    guard head.succeeded else {
      throw SyncError(.gitFailed, path: directory, "not on a branch (detached HEAD)")
    }
    return (remote, head.output.trimmingWhitespace)
  }

  func fetch(_ remote: String) throws(SyncError) {
    let fetched = try git(["fetch", "-q", remote])
    guard fetched.succeeded else {
      throw SyncError(
        .fetchFailed, path: directory,
        "cannot fetch from \(remote): \(fetched.firstLine); nothing was merged, run url-notes "
          + "sync again")
    }
  }

  /// A merge a killed sync left half done (`MERGE_HEAD`) is aborted: our notes are committed
  /// before every merge, so the next steps simply merge again. A leftover `index.lock` of a
  /// killed git is waited for (a git orphaned by a killed sync may still be finishing).
  func finishInterruptedMerge() throws(SyncError) {
    let gitDirectory = try checked(["rev-parse", "--absolute-git-dir"]).output.trimmingWhitespace
    let lock = gitDirectory + "/index.lock"
    var waited = 0
    while FileSystem.fileExists(lock) {
      guard waited < 100 else {
        throw SyncError(
          .gitFailed, path: directory,
          "\(lock) exists: another git is running here, or one was killed; remove the file "
            + "if no git is running, then run url-notes sync again")
      }
      Syscalls.sleep(microseconds: 100_000)
      waited += 1
    }
    if try git(["rev-parse", "--verify", "-q", "MERGE_HEAD"]).succeeded {
      try checked(["merge", "--abort"])
    }
  }

  /// Registers the merge driver in the repository's config and `.gitattributes`, and keeps the
  /// derived files out of git (`.gitignore`); each only when missing.
  func configure() throws(SyncError) {
    let key = "merge.\(Self.driverName)"
    if try git(["config", "--get", "\(key).driver"]).output.trimmingWhitespace != driverCommand {
      try checked(["config", "\(key).name", "url-notes: merge notes by id"])
      try checked(["config", "\(key).driver", driverCommand])
    }
    try ensureLines(".gitattributes", ["\(fileName) merge=\(Self.driverName)"])
    try ensureLines(
      ".gitignore",
      ["\(fileName).journal", "\(fileName).lock", "\(fileName).index", "\(fileName).tmp-*"])
  }

  /// Appends the `lines` a text file beside the store lacks.
  func ensureLines(_ name: String, _ lines: [String]) throws(SyncError) {
    let path = directory + "/" + name
    do throws(FileSystem.Failure) {
      let text = String(decoding: try FileSystem.contents(of: path) ?? [], as: UTF8.self)
      let present = Set(text.split(separator: "\n").map(String.init))
      let missing = lines.filter { !present.contains($0) }
      guard !missing.isEmpty else { return }
      let separator = text.isEmpty || text.hasSuffix("\n") ? "" : "\n"
      let bytes = Array((text + separator + missing.joined(separator: "\n") + "\n").utf8)
      try FileSystem.writeAtomically(to: path) { file throws(FileSystem.Failure) in
        try file.append(bytes)
      }
    } catch {
      throw SyncError(.store, path: error.path, error.message)
    }
  }

  /// `text` in single quotes for `sh` (git runs the driver through the shell).
  static func shellQuoted(_ text: String) -> String {
    "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''")
      + "'"
  }
}
