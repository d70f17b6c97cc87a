import Foundation
import NotesTUI
import TestSupport
import Testing

/// `TextFile`: the one temporary-file writer and read loop of the browser and the CLI.
@Suite struct TextFileTests {
  let directory = TemporaryDirectory()

  @Test func temporaryFilesArePrivateAndReadBackWhole() throws {
    let text = "title: é\n" + String(repeating: "x", count: 200_000) + "\n"
    let path = try TextFile.writeTemporary(text, prefix: "url-notes-test-", suffix: ".txt")
    defer { TextFile.remove(path) }
    #expect(path.hasSuffix(".txt") && path.contains("/url-notes-test-"))
    let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    #expect(mode == 0o600)
    #expect(try TextFile.read(path) == text)
    TextFile.remove(path)
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func newFilesNeverReplaceOldOnesAndFailuresNameTheFile() throws {
    let folder = directory.file("made")
    try TextFile.makeDirectory(folder)
    try TextFile.create(folder + "/a.txt", holding: Array("one".utf8))
    #expect(try TextFile.read(folder + "/a.txt") == "one")
    #expect(throws: TextFile.Failure.self) {
      try TextFile.create(folder + "/a.txt", holding: Array("two".utf8))
    }
    #expect(try TextFile.read(folder + "/a.txt") == "one")
    do {
      _ = try TextFile.read(folder + "/missing.txt")
      Issue.record("read a missing file")
    } catch {
      #expect(error.description == "cannot read \(folder)/missing.txt: No such file or directory")
    }
  }
}
