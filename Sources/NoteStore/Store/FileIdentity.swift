/// The identity of one version of a file: device, inode, size and modification time.
/// Saves replace the snapshot by rename (new inode) and every write changes size or mtime,
/// so a refresh compares identities to learn whether another writer changed a file, and an
/// index records the snapshot's identity to be trusted only for that version.
public struct FileIdentity: Equatable, Sendable {
  var device: UInt64
  var inode: UInt64
  var size: Int64
  var modifiedSeconds: Int64
  var modifiedNanoseconds: Int64

  init(
    device: UInt64, inode: UInt64, size: Int64, modifiedSeconds: Int64, modifiedNanoseconds: Int64
  ) {
    self.device = device
    self.inode = inode
    self.size = size
    self.modifiedSeconds = modifiedSeconds
    self.modifiedNanoseconds = modifiedNanoseconds
  }

  /// Whether `other` is a version of the same file (same device and inode): one that was
  /// appended to in place rather than replaced by rename.
  func isSameFile(as other: FileIdentity) -> Bool {
    device == other.device && inode == other.inode
  }
}
