internal import CNcursesw
import Glibc

// Signal handlers cannot capture context, so the guard's state is global. It is written only
// on the main thread while no handler is installed, and read by the handlers.
nonisolated(unsafe) private var savedActions = UnsafeMutablePointer<sigaction>.allocate(
  capacity: Int(NSIG))
nonisolated(unsafe) private var cursesActive = false
nonisolated(unsafe) private var exitHookRegistered = false

/// Restores the terminal when the process dies from a signal or exits without `shutdown()`.
///
/// Design: the handlers call `endwin()` directly and then re-raise the signal with the
/// previous disposition, as ncurses' own SIGINT handler and most curses programs do. `endwin`
/// is not on the async-signal-safe list, but the main thread spends nearly all its time
/// blocked in `wget_wch`, and the alternative (a flag polled by the input loop) cannot restore
/// the terminal when the app is busy or crashing. Re-raising keeps the conventional exit status
/// (130 for Ctrl-C, 143 for SIGTERM) and lets the Swift runtime's crash backtrace, if it
/// installed handlers, print on a restored screen.
///
/// Covered: SIGINT (Ctrl-C, since input is in cbreak mode), SIGTERM, SIGHUP, SIGQUIT, and the
/// crash signals SIGSEGV, SIGBUS, SIGILL (Swift traps), SIGTRAP, SIGFPE, SIGABRT; plus an
/// `atexit` hook for `exit()` calls. SIGTSTP and SIGWINCH stay with ncurses, which suspends
/// and resizes correctly on its own.
enum SignalGuard {
  static let signals: [Int32] = [
    SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT,
  ]

  /// Installs the handlers. Call before `newterm`, so ncurses sees SIGINT and SIGTERM taken
  /// and does not install its own (which would exit with status 1).
  static func install() {
    for signal in signals {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { signal in restoreAndReraise(signal) }
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      sigaction(signal, &action, savedActions + Int(signal))
    }
    cursesActive = true
    if !exitHookRegistered {
      exitHookRegistered = true
      atexit { restoreTerminal() }
    }
  }

  /// Puts the previous handlers back; called by `shutdown()` before the screen is deleted.
  static func uninstall() {
    cursesActive = false
    for signal in signals {
      sigaction(signal, savedActions + Int(signal), nil)
    }
  }
}

private func restoreTerminal() {
  if cursesActive && !isendwin() {
    endwin()
  }
}

private func restoreAndReraise(_ signal: Int32) {
  restoreTerminal()
  cursesActive = false
  sigaction(signal, savedActions + Int(signal), nil)
  // The signal is blocked while its handler runs, so this delivers it on return with the
  // previous disposition (for a fault, the faulting instruction also re-executes).
  raise(signal)
}
