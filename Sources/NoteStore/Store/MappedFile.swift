#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A read-only memory map of a file's current version.
///
/// The store maps its snapshot instead of reading it: pages are loaded only when a note is
/// decoded, the kernel may drop them under pressure, and because saves replace the file by
/// rename, the mapping keeps showing the version it was made from.
final class MappedFile: @unchecked Sendable {
  let bytes: UnsafeBufferPointer<UInt8>
  private let base: UnsafeMutableRawPointer?
  private let length: Int

  /// Maps `path`; nil if it does not exist.
  init?(path: String) throws(FileSystem.Failure) {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT { return nil }
      throw FileSystem.Failure(operation: "open", path: path, code: errno)
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw FileSystem.Failure(operation: "stat", path: path, code: errno)
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw FileSystem.Failure(operation: "open", path: path, code: EISDIR)
    }
    length = Int(info.st_size)
    if length == 0 {
      base = nil
      bytes = UnsafeBufferPointer(start: nil, count: 0)
      return
    }
    let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
    guard let mapped, mapped != MAP_FAILED else {
      throw FileSystem.Failure(operation: "mmap", path: path, code: errno)
    }
    base = mapped
    bytes = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: length)
  }

  /// Tells the kernel the pages may be dropped (after a full scan, to keep RSS low).
  func releasePages() {
    if let base { madvise(base, length, MADV_DONTNEED) }
  }

  deinit {
    if let base { munmap(base, length) }
  }
}
