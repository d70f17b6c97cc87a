import Foundation

/// Paths of the repository's test fixtures and sample data, found from this file's location
/// so tests run from any working directory.
public enum Fixtures {
  /// The repository root (the folder holding Package.swift).
  public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // TestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  /// `Tests/Fixtures/<relativePath>`.
  public static func url(_ relativePath: String) -> URL {
    repositoryRoot.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relativePath)
  }

  /// The bytes of `Tests/Fixtures/<relativePath>`.
  public static func bytes(_ relativePath: String) throws -> [UInt8] {
    Array(try Data(contentsOf: url(relativePath)))
  }

  /// `data/<name>`: the sample dumps shipped for new users.
  public static func sampleData(_ name: String = "") -> URL {
    repositoryRoot.appendingPathComponent("data").appendingPathComponent(name)
  }
}
