// The plain driver, for a normal `swift build`: runs fuzz targets on files (to reproduce a
// libFuzzer finding without the sanitizer build) and on a deterministic stream of mutated seeds.
#if !FUZZING
  import Foundation

  @main
  struct PlainDriver {
    static let usage = """
      usage: url-notes-fuzz TARGET [--mutations N] [--seed N] [FILE|DIR ...]
             url-notes-fuzz TARGET --write-seeds DIR
        TARGET       flight, html, markdown, netscape, store, or all
        FILE|DIR     inputs to run (default: the target's seed fixtures, from the current folder)
        --mutations  deterministic mutations of the inputs to run after them (default 1000)
        --seed       seed of the mutation stream (default 1)
      With libFuzzer, build with .ci/fuzz instead.
      """

    static func main() {
      var arguments = Array(CommandLine.arguments.dropFirst())
      guard let name = arguments.first else { fail(usage) }
      arguments.removeFirst()
      let targets: [FuzzTarget]
      if name == "all" {
        targets = FuzzTarget.allCases
      } else if let target = FuzzTarget(rawValue: name) {
        targets = [target]
      } else {
        fail("unknown target '\(name)'\n" + usage)
      }
      var mutations = 1000
      var seed: UInt64 = 1
      var paths: [String] = []
      while let argument = arguments.first {
        arguments.removeFirst()
        switch argument {
        case "--write-seeds":
          guard let directory = arguments.first else { fail("--write-seeds needs a folder") }
          for target in targets {
            do {
              print("\(target.rawValue): \(try target.writeSeeds(to: directory)) seeds")
            } catch {
              fail("cannot write seeds to \(directory): \(error)")
            }
          }
          return
        case "--mutations", "--seed":
          guard let text = arguments.first, let value = UInt64(text) else {
            fail("\(argument) needs a number\n" + usage)
          }
          arguments.removeFirst()
          if argument == "--seed" { seed = value } else { mutations = Int(value) }
        default: paths.append(argument)
        }
      }
      for target in targets {
        var inputs = readInputs(paths.isEmpty ? target.seedFolders : paths)
        if paths.isEmpty && target == .store { inputs += generatedStoreSeeds() }
        let start = Date()
        for input in inputs { target.run(input) }
        var mutator = SeedMutator(seeds: inputs, seed: seed)
        for _ in 0..<mutations { target.run(mutator.next()) }
        let seconds = Date().timeIntervalSince(start)
        print(
          "\(target.rawValue): \(inputs.count) inputs and \(mutations) mutations in "
            + String(format: "%.2f s", seconds))
      }
    }

    /// The store target's seeds, written to a temporary folder and read back.
    static func generatedStoreSeeds() -> [[UInt8]] {
      let directory = NSTemporaryDirectory() + "url-notes-fuzz-seeds-\(getpid())"
      defer { try? FileManager.default.removeItem(atPath: directory) }
      guard (try? FuzzTarget.store.writeSeeds(to: directory)) != nil else { return [] }
      return readInputs([directory])
    }

    /// The files named, and the files directly inside the folders named.
    static func readInputs(_ paths: [String]) -> [[UInt8]] {
      var files: [String] = []
      for path in paths {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
          fail("\(path): no such file or folder")
        }
        if isDirectory.boolValue {
          let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
          files += names.sorted().filter { !$0.hasPrefix(".") }.map { path + "/" + $0 }
        } else {
          files.append(path)
        }
      }
      return files.compactMap { FileManager.default.contents(atPath: $0).map { Array($0) } }
    }

    static func fail(_ message: String) -> Never {
      FileHandle.standardError.write(Data((message + "\n").utf8))
      exit(2)
    }
  }
#endif
