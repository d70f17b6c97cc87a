/// The few file-system calls the store needs, with durability spelled out.
///
/// Saves are crash-safe by construction: write a temporary file in the same directory, fsync
/// it, rename it over the target (atomic on POSIX), then fsync the directory so the rename
/// itself survives a power cut. New files get mode 0600: notes are private.
public enum FileSystem {
  /// A call that failed: which, on what, and the system's error.
  public struct Failure: Error {
    var operation: String
    var path: String
    var code: Syscalls.Errno
    var message: String { "\(operation) failed: \(code.message)" }
    /// The system's text for the error ("No such file or directory").
    public var reason: String { code.message }
  }

  /// True if this process may write `path` (false also when it does not exist).
  static func isWritable(_ path: String) -> Bool { Syscalls.isWritable(path) }

  static func fileExists(_ path: String) -> Bool { Syscalls.status(atPath: path) != nil }

  static func isDirectory(_ path: String) -> Bool {
    Syscalls.status(atPath: path)?.isDirectory == true
  }

  /// The identity of `path`'s current version (see `FileIdentity`); nil if it does not exist.
  public static func stamp(_ path: String) -> FileIdentity? {
    Syscalls.status(atPath: path)?.identity
  }

  /// The whole file, or nil if it does not exist.
  static func contents(of path: String) throws(Failure) -> [UInt8]? {
    try withOpenFile(path) { (fd) throws(Failure) in
      guard let status = Syscalls.status(of: fd) else {
        throw Failure(operation: "stat", path: path, code: Syscalls.errno)
      }
      if status.isDirectory { throw Failure(operation: "read", path: path, code: .isDirectory) }
      return try readToEnd(fd, path: path, from: nil, expected: max(Int(status.size), 0))
    }
  }

  /// The bytes of `path` from `offset` to its end (empty if it is shorter or missing).
  static func contents(of path: String, from offset: Int) throws(Failure) -> [UInt8] {
    try withOpenFile(path) { (fd) throws(Failure) in
      try readToEnd(fd, path: path, from: offset, expected: 1 << 16)
    } ?? []
  }

  /// Runs `body` on `path` opened for reading; nil if the file does not exist.
  private static func withOpenFile<T>(_ path: String, _ body: (Int32) throws(Failure) -> T)
    throws(Failure) -> T?
  {
    let fd = Syscalls.open(path, .readOnly)
    if fd < 0 {
      if Syscalls.errno == .noEntry { return nil }
      throw Failure(operation: "open", path: path, code: Syscalls.errno)
    }
    defer { Syscalls.close(fd) }
    return try body(fd)
  }

  /// The one read loop: reads `fd` to its end (from `offset` with pread, else from where it
  /// is) straight into the array. One byte more than `expected` is asked for, so a file of
  /// the size expected ends without a second call (a page dump is read once per import, and
  /// filling a zeroed chunk to copy it over cost a pass of its own); a file that grew while
  /// it was read is read on to its end.
  /// Public for `TextFile`, the browser's and the command line's text files (stdin too).
  public static func readToEnd(
    _ fd: Int32, path: String, from offset: Int? = nil, expected: Int = 1 << 16
  ) throws(Failure) -> [UInt8] {
    var result: [UInt8] = []
    var room = expected + 1
    while true {
      var failure: Failure?
      var ended = false
      result = [UInt8](unsafeUninitializedCapacity: result.count + room) { buffer, initialized in
        initialized = buffer.initialize(fromContentsOf: result)
        while initialized < buffer.count {
          let count = Syscalls.read(
            fd,
            into: UnsafeMutableRawBufferPointer(
              UnsafeMutableBufferPointer(rebasing: buffer[initialized...])),
            at: offset.map { $0 + initialized })
          if count < 0 { failure = Failure(operation: "read", path: path, code: Syscalls.errno) }
          if count <= 0 {
            ended = true
            return
          }
          initialized += count
        }
      }
      if let failure { throw failure }
      if ended { return result }
      room = max(1 << 16, result.count)
    }
  }

