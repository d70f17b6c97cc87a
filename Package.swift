// swift-tools-version:6.0
// url-notes: a terminal browser for notes on web pages.
// The target graph is the architecture; README.md ("Architecture") draws it.
import PackageDescription

let package = Package(
  name: "url-notes",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "url-notes", targets: ["url-notes"]),
    .executable(name: "url-notes-bench", targets: ["url-notes-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // MARK: Bottom: byte kernels (SWAR scans, the terminal-hazard table), and positions and
    // diagnostics, printed in one place.
    .target(name: "ByteKernels"),
    .target(name: "Diagnostics"),
    // The one way a program is started and waited for (git, $EDITOR, the browser, tmux): below
    // both the store and the terminal, which may not depend on each other.
    .target(name: "ProcessLaunch"),

    // MARK: Parsing: bytes in, values out; nothing about notes.
    .target(name: "ByteJSON", dependencies: ["ByteKernels"]),
    .target(name: "FlightFormat", dependencies: ["ByteJSON", "ByteKernels", "Diagnostics"]),

    // MARK: Storage: the note model, the JSON store, importers, queries.
    .target(
      name: "NoteStore",
      dependencies: ["ByteJSON", "ByteKernels", "Diagnostics", "FlightFormat", "ProcessLaunch"]),

    // MARK: Terminal: the only seam to ncurses, and a curses-free core.
    .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
    .target(name: "TerminalCore", dependencies: ["ByteKernels"]),
    .target(name: "CursesTerminal", dependencies: ["CNcursesw", "ProcessLaunch", "TerminalCore"]),

    // MARK: The app: state, commands, key maps, views.
    .target(
      name: "NotesTUI", dependencies: ["Diagnostics", "NoteStore", "ProcessLaunch", "TerminalCore"]),

    // MARK: Executables: thin wiring.
    .executableTarget(
      name: "url-notes",
      dependencies: [
        "ByteKernels", "Diagnostics", "NoteStore", "NotesTUI", "CursesTerminal", "TerminalCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // `Samples` links to data/: the demo's samples are compiled into the program, so
      // `url-notes demo` works from any directory and after the binary is copied elsewhere.
      resources: [.embedInCode("Samples")]),
    .executableTarget(
      name: "url-notes-bench",
      dependencies: [
        "ByteJSON", "ByteKernels", "NoteStore", "FlightFormat", "NotesTUI", "TerminalCore",
      ]),
    // The bench's whole-process rows run each command under this small C program, so that the
    // command's peak RSS is its own (see its main.c: Linux keeps ru_maxrss across execve).
    .executableTarget(name: "child-rusage"),
    // Parser fuzz targets: libFuzzer entry points with -DFUZZING (.ci/fuzz), else a plain driver.
    .executableTarget(
      name: "url-notes-fuzz", dependencies: ["ByteKernels", "FlightFormat", "NoteStore"]),
    // Crash/concurrency harness for ReliabilityTests: saves in a loop through the real store.
    .executableTarget(name: "store-torture", dependencies: ["ByteKernels", "NoteStore"]),

    // MARK: Tests.
    .target(
      name: "TestSupport", dependencies: ["NoteStore", "TerminalCore"], path: "Tests/TestSupport"),
    .testTarget(name: "ByteKernelsTests", dependencies: ["ByteKernels"]),
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
    .testTarget(name: "ByteJSONTests", dependencies: ["ByteJSON", "ByteKernels", "TestSupport"]),
    .testTarget(name: "FlightFormatTests", dependencies: ["FlightFormat", "TestSupport"]),
    .testTarget(
      name: "NoteStoreTests",
      dependencies: ["ByteKernels", "Diagnostics", "NoteStore", "TestSupport"]),
    .testTarget(name: "TerminalCoreTests", dependencies: ["TerminalCore", "TestSupport"]),
    .testTarget(name: "NotesTUITests", dependencies: ["NotesTUI", "TerminalCore", "TestSupport"]),
    // Depends on the executables so `swift test` builds them first.
    .testTarget(
      name: "EndToEndTests",
      dependencies: ["url-notes", "url-notes-bench", "child-rusage", "TestSupport"]),
    .testTarget(
      name: "ReliabilityTests",
      dependencies: ["url-notes", "store-torture", "NoteStore", "TestSupport"]),
  ]
)

// Build hygiene: `.ci/run` sets URL_NOTES_STRICT=1, so a warning in the project's own code fails
// CI. Only this package's targets get the flag: dependencies' warnings never fail the build.
if Context.environment["URL_NOTES_STRICT"] == "1" {
  for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-warnings-as-errors"])]
  }
}
