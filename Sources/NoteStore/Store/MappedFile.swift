/// A read-only memory map of a file's current version.
///
/// The store maps its snapshot instead of reading it: pages are loaded only when a note is
/// decoded, the kernel may drop them under pressure, and because saves replace the file by
/// rename, the mapping keeps showing the version it was made from.
final class MappedFile: @unchecked Sendable {
  let bytes: UnsafeBufferPointer<UInt8>
  /// Which version of the file this is (from fstat of the descriptor that was mapped), so a
  /// derived index can be matched to exactly this version.
  let identity: FileIdentity
  private let base: UnsafeMutableRawPointer?
  private let length: Int
  /// Kept open so `copyBytes` reads this version without touching the mapping.
  private let descriptor: Int32

  /// Maps `path`; nil if it does not exist.
  init?(path: String) throws(FileSystem.Failure) {
    let fd = Syscalls.open(path, .readOnly)
    if fd < 0 {
      if Syscalls.errno == .noEntry { return nil }
      throw FileSystem.Failure(operation: "open", path: path, code: Syscalls.errno)
    }
    guard let status = Syscalls.status(of: fd) else {
      let code = Syscalls.errno
      Syscalls.close(fd)
      throw FileSystem.Failure(operation: "stat", path: path, code: code)
    }
    if status.isDirectory {
      Syscalls.close(fd)
      throw FileSystem.Failure(operation: "open", path: path, code: .isDirectory)
    }
    descriptor = fd
    ownedMemory = nil
    length = Int(status.size)
    identity = status.identity
    if length == 0 {
      base = nil
      bytes = UnsafeBufferPointer(start: nil, count: 0)
      return
    }
    guard let mapped = Syscalls.map(fd, length: length) else {
      let code = Syscalls.errno
      Syscalls.close(fd)
      throw FileSystem.Failure(operation: "mmap", path: path, code: code)
    }
    base = mapped
    bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: length)
  }

  /// A copy of `contents` in memory, read as a file would be: an index built by a scan that
  /// could not be written beside the snapshot (a read-only directory), or whose snapshot is
  /// out of order, is read from here. `copyBytes` gives nothing (callers fall back to
  /// `bytes`).
  init(copying contents: [UInt8]) {
    descriptor = -1
    identity = FileIdentity(
      device: 0, inode: 0, size: Int64(contents.count), modifiedSeconds: 0,
      modifiedNanoseconds: 0)
    length = contents.count
    let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, contents.count))
    _ = copy.initialize(from: contents)
    ownedMemory = copy
    base = nil  // nothing to unmap or release
    bytes = UnsafeBufferPointer(start: copy.baseAddress, count: contents.count)
  }

  /// The memory of a file made by `init(copying:)`, freed with it.
  private let ownedMemory: UnsafeMutableBufferPointer<UInt8>?

  /// Tells the kernel the pages may be dropped (after a full scan, to keep RSS low).
  func releasePages() {
    if let base { Syscalls.dropPages(base, length: length) }
  }

  /// Lets the kernel drop the pages wholly below byte `offset` (read already by a scan).
  func releasePages(below offset: Int) {
    let aligned = min(offset, length) & ~(Self.releaseAlignment - 1)
    if let base, aligned > 0 { Syscalls.dropPages(base, length: aligned) }
  }

  /// Lets the kernel drop the pages wholly inside `start..<offset` (read already by the second
  /// half of a scan).
  func releasePages(from start: Int, below offset: Int) {
    let alignment = Self.releaseAlignment
    let first = (start + alignment - 1) & ~(alignment - 1)
    let end = min(offset, length) & ~(alignment - 1)
    if let base, end > first { Syscalls.dropPages(base + first, length: end - first) }
  }

  /// A multiple of every page size in use.
  static let releaseAlignment = 1 << 16

  /// The bytes in `range` (clamped to the file), read with pread: checking a few samples this
  /// way leaves the mapping untouched, so opening a store does not count file pages (which
  /// the kernel may map a large folio at a time) in the process's resident set.
  func copyBytes(_ range: Range<Int>) -> [UInt8] {
    let clamped = range.clamped(to: 0..<length)
    guard !clamped.isEmpty else { return [] }
    var result = [UInt8](repeating: 0, count: clamped.count)
    let count = result.withUnsafeMutableBytes {
      Syscalls.read(descriptor, into: $0, at: clamped.lowerBound)
    }
    return count == clamped.count ? result : []
  }

  /// The bytes in `range` copied with pread into a new array, or the mapped bytes when the
  /// read comes up short. For a note read on its own: touching the mapping instead faults in
  /// 64 KiB around each note (the kernel's fault-around), so a list of 10,965 scattered notes of
  /// a 1M-note store held 700 MB of the snapshot resident for 63 MB of output.
  func withBytes<Result>(
    _ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
  ) rethrows -> Result {
    let copy = copyBytes(range)
    if copy.count == range.count { return try copy.withUnsafeBufferPointer(body) }
    return try body(UnsafeBufferPointer(rebasing: bytes[range.clamped(to: 0..<length)]))
  }

  /// Calls `body` with the whole file, `chunkLength` bytes at a time plus the `overlap` bytes
  /// after each chunk (so a match of up to `overlap + 1` bytes that starts in a chunk is seen
  /// whole), with the chunk's file offset and its length without the overlap. The bytes are
  /// read with pread into one buffer reused throughout (from the mapping where a read comes up
  /// short): a scan through the mapping left all 2.2 GB of a 1M-note snapshot resident and
  /// paid a page fault per 64 KiB, where this costs what `cat` does. `body` returns false to
  /// stop. With `range`, only the chunks of those bytes (their overlap may reach past it):
  /// two threads each read half of the file.
  func forEachChunk(
    in range: Range<Int>? = nil, chunkLength: Int = 1 << 20, overlap: Int,
    _ body: (_ chunk: UnsafeBufferPointer<UInt8>, _ start: Int, _ owned: Int) -> Bool
  ) {
    let buffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: chunkLength + overlap, alignment: 64)
    defer { buffer.deallocate() }
    let range = (range ?? 0..<length).clamped(to: 0..<length)
    var start = range.lowerBound
    while start < range.upperBound {
      let owned = min(chunkLength, range.upperBound - start)
      let end = min(start + owned + overlap, length)
      let wanted = UnsafeMutableRawBufferPointer(rebasing: buffer[..<(end - start)])
      let chunk: UnsafeBufferPointer<UInt8>
      if Syscalls.read(descriptor, into: wanted, at: start) == wanted.count {
        chunk = UnsafeBufferPointer(wanted.bindMemory(to: UInt8.self))
      } else {
        chunk = UnsafeBufferPointer(rebasing: bytes[start..<end])
      }
      guard body(chunk, start, owned) else { return }
      start += owned
    }
  }

  deinit {
    if let base { Syscalls.unmap(base, length: length) }
    if descriptor >= 0 { Syscalls.close(descriptor) }
    ownedMemory?.deallocate()
  }
}
