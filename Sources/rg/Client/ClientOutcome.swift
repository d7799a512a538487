import RouteGuideProtocol
import RouteGuideTransport

/// How a client run ended, and the one place that turns it into an exit code and a message.
enum ClientOutcome: Error {
  /// Every call ended OK.
  case ok
  /// A call ended with a non-OK gRPC status; `input` says which input it was made from.
  case status(GRPCStatus, input: InputPosition? = nil)
  /// Calls failed and the driver already reported each (`--keep-going`, `--errors json`):
  /// the run ends quietly with the first failure's exit status.
  case reportedFailure(exitCode: Int32)
  /// Connecting or the connection itself failed.
  case transport(TransportError)
  /// An input value did not parse or did not fit: `source` names where it came from.
  case badInput(source: String, JSONInputError)
  /// The input as a whole does not suit the method (e.g. two Rectangles for `list`).
  case unsuitableInput(String)
  /// rg itself could not do its job (reading input, writing output).
  case failure(String)
  /// stdout was closed by the reader: a quiet success, as for `rg list | head -1`.
  case outputClosed
  /// SIGINT, SIGTERM or SIGHUP (the number): open streams were cancelled, GOAWAY sent.
  case interrupted(Int32)
  /// `rg health`: the server answered, and it is not serving; the text says what it said.
  case notServing(String)

  /// The exit status of DESIGN §1.
  var exitCode: Int32 {
    switch self {
    case .ok, .outputClosed: 0
    case .status(let status, _): Self.exitCode(for: status.code)
    case .reportedFailure(let code): code
    case .transport(let error): Self.exitCode(for: error)
    case .badInput, .unsuitableInput: 3
    case .failure: 1
    // As the shell reports a process killed by the signal: 130, 143, 129.
    case .interrupted(let signal): 128 + signal
    case .notServing: Self.notServingExitCode
    }
  }

  /// The one stderr line (without `rg: ` and newline); nil when rg ends quietly.
  var message: String? {
    switch self {
    case .ok, .outputClosed, .interrupted, .reportedFailure: nil
    case .status(let status, let input): input.map { "\($0): \(status)" } ?? status.description
    case .transport(let error): Self.message(for: error)
    case .badInput(let source, let error): "\(source):\(error.description)"
    case .unsuitableInput(let text), .failure(let text), .notServing(let text): text
    }
  }

  /// `rg health`'s "the server says it is not healthy" (DESIGN §1).
  static let notServingExitCode: Int32 = 4

  /// 64 + N, the convention grpcurl set, so scripts port over.
  static func exitCode(for code: GRPCStatusCode) -> Int32 {
    code == .ok ? 0 : 64 + Int32(code.rawValue)
  }

  /// Transport failures seen before a call has a status: what a gRPC library would report.
  static func status(for error: TransportError) -> GRPCStatusCode? {
    switch error.kind {
    case .unavailable, .timeout: .unavailable
    case .protocolError: .internal
    case .tls, .io: nil
    }
  }

  private static func exitCode(for error: TransportError) -> Int32 {
    status(for: error).map { exitCode(for: $0) } ?? 1
  }

  private static func message(for error: TransportError) -> String {
    guard let code = status(for: error) else { return error.message }
    return "\(code.name): \(error.message)"
  }

  /// Whether this outcome should replace `other` as the reason rg exits.
  ///
  /// The first failure wins, except that an interrupt or a bad input decided by the user
  /// outranks the cancellations they cause.
  func supersedes(_ other: ClientOutcome?) -> Bool {
    guard let other else { return true }
    switch other {
    case .ok: return true
    case .outputClosed, .interrupted, .badInput, .unsuitableInput, .failure, .notServing:
      return false
    case .status, .transport, .reportedFailure:
      switch self {
      case .interrupted, .outputClosed, .badInput, .unsuitableInput: return true
      case .transport(let error) where error.kind == .tls:
        // A server refusing our certificate alerts after the TLS 1.3 handshake: the calls
        // waiting on the connection fail first, but their UNAVAILABLE is only its echo.
        if case .status = other { return true }
        return false
      default: return false
      }
    }
  }
}
