import ByteKernels
import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// `FileSystem.contents(of:)` reads a file straight into its array, sized from `fstat`: it
/// must give every byte whatever the size, and read on past the size a file reported (a file
/// that grew, or one like /proc's that reports none).
@Suite struct FileSystemReadTests {
  @Test func everySizeReadsBackExactly() throws {
    let directory = TemporaryDirectory()
    var generator = SplitMix64(seed: 0xF11E)
    for size in [0, 1, 2, 4095, 4096, 65_535, 65_536, 65_537, 300_001] {
      let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let path = directory.file("file-\(size)")
      _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
      #expect(try FileSystem.contents(of: path) == bytes, "\(size) bytes")
    }
    #expect(try FileSystem.contents(of: directory.file("missing")) == nil)
  }

  @Test func aFileReportingNoSizeIsReadToItsEnd() throws {
    // /proc files report size 0 and have content.
    let read = try #require(try FileSystem.contents(of: "/proc/self/status"))
    let text = String(decoding: read, as: UTF8.self)
    #expect(text.hasPrefix("Name:"))
    #expect(text.hasSuffix("\n"))
    #expect(text.contains("\nPid:"))
  }
}
