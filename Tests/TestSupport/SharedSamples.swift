import Foundation
import Testing

/// Test data that is not part of the repository: real files from other projects, kept in
/// `../shared/samples/` beside the package (never copied in). Tests that need a folder of it
/// carry `SharedSamples.required(folder)`, so they are skipped, with the reason printed, on a
/// machine without it.
public enum SharedSamples {
  /// `../shared/samples`, relative to the repository root.
  public static let root: URL = Fixtures.repositoryRoot.deletingLastPathComponent()
    .appendingPathComponent("shared/samples")

  /// `../shared/samples/<relativePath>`.
  public static func url(_ relativePath: String) -> URL {
    root.appendingPathComponent(relativePath)
  }

  /// The bytes of `../shared/samples/<relativePath>`.
  public static func bytes(_ relativePath: String) throws -> [UInt8] {
    Array(try Data(contentsOf: url(relativePath)))
  }

  /// Whether the sample folder `folder` (e.g. "real-world-2") is there.
  public static func isPresent(_ folder: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url(folder).path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  /// A trait that skips a test when `folder` is absent, printing where it was looked for.
  public static func required(_ folder: String) -> ConditionTrait {
    .enabled(
      if: isPresent(folder),
      Comment(
        rawValue: "the shared test data \(url(folder).standardized.path) is absent "
          + "(real files from other projects, kept out of the repository)"))
  }
}
