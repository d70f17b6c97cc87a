import Foundation

/// Executables of this build (`url-notes`, `store-torture`, …), found next to the test bundle
/// whatever the scratch path, and a way to run them to completion.
public enum BuiltProducts {
  public struct NotFound: Error, CustomStringConvertible {
    public var name: String
    public var searched: [String]
    public var description: String { "\(name) binary not found near: \(searched)" }
  }

  /// The path of executable `name` of this build.
  public static func executable(_ name: String) throws -> String {
    let manager = FileManager.default
    var starts = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])]
    starts += Bundle.allBundles.map(\.bundleURL)
    for start in starts {
      var directory = start.deletingLastPathComponent()
      for _ in 0..<4 {
        let candidate = directory.appendingPathComponent(name).path
        // A directory passes `isExecutableFile` too: a checkout in a folder named like the
        // product (`…/url-notes/.build/…`) would otherwise be "found" four levels up.
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
          manager.isExecutableFile(atPath: candidate)
        {
          return candidate
        }
        directory = directory.deletingLastPathComponent()
      }
    }
    throw NotFound(name: name, searched: starts.map(\.path))
  }
}

/// The outcome of a finished process.
public struct ProcessResult: Sendable {
  public var status: Int32
  public var stdout: [UInt8]
  public var stderr: [UInt8]
  public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
  public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

extension ProcessResult {
  /// Runs `arguments` (the executable first) with `stdin` as its input (else /dev/null: not a
  /// terminal) and returns once it exited; `environment` entries are added to this process's
  /// environment. It runs in `workingDirectory`, else in this process's.
  public static func run(
    _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
    workingDirectory: String? = nil
  ) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: arguments[0])
    if let workingDirectory {
      process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
    }
    process.arguments = Array(arguments.dropFirst())
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    let input = Pipe()
    process.standardInput = stdin == nil ? FileHandle.nullDevice : input
    try process.run()
    if let stdin {
      input.fileHandleForWriting.write(Data(stdin.utf8))
      try input.fileHandleForWriting.close()
    }
    // Drain stderr on another thread so neither pipe can fill up and stall the child.
    nonisolated(unsafe) var errorBytes = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errorBytes = errors.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outputBytes = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(
      status: process.terminationStatus, stdout: Array(outputBytes), stderr: Array(errorBytes))
  }
}
