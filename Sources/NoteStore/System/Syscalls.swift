import ProcessLaunch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The C library, wrapped: the only file of NoteStore that imports Glibc.
///
/// Each wrapper is one call with Swift types in and out (no `stat`, `off_t` or raw flag
/// integers past this file) and says nothing of policy: durability, waiting and error
/// messages live in `FileSystem`, `MappedFile` and `StoreLock`, which are written against
/// these. The one exception is EINTR: reads and writes retry it here, once for all callers.
/// In the style of swift-system's `Sources/System/Internals/Syscalls.swift`.
enum Syscalls {
  /// A C error number (its text is `message`): `ProcessLauncher`'s, which a spawn or a wait
  /// throws, so there is one; the names the store needs are below, after `Syscalls`.
  typealias Errno = ProcessLauncher.Errno

  /// The error of the last call that failed on this thread.
  static var errno: Errno {
    #if canImport(Glibc)
      Errno(code: Glibc.errno)
    #else
      Errno(code: Darwin.errno)
    #endif
  }

  /// How to open a file; every descriptor is opened close-on-exec.
  struct OpenMode: OptionSet {
    let rawValue: Int32
    static let readOnly = OpenMode(rawValue: O_RDONLY)
    static let writeOnly = OpenMode(rawValue: O_WRONLY)
    static let readWrite = OpenMode(rawValue: O_RDWR)
    static let create = OpenMode(rawValue: O_CREAT)
    static let truncate = OpenMode(rawValue: O_TRUNC)
    static let append = OpenMode(rawValue: O_APPEND)
    static let directory = OpenMode(rawValue: O_DIRECTORY)
  }

  /// A descriptor, or -1 (see `errno`). New files get `permissions` (0600: notes are private).
  static func open(_ path: String, _ mode: OpenMode, permissions: UInt32 = 0o600) -> Int32 {
    Glibc.open(path, mode.rawValue | O_CLOEXEC, mode_t(permissions))
  }

  static func close(_ fd: Int32) { _ = Glibc.close(fd) }

