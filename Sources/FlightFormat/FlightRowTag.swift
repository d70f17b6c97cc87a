/// The kind of a flight row, read from the byte after the row id's `:` (spec §1.1, §1.2).
public enum FlightRowTag: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// No tag: the body is JSON, the value of the row.
  case model
  /// `T`: length-prefixed UTF-8 text.
  case text
  /// A length-prefixed binary row: `A O o U S s L l G g M m V` (typed arrays) or `b` (a piece
  /// of a byte stream). The payload is the tag byte.
  case binary(UInt8)
  /// `I`: client module reference metadata (JSON).
  case importModule
  /// `H` plus a one-byte hint code (`L` preload, `D` DNS, …); the body is the JSON after it.
  case hint(code: UInt8)
  /// `E`: the row rejects with this error (JSON).
  case error
  /// `D`: DEV debug info for the row with the same id (JSON).
  case debug
  /// `W`: DEV console replay (JSON).
  case console
  /// `N`: DEV time origin (a number).
  case timeOrigin
  /// `J`: DEV I/O info (JSON).
  case ioInfo
  /// `R` `r` `X` `x`: starts a stream with this id; later rows with the id are its items.
  case streamStart(UInt8)
  /// `C`: closes the stream with this id; an optional JSON final value.
  case close
  /// `P`: postponed (partial prerendering, 2024 experimental builds).
  case postpone
  /// `#`: accepted by current readers and handled as a model row.
  case hash
  /// Any other uppercase letter: kept opaque.
  case unknown(UInt8)

  /// The tag for the byte right after `:`, or nil when that byte starts a model row's body.
  init?(tagByte byte: UInt8) {
    switch byte {
    case UInt8(ascii: "T"): self = .text
    case UInt8(ascii: "I"): self = .importModule
    case UInt8(ascii: "H"): self = .hint(code: 0)  // the code is the body's first byte
    case UInt8(ascii: "E"): self = .error
    case UInt8(ascii: "D"): self = .debug
    case UInt8(ascii: "W"): self = .console
    case UInt8(ascii: "N"): self = .timeOrigin
    case UInt8(ascii: "J"): self = .ioInfo
    case UInt8(ascii: "R"), UInt8(ascii: "r"), UInt8(ascii: "X"), UInt8(ascii: "x"):
      self = .streamStart(byte)
    case UInt8(ascii: "C"): self = .close
    case UInt8(ascii: "P"): self = .postpone
    case UInt8(ascii: "#"): self = .hash
    default:
      if FlightRowTag.isBinaryTag(byte) {
        self = .binary(byte)
      } else if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
        self = .unknown(byte)
      } else {
        return nil
      }
    }
  }

  /// Binary tags that frame by length (`T` is the text one).
  static func isBinaryTag(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A"), UInt8(ascii: "O"), UInt8(ascii: "o"), UInt8(ascii: "U"),
      UInt8(ascii: "S"), UInt8(ascii: "s"), UInt8(ascii: "L"), UInt8(ascii: "l"),
      UInt8(ascii: "G"), UInt8(ascii: "g"), UInt8(ascii: "M"), UInt8(ascii: "m"),
      UInt8(ascii: "V"), UInt8(ascii: "b"):
      return true
    default: return false
    }
  }

  /// True for rows framed as `<hex length>,<bytes>` rather than up to LF.
  public var isLengthPrefixed: Bool {
    switch self {
    case .text, .binary: return true
    default: return false
    }
  }

  /// Short name for tests and dumps: "model", "T", "I", "HL" (hint plus its code), "D", …
  public var name: String {
    switch self {
    case .model: return "model"
    case .text: return "T"
    case .binary(let byte), .streamStart(let byte), .unknown(let byte):
      return String(Unicode.Scalar(byte))
    case .importModule: return "I"
    case .hint(let code): return "H" + String(Unicode.Scalar(code))
    case .error: return "E"
    case .debug: return "D"
    case .console: return "W"
    case .timeOrigin: return "N"
    case .ioInfo: return "J"
    case .close: return "C"
    case .postpone: return "P"
    case .hash: return "#"
    }
  }

  public var description: String { name }
}
