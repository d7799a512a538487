import RouteGuideProtocol
import RouteGuideTransport

/// The -v log on stderr: connection set-up, each call's headers and trailers, and timing.
///
/// curl's markers: `*` for events, `>` for what rg sent, `<` for what it received. With several
/// calls (`get`), each line names its call as `[N]`. Header names and values come from the
/// server: ClientDiagnostics escapes their control characters, so each stays on its line.
final class VerboseLog {
  private let startTime = EventLoop.now()
  private var callStarts: [ObjectIdentifier: (number: Int, time: UInt64)] = [:]
  private var callCount = 0
  private let numbersCalls: Bool

  /// `numbersCalls`: prefix call lines with `[N]`, for runs that may make several calls.
  init(numbersCalls: Bool) {
    self.numbersCalls = numbersCalls
  }

  /// `proxy` names the proxy and where it came from: `http://p:3128 ($https_proxy)`.
  func connecting(to address: ServerAddress, tls: Bool, proxy: String? = nil) {
    let route = proxy.map { " through proxy \($0)" } ?? ""
    event("connecting to \(address) (\(tls ? "TLS" : "plaintext"))\(route)")
  }

  /// A connection attempt failed and will be tried again (wait-for-ready).
  func retrying(attempt: Int, after error: TransportError, delay: UInt64) {
    event(
      "attempt \(attempt) failed: \(error.message); trying again in \(Self.milliseconds(delay))")
  }

  func connected(_ stream: any ByteStream) {
    let elapsed = Self.milliseconds(EventLoop.now() - startTime)
    event("connected to \(stream.peerDescription) after \(elapsed)")
    if let tls = stream as? any TLSInfo {
      event("\(tls.tlsVersion), \(tls.cipher), ALPN \(tls.negotiatedProtocol ?? "none")")
    }
  }

  func callStarted(_ call: ClientCall) {
    callCount += 1
    callStarts[ObjectIdentifier(call)] = (callCount, EventLoop.now())
    for header in call.requestHeaders {
      line(call, "> \(header.name): \(header.value)")
    }
  }

  func headers(_ call: ClientCall, _ headers: [(name: String, value: String)]) {
    for header in headers where !Self.saysNothing(header) {
      line(call, "< \(header.name): \(header.value)")
    }
  }

  func finished(
    _ call: ClientCall, status: GRPCStatus, trailers: [(name: String, value: String)]
  ) {
    for trailer in trailers where !Self.saysNothing(trailer) {
      line(call, "< \(trailer.name): \(trailer.value)")
    }
    let started = callStarts[ObjectIdentifier(call)]?.time ?? startTime
    line(call, "* \(status.code.name) after \(Self.milliseconds(EventLoop.now() - started))")
    callStarts[ObjectIdentifier(call)] = nil
  }

  /// An empty grpc-message (grpcio sends one with every OK) adds a line and nothing else.
  static func saysNothing(_ field: (name: String, value: String)) -> Bool {
    field.name == "grpc-message" && field.value.isEmpty
  }

  func event(_ text: String) {
    ClientDiagnostics.line("* \(text)")
  }

  private func line(_ call: ClientCall, _ text: String) {
    let number = callStarts[ObjectIdentifier(call)]?.number
    let prefix = numbersCalls ? "[\(number.map(String.init) ?? "?")] " : ""
    ClientDiagnostics.line(prefix + text)
  }

  /// `12.3 ms`, without Foundation's formatting.
  static func milliseconds(_ nanoseconds: UInt64) -> String {
    let tenths = nanoseconds / 100_000
    return "\(tenths / 10).\(tenths % 10) ms"
  }
}
