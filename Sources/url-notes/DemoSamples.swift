import NotesTUI

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

  /// Writes the samples into the new directory `directory` and returns its path.
  static func write(into directory: String) throws(TextFile.Failure) -> String {
    try TextFile.makeDirectory(directory)
    for file in files { try TextFile.create(directory + "/" + file.name, holding: file.bytes) }
    return directory
  }
}
