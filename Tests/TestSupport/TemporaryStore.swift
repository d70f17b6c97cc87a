import Foundation
import NoteStore

/// A fresh directory under the system temp dir, removed when the value is released.
public final class TemporaryDirectory {
  public let path: String

  public init() {
    let base = NSTemporaryDirectory() + "url-notes-test-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    path = base
  }

  /// `<dir>/<name>`.
  public func file(_ name: String) -> String { path + "/" + name }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Notes for tests, with fixed times so output is exact.
public enum SampleNotes {
  public static let time = Timestamp(iso8601: "2026-01-02T03:04:05Z")!

  public static func note(
    _ id: String, url: String? = nil, title: String, tags: [String] = [],
    summary: [SummaryNode] = [], body: String? = nil, created: Timestamp = time
  ) -> Note {
    Note(
      id: NoteID(id), url: url, title: title, tags: tags, summary: summary, body: body,
      provenance: [], created: created, updated: created)
  }
}

extension FileManager {
  /// The bytes of a file, or an empty array if it cannot be read (for byte-identity checks).
  public func bytes(atPath path: String) -> [UInt8] {
    (contents(atPath: path)).map { Array($0) } ?? []
  }
}
