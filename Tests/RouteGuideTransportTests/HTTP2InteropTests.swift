import Foundation
import RouteGuideProtocol
import TestSupport
import Testing

@testable import RouteGuideTransport

/// The transport against Python grpcio: rg's client to a grpcio server, a grpcio client to
/// rg's server connection.
@Suite(.serialized) struct HTTP2InteropTests {
  /// A client connection to a grpcio RouteGuide server started for the test.
  final class GRPCIOServer {
    let process: ServerProcess
    let loop = EventLoop()
    let connection: HTTP2ClientConnection

    init(_ arguments: [String] = [], tls: TLSClientConfiguration? = nil) throws {
      process = try ServerProcess(
        RepoPaths.python, [RepoPaths.interop + "/route_guide_server.py", "--port", "0"] + arguments)
      var result: Result<any ByteStream, TransportError>?
      Connector.connect(
        to: .tcp(host: "127.0.0.1", port: UInt16(process.port)), tls: tls,
        timeoutNanoseconds: 5_000_000_000, loop: loop
      ) { result = $0 }
      try runLoop(loop) { result != nil }
      guard case .success(let stream) = result else {
        throw HarnessError(description: "connect failed: \(String(describing: result))")
      }
      connection = try HTTP2ClientConnection(
        stream: stream, loop: loop, authority: process.address,
        scheme: tls == nil ? "http" : "https",
        userAgent: "rg-tests/1")
    }

    /// Runs one call to completion, sending `requests` and then half-closing.
    func call(
      _ method: MethodInfo, _ requests: [some ProtobufMessage],
      metadata: [(name: String, value: String)] = [], timeout: UInt64? = nil,
      maxReceive: Int = 4 << 20
    ) throws -> RecordingClientDelegate {
      let delegate = RecordingClientDelegate()
      let call = connection.startCall(
        path: method.path, metadata: metadata, timeoutNanoseconds: timeout,
        maxReceiveMessageSize: maxReceive, expectsSingleResponse: !method.shape.isServerStreaming,
        delegate: delegate)
      for request in requests { call.send(request) }
      call.closeSending()
      try runLoop(loop, seconds: 20) { delegate.finishCount > 0 }
      return delegate
    }
  }

  static let berkshire = Point(latitude: 409_146_138, longitude: -746_188_906)

