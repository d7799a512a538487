import Glibc
import Testing

@testable import RouteGuideTransport

/// Shared helpers for transport tests: drive an EventLoop until something happens.
enum LoopDriver {
  struct Timeout: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs `loop` until `condition` holds, failing after `seconds`.
  static func run(_ loop: EventLoop, seconds: Double = 10, until condition: () throws -> Bool)
    throws
  {
    let deadline = EventLoop.now() + UInt64(seconds * 1e9)
    while try !condition() {
      guard EventLoop.now() < deadline else {
        throw Timeout(description: "event loop condition not met after \(seconds)s")
      }
      try loop.runOnce(maxWait: 20)
    }
  }

  /// Connects through Connector and waits for its completion.
  static func connect(
    _ address: ServerAddress, tls: TLSClientConfiguration? = nil,
    timeoutNanoseconds: UInt64 = 5_000_000_000, loop: EventLoop
  ) throws -> Result<any ByteStream, TransportError> {
    var result: Result<any ByteStream, TransportError>?
    var calls = 0
    Connector.connect(
      to: address, tls: tls, timeoutNanoseconds: timeoutNanoseconds, loop: loop
    ) {
      calls += 1
      result = $0
    }
    try run(loop) { result != nil }
    // Give a second completion a chance to show up.
    try loop.runOnce(maxWait: 10)
    #expect(calls == 1)
    return result ?? .failure(TransportError(.io, "no result"))
  }

  /// Writes all of `bytes`, running the loop while the stream would block.
  static func writeAll(_ stream: any ByteStream, _ bytes: [UInt8], loop: EventLoop) throws {
    var offset = 0
    try run(loop) {
      while offset < bytes.count {
        let result = try bytes[offset...].withUnsafeBytes { try stream.write($0) }
        guard case .bytes(let count) = result else { return false }
        offset += count
      }
      return true
    }
  }

  /// Reads until `count` bytes or EOF arrived, running the loop in between.
  static func read(_ stream: any ByteStream, count: Int, loop: EventLoop) throws -> [UInt8] {
    var received: [UInt8] = []
    var finished = false
    var buffer = [UInt8](repeating: 0, count: 65536)
    try run(loop) {
      while !finished && received.count < count {
        let result = try buffer.withUnsafeMutableBytes { try stream.read(into: $0) }
        switch result {
        case .bytes(let n): received += buffer[..<n]
        case .eof: finished = true
        case .wouldBlock: return false
        }
      }
      return true
    }
    return received
  }

  /// The error of a failed result, or nil (and a recorded issue) on success.
  static func error(
    _ result: Result<any ByteStream, TransportError>,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> TransportError? {
    switch result {
    case .success(let stream):
      Issue.record(
        "expected a failure, got a stream to \(stream.peerDescription)",
        sourceLocation: sourceLocation)
      stream.close()
      return nil
    case .failure(let error):
      return error
    }
  }
}
