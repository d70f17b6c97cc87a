extension StoreIndex {
  /// A growable buffer of little-endian values, appended without the checks of an array's
  /// `append` (uniqueness, capacity per element): a scan appends ~30 values per note.
  struct ByteSink: ~Copyable {
    private var base = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
    private var capacity = 64
    private(set) var count = 0

    mutating func reserve(_ wanted: Int) {
      guard wanted > capacity else { return }
      let grown = UnsafeMutableRawPointer.allocate(byteCount: wanted, alignment: 8)
      grown.copyMemory(from: base, byteCount: count)
      base.deallocate()
      base = grown
      capacity = wanted
    }

    @inline(__always)
    private mutating func make(room: Int) {
      if count + room > capacity { reserve(max(capacity * 2, count + room)) }
    }

    mutating func append(_ value: UInt64) {
      make(room: 8)
      base.storeBytes(of: value.littleEndian, toByteOffset: count, as: UInt64.self)
      count += 8
    }

    mutating func append(_ value: UInt32) {
      make(room: 4)
      base.storeBytes(of: value.littleEndian, toByteOffset: count, as: UInt32.self)
      count += 4
    }

    /// A length-prefixed string.
    mutating func appendString(_ bytes: [UInt8]) {
      append(UInt32(bytes.count))
      bytes.withUnsafeBytes { append(contentsOf: $0) }
    }

    /// Raw bytes, as they are.
    mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
      guard let source = bytes.baseAddress else { return }
      make(room: bytes.count)
      (base + count).copyMemory(from: source, byteCount: bytes.count)
      count += bytes.count
    }

    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
      body(UnsafeRawBufferPointer(start: base, count: count))
    }

    deinit { base.deallocate() }
  }

  /// Tag spellings numbered in order of first use, found by their bytes: an open-addressing
  /// table of numbers over one buffer of the spellings' bytes. A note's ~20 tags each cost a
  /// hash of a few bytes and one comparison, where a `[String: UInt32]` needed a `String` and
  /// a SipHash each (20M of them at 1,000,000 notes).
  struct Spellings {
    private var bytes: [UInt8] = []
    /// Where each spelling's bytes end in `bytes`.
    private var ends: [Int] = []
    /// Spelling numbers by hash, -1 for an empty slot; the count is a power of two.
    private var slots = [Int32](repeating: -1, count: 1 << 12)

    var count: Int { ends.count }

    /// The number of `spelling`, and whether it was new (numbered now).
    mutating func number(of spelling: UnsafeBufferPointer<UInt8>) -> (UInt32, isNew: Bool) {
      var slot = Int(truncatingIfNeeded: StoreIndex.checksum(spelling)) & (slots.count - 1)
      while slots[slot] >= 0 {
        let number = Int(slots[slot])
        let start = number == 0 ? 0 : ends[number - 1]
        if ends[number] - start == spelling.count,
          spelling.isEmpty
            || bytes.withUnsafeBufferPointer({
              Syscalls.compare(
                $0.baseAddress! + start, spelling.baseAddress!, count: spelling.count)
                == 0
            })
        {
          return (UInt32(number), false)
        }
        slot = (slot + 1) & (slots.count - 1)
      }
      let number = ends.count
      bytes.append(contentsOf: spelling)
      ends.append(bytes.count)
      slots[slot] = Int32(number)
      // At most half full: probes stay short.
      if ends.count * 2 > slots.count { grow() }
      return (UInt32(number), true)
    }

    /// Calls `body` with the bytes of spelling `number`.
    func withBytes(of number: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
      let start = number == 0 ? 0 : ends[number - 1]
      bytes.withUnsafeBufferPointer {
        body(UnsafeBufferPointer(rebasing: $0[start..<ends[number]]))
      }
    }

    private mutating func grow() {
      slots = [Int32](repeating: -1, count: slots.count * 2)
      bytes.withUnsafeBufferPointer { all in
        var start = 0
        for (number, end) in ends.enumerated() {
          var slot =
            Int(
              truncatingIfNeeded: StoreIndex.checksum(
                UnsafeBufferPointer(rebasing: all[start..<end])))
            & (slots.count - 1)
          while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
          slots[slot] = Int32(number)
          start = end
        }
      }
    }
  }
}
