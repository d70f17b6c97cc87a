import Foundation

/// Runs other programs the way a shell would (posix_spawn, stdout to a file or /dev/null) and
/// times them as whole processes: exec, dynamic loading, start-up, work, exit.
enum ChildProcess {
  struct Result {
    var status: Int32
    var seconds: Double
    /// User plus system CPU time of the child (wait4's rusage): on a busy machine this stays
    /// near the unloaded wall time while the wall time grows.
    var cpuSeconds: Double
    /// The child's peak resident set in bytes (wait4's ru_maxrss: its VmHWM).
    var peakRSS: Double
    /// What the child wrote to stdout, when captured.
    var output: String
  }

  /// Runs `arguments` (the first is the executable's path) and waits for it.
  /// `capture`: keep stdout (through a temporary file); else it goes to `outputPath` or /dev/null.
  /// stderr goes to /dev/null unless `showErrors`.
  static func run(
    _ arguments: [String], capture: Bool = false, outputPath: String? = nil,
    stdinPath: String = "/dev/null",
    environment: [String: String] = [:], showErrors: Bool = false
  ) -> Result {
    let outputPath =
      capture ? NSTemporaryDirectory() + "bench-child-\(getpid()).out" : outputPath ?? "/dev/null"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if !showErrors { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
    var merged = ProcessInfo.processInfo.environment
    for (key, value) in environment { merged[key] = value }
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = merged.map { strdup("\($0)=\($1)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let start = Measure.now()
    let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
    guard spawned == 0 else {
      return Result(status: -1, seconds: .nan, cpuSeconds: .nan, peakRSS: .nan, output: "")
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let cpu =
      Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    let seconds = Measure.now() - start
    var output = ""
    if capture {
      output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
      unlink(outputPath)
    }
    let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return Result(
      status: exitStatus, seconds: seconds, cpuSeconds: cpu,
      peakRSS: Double(usage.ru_maxrss) * 1024, output: output)
  }

  /// Median wall and CPU seconds of `runs` runs (after one warm-up run), and the largest
  /// peak RSS among them; nil if any failed.
  static func median(_ arguments: [String], runs: Int, environment: [String: String] = [:])
    -> (wall: Double, cpu: Double, peakRSS: Double)?
  {
    var walls: [Double] = []
    var cpus: [Double] = []
    var peak = 0.0
    for run in 0...runs {
      let result = self.run(arguments, environment: environment)
      guard result.status == 0 else { return nil }
      if run > 0 {
        walls.append(result.seconds)
        cpus.append(result.cpuSeconds)
        peak = max(peak, result.peakRSS)
      }
    }
    return (Measure.median(walls), Measure.median(cpus), peak)
  }

  /// The directory holding this executable (its siblings are the other built products).
  static var executableDirectory: String {
    let path =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    return (path as NSString).deletingLastPathComponent
  }

  /// The path of `name` if it is on $PATH.
  static func which(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
      let candidate = "\(directory)/\(name)"
      if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
  }
}
