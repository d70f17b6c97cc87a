import Foundation
import NoteStore

/// Puts a corpus into buku's database without buku's HTML import, and asks buku's own search
/// functions how many bookmarks a query finds.
///
/// `buku -i bookmarks.html` parses the file with BeautifulSoup, which takes over half an hour
/// for 100,000 bookmarks. The loader writes, per note, the fields that import would have read
/// from `url-notes export --format netscape` (URL, link text, TAGS attribute, `<DD>` text) as
/// JSON lines, and a Python script passes them to buku's `parse_tags` and `add_rec`, the
/// functions `buku -i` calls, with the arguments it passes. So the database holds the rows
/// `buku -i` writes (same schema, same ",tag1,tag2," tag format), in seconds.
struct BukuLoader {
  /// The buku executable (a Python script; its `#!` line names the interpreter to use).
  let buku: String
  /// `XDG_DATA_HOME` of every buku run: the database is `<home>/buku/bookmarks.db`.
  let home: String

  var database: String { home + "/buku/bookmarks.db" }
  var stampPath: String { home + "/loaded.txt" }
  static let stamp = "loaded through buku's add_rec, v1\n"
  var environment: [String: String] { ["XDG_DATA_HOME": home] }

  /// Whether the database holds a corpus this loader wrote (a database `buku -i` wrote, or a
  /// half-written one, is loaded again).
  var isLoaded: Bool {
    access(database, R_OK) == 0
      && (try? String(contentsOfFile: stampPath, encoding: .utf8)) == Self.stamp
  }

  /// Loads every note of `store` that has a URL (the Netscape export leaves the others out).
  /// Returns seconds spent writing rows and in buku's `add_rec`, or an error message.
  func load(_ store: NoteStore) -> Result<(rows: Double, buku: Double, added: Int), LoadError> {
    unlink(database)
    unlink(stampPath)
    try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    let rowsPath = home + "/rows.jsonl"
    defer { unlink(rowsPath) }
    let rowSeconds: Double
    do {
      rowSeconds = try Measure.time { try writeRows(store, to: rowsPath) }
    } catch {
      return .failure(LoadError(message: "cannot write \(rowsPath): \(error)"))
    }
    let result = runScript(["load"], stdinPath: rowsPath)
    guard result.status == 0,
      let added = Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines))
    else {
      return .failure(LoadError(message: "buku's add_rec failed (status \(result.status))"))
    }
    guard (try? Self.stamp.write(toFile: stampPath, atomically: true, encoding: .utf8)) != nil
    else { return .failure(LoadError(message: "cannot write \(stampPath)")) }
    return .success((rowSeconds, result.seconds, added))
  }

  struct LoadError: Error {
    var message: String
  }

  /// Hits of buku's own searches, as `buku --stag TAG`, `buku -s WORD` and
  /// `buku --deep -s WORD` find them (nil if the script failed).
  func hitCounts(tag: String, word: String) -> (tag: Int, word: Int, deep: Int)? {
    let result = runScript(["count", tag, word])
    let counts = result.output.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
    guard result.status == 0, counts.count == 3 else { return nil }
    return (counts[0], counts[1], counts[2])
  }

  /// One bookmark as `buku -i` reads it from the exported file.
  struct Row: Encodable {
    var url: String
    /// The link text: the title, or the URL when there is none; line breaks as spaces.
    var title: String
    /// The TAGS attribute (commas inside a tag became spaces), nil when the note has no tags.
    var tags: String?
    /// The `<DD>` text: the summary's plain text, one line per node; nil when empty.
    var desc: String?
  }

  static func row(_ note: Note) -> Row? {
    guard let url = note.url, !url.isEmpty else { return nil }
    func oneLine(_ text: String) -> String {
      // Plain text is whitespace-collapsed already; titles rarely hold a line break.
      guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
      return String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
    let tags = note.tags.map { $0.replacingOccurrences(of: ",", with: " ") }
    let lines = SummaryNode.flatten(note.summary).map { oneLine($0.node.plainText) }
      .filter { !$0.isEmpty }
    return Row(
      url: url, title: oneLine(note.title.isEmpty ? url : note.title),
      tags: tags.isEmpty ? nil : tags.joined(separator: ","),
      desc: lines.isEmpty ? nil : lines.joined(separator: "\n"))
  }

  func writeRows(_ store: NoteStore, to path: String) throws {
    let encoder = JSONEncoder()
    var data = Data()
    // In the order `url-notes export` writes them, so buku numbers the bookmarks as its
    // import of that file would.
    for id in store.noteIDs(matching: NoteFilter()) {
      guard let note = store.note(id), let row = Self.row(note) else { continue }
      data.append(try encoder.encode(row))
      data.append(0x0A)
    }
    try data.write(to: URL(fileURLWithPath: path))
  }

  /// Runs `script` with buku's interpreter; `arguments` follow the path of buku.
  func runScript(_ arguments: [String], stdinPath: String = "/dev/null") -> ChildProcess.Result {
    let scriptPath = home + "/buku-loader.py"
    try? Self.script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
    return ChildProcess.run(
      interpreter + [scriptPath, buku] + arguments, capture: true, stdinPath: stdinPath,
      environment: environment)
  }

  /// Whether `path` is buku's own script (Debian's package), which the loader imports as a
  /// module; a pip entry point or a pyenv shim only calls into an installed package.
  static func isScript(_ path: String) -> Bool {
    (try? String(contentsOfFile: path, encoding: .utf8))?.contains("class BukuDb") == true
  }

  /// The `#!` line of the buku script as an argument vector (Debian's buku runs under
  /// /usr/bin/python3, which has its modules; a `python3` earlier on $PATH may not).
  var interpreter: [String] {
    let firstLine =
      (try? String(contentsOfFile: buku, encoding: .utf8))?.split(
        separator: "\n", maxSplits: 1
      ).first ?? ""
    guard firstLine.hasPrefix("#!") else { return ["/usr/bin/python3"] }
    let words = firstLine.dropFirst(2).split(whereSeparator: \.isWhitespace).map(String.init)
    return words.isEmpty ? ["/usr/bin/python3"] : words
  }

  /// `script BUKU load < rows.jsonl` prints how many bookmarks were added;
  /// `script BUKU count TAG WORD` prints the hits of buku's three searches.
  static let script = """
    import importlib.machinery, importlib.util, json, sys

    # buku is a script, not an installed module: load its code as one.
    loader = importlib.machinery.SourceFileLoader("buku", sys.argv[1])
    spec = importlib.util.spec_from_loader("buku", loader)
    buku = importlib.util.module_from_spec(spec)
    loader.exec_module(buku)
    db = buku.BukuDb()  # the database under $XDG_DATA_HOME/buku, created with buku's schema

    if sys.argv[2] == "load":
        added = 0
        for line in sys.stdin:
            row = json.loads(line)
            # As buku's import_html yields them and importdb passes them to add_rec.
            tags = buku.parse_tags([row["tags"]]) if "tags" in row else None
            desc = row["desc"].strip() if "desc" in row else None
            if db.add_rec(row["url"], row["title"], tags, desc, 0, True, False) != -1:
                added += 1
        db.conn.commit()
        print(added)
    elif sys.argv[2] == "count":
        tag, word = sys.argv[3], sys.argv[4]
        found = [db.search_by_tag(tag), db.searchdb([word]), db.searchdb([word], deep=True)]
        print(*[len(rows or []) for rows in found])
    """
}