  /// Bytes read into `buffer`: 0 at the end, -1 on error. From `offset` when given (pread).
  /// Retried when a signal interrupts it.
  static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int? = nil)
    -> Int
  {
    retryingInterrupts {
      if let offset { return pread(fd, buffer.baseAddress, buffer.count, off_t(offset)) }
      return Glibc.read(fd, buffer.baseAddress, buffer.count)
    }
  }

  /// Bytes written from `buffer`, or -1. At `offset` when given (pwrite). Retried when a
  /// signal interrupts it.
  static func write(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, at offset: Int? = nil) -> Int {
    retryingInterrupts {
      if let offset { return pwrite(fd, buffer.baseAddress, buffer.count, off_t(offset)) }
      return Glibc.write(fd, buffer.baseAddress, buffer.count)
    }
  }

  /// `call` again for as long as it fails with EINTR (a signal arrived before anything was
  /// transferred): the one retry loop, so callers see only real results and real errors.
  private static func retryingInterrupts(_ call: () -> Int) -> Int {
    while true {
      let result = call()
      if result >= 0 || errno != .interrupted { return result }
    }
  }

  /// fsync (`dataOnly`: fdatasync, enough for an append whose size change is data).
  static func sync(_ fd: Int32, dataOnly: Bool = false) -> Bool {
    (dataOnly ? fdatasync(fd) : fsync(fd)) == 0
  }

  static func truncate(_ fd: Int32, toLength length: Int) -> Bool {
    ftruncate(fd, off_t(length)) == 0
  }

  /// What `fstat` and `stat` tell about one version of a file.
  /// What `stat` tells the store: the version of the file (`FileIdentity`, whose fields are
  /// read here and nowhere else) and whether it is a directory.
  struct FileStatus {
    var identity: FileIdentity
    var isDirectory: Bool
    var size: Int64 { identity.size }

    init(_ info: stat) {
      #if canImport(Glibc)
        let modified = info.st_mtim
      #else
        let modified = info.st_mtimespec
      #endif
      identity = FileIdentity(
        device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
        modifiedSeconds: Int64(modified.tv_sec), modifiedNanoseconds: Int64(modified.tv_nsec))
      isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
    }
  }

  static func status(of fd: Int32) -> FileStatus? {
    var info = stat()
    return fstat(fd, &info) == 0 ? FileStatus(info) : nil
  }

  static func status(atPath path: String) -> FileStatus? {
    var info = stat()
    return stat(path, &info) == 0 ? FileStatus(info) : nil
  }

  static func rename(_ source: String, to target: String) -> Bool {
    Glibc.rename(source, target) == 0
  }

  static func unlink(_ path: String) { _ = Glibc.unlink(path) }

  static func makeDirectory(_ path: String, permissions: UInt32 = 0o700) -> Bool {
    mkdir(path, mode_t(permissions)) == 0
  }

  static func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }

  /// Names in a directory (not "." or ".."), unsorted; empty if it cannot be read.
  static func directoryEntries(_ path: String) -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  static func currentDirectory() -> String? {
    var buffer = [UInt8](repeating: 0, count: 4096)
    let found = buffer.withUnsafeMutableBytes {
      getcwd($0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count) != nil
    }
    return found ? String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self) : nil
  }

  /// A private read-only mapping of `length` bytes of `fd`, or nil (see `errno`).
  static func map(_ fd: Int32, length: Int) -> UnsafeMutableRawPointer? {
    let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
    return mapped == MAP_FAILED ? nil : mapped
  }

  static func unmap(_ base: UnsafeMutableRawPointer, length: Int) { munmap(base, length) }

  /// Tells the kernel the mapped pages may be dropped.
  static func dropPages(_ base: UnsafeMutableRawPointer, length: Int) {
    madvise(base, length, MADV_DONTNEED)
  }

  /// flock(LOCK_EX | LOCK_NB): true if this descriptor now holds the lock.
  static func tryLockExclusive(_ fd: Int32) -> Bool { flock(fd, LOCK_EX | LOCK_NB) == 0 }

  static func unlock(_ fd: Int32) { flock(fd, LOCK_UN) }

  static func sleep(microseconds: UInt32) { usleep(microseconds) }

  /// The wall clock (`realtime`) or a monotonic one, as seconds and nanoseconds.
  static func clock(realtime: Bool) -> (seconds: Int64, nanoseconds: Int64) {
    var spec = timespec()
    clock_gettime(realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC, &spec)
    return (Int64(spec.tv_sec), Int64(spec.tv_nsec))
  }

  static var processID: Int32 { getpid() }

  /// Whether process `pid` is running (kill with signal 0 checks without sending one).
  static func processExists(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == Errno(code: EPERM)
  }

  static var onlineProcessors: Int {
    #if canImport(Glibc)
      return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #else
      return max(1, Int(sysconf(_SC_NPROCESSORS_ONLN)))
    #endif
  }

  /// Starts `arguments[0]` with `arguments` as a detached process: a session of its own, no
  /// terminal, standard input, output and error on /dev/null; nobody waits for it. False if
  /// it could not be started.
  static func spawnDetached(_ arguments: [String]) -> Bool {
    if case .success = ProcessLauncher.spawn(
      arguments, input: .null, output: .null, error: .null, group: .newSession)
    {
      return true
    }
    return false
  }

  /// Runs `arguments` through `ProcessLauncher` (standard input from /dev/null, standard
  /// output and error to `output`, `environment` entries ahead of this process's own) and
  /// waits for the process: its exit status, or 128 + the signal's number when a signal ended
  /// it. Throws the spawn's error (`.noEntry`: no such program) or the wait's.
  static func run(_ arguments: [String], output: Int32, environment: [String]) throws(Errno)
    -> Int32
  {
    let started = ProcessLauncher.spawn(
      arguments, input: .null, output: .descriptor(output), error: .descriptor(output),
      environment: environment)
    let pid: Int32
    switch started {
    case .success(let child): pid = child
    case .failure(let error): throw error
    }
    switch ProcessLauncher.wait(pid) {
    case .success(.exited(let status)): return status
    case .success(.signaled(let signal)): return 128 + signal
    case .failure(let error): throw error
    }
  }

  /// A new empty file of mode 0600 named from `template`, whose `XXXXXX` before its last
  /// `suffixLength` bytes is made unique (mkstemps: O_EXCL, so no existing file or symlink is
  /// followed): its descriptor and path, or nil with errno set.
  static func makeTemporaryFile(_ template: String, suffixLength: Int = 0)
    -> (fd: Int32, path: String)?
  {
    var name = Array(template.utf8CString)
    let fd = mkstemps(&name, Int32(suffixLength))
    guard fd >= 0 else { return nil }
    return (fd, name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
  }

  /// memchr: the first `byte` in `count` bytes from `base`.
  static func firstByte(_ byte: UInt8, in base: UnsafeRawPointer, count: Int)
    -> UnsafeRawPointer?
  {
    UnsafeRawPointer(memchr(base, Int32(byte), count))
  }

  /// memcmp of `count` bytes: negative, zero or positive.
  static func compare(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, count: Int) -> Int32 {
    memcmp(left, right, count)
  }
}

extension ProcessLauncher.Errno {
  static let noEntry = Self(code: ENOENT)
  static let interrupted = Self(code: EINTR)
  static let wouldBlock = Self(code: EWOULDBLOCK)
  static let isDirectory = Self(code: EISDIR)
  static let tryAgain = Self(code: EAGAIN)
  static let exists = Self(code: EEXIST)
}
