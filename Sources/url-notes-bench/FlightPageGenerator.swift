import ByteKernels
import Foundation
import NoteStore

/// Writes tag pages in the samples' flight row grammar (`data/*.rsc.txt`), for import speed.
///
/// Each page is one tag's list of article previews: the framework rows of a real page, row 4
/// with the page layout and the first preview inline, and further previews and long summary
/// bullets outlined as `"$L<id>"` rows, as Next.js streams them. Like real builds, every page
/// gets its own row numbering and CSS-module hash suffixes, so nothing can key on them.
struct FlightPageGenerator {
  let corpus: CorpusGenerator

  /// The corpus number of page `index`'s `slot`th note when every page shows notes of its
  /// own (far above any store corpus's numbers).
  static func ownNote(page index: Int, slot: Int) -> Int { 50_000_000 + index * 1_000 + slot }

  /// Page number `index` showing the corpus notes numbered `notes`, in order.
  func page(_ index: Int, notes: [Int]) -> String {
    var random = SplitMix64(seed: 0xF1_1647 &+ UInt64(index))
    let tag = corpus.vocabulary.tags[random.below(200)]
    let hashes = (0..<7).map { _ in Self.hashSuffix(&random) }
    var rows = RowWriter(firstID: 0x10 + random.below(40))
    var previewsJSON: [String] = []
    for (number, noteNumber) in notes.enumerated() {
      let note = corpus.note(noteNumber)
      let element = preview(note, number: number, hashes: hashes, rows: &rows, random: &random)
      previewsJSON.append(number == 0 ? element : "\"$L\(rows.outline(element))\"")
    }
    var text = FlightPageTemplate.moduleRows.replacingOccurrences(
      of: "f03c873af434c7c6", with: Self.hex(&random, count: 16))
    text += "\n"
    text += FlightPageTemplate.routerRow
      .replacingOccurrences(
        of: "@BUILD@", with: Self.hashSuffix(&random) + Self.hashSuffix(&random)
      )
      // The template quotes @TAG@ itself: only the escaped text goes in.
      .replacingOccurrences(of: "@TAG@", with: String(Self.escaped(tag).dropFirst().dropLast()))
    text += "\n" + FlightPageTemplate.linkRow + "\n"
    text += "4:[\"$\",\"div\",null,{\"className\":\"page_page__\(hashes[0])\",\"children\":["
    text += "[\"$\",\"div\",null,{\"className\":\"page_header__\(hashes[1])\",\"children\":"
    text += "\(Self.escaped("url-notes | tag | " + tag))}],"
    text += "[\"$\",\"div\",null,{\"className\":\"page_content__\(hashes[2])\",\"children\":"
    text += "[\"$\",\"div\",null,{\"className\":\"page_previews__\(hashes[3])\",\"children\":["
    text += previewsJSON.joined(separator: ",") + "]}]}]]}]\n"
    text += rows.text
    text += "a:[[\"$\",\"meta\",\"0\",{\"charSet\":\"utf-8\"}],[\"$\",\"meta\",\"1\",{\"name\":"
    text += "\"viewport\",\"content\":\"width=device-width, initial-scale=1\"}]]\n6:null\n"
    text += "8:{\"metadata\":[[\"$\",\"title\",\"0\",{\"children\":"
    text +=
      "\(Self.escaped("url-notes | tag | " + tag))}]],\"error\":null,\"digest\":\"$undefined\"}\n"
    text += "d:\"$8:metadata\"\n"
    return text
  }

