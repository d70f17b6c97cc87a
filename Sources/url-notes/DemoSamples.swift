#if canImport(Glibc)
  import Glibc
#endif

/// The sample dumps of data/, compiled into the program (Package.swift embeds them), so the
/// demo does not depend on the working directory or on a checkout being around.
enum DemoSamples {
  /// File name and bytes of each sample, in import order.
  static let files: [(name: String, bytes: [UInt8])] = [
    ("tag-gpt-4.rsc.txt", PackageResources.tag_gpt_4_rsc_txt),
    ("tag-gpu.rsc.txt", PackageResources.tag_gpu_rsc_txt),
    ("tag-hardware.rsc.txt", PackageResources.tag_hardware_rsc_txt),
    ("terminal-tools-article.md", PackageResources.terminal_tools_article_md),
  ]

  /// Writes the samples into the new directory `directory` and returns its path, or the file
  /// that could not be written.
  static func write(into directory: String) -> Result<String, DemoSampleError> {
    guard mkdir(directory, 0o700) == 0 else { return .failure(DemoSampleError(directory)) }
    for file in files {
      let path = directory + "/" + file.name
      let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      guard fd >= 0 else { return .failure(DemoSampleError(path)) }
      defer { close(fd) }
      let written = file.bytes.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count) }
      guard written == file.bytes.count else { return .failure(DemoSampleError(path)) }
    }
    return .success(directory)
  }
}

/// A sample that could not be written: the path and the system's reason, taken from errno.
struct DemoSampleError: Error, CustomStringConvertible {
  let path: String
  let reason: String

  init(_ path: String) {
    self.path = path
    self.reason = String(cString: strerror(errno))
  }

  var description: String { "url-notes: \(path): error: cannot write a demo sample: \(reason)" }
}
