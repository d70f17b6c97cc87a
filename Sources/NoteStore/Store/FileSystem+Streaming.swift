#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension FileSystem {
  /// Bytes going to a file through a fixed buffer: large runs (a note copied from a mapped
  /// file) go straight to `write`, small ones are gathered first.
  struct StreamingFile: ~Copyable {
    let fd: Int32
    let path: String
    private var buffer: [UInt8] = []
    /// Bytes handed over so far, written or buffered: the offset the next byte lands at.
    private(set) var count = 0

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
      buffer.removeAll(keepingCapacity: true)
    }
  }

  /// Replaces `path` atomically with what `produce` appends (temp file beside it, fsync,
  /// rename, fsync of the directory): `path` changes only if every write succeeded. Content
  /// is written as it is made, so a snapshot of 200 MB is never held in memory whole.
  static func writeAtomically(
    to path: String, _ produce: (inout StreamingFile) throws(Failure) -> Void
  ) throws(Failure) {
    let temporary = path + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw Failure(operation: "create \(temporary)", path: path, code: errno) }
    do throws(Failure) {
      var file = StreamingFile(fd: fd, path: temporary)
      try produce(&file)
      try file.flush()
      guard fsync(fd) == 0 else { throw Failure(operation: "fsync", path: temporary, code: errno) }
      close(fd)
    } catch {
      close(fd)
      unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw Failure(operation: "rename", path: path, code: code)
    }
    try syncDirectory(of: path)
  }

  static func writeAll(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>, path: String)
    throws(Failure)
  {
    var written = 0
    while written < bytes.count {
      let count = write(fd, bytes.baseAddress! + written, bytes.count - written)
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(operation: "write", path: path, code: errno)
      }
      written += count
    }
  }
}
