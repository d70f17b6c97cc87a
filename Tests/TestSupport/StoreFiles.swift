import Foundation

/// The bytes of every file of a store (`notes.json` and all `notes.json.*` beside it), for
/// "nothing changed" checks that also catch new files such as left-over temporaries.
public struct StoreFiles: Equatable, CustomStringConvertible {
  public var bytesByName: [String: [UInt8]]

  /// Reads the files of the store at `storePath`. The lock file is left out: taking the lock
  /// creates it, and it never holds data.
  public init(of storePath: String) {
    let url = URL(fileURLWithPath: storePath)
    let directory = url.deletingLastPathComponent().path
    let name = url.lastPathComponent
    let manager = FileManager.default
    var files: [String: [UInt8]] = [:]
    for entry in (try? manager.contentsOfDirectory(atPath: directory)) ?? []
    where entry == name || (entry.hasPrefix(name + ".") && entry != name + ".lock") {
      files[entry] = manager.bytes(atPath: directory + "/" + entry)
    }
    bytesByName = files
  }

  public var description: String {
    bytesByName.keys.sorted().map { "\($0) (\(bytesByName[$0]!.count) bytes)" }
      .joined(separator: ", ")
  }
}

/// Runs commands as an ordinary user would: when the tests run as root, file modes would not
/// stop anything, so the capabilities that bypass them are dropped (util-linux `setpriv`).
public enum Unprivileged {
  public static var isRoot: Bool { getuid() == 0 }

  /// `command`, prefixed so that permission checks apply to it.
  public static func command(_ command: [String]) -> [String] {
    guard isRoot else { return command }
    return ["/usr/bin/setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] + command
  }

  /// True if permission tests can run here (not root, or root with `setpriv`).
  public static var canDropPrivileges: Bool {
    !isRoot || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
  }
}
