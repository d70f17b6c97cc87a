import ByteKernels
import Foundation
import NoteStore

// store-torture: drives the real NoteStore for the reliability tests (Tests/ReliabilityTests).
//
//   store-torture generate --store P --notes N [--seed S]   a store of N generated notes
//   store-torture run --store P --log L --work DIR [--seed S] [--first K] [--changes N]
//                     [--verify]                            the save loop a test kills;
//                                                           prints "ready FINGERPRINT" first
//   store-torture compact --store P                       one compaction (full-disk tests)
//   store-torture fold-kill --store P --step STEP [--seed S] a fold, as the detached one runs,
//                                                           killed at STEP (FoldStep), another
//                                                           writer's change made during it
//   store-torture check --store P                          "ok FINGERPRINT" after invariants pass
//   store-torture put-loop --store P --prefix X --count N   N puts, one apply each, each id
//                                                           printed once it is durable

func option(_ name: String, in arguments: [String]) -> String? {
  guard let index = arguments.firstIndex(of: "--" + name), index + 1 < arguments.count else {
    return nil
  }
  return arguments[index + 1]
}

func required(_ name: String, in arguments: [String]) -> String {
  guard let value = option(name, in: arguments) else {
    FileHandle.standardError.write(Data("store-torture: missing --\(name)\n".utf8))
    exit(2)
  }
  return value
}

let arguments = Array(CommandLine.arguments.dropFirst())
let storePath = required("store", in: arguments)
let seed = UInt64(option("seed", in: arguments) ?? "1") ?? 1

do {
  switch arguments.first {
  case "generate":
    let count = Int(required("notes", in: arguments)) ?? 0
    var random = SplitMix64(seed: seed)
    let store = try NoteStore.open(path: storePath)
    try store.apply((0..<count).map { .put(GeneratedNotes.note(page: $0, random: &random)) })
    emit("generated \(store.count) notes")
  case "run":
    try TortureRun(
      storePath: storePath, logPath: required("log", in: arguments),
      workDirectory: required("work", in: arguments), seed: seed,
      firstChange: Int(option("first", in: arguments) ?? "0") ?? 0,
      changeLimit: option("changes", in: arguments).flatMap { Int($0) },
      verify: arguments.contains("--verify")
    ).run()
  case "check":
    let store = try NoteStore.open(path: storePath)
    for warning in store.warnings {
      FileHandle.standardError.write(Data("\(warning.description)\n".utf8))
    }
    try store.checkInvariants()
    emit("ok \(StoreFingerprint(of: store))")
  case "fold-kill":
    let name = required("step", in: arguments)
    guard let step = FoldStep(rawValue: name) else {
      FileHandle.standardError.write(Data("store-torture: unknown fold step \(name)\n".utf8))
      exit(2)
    }
    try FoldKill(storePath: storePath, step: step, seed: seed).run()
  case "compact":
    try NoteStore.open(path: storePath).compact()
  case "put-loop":
    let prefix = required("prefix", in: arguments)
    let count = Int(required("count", in: arguments)) ?? 0
    let store = try NoteStore.open(path: storePath)
    var random = SplitMix64(seed: seed)
    for index in 0..<count {
      var note = GeneratedNotes.note(page: index, random: &random)
      note.url = "https://concurrent.example/\(prefix)/\(index)"
      note.id = GeneratedNotes.id(forURL: note.url!)
      try store.apply([.put(note)])
      emit(note.id.rawValue)
    }
  default:
    FileHandle.standardError.write(Data("store-torture: unknown command\n".utf8))
    exit(2)
  }
} catch {
  FileHandle.standardError.write(Data("store-torture: \(error)\n".utf8))
  exit(1)
}
