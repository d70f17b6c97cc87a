#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The few file-system calls the store needs, with durability spelled out.
///
/// Saves are crash-safe by construction: write a temporary file in the same directory, fsync
/// it, rename it over the target (atomic on POSIX), then fsync the directory so the rename
/// itself survives a power cut. New files get mode 0600: notes are private.
enum FileSystem {
  struct Failure: Error {
    var operation: String
    var path: String
    var code: Int32
    var message: String { "\(operation) failed: \(String(cString: strerror(code)))" }
  }

  /// True if this process may write `path` (false also when it does not exist).
  static func isWritable(_ path: String) -> Bool {
    access(path, W_OK) == 0
  }

  static func fileExists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  static func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  /// Identity of a file's current version: a writer that replaced or appended to it changes it.
  struct Stamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64
    var modifiedNanoseconds: Int64
  }

  static func stamp(_ path: String) -> Stamp? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Stamp(
      device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
      modified: Int64(info.st_mtim.tv_sec), modifiedNanoseconds: Int64(info.st_mtim.tv_nsec))
  }

  /// The whole file, or nil if it does not exist.
  static func contents(of path: String) throws(Failure) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT { return nil }
      throw Failure(operation: "open", path: path, code: errno)
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw Failure(operation: "stat", path: path, code: errno) }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw Failure(operation: "read", path: path, code: EISDIR)
    }
    // Read straight into the array (a page dump is read once per import, and filling a
    // zeroed chunk to copy it over cost a pass of its own); one byte more than the size
    // sees the end of a file that did not grow without a second call.
    let expected = max(Int(info.st_size), 0) + 1
    var failure: Failure?
    var result = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
      initialized = 0
      while initialized < buffer.count {
        let count = read(fd, buffer.baseAddress! + initialized, buffer.count - initialized)
        if count < 0 {
          if errno == EINTR { continue }
          failure = Failure(operation: "read", path: path, code: errno)
          return
        }
        if count == 0 { return }
        initialized += count
      }
    }
    if let failure { throw failure }
    guard result.count == expected else { return result }
    // The file grew while it was read (or is not a regular file): read on to its end.
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(operation: "read", path: path, code: errno)
      }
      if count == 0 { return result }
      result.append(contentsOf: chunk[0..<count])
    }
  }

  /// The bytes of `path` from `offset` to its end (empty if it is shorter or missing).
  static func contents(of path: String, from offset: Int) throws(Failure) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT { return [] }
      throw Failure(operation: "open", path: path, code: errno)
    }
    defer { close(fd) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var position = off_t(offset)
    while true {
      let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, position) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(operation: "read", path: path, code: errno)
      }
      if count == 0 { return result }
      result.append(contentsOf: chunk[0..<count])
      position += off_t(count)
    }
  }

  /// Deletes `<path>.tmp-*` left by a writer killed before its rename. Call holding the lock:
  /// no live writer has a temporary then.
  static func removeStaleTemporaries(of path: String) {
    let directory = parentDirectory(of: path)
    let prefix = fileName(of: path) + ".tmp-"
    for name in directoryEntries(directory) where name.hasPrefix(prefix) {
      unlink(directory + "/" + name)
    }
  }

  /// Appends `bytes` with one write and makes them durable.
  static func appendDurably(_ bytes: [UInt8], to path: String) throws(Failure) {
    let existed = fileExists(path)
    let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw Failure(operation: "open", path: path, code: errno) }
    defer { close(fd) }
    var info = stat()
    fstat(fd, &info)
    let sizeBefore = info.st_size
    do throws(Failure) {
      try writeAll(fd, bytes, path: path)
      guard fdatasync(fd) == 0 else { throw Failure(operation: "fsync", path: path, code: errno) }
    } catch {
      // A short write (disk full) must not leave half a record behind, nor a new empty file.
      _ = ftruncate(fd, sizeBefore)
      if !existed { unlink(path) }
      throw error
    }
    if !existed { try syncDirectory(of: path) }
  }

  /// Cuts `path` to `length` bytes durably: empties the journal after its records moved into a
  /// new snapshot, or drops the incomplete record a crashed writer left.
  static func truncate(_ path: String, toLength length: Int = 0) throws(Failure) {
    let fd = open(path, O_WRONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT { return }
      throw Failure(operation: "open", path: path, code: errno)
    }
    defer { close(fd) }
    guard ftruncate(fd, off_t(length)) == 0, fsync(fd) == 0 else {
      throw Failure(operation: "truncate", path: path, code: errno)
    }
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(Failure) {
    try bytes.withUnsafeBufferPointer { (pointer) throws(Failure) in
      try writeAll(fd, pointer, path: path)
    }
  }

  static func syncDirectory(of path: String) throws(Failure) {
    let directory = parentDirectory(of: path)
    let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw Failure(operation: "open directory", path: directory, code: errno) }
    defer { close(fd) }
    guard fsync(fd) == 0 else {
      throw Failure(operation: "fsync directory", path: directory, code: errno)
    }
  }

  /// The last component of `path`.
  static func fileName(of path: String) -> String {
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
    if mkdir(path, 0o700) != 0 && errno != EEXIST {
      throw Failure(operation: "mkdir", path: path, code: errno)
    }
  }
}

extension FileSystem {
  /// Names in a directory (not "." or ".."), unsorted.
  static func directoryEntries(_ path: String) -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// `path` made absolute against the working directory (no symlink resolution).
  static func absolutePath(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getcwd(&buffer, buffer.count) != nil else { return path }
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let directory = String(decoding: bytes, as: UTF8.self)
    var relative = Substring(path)
    while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
    return directory + "/" + relative
  }
}
