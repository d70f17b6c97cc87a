// Built only with `-Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer` (see .ci/fuzz): `main` runs
// libFuzzer's driver, which calls `LLVMFuzzerInitialize` once and `LLVMFuzzerTestOneInput` per
// input. The target is chosen with the environment variable URL_NOTES_FUZZ_TARGET;
// URL_NOTES_FUZZ_WRITE_SEEDS=DIR writes the target's seeds into DIR and exits.
#if FUZZING
  import Foundation

  nonisolated(unsafe) var selectedTarget = FuzzTarget.flight

  @_cdecl("LLVMFuzzerInitialize")
  public func fuzzerInitialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
  ) -> CInt {
    let name = ProcessInfo.processInfo.environment["URL_NOTES_FUZZ_TARGET"] ?? "flight"
    guard let target = FuzzTarget(rawValue: name) else {
      let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
      FileHandle.standardError.write(
        Data("URL_NOTES_FUZZ_TARGET=\(name): unknown target (one of \(names))\n".utf8))
      exit(2)
    }
    selectedTarget = target
    // .ci/fuzz asks the binary itself for the seeds, so fixtures and the store format agree.
    if let directory = ProcessInfo.processInfo.environment["URL_NOTES_FUZZ_WRITE_SEEDS"] {
      do {
        let count = try target.writeSeeds(to: directory)
        print("\(name): \(count) seeds in \(directory)")
        exit(0)
      } catch {
        FileHandle.standardError.write(
          Data("\(name): cannot write seeds to \(directory): \(error)\n".utf8))
        exit(1)
      }
    }
    return 0
  }

  /// libFuzzer's driver, called from our own `main` below.
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// SwiftPM links an executable's `main` to this symbol, so libFuzzer's own `main` is never
  /// pulled in; hand control to its driver instead.
  @_cdecl("url_notes_fuzz_main")
  public func fuzzMain(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
  ) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in
      fuzzerTestOneInput(data ?? UnsafePointer(bitPattern: 1)!, size)
    }
  }

  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
  }
#endif
