import Foundation

/// One size's results as a text table: each figure beside the same run's baselines (the raw
/// read of the store file and Foundation's JSONDecoder on it) as ratios, and the issue's
/// target where there is one.
struct BenchTable {
  struct Row {
    var name: String
    /// Seconds, bytes or MB/s, per `unit`.
    var value: Double?
    var unit: Unit
    /// What the figure is, in a few words.
    var note: String
    var target: Target?
    /// The figure the target is checked against, when it is not `value` (a peer's row
    /// checks our CLI figure against a limit derived from the peer's).
    var checked: Double?
  }

  enum Unit {
    case seconds, bytes, megabytesPerSecond
  }

  struct Target {
    var limit: Double
    var atLeast = false
    var text: String
    func holds(_ value: Double) -> Bool { atLeast ? value >= limit : value <= limit }
  }

  var title: String
  var rows: [Row] = []
  /// Seconds to read the store file (read(2), warm cache).
  var rawRead: Double
  /// Seconds and peak RSS of JSONDecoder on the store file.
  var decoder: Double?
  var decoderRSS: Double?
  /// Seconds of `cat STORE > /dev/null` as a whole process, warm cache: issue 16's yardstick
  /// for whole-process commands (nil where no such baseline is measured).
  var cat: Double?

  mutating func add(
    _ name: String, _ value: Double?, _ unit: Unit = .seconds, _ note: String,
    target: Target? = nil, checked: Double? = nil
  ) {
    rows.append(
      Row(name: name, value: value, unit: unit, note: note, target: target, checked: checked))
  }

  /// Two rows for one set of keystroke latencies, `NAME, median` and `NAME, p95`, against
  /// issue 13's per-key targets (≤ 16 ms median, ≤ 33 ms at the 95th percentile).
  mutating func addKeystrokeLatencies(
    _ name: String, _ samples: [Double], median medianNote: String, p95 p95Note: String
  ) {
    add(
      "\(name), median", Measure.median(samples), .seconds, medianNote,
      target: .init(limit: 0.016, text: "≤ 16 ms"))
    add(
      "\(name), p95", Measure.percentile(samples, 0.95), .seconds, p95Note,
      target: .init(limit: 0.033, text: "≤ 33 ms"))
  }

  /// The figure of row `name`, if measured.
  func value(of name: String) -> Double? {
    rows.first { $0.name == name }?.value
  }

  func render() -> String {
    var lines = [title]
    lines.append(
      pad("operation", 34) + pad("url-notes", 11, right: true) + pad("×raw read", 11, right: true)
        + pad("×JSONDecoder", 14, right: true) + pad("×cat", 7, right: true)
        + "  target            what")
    for row in rows {
      var line = pad(row.name, 34) + pad(format(row.value, row.unit), 11, right: true)
      line += pad(ratio(row, baseline: rawRead, rawBytes: true), 11, right: true)
      line += pad(ratio(row, baseline: row.unit == .bytes ? decoderRSS : decoder), 14, right: true)
      line += pad(row.unit == .seconds ? ratio(row, baseline: cat) : "–", 7, right: true)
      if let target = row.target, let value = row.checked ?? row.value {
        line += "  " + pad(target.text + (target.holds(value) ? " ok" : " MISS"), 18)
      } else {
        line += "  " + pad("", 18)
      }
      lines.append(line + row.note)
    }
    return lines.joined(separator: "\n")
  }

  /// Figure ÷ baseline for times and memory; baseline ÷ figure (as a speed) for MB/s.
  func ratio(_ row: Row, baseline: Double?, rawBytes: Bool = false) -> String {
    guard let value = row.value, let baseline, baseline > 0, value > 0 else { return "–" }
    switch row.unit {
    case .seconds: return String(format: "%.2f", value / baseline)
    case .bytes: return rawBytes ? "–" : String(format: "%.2f", value / baseline)
    case .megabytesPerSecond: return "–"
    }
  }

  func format(_ value: Double?, _ unit: Unit) -> String {
    guard let value, value.isFinite else { return "n/a" }
    switch unit {
    case .seconds:
      if value < 0.001 { return String(format: "%.1f µs", value * 1e6) }
      if value < 1 { return String(format: "%.2f ms", value * 1e3) }
      return String(format: "%.2f s", value)
    case .bytes: return String(format: "%.0f MB", value / 1e6)
    case .megabytesPerSecond: return String(format: "%.0f MB/s", value)
    }
  }

  /// `100000` as `100,000` (the same in every locale, so output can be checked).
  static func grouped(_ number: Int) -> String {
    var digits = String(number)
    var groups: [String] = []
    while digits.count > 3 {
      groups.insert(String(digits.suffix(3)), at: 0)
      digits.removeLast(3)
    }
    return ([digits] + groups).joined(separator: ",")
  }

  func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let gap = String(repeating: " ", count: max(1, width - text.count))
    return right ? gap + text : text + gap
  }
}
