import Foundation

/// The baseline a Swift app would start from: Foundation's `JSONDecoder` decoding the whole
/// store file into plain `Codable` structs (same schema as README "Store format").
enum FoundationBaseline {
  struct StoreFile: Decodable {
    var format: String
    var formatVersion: Int
    var notes: [NoteObject]
  }

  struct NoteObject: Decodable {
    var id: String
    var url: String?
    var title: String
    var tags: [String]
    var summary: [Node]
    var body: String?
    var provenance: [Source]
    var created: String
    var updated: String
  }

  struct Node: Decodable {
    var markup: String
    var children: [Node]?
  }

  struct Source: Decodable {
    var file: String
    var format: String
    var imported: String
  }

  /// Reads and decodes the file; returns the number of notes.
  static func decode(path: String) throws -> Int {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try JSONDecoder().decode(StoreFile.self, from: data).notes.count
  }

  /// Reads the whole file with read(2) into one buffer: the floor for anything that looks at
  /// every byte. The buffer is allocated and touched once, outside the timing, so the figure
  /// is the copy from the page cache, not the page faults of fresh memory. Returns the bytes
  /// read.
  static func rawRead(path: String) -> Int {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return 0 }
    defer { close(fd) }
    var info = stat()
    fstat(fd, &info)
    let size = Int(info.st_size)
    let buffer = ReadBuffer.shared.buffer(atLeast: size)
    var total = 0
    while total < size {
      let count = read(fd, buffer + total, size - total)
      if count <= 0 { break }
      total += count
    }
    return total
  }

  /// One reusable, pre-touched buffer for `rawRead`.
  final class ReadBuffer: @unchecked Sendable {
    static let shared = ReadBuffer()
    private var pointer = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 16)
    private var capacity = 1

    func buffer(atLeast size: Int) -> UnsafeMutableRawPointer {
      if size > capacity {
        pointer.deallocate()
        pointer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: size)
        capacity = size
      }
      return pointer
    }
  }
}