  func preview(
    _ note: Note, number: Int, hashes: [String], rows: inout RowWriter, random: inout SplitMix64
  ) -> String {
    let tagLinks = note.tags.enumerated().map { position, tag in
      "[\"$\",\"$Lf\",\"\(position)\",{\"className\":\"ArticlePreview_tag__\(hashes[5])\","
        + "\"href\":\(Self.escaped("/tag/" + Self.percentEncoded(tag))),\"children\":"
        + "\(Self.escaped(tag))}]"
    }
    var items: [String] = []
    for (position, node) in note.summary.enumerated() {
      let item = listItem(node, position: position, random: &random)
      items.append(random.percent(50) ? "\"$L\(rows.outline(item))\"" : item)
    }
    return
      "[\"$\",\"div\",\"\(number)\",{\"className\":\"ArticlePreview_ArticlePreview__\(hashes[4])\","
      + "\"children\":[[\"$\",\"div\",null,{\"className\":\"ArticlePreview_title__\(hashes[6])\","
      + "\"children\":[\"$\",\"$Lf\",null,{\"href\":\(Self.escaped(note.url ?? "")),"
      + "\"target\":\"_blank\",\"children\":\(Self.escaped(note.title))}]}],"
      + "[\"$\",\"div\",null,{\"className\":\"ArticlePreview_tags__\(hashes[5])\",\"children\":["
      + tagLinks.joined(separator: ",") + "]}],"
      + "[\"$\",\"div\",null,{\"className\":\"ArticlePreview_summary__\(hashes[6])\",\"children\":"
      + "[[\"$\",\"ul\",\"ul-0\",{\"children\":[\"\\n\"," + items.joined(separator: ",\"\\n\",")
      + ",\"\\n\"]}]]}]]}]"
  }

  /// One `<li>`: bold label and text, then a nested `<ul>` of the children. Labelled items
  /// with children use either of the two shapes the samples show (label in a `<p>` or not).
  func listItem(_ node: SummaryNode, position: Int, random: inout SplitMix64) -> String {
    var inline = inlineChildren(node.markup)
    if !node.children.isEmpty {
      let nested = node.children.enumerated().map { listItem($1, position: $0, random: &random) }
      let list =
        "[\"$\",\"ul\",\"ul-0\",{\"children\":[\"\\n\","
        + nested.joined(separator: ",\"\\n\",") + ",\"\\n\"]}]"
      if random.percent(50) {
        inline = "[\"\\n\",[\"$\",\"p\",\"p-0\",{\"children\":\(inline)}],\"\\n\",\(list),\"\\n\"]"
      } else {
        inline = "[\(inline),\"\\n\",\(list),\"\\n\"]"
      }
    }
    return "[\"$\",\"li\",\"li-\(position)\",{\"children\":\(inline)}]"
  }

  /// `**Label:** text` as a `<strong>` element and a string; plain text as one string.
  func inlineChildren(_ markup: String) -> String {
    guard markup.hasPrefix("**"), let end = markup.range(of: ":** ") else {
      return Self.escaped(markup)
    }
    let label = String(markup[markup.index(markup.startIndex, offsetBy: 2)..<end.lowerBound]) + ":"
    let rest = " " + markup[end.upperBound...]
    return "[[\"$\",\"strong\",\"strong-0\",{\"children\":\(Self.escaped(label))}],"
      + "\(Self.escaped(rest))]"
  }

  /// Outlined rows, numbered in hex from a per-page start, written in allocation order.
  struct RowWriter {
    var nextID: Int
    var text = ""
    init(firstID: Int) { nextID = firstID }
    mutating func outline(_ value: String) -> String {
      let id = String(nextID, radix: 16)
      nextID += 1
      text += id + ":" + value + "\n"
      return id
    }
  }

  static let hashAlphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")

  /// A CSS-module hash suffix like `59E_4` or `_oIyn`.
  static func hashSuffix(_ random: inout SplitMix64) -> String {
    String((0..<5).map { _ in hashAlphabet[random.below(hashAlphabet.count)] })
  }

  static func hex(_ random: inout SplitMix64, count: Int) -> String {
    String((0..<count).map { _ in Array("0123456789abcdef")[random.below(16)] })
  }

  static func escaped(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      default:
        if scalar.value < 0x20 {
          result += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }

  static func percentEncoded(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      let isPlain =
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
        || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x2E || byte == 0x5F
      if isPlain {
        result.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        result += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return result
  }
}
