/// An error as a value: a `$Z` form or the value of an `E` row.
public struct FlightErrorValue: Sendable, Equatable {
  /// `E` rows: the production digest.
  public let digest: String?
  /// `E` rows (DEV): name and message.
  public let name: String?
  public let message: String?
  /// `$Z<ref>`: the row holding the DEV error object; nil for a bare `$Z` or an `E` row.
  public let target: FlightReferenceTarget?

  public init(
    digest: String? = nil, name: String? = nil, message: String? = nil,
    target: FlightReferenceTarget? = nil
  ) {
    self.digest = digest
    self.name = name
    self.message = message
    self.target = target
  }
}

/// The value of an `I` row: which client module export an element uses (spec §2.5).
public struct FlightModuleReference: Sendable, Equatable {
  /// The bundler's module id, as text (a number in webpack builds).
  public let moduleID: String
  /// Chunk entries as written: `"950:static/chunks/…"` (2023) or alternating id and path
  /// (2024+).
  public let chunks: [String]
  /// `""` for the default export, `"*"` for the namespace, else the export name.
  public let exportName: String
  public let isAsync: Bool
  /// The decoded metadata as it was, for shapes this type does not name.
  public let metadata: FlightValue

  public init(
    moduleID: String, chunks: [String], exportName: String, isAsync: Bool, metadata: FlightValue
  ) {
    self.moduleID = moduleID
    self.chunks = chunks
    self.exportName = exportName
    self.isAsync = isAsync
    self.metadata = metadata
  }

  /// Reads both known shapes: `[id, chunks, name(, 1)]` and `{"id","chunks","name","async"}`.
  init(metadata: FlightValue) {
    func text(_ value: FlightValue?) -> String {
      switch value {
      case .string(let text)?: return text
      case .number(let number)?:
        return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : "\(number)"
      default: return ""
      }
    }
    func strings(_ value: FlightValue?) -> [String] { value?.arrayValue?.map { text($0) } ?? [] }
    switch metadata {
    case .array(let slots):
      self.init(
        moduleID: text(slots.first), chunks: strings(slots.count > 1 ? slots[1] : nil),
        exportName: text(slots.count > 2 ? slots[2] : nil),
        isAsync: slots.count > 3 && slots[3] != .number(0) && slots[3] != .bool(false),
        metadata: metadata)
    case .object(let object):
      self.init(
        moduleID: text(object["id"]), chunks: strings(object["chunks"]),
        exportName: text(object["name"]), isAsync: object["async"] == .bool(true),
        metadata: metadata)
    default:
      self.init(moduleID: "", chunks: [], exportName: "", isAsync: false, metadata: metadata)
    }
  }
}

/// A stream row's items (spec §2.7): the rows with its id between `R`/`r`/`X`/`x` and `C`.
public struct FlightStream: Sendable, Equatable {
  /// The start tag: `R` (values), `r` (bytes), `X` (async iterable), `x` (async iterator).
  public let kind: UInt8
  public var items: [FlightValue]
  /// True once a `C` row closed it.
  public var isClosed: Bool
  /// The `C` row's JSON (an iterator's return value), if it had one.
  public var finalValue: FlightValue?
  /// The error of an `E` row with the stream's id, if one errored it.
  public var error: FlightErrorValue?

  public init(
    kind: UInt8, items: [FlightValue] = [], isClosed: Bool = false,
    finalValue: FlightValue? = nil, error: FlightErrorValue? = nil
  ) {
    self.kind = kind
    self.items = items
    self.isClosed = isClosed
    self.finalValue = finalValue
    self.error = error
  }
}