  @Test func unaryGetFeature() throws {
    let server = try GRPCIOServer()
    let result = try server.call(RouteGuide.getFeature.info, [Self.berkshire])
    #expect(result.status == .ok)
    let feature = try Feature(protobuf: try #require(result.messages.first))
    #expect(feature.name.hasPrefix("Berkshire Valley Management Area Trail"))
    #expect(feature.location == Self.berkshire)
    #expect(result.headers?.first { $0.name == "content-type" }?.value == "application/grpc")
  }

  @Test func unaryOverTLS() throws {
    let certificates = try TestCertificates.shared()
    let server = try GRPCIOServer(
      ["--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey],
      tls: TLSClientConfiguration(caFile: certificates.caCertificate))
    let result = try server.call(RouteGuide.getFeature.info, [Self.berkshire])
    #expect(result.status == .ok)
    #expect(try Feature(protobuf: try #require(result.messages.first)).location == Self.berkshire)
  }

  @Test func serverStreamingListFeatures() throws {
    let server = try GRPCIOServer()
    let rectangle = Rectangle(
      lo: Point(latitude: 400_000_000, longitude: -750_000_000),
      hi: Point(latitude: 420_000_000, longitude: -730_000_000))
    let result = try server.call(RouteGuide.listFeatures.info, [rectangle])
    #expect(result.status == .ok)
    #expect(result.messages.count > 10)
  }

  @Test func clientStreamingAndBidi() throws {
    let server = try GRPCIOServer()
    let points = (0..<200).map { _ in Self.berkshire }
    let summary = try server.call(RouteGuide.recordRoute.info, points)
    #expect(summary.status == .ok)
    #expect(try RouteSummary(protobuf: try #require(summary.messages.first)).pointCount == 200)
    let notes = (0..<3).map { RouteNote(location: Self.berkshire, message: "note \($0)") }
    let chat = try server.call(RouteGuide.routeChat.info, notes)
    #expect(chat.status == .ok)
    // Each note is answered with the earlier notes at the same place: 0 + 1 + 2.
    #expect(chat.messages.count == 3)
  }

  @Test func errorStatusWithMessageAndManyConcurrentCalls() throws {
    let server = try GRPCIOServer(["--max-streams", "4"])
    let failed = try server.call(
      RouteGuide.getFeature.info, [Self.berkshire],
      metadata: [("x-fail", "NOT_FOUND:nothing at 50% ü")])
    #expect(failed.status == GRPCStatus(.notFound, "nothing at 50% ü"))
    let delegates = (0..<40).map { _ in RecordingClientDelegate() }
    for delegate in delegates {
      let call = server.connection.startCall(
        path: RouteGuide.getFeature.path, metadata: [], timeoutNanoseconds: nil,
        maxReceiveMessageSize: 1 << 20, expectsSingleResponse: true, delegate: delegate)
      call.send(Self.berkshire)
      call.closeSending()
    }
    try runLoop(server.loop, seconds: 20) { delegates.allSatisfy { $0.finishCount == 1 } }
    #expect(
      delegates.allSatisfy { $0.status == .ok && $0.messages.count == 1 },
      "\(delegates.map { $0.status?.description ?? "-" })")
    // grpc-core may refuse streams just below its limit; the client then holds itself lower.
    #expect((1...4).contains(server.connection.maxConcurrentStreams))
  }

  @Test func deadlineAndReceiveLimit() throws {
    let server = try GRPCIOServer()
    let stalled = try server.call(
      RouteGuide.getFeature.info, [Self.berkshire], metadata: [("x-stall", "1")],
      timeout: 200_000_000)
    #expect(stalled.status?.code == .deadlineExceeded)
    let padded = try server.call(
      RouteGuide.getFeature.info, [Self.berkshire], metadata: [("x-pad", "5000")], maxReceive: 1000)
    #expect(padded.status?.code == .resourceExhausted)
    let fine = try server.call(RouteGuide.getFeature.info, [Self.berkshire])
    #expect(fine.status == .ok)
  }

  /// Runs route_guide_client.py against a TestRouteGuideServer; returns its stdout lines.
  static func runGRPCIOClient(_ method: String, stdin: String) throws -> (Int32, [String]) {
    let loop = EventLoop()
    let server = try TestRouteGuideServer(loop: loop)
    let directory = try TemporaryDirectory()
    var environment = ProcessInfo.processInfo.environment
    environment["PYTHONPATH"] = RepoPaths.pythonGenerated
    let child = try ChildProcess(
      RepoPaths.python,
      [
        RepoPaths.interop + "/route_guide_client.py", method, "127.0.0.1:\(server.port)",
        "--plaintext",
      ],
      environment: environment, pipeStdin: true, pipeStdout: false, pipeStderr: false,
      stdoutPath: directory.path + "/stdout", stderrPath: directory.path + "/stderr")
    try child.write(stdin)
    child.closeStdin()
    var status: Int32?
    try runLoop(loop, seconds: 30) {
      status = try? child.wait(timeout: 0)
      return status != nil
    }
    let output = try String(contentsOfFile: directory.path + "/stdout", encoding: .utf8)
    return (status ?? -1, output.split(separator: "\n").map(String.init))
  }

  @Test func grpcioClientAgainstTheServerConnection() throws {
    let (getStatus, features) = try Self.runGRPCIOClient(
      "get", stdin: #"{"latitude": 1, "longitude": 2} {"latitude": 3}"#)
    #expect(getStatus == 0)
    #expect(features.count == 2)
    #expect(features.first?.contains(#""name":"at 1,2""#) == true)
    let (listStatus, listed) = try Self.runGRPCIOClient("list", stdin: "{}")
    #expect(listStatus == 0)
    #expect(listed.count == 1000)
    let (recordStatus, summary) = try Self.runGRPCIOClient(
      "record", stdin: String(repeating: #"{"latitude": 5}"# + "\n", count: 300))
    #expect(recordStatus == 0)
    #expect(summary == [#"{"pointCount":300}"#])
    let (chatStatus, notes) = try Self.runGRPCIOClient(
      "chat", stdin: #"{"message": "a"} {"message": "b"}"#)
    #expect(chatStatus == 0)
    #expect(notes == [#"{"message":"a"}"#, #"{"message":"b"}"#])
  }
}
