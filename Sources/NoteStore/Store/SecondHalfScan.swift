import ByteJSON
import Dispatch

/// The second half of a scan of the snapshot's notes (`NoteStore.scanSnapshot`), read on
/// another core while the scan's own thread reads the first half.
///
/// Why: reading a million notes' header fields into the index builder was 3.5 s of the 5.1 s
/// an open without the index took, on one core of two. The half starts at a note boundary
/// found by bytes: the first `,\n{` after the middle (a line feed is never inside a JSON
/// string, and url-notes writes one note per line). Bytes cannot say that this `{` opens a
/// note rather than an object inside one (a hand-indented snapshot), so the half is trusted
/// only when the first thread, reading on, arrives at exactly that offset as the start of a
/// note (`join`); if it passes it instead, the half is cancelled and the first thread reads on
/// alone. Once trusted, everything the half found is what reading on would have found: the
/// same reader at the same depth over the same bytes (`JSONReader.continuing(at:)`), the same
/// calls per note, and its error — a `StoreProblem` or `JSONError` with an offset from the
/// file's start — is the error a one-thread scan stops with.
final class SecondHalfScan: @unchecked Sendable {
  /// Where the half starts: the offset of a `{` after `,\n`.
  let boundary: Int
  private let mapped: MappedFile
  /// The half's reader and builder: the worker's alone until `finished` is signalled.
  private var reader: JSONReader
  private var builder: StoreIndex.Builder?
  /// After the half's last note (before the `]` or whatever follows it), or what stopped it.
  private var outcome: Result<JSONReader.Mark, any Error>?
  private let finished = DispatchGroup()
  /// Guards `cancelled` and `scanned`, which both threads touch.
  private let lock = DispatchSemaphore(value: 1)
  private var cancelled = false
  private var scanned: Int

  /// Starts reading the notes from the first boundary at or after the middle of `mapped` on
  /// another thread, with `reader` (standing at the snapshot's first note) as the model of
  /// the reader to use; nil when there is no such boundary.
  static func start(_ reader: JSONReader, in mapped: MappedFile) -> SecondHalfScan? {
    guard let boundary = noteBoundary(in: mapped.bytes, from: mapped.bytes.count / 2),
      boundary > reader.offset
    else { return nil }
    let half = SecondHalfScan(reader.continuing(at: boundary), boundary: boundary, in: mapped)
    half.finished.enter()
    DispatchQueue.global().async { half.run() }
    return half
  }

  private init(_ reader: JSONReader, boundary: Int, in mapped: MappedFile) {
    self.reader = reader
    self.boundary = boundary
    self.mapped = mapped
    scanned = boundary
  }

  /// The offset of the first `{` at or after `start` that follows `,\n`, the start of a line
  /// of a snapshot url-notes wrote; nil if none.
  static func noteBoundary(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    var index = max(start, 1)
    while index < bytes.count,
      let found = Syscalls.firstByte(0x0A, in: base + index, count: bytes.count - index)
    {
      let lineFeed = found - UnsafeRawPointer(base)
      if lineFeed + 1 < bytes.count, bytes[lineFeed + 1] == UInt8(ascii: "{"),
        bytes[lineFeed - 1] == UInt8(ascii: ",")
      {
        return lineFeed + 1
      }
      index = lineFeed + 1
    }
    return nil
  }

  /// The worker: reads notes as `scanSnapshot` does, one after another, until the array ends,
  /// a note fails, or the half is cancelled.
  private func run() {
    var builder = StoreIndex.Builder(snapshotLength: mapped.bytes.count - boundary)
    var fields = HeaderFields()
    var reader = self.reader
    var nextCheck = boundary + Self.checkStep
    var nextRelease = boundary + NoteStore.scanStep
    do {
      while true {
        reader.skipWhitespace()
        let start = reader.offset
        try NoteCodec.readHeaderFields(&reader, into: &fields)
        builder.add(fields, range: start..<reader.offset)
        let end = reader.mark
        if reader.offset >= nextCheck {
          nextCheck = reader.offset + Self.checkStep
          lock.wait()
          scanned = reader.offset
          let stop = cancelled
          lock.signal()
          if stop { break }
          if reader.offset >= nextRelease {
            mapped.releasePages(from: boundary, below: reader.offset)
            nextRelease = reader.offset + NoteStore.scanStep
          }
        }
        if try !reader.nextElement() {
          outcome = .success(end)
          break
        }
      }
    } catch {
      outcome = .failure(error)
    }
    self.builder = Optional(builder)
    finished.leave()
  }

  /// How many bytes the half reads between two looks at `cancelled`: a first half that fails
  /// waits at most this long for the second to stop.
  static let checkStep = 1 << 20

  /// How many bytes past the boundary the half has read (reported about every 16 MB); 0 once
  /// cancelled.
  var progress: Int {
    lock.wait()
    defer { lock.signal() }
    return cancelled ? 0 : scanned - boundary
  }

  /// Waits for the half, adds its notes to `builder` (which holds every note before the
  /// boundary) and returns the place after its last note, where the first thread's reader
  /// continues; throws what stopped the half. Call only when the first thread stands at
  /// `boundary` as the start of a note.
  func join(into builder: inout StoreIndex.Builder) throws -> JSONReader.Mark {
    finished.wait()
    switch outcome! {
    case .success(let end):
      builder.extend(with: self.builder.take()!)
      return end
    case .failure(let error): throw error
    }
  }

  /// Tells the half to stop (its work is not wanted) and waits until it has: it reads the
  /// mapping, which must outlive it.
  func cancel() {
    lock.wait()
    cancelled = true
    lock.signal()
    finished.wait()
  }
}
