import ByteKernels
import Testing

@testable import NoteStore

/// The index file's sections are checksummed where they are (`StoreIndex.Image.blockSums`),
/// by two threads, each from its own part of the file: the sums must be those of the whole
/// file's bytes, block by block.
@Suite struct StoreIndexImageTests {
  let block = StoreIndex.blockLength
  /// Three whole blocks and a short one, no two alike.
  let whole = (0..<(3 * StoreIndex.blockLength + 100)).map {
    UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9)
  }

  /// Each block's checksum, computed on the whole array.
  var expected: [UInt64] {
    stride(from: 0, to: whole.count, by: block).map { start in
      whole[start..<min(start + block, whole.count)].withUnsafeBufferPointer(StoreIndex.checksum)
    }
  }

  /// `whole[from...]` cut at `cuts` (offsets into `whole`), summed from its first block that
  /// starts at or after `from`, as the thread writing the range table does.
  func sums(cuts: [Int], from base: Int = 0) -> [UInt64] {
    whole.withUnsafeBytes { bytes in
      let bounds = [base] + cuts + [whole.count]
      let parts = zip(bounds, bounds.dropFirst()).map {
        UnsafeRawBufferPointer(rebasing: bytes[$0..<$1])
      }
      let first = (base + block - 1) / block
      return StoreIndex.Image.blockSums(of: parts, from: base, blocks: first..<4)
    }
  }

  @Test func sumsOfPartsAreTheSumsOfTheWhole() {
    #expect(expected.count == 4)
    #expect(expected[0] != expected[1])
    // One part; parts inside a block and across blocks; cuts on block boundaries; empty
    // parts; the short last block alone.
    for cuts in [
      [], [10, 70_000, 70_001, 140_000], [block, 2 * block], [5, 5, 6, 3 * block + 50],
      [3 * block], [1, 2, 3, 4, 5],
    ] {
      #expect(sums(cuts: cuts) == expected, "cut at \(cuts)")
    }
  }

  @Test func sumsFromAnOffsetStartAtTheFirstWholeBlockAfterIt() {
    #expect(sums(cuts: [], from: 100) == Array(expected[1...]))
    #expect(sums(cuts: [2 * block + 7], from: block) == Array(expected[1...]))
    #expect(sums(cuts: [2 * block + 7], from: block + 1) == Array(expected[2...]))
    #expect(sums(cuts: [], from: 3 * block + 1) == [])
  }

  @Test func theLayoutPlacesEachSectionAfterTheOneBefore() {
    let layout = StoreIndex.Image.Layout(
      spellings: 30, entries: 2, postings: 5, urls: 3, table: 48, headers: 100)
    let postings = StoreIndex.headerLength + 30 + 4 + 2 * 16
    #expect(layout.postingsOffset == postings)
    #expect(layout.urlsOffset == postings + 5 * 4)
    #expect(layout.tableOffset == postings + 5 * 4 + 4 + 3 * 12)
    #expect(layout.blockSumsOffset == layout.tableOffset + 148)
    #expect(layout.payloadLength == 30 + 36 + 20 + 40 + 148)
    #expect(layout.blockCount == 1)
  }
}

/// The URL table's radix sort gives the order of a sort by hash, then position.
@Suite struct URLTableSortTests {
  @Test func theRadixSortIsASortByHashThenPosition() {
    var random = SplitMix64(seed: 16)
    // Hashes that share digits in every 16-bit place, and equal hashes (a URL's bucket key
    // shared by several notes), in position order as the builder adds them.
    let hashes: [UInt64] = (0..<40).map { _ in random.next() } + [0, .max, 1 << 48, 1 << 16]
    let entries = (0..<3000).map { position -> (hash: UInt64, position: UInt32) in
      let pick = Int(random.next() % UInt64(hashes.count))
      let low = random.next() % 3
      return (hashes[pick] ^ low << 17, UInt32(position))
    }
    var sorted = entries
    StoreIndex.Builder.sortByHash(&sorted)
    let expected = entries.sorted { ($0.hash, $0.position) < ($1.hash, $1.position) }
    #expect(sorted.map(\.hash) == expected.map(\.hash))
    #expect(sorted.map(\.position) == expected.map(\.position))
    #expect(Set(sorted.map(\.hash)).count < 3000, "equal hashes are there to keep in order")
    var one = [(hash: UInt64(7), position: UInt32(0))]
    StoreIndex.Builder.sortByHash(&one)
    #expect(one.map(\.hash) == [7])
  }
}
