import Foundation
import NoteStore
import TestSupport
import Testing

/// A bare repository standing for the remote, and clones of it holding stores, in a temporary
/// directory; runs the real `url-notes` binary and the real git.
struct SyncSandbox {
  let directory = TemporaryDirectory()
  var remote: String { directory.file("remote.git") }

  struct Result: Equatable {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// `HOME` for every process: a `.gitconfig` with an identity to commit with and `main` as
  /// the first branch of a new repository (or of a clone of an empty one).
  var home: String { directory.file("home") }
  var environment: [String: String] { ["HOME": home, "GIT_CONFIG_NOSYSTEM": "1"] }

  init() throws {
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    try "[user]\n\tname = Sync Test\n\temail = sync@example.com\n[init]\n\tdefaultBranch = main\n"
      .write(toFile: home + "/.gitconfig", atomically: true, encoding: .utf8)
    try git(["init", "-q", "--bare", remote], in: directory.path)
  }

  /// A clone of the remote named `name`.
  @discardableResult
  func clone(_ name: String) throws -> String {
    let path = directory.file(name)
    try git(["clone", "-q", remote, path], in: directory.path)
    return path
  }

  func store(_ clone: String) -> String { directory.file(clone) + "/notes.json" }

  /// `url-notes ARGS…` on the store of `clone`.
  func run(_ clone: String, _ arguments: String..., environment: [String: String] = [:]) throws
    -> Result
  {
    try run(arguments, store: store(clone), environment: environment)
  }

  func run(_ arguments: [String], store: String, environment: [String: String] = [:]) throws
    -> Result
  {
    let result = try ProcessResult.run(
      [try BuiltProducts.executable("url-notes")] + arguments,
      environment: environment.merging(["URL_NOTES_STORE": store]) { first, _ in first }
        .merging(self.environment) { first, _ in first })
    return Result(status: result.status, stdout: result.stdoutText, stderr: result.stderrText)
  }

  /// `url-notes ARGS…` that must succeed; returns its stdout.
  @discardableResult
  func ok(_ clone: String, _ arguments: String..., environment: [String: String] = [:]) throws
    -> String
  {
    let result = try run(arguments, store: store(clone), environment: environment)
    #expect(result.status == 0, "url-notes \(arguments) failed: \(result.stderr)")
    return result.stdout
  }

  /// Runs git and returns its stdout; a failure is a test failure.
  @discardableResult
  func git(_ arguments: [String], in directory: String) throws -> String {
    let result = try ProcessResult.run(
      ["/usr/bin/env", "git", "-C", directory] + arguments, environment: environment)
    #expect(result.status == 0, "git \(arguments) failed: \(result.stderrText)")
    return result.stdoutText
  }

  /// The id of the note titled `title` in the store of `clone`.
  func id(of title: String, in clone: String) throws -> String {
    let store = try NoteStore.open(path: store(clone))
    return try #require(store.headers.first { $0.title == title }).id.rawValue
  }

  /// (title, tags) of every note of the store of `clone`, in id order.
  func contents(_ clone: String) throws -> [String] { try contents(at: store(clone)) }

  /// (title, tags) of every note of the store at `path`, in id order; checks its invariants.
  func contents(at path: String) throws -> [String] {
    let store = try NoteStore.open(path: path)
    try store.checkInvariants()
    return store.headers.sorted { $0.id < $1.id }.map {
      "\($0.title) [\($0.tags.joined(separator: ", "))]"
    }
  }
}
