extension FileSystem {
  /// Bytes going to a file through a fixed buffer: large runs (a note copied from a mapped
  /// file) go straight to `write`, small ones are gathered first.
  struct StreamingFile: ~Copyable {
    let fd: Int32
    let path: String
    private var buffer: [UInt8] = []
    /// Bytes handed over so far, written or buffered: the offset the next byte lands at.
    private(set) var count = 0
    /// Written bytes are flushed to the disk (fdatasync) whenever this many have gathered;
    /// nil: only by the caller. See `writeTemporary`.
    var syncEvery: Int?
    private var unsynced = 0

    static let bufferSize = 1 << 20

    init(fd: Int32, path: String) {
      self.fd = fd
      self.path = path
      buffer.reserveCapacity(Self.bufferSize)
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
      count += bytes.count
      if buffer.count + bytes.count <= Self.bufferSize {
        buffer.append(contentsOf: bytes)
        return
      }
      try flush()
      if bytes.count >= Self.bufferSize / 4 {
        try FileSystem.writeAll(fd, bytes, path: path)
        try written(bytes.count)
      } else {
        buffer.append(contentsOf: bytes)
      }
    }

    mutating func append(_ bytes: [UInt8]) throws(Failure) {
      try bytes.withUnsafeBufferPointer { (pointer) throws(Failure) in try append(pointer) }
    }

    mutating func flush() throws(Failure) {
      guard !buffer.isEmpty else { return }
      try FileSystem.writeAll(fd, buffer, path: path)
      let flushed = buffer.count
      buffer.removeAll(keepingCapacity: true)
      try written(flushed)
    }

    private mutating func written(_ bytes: Int) throws(Failure) {
      guard let syncEvery else { return }
      unsynced += bytes
      guard unsynced >= syncEvery else { return }
      unsynced = 0
      guard Syscalls.sync(fd, dataOnly: true) else {
        throw Failure(operation: "fdatasync", path: path, code: Syscalls.errno)
      }
    }
  }

  /// Replaces `path` atomically with what `produce` appends (`writeTemporary`, then
  /// `replace`): readers see the old file or the new one, and `path` changes only if every
  /// write succeeded.
  static func writeAtomically(
    to path: String, durable: Bool = true, _ produce: (inout StreamingFile) throws(Failure) -> Void
  ) throws(Failure) {
    let temporary = try writeTemporary(besides: path, durable: durable, produce)
    do throws(Failure) { try replace(path, with: temporary, durable: durable) } catch {
      Syscalls.unlink(temporary)
      throw error
    }
  }

  /// The one temporary-file writer: a new private file `<path>.tmp-<pid><suffix>` holding what
  /// `produce` appends, written as it is made (a snapshot of 200 MB is never held in memory
  /// whole); returns its path. `durable`: fsynced, so a rename of it survives a power cut (a
  /// derived cache skips that: losing it costs a rebuild). Removed again if a write fails.
  static func writeTemporary(
    besides path: String, suffix: String = "", durable: Bool = true,
    _ produce: (inout StreamingFile) throws(Failure) -> Void
  ) throws(Failure) -> String {
    let temporary = path + ".tmp-\(Syscalls.processID)" + suffix
    let fd = Syscalls.open(temporary, [.writeOnly, .create, .truncate])
    guard fd >= 0 else {
      throw Failure(operation: "create \(temporary)", path: path, code: Syscalls.errno)
    }
    do throws(Failure) {
      var file = StreamingFile(fd: fd, path: temporary)
      // A durable file is flushed every `writeBehindBytes` as it is written, not all at the
      // end: ext4 commits its journal with the data of every file written since, so another
      // writer's fdatasync made while a fold fsynced its 2.2 GB snapshot at 1,000,000 notes
      // waited 0.75 s behind it (a stalled `add`). Now it waits for at most this much.
      if durable { file.syncEvery = writeBehindBytes }
      try produce(&file)
      try file.flush()
      guard !durable || Syscalls.sync(fd) else {
        throw Failure(operation: "fsync", path: temporary, code: Syscalls.errno)
      }
      Syscalls.close(fd)
    } catch {
      Syscalls.close(fd)
      Syscalls.unlink(temporary)
      throw error
    }
    return temporary
  }

  /// How much a durable temporary file gathers before it is flushed (see `writeTemporary`):
  /// a few milliseconds of writing, and 70 fdatasyncs for a 2.2 GB snapshot.
  static let writeBehindBytes = 32 << 20

  /// Renames `temporary` over `path` (atomic on POSIX); `durable`: then fsyncs the directory,
  /// so the rename itself survives a power cut.
  static func replace(_ path: String, with temporary: String, durable: Bool = true)
    throws(Failure)
  {
    guard Syscalls.rename(temporary, to: path) else {
      throw Failure(operation: "rename", path: path, code: Syscalls.errno)
    }
    if durable { try syncDirectory(of: path) }
  }

  /// A new empty file of mode 0600 named from `template`, whose `XXXXXX` before its last
  /// `suffixLength` bytes is made unique: its descriptor and path, or nil with errno set. The
  /// one temporary-file maker, for git's output and the browser's `$EDITOR` files alike.
  public static func makeTemporaryFile(_ template: String, suffixLength: Int = 0)
    -> (fd: Int32, path: String)?
  {
    Syscalls.makeTemporaryFile(template, suffixLength: suffixLength)
  }

  /// The one write loop: all of `bytes` to `fd`, resuming after short writes (`Syscalls`
  /// retries interruptions). Public for `TextFile` and the command line's output.
  public static func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>, path: String)
    throws(Failure)
  {
    try writeAll(fd, UnsafeRawBufferPointer(bytes), at: nil, path: path)
  }

  /// All of `bytes` to `fd` from file offset `offset` (pwrite; nil: at the file's position),
  /// resuming after short writes: a file whose parts are written by two threads at once.
  static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int?, path: String)
    throws(Failure)
  {
    var written = 0
    while written < bytes.count {
      let count = Syscalls.write(
        fd, UnsafeRawBufferPointer(rebasing: bytes[written...]), at: offset.map { $0 + written })
      if count < 0 { throw Failure(operation: "write", path: path, code: Syscalls.errno) }
      written += count
    }
  }
}
