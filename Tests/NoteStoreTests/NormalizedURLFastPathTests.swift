import ByteKernels
import Foundation
import TestSupport
import Testing

@testable import NoteStore

/// `NormalizedURL.normalize` takes a byte path for printable-ASCII URLs; it must give exactly
/// what the general (Character-splitting) path gives, for every input.
@Suite struct NormalizedURLFastPathTests {
  /// The real files of ../shared add hundreds of URLs when they are there.
  @Test func everyURLInTheFixturesAndSamplesNormalisesAsTheGeneralPath() throws {
    var urls = Set<String>()
    let shared = SharedSamples.isPresent("") ? [SharedSamples.root] : []
    for root in [Fixtures.url(""), Fixtures.sampleData()] + shared {
      let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
      for case let file as URL in files {
        guard let data = try? Data(contentsOf: file) else { continue }
        let text = String(decoding: data, as: UTF8.self)
        let separators = CharacterSet(charactersIn: "\"'<>\\()[]{}` \n\t\r,")
        for token in text.components(separatedBy: separators) where token.contains("://") {
          urls.insert(token)
        }
      }
    }
    #expect(urls.count > (shared.isEmpty ? 20 : 100))
    for url in urls {
      #expect(NormalizedURL.normalize(url) == NormalizedURL.normalizeBySplitting(url), "\(url)")
      #expect(NormalizedURL.host(of: url) == NormalizedURL.hostBySplitting(url), "\(url)")
    }
  }

  @Test(arguments: [
    "HTTPS://Example.COM:443/path/?q=1#top", "http://example.com:80/",
    "http://example.com:8080/a//",
    "https://EXAMPLE.com:80/", "http://example.com:443", "http://:80/x", "https://:443",
    "http://user:Pass@Host.com:80/", "http://[::1]:80/a", "http://[FE80::1]/", "http://a/b?",
    "http://a/b/?#", "http://a?/b", "http://a#b/c", "http://a/%2F/%7e/", "mailto:someone@x.org",
    "1http://a", "+http://a", ":http//a", "http:/a", "http:", "", "://a", "ht tp://a",
    " http://a/ ", "http://a/b c", "http://bücher.de/", "http://xn--bcher-kva.de/",
    "http://a/é/", "http://a/\u{301}/", "http://a/b\r\n", "h\u{301}ttp://a", "a+b-c.9://X/Y/",
    "http://a/b//?q=/#/", "http://a////", "HTTP://A:80", "http://a:080/", "http://a:8080:80/",
    "https://a/?", "https://a/??", "https://a/?#x", "javascript:alert(1)", "http:///", "http://?",
    "http://#", "http://a\u{0}/", "http://a\u{7F}/", "http://a\t/",
  ])
  func adversarialURLsNormaliseAsTheGeneralPath(url: String) {
    #expect(NormalizedURL.normalize(url) == NormalizedURL.normalizeBySplitting(url))
    #expect(NormalizedURL.host(of: url) == NormalizedURL.hostBySplitting(url))
  }

  @Test func randomURLsNormaliseAsTheGeneralPath() {
    let pieces = [
      "http", "HTTPS", "hTtP", "ftp", "a+b-c.d", "1", ":", "//", "/", "?", "#", "@", "[::1]",
      ":80", ":443", ":8080", "Example.COM", "xn--bcher-kva", "bücher", "%2F", "%7e",
      "user:pass@", "/path/", "?q=1", "#frag", "é", "\u{301}", "\r\n", " ", "\t", "a", "Z", "0",
      "\u{0}", "\u{7F}", "~", "://", "http://", "https://",
    ]
    var generator = SplitMix64(seed: 20_261_122)
    for _ in 0..<20_000 {
      let count = Int(generator.next() % 9) + 1
      let url = (0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }
        .joined()
      #expect(NormalizedURL.normalize(url) == NormalizedURL.normalizeBySplitting(url), "\(url)")
      #expect(NormalizedURL.host(of: url) == NormalizedURL.hostBySplitting(url), "\(url)")
    }
  }

  @Test func hostsOnTheFastPath() {
    #expect(NormalizedURL.host(of: "HTTPS://User:Pw@Example.COM:8443/a?b#c") == "example.com")
    #expect(NormalizedURL.host(of: "http://[FE80::1]:80/x") == "[fe80::1]")
    #expect(NormalizedURL.host(of: "http://a@b@Host/") == "host")
    #expect(NormalizedURL.host(of: "mailto:someone@x.org") == nil)
    #expect(NormalizedURL.host(of: "http://bücher.de/") == "bücher.de")
  }
}
