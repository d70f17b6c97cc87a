import Foundation
import TestSupport
import Testing

/// A real full disk (ENOSPC, not the size limit of StoreFailureTests): a 512 KiB tmpfs mounted
/// in a private mount namespace (`unshare -m`, so nothing outlives the test), filled up, then
/// `url-notes import` into the store on it. Needs the privilege to mount (root in a container);
/// skipped elsewhere.
@Suite(.enabled(if: MountProbe.canMount, "needs unshare -m and mount (root)"))
struct FullFilesystemTests {
  @Test func importOntoAFullFilesystemLeavesTheStoreIdentical() throws {
    let directory = TemporaryDirectory()
    let url = try BuiltProducts.executable("url-notes")
    let original = directory.file("original/notes.json")
    let setup = try ProcessResult.run(
      [url, "import", "--store", original, Fixtures.sampleData("tag-gpu.rsc.txt").path])
    try #require(setup.status == 0)
    let mountPoint = directory.file("mnt")
    let after = directory.file("after")
    for path in [mountPoint, after] {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    // In the namespace: copy the store in, fill the disk, import, copy the store files out.
    let script = """
      mount -t tmpfs -o size=512k tmpfs "$1" || exit 99
      cp "$2"/notes.json* "$1"/
      dd if=/dev/zero of="$1/filler" bs=4k 2>/dev/null
      "$0" import --store "$1/notes.json" "$3"
      status=$?
      rm "$1/filler"
      cp "$1"/notes.json* "$4"/
      exit $status
      """
    let result = try ProcessResult.run([
      "/usr/bin/unshare", "-m", "/bin/sh", "-c", script, url, mountPoint,
      directory.file("original"), Fixtures.sampleData("tag-hardware.rsc.txt").path, after,
    ])
    #expect(result.status == 1)
    #expect(
      result.stderrText
        == "\(mountPoint)/notes.json.journal:1:1: error: write failed: No space left on device; the change was not saved, the store is unchanged\n"
    )
    #expect(StoreFiles(of: after + "/notes.json") == StoreFiles(of: original))
  }
}

/// Whether this process may mount a tmpfs in a private mount namespace.
enum MountProbe {
  static let canMount: Bool = {
    guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else {
      return false
    }
    let directory = TemporaryDirectory()
    let probe = try? ProcessResult.run([
      "/usr/bin/unshare", "-m", "/bin/sh", "-c", "mount -t tmpfs -o size=64k tmpfs \"$0\"",
      directory.path,
    ])
    return probe?.status == 0
  }()
}
