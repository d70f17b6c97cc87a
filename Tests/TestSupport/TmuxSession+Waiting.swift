import Glibc

/// Waiting for the screen and for the program's exit by polling, never by fixed sleeps alone.
extension TmuxSession {
  /// How often the screen is polled.
  static let pollIntervalMicroseconds: UInt32 = 20_000

  /// Waits until `text` appears on the visible screen; returns that screen, or throws
  /// `TmuxError.timeout` with the last screen after `timeout` seconds.
  @discardableResult
  public func waitFor(text: String, timeout: Double = 5) throws -> [String] {
    try waitFor(timeout: timeout, "text \"\(text)\"") { screen in
      screen.contains { $0.contains(text) }
    }
  }

  /// Waits until `condition` holds for the visible screen and the screen is settled; returns
  /// that screen, or throws `TmuxError.timeout` with the last screen.
  ///
  /// Settled: the next capture, one poll later, is the same. Under load tmux can show a frame
  /// the program is still writing (the line a test waits for drawn, the rows below it not
  /// yet), and the tests go on to check those rows on the screen returned here.
  @discardableResult
  public func waitFor(
    timeout: Double = 5, _ description: String = "condition",
    _ condition: ([String]) -> Bool
  ) throws -> [String] {
    let deadline = Self.now() + timeout
    var previous: [String]? = nil
    while true {
      let screen = try capture()
      if condition(screen) {
        if screen == previous { return screen }
        previous = screen
      } else {
        previous = nil
      }
      if Self.now() > deadline {
        throw TmuxError.timeout(waitingFor: description, screen: screen)
      }
      usleep(Self.pollIntervalMicroseconds)
    }
  }

  /// Waits until the screen shows every row of `rows` exactly and every row of `prefixes`
  /// starting with its text (row index → text; a negative index counts from the bottom, -1
  /// the status row), and returns that screen. For frames checked row by row: waiting for one
  /// piece of text alone can capture a frame the program is still writing (under load, tmux
  /// shows the new title before the rows below it).
  @discardableResult
  public func waitFor(
    rows: [Int: String], prefixes: [Int: String] = [:], timeout: Double = 5
  ) throws -> [String] {
    func described(_ rows: [Int: String], _ relation: String) -> [String] {
      rows.sorted { $0.key < $1.key }.map { "row \($0.key) \(relation) \"\($0.value)\"" }
    }
    let description = (described(rows, "==") + described(prefixes, "starts with"))
      .joined(separator: ", ")
    return try waitFor(timeout: timeout, description) { screen in
      func row(_ index: Int) -> String? {
        let row = index < 0 ? screen.count + index : index
        return screen.indices.contains(row) ? screen[row] : nil
      }
      return rows.allSatisfy { row($0.key) == $0.value }
        && prefixes.allSatisfy { row($0.key)?.hasPrefix($0.value) == true }
    }
  }

  /// Waits for the pane's command to exit and returns its exit status (128 + n for a signal,
  /// as a shell reports it).
  ///
  /// Works around Debian's tmux, whose libutempter SIGCHLD handling sometimes leaves a dead
  /// pane without a status: the server is then nudged with SIGCHLD.
  public func waitForExit(timeout: Double = 5) throws -> Int32 {
    let deadline = Self.now() + timeout
    var nudged = Self.now()
    while true {
      let fields = try run([
        "display-message", "-p", "-t", Self.target,
        "#{pane_dead} #{pane_dead_status} #{pane_dead_signal} #{pid}",
      ]).split(separator: " ", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespacesAndNewlines)
      }
      if fields.count >= 4, fields[0] == "1" {
        if let status = Int32(fields[1]) { return status }
        if let signal = Int32(fields[2]), signal > 0 { return 128 + signal }
        if Self.now() - nudged > 0.2, let serverPID = Int32(fields[3]) {
          Glibc.kill(serverPID, SIGCHLD)
          nudged = Self.now()
        }
      }
      if Self.now() > deadline {
        let screen = (try? capture(history: true)) ?? []
        throw TmuxError.timeout(waitingFor: "exit (pane: \(fields))", screen: screen)
      }
      usleep(Self.pollIntervalMicroseconds)
    }
  }

  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }
}
