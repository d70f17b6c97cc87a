import Foundation

/// Runs other programs the way a shell would (posix_spawn, stdout to a file or /dev/null) and
/// times them as whole processes: exec, dynamic loading, start-up, work, exit.
///
/// Its own posix_spawn and wait, not `ProcessLauncher`: it needs wait4's rusage, files opened
/// in the child (truncated output, the report descriptor past 2) and a whole environment of
/// its own, and the bench's tools stay apart from the code they measure (as `CorpusStoreWriter`).
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
  ///
  /// The command runs under `child-rusage` (built beside the bench), which forks and execs it
  /// and reports its wait4 figures: started straight from the bench, a child's ru_maxrss would
  /// be the bench's own peak (Linux keeps the high-water mark across execve, and a
  /// posix_spawn'd child shares the bench's memory until it execs). Without `child-rusage`,
  /// the command runs directly and its peak RSS reads NaN.
  static func run(
    _ arguments: [String], capture: Bool = false, outputPath: String? = nil,
    stdinPath: String = "/dev/null",
    environment: [String: String] = [:], showErrors: Bool = false
  ) -> Result {
    let failed = Result(status: -1, seconds: .nan, cpuSeconds: .nan, peakRSS: .nan, output: "")
    // Named per call: the fold rows run a command on another thread beside the adds.
    let scratch = NSTemporaryDirectory() + "bench-child-\(getpid())-\(UUID().uuidString)"
    let outputPath =
      capture ? scratch + ".out" : outputPath ?? "/dev/null"
    let reportPath = scratch + ".rusage"
    let shim = access(rusageShim, X_OK) == 0 ? rusageShim : nil
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if !showErrors { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
    if shim != nil {
      posix_spawn_file_actions_addopen(
        &actions, reportDescriptor, reportPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    }
    var merged = ProcessInfo.processInfo.environment
    for (key, value) in environment { merged[key] = value }
    let command = shim.map { [$0, String(reportDescriptor)] + arguments } ?? arguments
    let argv = command.map { strdup($0) } + [nil]
    let envp = merged.map { strdup("\($0)=\($1)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let start = Measure.now()
    guard posix_spawn(&pid, command[0], &actions, nil, argv, envp) == 0 else { return failed }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    var seconds = Measure.now() - start
    var cpu =
      Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    var peakRSS = Double.nan
    if shim != nil {
      // "STATUS WALL USER SYSTEM MAXRSS-KB" of the command itself (child-rusage's main.c).
      let report = (try? String(contentsOfFile: reportPath, encoding: .utf8)) ?? ""
      unlink(reportPath)
      let fields = report.split(separator: " ").map {
        Double($0.trimmingCharacters(in: .whitespacesAndNewlines))
      }
      guard status == 0, fields.count == 5, let raw = fields[0], let wall = fields[1],
        let user = fields[2], let system = fields[3], let kilobytes = fields[4]
      else { return failed }
      status = Int32(raw)
      seconds = wall
      cpu = user + system
      peakRSS = kilobytes * 1024
    }
    var output = ""
    if capture {
      output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
      unlink(outputPath)
    }
    let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return Result(
      status: exitStatus, seconds: seconds, cpuSeconds: cpu, peakRSS: peakRSS, output: output)
  }

  /// `child-rusage`, built beside the bench.
  static var rusageShim: String { executableDirectory + "/child-rusage" }

  /// The descriptor on which `child-rusage` writes its report (above the standard three).
  static let reportDescriptor: Int32 = 3

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
