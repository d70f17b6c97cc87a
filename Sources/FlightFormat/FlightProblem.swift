import Diagnostics

/// A problem in flight input: what it is (`kind`) and where, compiler style. `FlightError` is
/// one that stops an import (thrown: typed throws say which calls can stop one);
/// `FlightDiagnostic` a warning or note the import survived (collected beside the rows). One
/// type for both, so the position, its placing in a saved page and the printing are written
/// once; each has a `Kind` of its own.
///
/// Errors are values (a kind plus a required position); the text is written in one place, the
/// kind's `message`. Positions are 1-based; the column counts Unicode scalars (UTF-8
/// continuation bytes are skipped), so it matches what an editor shows. `offset` is a byte
/// offset into the input as framed: the file itself for raw UTF-8 payloads (after a UTF-8 BOM
/// is removed), the UTF-8 transcoding of a UTF-16 file, or a saved HTML page itself: a problem
/// in the flight bytes joined from its `self.__next_f` scripts is placed where the script's
/// string (or base64) held the offending byte (`FlightPayloadMap`).
public struct FlightProblem<Problem: FlightProblemKind>: Error, Sendable, Equatable,
  CustomStringConvertible
{
  public typealias Kind = Problem

  public let kind: Kind
  /// Byte offset of the problem (see the type's documentation for which bytes).
  public let offset: Int
  /// 1-based line.
  public let line: Int
  /// 1-based column in Unicode scalars.
  public let column: Int

  public init(_ kind: Kind, offset: Int, line: Int, column: Int) {
    self.kind = kind
    self.offset = offset
    self.line = line
    self.column = column
  }

  init(_ kind: Kind, at position: FlightPosition) {
    self.init(kind, offset: position.offset, line: position.line, column: position.column)
  }

  /// One line without position, e.g. "expected a row id (lowercase hex digits) followed by
  /// ':', found 'G'".
  public var message: String { kind.message }

  public var severity: Diagnostic.Severity { kind.severity }

  /// The problem as a diagnostic, not yet placed in a file (`inFile` adds the path).
  public var diagnostic: Diagnostic {
    Diagnostic(message, at: TextPosition(line: line, column: column), severity: severity)
  }

  /// `LINE:COL: SEVERITY: MESSAGE`, rendered by `Diagnostic`.
  public var description: String { diagnostic.description }
}

/// What a `FlightProblem` can be: its text and how bad it is.
public protocol FlightProblemKind: Sendable, Equatable {
  /// One line without position.
  var message: String { get }
  var severity: Diagnostic.Severity { get }
}

/// An input error that stops the import.
public typealias FlightError = FlightProblem<FlightErrorKind>

/// A problem the import survived: a warning or a note.
public typealias FlightDiagnostic = FlightProblem<FlightDiagnosticKind>
