import ArgumentParser
import NoteStore

/// Completion candidates that come from the store: the shell scripts of
/// `url-notes --generate-completion-script bash|zsh|fish` call url-notes back with the words
/// typed so far, and these closures answer with tag names or note ids and URLs.
enum ShellCompletion {
  /// Tag names, for `--tag`, `--any-tag`, `--not-tag`, `--with` and `add --tag`.
  static let tags = CompletionKind.custom { words, _, prefix in
    candidates(words, prefix) { store in store.tagCounts(order: .name).map(\.tag) }
  }

  /// Note ids and URLs, for `show`, `edit` and `rm`.
  static let notes = CompletionKind.custom { words, _, prefix in
    candidates(words, prefix) { store in
      store.headers(matching: NoteFilter()).flatMap { header in
        [header.id.rawValue] + (header.url.map { [$0] } ?? [])
      }
    }
  }

  /// The values `list` gives for the store named in `words` (`--store P`, `--store=P`, else
  /// the usual default) that start with `prefix` as the shell will read it (quotes and
  /// backslashes removed), ignoring case; none when the store cannot be read (a completion
  /// never prints an error into the command line).
  static func candidates(
    _ words: [String], _ prefix: String, _ list: (NoteStore) -> [String]
  ) -> [String] {
    guard let store = try? NoteStore.open(path: StoreOptions.path(option: storeOption(words)))
    else { return [] }
    let lowered = unquoted(prefix).lowercased()
    return list(store).filter { $0.lowercased().hasPrefix(lowered) }
  }

  /// `word` as the shell will pass it on: a tag with spaces is being typed as `"large l` or
  /// `large\ l` (the word the completion script hands over, as typed), and is `large l`.
  static func unquoted(_ word: String) -> String {
    var result = ""
    var quote: Character?
    var escaped = false
    for character in word {
      if escaped {
        result.append(character)
        escaped = false
      } else if character == "\\" && quote != "'" {
        escaped = true
      } else if let open = quote {
        if character == open { quote = nil } else { result.append(character) }
      } else if character == "\"" || character == "'" {
        quote = character
      } else {
        result.append(character)
      }
    }
    return result
  }

  /// The value of the last `--store` among `words`.
  static func storeOption(_ words: [String]) -> String? {
    var value: String?
    for (index, word) in words.enumerated() {
      if word == "--store", index + 1 < words.count { value = unquoted(words[index + 1]) }
      if word.hasPrefix("--store=") { value = unquoted(String(word.dropFirst("--store=".count))) }
    }
    return value
  }
}
