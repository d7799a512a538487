import Foundation
import TestSupport
import Testing

/// `rg serve`'s reflection against real clients that have no .proto: grpcurl (Go) and
/// grpcio-reflection's client (Python), over v1 and v1alpha, plaintext and TLS.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ReflectionInteropTests {
  static let services = [
    "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection", "routeguide.RouteGuide",
  ]
  static let methods = ["GetFeature", "ListFeatures", "RecordRoute", "RouteChat"].map {
    "routeguide.RouteGuide.\($0)"
  }
  static let point = """
    routeguide.Point is a message:
    message Point {
      int32 latitude = 1;
      int32 longitude = 2;
    }

    """

  /// grpcurl's list, describe and the four calls, with `connection` (e.g. -plaintext).
  func grpcurlSession(_ connection: [String], _ address: String) throws {
    let list = try ReflectionPeers.grpcurl(connection + [address, "list"])
    #expect(list.status == 0, "\(list.serveSummary)")
    #expect(list.stdoutLines == Self.services)
    let methods = try ReflectionPeers.grpcurl(
      connection + [address, "list", "routeguide.RouteGuide"])
    #expect(methods.stdoutLines == Self.methods, "\(methods.serveSummary)")
    let point = try ReflectionPeers.grpcurl(connection + [address, "describe", "routeguide.Point"])
    #expect(point.stdoutText == Self.point, "\(point.serveSummary)")
    try grpcurlCalls(connection, address)
  }

  /// Each method called by grpcurl with only reflection, answered as rg answers it.
  func grpcurlCalls(_ connection: [String], _ address: String) throws {
    let cases: [(method: String, command: String, input: String)] = [
      ("GetFeature", "get", try ServePeers.example("point.json")),
      ("ListFeatures", "list", try ServePeers.example("rectangle.json")),
      ("RecordRoute", "record", try ServePeers.example("route.ndjson")),
      ("RouteChat", "chat", try ServePeers.example("notes.ndjson")),
    ]
    for (method, command, input) in cases {
      let call = try ReflectionPeers.grpcurl(
        connection + ["-d", "@", address, "routeguide.RouteGuide/\(method)"], stdin: input)
      #expect(call.status == 0, "\(method): \(call.serveSummary)")
      let viaRG = try ServePeers.rg(
        [command] + rgConnection(connection) + [address], stdin: input)
      #expect(viaRG.status == 0, "\(command): \(viaRG.serveSummary)")
      #expect(try objects(call.stdout) == objects(viaRG.stdout), "\(method)")
      #expect(!viaRG.stdoutLines.isEmpty, "\(method)")
    }
  }

  /// The JSON objects of grpcurl's pretty output or rg's NDJSON, as values to compare.
  func objects(_ bytes: [UInt8]) throws -> [NSDictionary] {
    var objects: [NSDictionary] = []
    var depth = 0
    var start = 0
    for (index, byte) in bytes.enumerated() {
      if byte == UInt8(ascii: "{") {
        if depth == 0 { start = index }
        depth += 1
      } else if byte == UInt8(ascii: "}") {
        depth -= 1
        if depth == 0 {
          let object = try JSONSerialization.jsonObject(with: Data(bytes[start...index]))
          objects.append(try #require(object as? NSDictionary))
        }
      }
    }
    return objects
  }

  func rgConnection(_ grpcurl: [String]) -> [String] {
    grpcurl.first == "-plaintext" ? ["--plaintext"] : ["--cacert", grpcurl[1]]
  }

  @Test func grpcurlWithoutProtoFilesOverPlaintext() async throws {
    try await onOwnThread {
      let server = try ServerProcess.rgServe()
      defer { server.stop() }
      try grpcurlSession(["-plaintext"], server.address)
    }
  }

  @Test func grpcurlWithoutProtoFilesOverTLS() async throws {
    try await onOwnThread {
      let certificates = try TestCertificates.shared()
      let server = try ServerProcess.rgServe([
        "--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey,
      ])
      defer { server.stop() }
      try grpcurlSession(["-cacert", certificates.caCertificate], "localhost:\(server.port)")
    }
  }

  @Test(arguments: ["v1", "v1alpha"])
  func grpcioReflectionClient(version: String) async throws {
    try await onOwnThread {
      let server = try ServerProcess.rgServe()
      defer { server.stop() }
      let result = try ReflectionPeers.grpcioClient(server.address, version)
      #expect(result.status == 0, "\(result.serveSummary)")
      let lines = result.stdoutLines
      #expect(lines.count == 8, "\(result.serveSummary)")
      #expect(
        lines.first
          == #"{"services": [\#(Self.services.map { "\"\($0)\"" }.joined(separator: ", "))]}"#)
      #expect(
        lines.contains(
          #"{"message": "routeguide.Point", "fields": [["latitude", 1, 5], ["longitude", 2, 5]]}"#))
      #expect(
        lines.contains {
          $0.contains(
            #""name": "RouteChat", "input": "routeguide.RouteNote", "output": "routeguide.RouteNote", "client_streaming": true, "server_streaming": true"#
          )
        })
      #expect(
        lines.contains(
          #"{"enum": "grpc.health.v1.HealthCheckResponse.ServingStatus", "values": [["UNKNOWN", 0], ["SERVING", 1], ["NOT_SERVING", 2], ["SERVICE_UNKNOWN", 3]]}"#
        ))
      #expect(lines.contains(#"{"missing": "nope.Nope"}"#))
      #expect(
        lines.contains(#"{"call": "Berkshire Valley Management Area Trail, Jefferson, NJ, USA"}"#))
      // Many questions on one stream, answered in order; NOT_FOUND 5, INVALID_ARGUMENT 3.
      #expect(
        lines.last
          == #"{"stream": [["list_services_response", 0], ["file_descriptor_response", 0], "#
          + #"["error_response", 5], ["error_response", 5], ["error_response", 5], "#
          + #"["error_response", 3]]}"#)
    }
  }

  /// The v1 client really asks grpc.reflection.v1: a server without it fails the client.
  @Test func theV1ClientNeedsTheV1Service() async throws {
    try await onOwnThread {
      let peer = try ReflectionPeers.peer(["--versions", "v1alpha"])
      defer { peer.stop() }
      #expect(try ReflectionPeers.grpcioClient(peer.address, "v1").status != 0)
      let v1alpha = try ReflectionPeers.grpcioClient(peer.address, "v1alpha")
      #expect(v1alpha.stdoutLines.first == #"{"services": ["routeguide.RouteGuide"]}"#)
    }
  }
}