  /// Deletes `<path>.tmp-<pid>…` left by a writer killed before its rename. A temporary of a
  /// process still running is kept: a fold writes its snapshot without the lock.
  static func removeStaleTemporaries(of path: String) {
    let directory = parentDirectory(of: path)
    for name in temporaries(of: path) where !name.live {
      Syscalls.unlink(directory + "/" + name.name)
    }
  }

  /// The names of `<path>.tmp-<pid>…` files whose process is running.
  static func liveTemporaries(of path: String) -> [String] {
    temporaries(of: path).filter(\.live).map(\.name)
  }

  private static func temporaries(of path: String) -> [(name: String, live: Bool)] {
    let prefix = fileName(of: path) + ".tmp-"
    return Syscalls.directoryEntries(parentDirectory(of: path)).filter { $0.hasPrefix(prefix) }
      .map { name in
        let pid = Int32(name.dropFirst(prefix.count).prefix { $0.isASCII && $0.isNumber })
        return (name, pid.map(Syscalls.processExists) ?? false)
      }
  }

  /// Appends `bytes` with one write and makes them durable.
  static func appendDurably(_ bytes: [UInt8], to path: String) throws(Failure) {
    let existed = fileExists(path)
    let fd = Syscalls.open(path, [.writeOnly, .create, .append])
    guard fd >= 0 else { throw Failure(operation: "open", path: path, code: Syscalls.errno) }
    defer { Syscalls.close(fd) }
    let sizeBefore = Int(Syscalls.status(of: fd)?.size ?? 0)
    do throws(Failure) {
      try writeAll(fd, bytes, path: path)
      guard Syscalls.sync(fd, dataOnly: true) else {
        throw Failure(operation: "fsync", path: path, code: Syscalls.errno)
      }
    } catch {
      // A short write (disk full) must not leave half a record behind, nor a new empty file.
      _ = Syscalls.truncate(fd, toLength: sizeBefore)
      if !existed { Syscalls.unlink(path) }
      throw error
    }
    if !existed { try syncDirectory(of: path) }
  }

  /// Cuts `path` to `length` bytes durably: empties the journal after its records moved into a
  /// new snapshot, or drops the incomplete record a crashed writer left.
  static func truncate(_ path: String, toLength length: Int = 0) throws(Failure) {
    let fd = Syscalls.open(path, .writeOnly)
    if fd < 0 {
      if Syscalls.errno == .noEntry { return }
      throw Failure(operation: "open", path: path, code: Syscalls.errno)
    }
    defer { Syscalls.close(fd) }
    guard Syscalls.truncate(fd, toLength: length), Syscalls.sync(fd) else {
      throw Failure(operation: "truncate", path: path, code: Syscalls.errno)
    }
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(Failure) {
    try bytes.withUnsafeBufferPointer { (pointer) throws(Failure) in
      try writeAll(fd, pointer, path: path)
    }
  }

  static func syncDirectory(of path: String) throws(Failure) {
    let directory = parentDirectory(of: path)
    let fd = Syscalls.open(directory, [.readOnly, .directory])
    guard fd >= 0 else {
      throw Failure(operation: "open directory", path: directory, code: Syscalls.errno)
    }
    defer { Syscalls.close(fd) }
    guard Syscalls.sync(fd) else {
      throw Failure(operation: "fsync directory", path: directory, code: Syscalls.errno)
    }
  }

  /// The last component of `path` (after its last `/`): the one way url-notes shortens a path
  /// for a message or a status line.
  public static func fileName(of path: String) -> String {
    path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
  }

  static func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Creates `path` and its parents with mode 0700.
  static func makeDirectories(_ path: String) throws(Failure) {
    if path.isEmpty || isDirectory(path) { return }
    try makeDirectories(parentDirectory(of: path))
    if !Syscalls.makeDirectory(path) && Syscalls.errno != .exists {
      throw Failure(operation: "mkdir", path: path, code: Syscalls.errno)
    }
  }
}

extension FileSystem {
  /// Names in a directory (not "." or ".."), unsorted.
  static func directoryEntries(_ path: String) -> [String] { Syscalls.directoryEntries(path) }

  /// `path` made absolute against the working directory (no symlink resolution).
  static func absolutePath(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    guard let directory = Syscalls.currentDirectory() else { return path }
    var relative = Substring(path)
    while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
    return directory + "/" + relative
  }
}
