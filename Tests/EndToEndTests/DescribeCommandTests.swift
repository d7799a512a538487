import Foundation
import TestSupport
import Testing

/// `rg describe` against rg serve, grpcio's reflection, servers without it, and scripted
/// reflection servers that answer wrongly.
@Suite(.serialized, .timeLimit(.minutes(3))) struct DescribeCommandTests {
  func describe(_ arguments: [String]) throws -> SubprocessResult {
    try ReflectionPeers.describe(arguments)
  }

  /// One `rg:` line on stderr (the error), nothing else.
  func expectOneErrorLine(_ result: SubprocessResult, containing text: String) {
    let lines = result.stderrText.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 2 && lines[1].isEmpty, "\(result.serveSummary)")
    #expect(result.stderrText.hasPrefix("rg: "), "\(result.serveSummary)")
    #expect(result.stderrText.contains(text), "\(result.serveSummary)")
  }

  @Test func listsAndDescribesRgServeAsGrpcurlDoes() async throws {
    try await onOwnThread {
      let server = try ServerProcess.rgServe()
      defer { server.stop() }
      let address = "http://\(server.address)"
      let list = try describe([address])
      #expect(list.status == 0, "\(list.serveSummary)")
      #expect(list.stdoutLines == ReflectionInteropTests.services)
      for symbol in [
        "routeguide.RouteGuide", "routeguide.RouteGuide.RouteChat", "routeguide.Point",
        "routeguide.RouteSummary", "grpc.health.v1.Health", "grpc.health.v1.HealthCheckResponse",
        "grpc.health.v1.HealthCheckResponse.ServingStatus",
        "grpc.reflection.v1.ServerReflectionResponse", "grpc.reflection.v1alpha.ServerReflection",
      ] {
        let ours = try describe([address, symbol])
        let grpcurl = try ReflectionPeers.grpcurl([
          "-plaintext", server.address, "describe", symbol,
        ])
        #expect(ours.status == 0, "\(symbol): \(ours.serveSummary)")
        #expect(grpcurl.status == 0, "\(symbol): \(grpcurl.serveSummary)")
        #expect(ours.stdoutText == grpcurl.stdoutText, "\(symbol)")
      }
    }
  }

  @Test func jsonCheckAndUnknownSymbolsAgainstRgServe() async throws {
    try await onOwnThread {
      let server = try ServerProcess.rgServe()
      defer { server.stop() }
      let address = "http://\(server.address)"
      let json = try describe(["--format", "json", address, "routeguide.Rectangle"])
      #expect(
        json.stdoutLines == [
          #"{"name":"routeguide.Rectangle","kind":"message","file":"route_guide.proto","fields":"#
            + #"[{"name":"lo","number":1,"type":"message","typeName":"routeguide.Point","#
            + #""jsonName":"lo"},{"name":"hi","number":2,"type":"message","#
            + #""typeName":"routeguide.Point","jsonName":"hi"}]}"#
        ])
      let check = try describe(["--check", address])
      #expect(check.status == 0, "\(check.serveSummary)")
      #expect(check.stdout.isEmpty && check.stderr.isEmpty)
      let unknown = try describe([address, "routeguide.Nope"])
      #expect(unknown.status == 64 + 5)
      #expect(unknown.stdout.isEmpty)
      expectOneErrorLine(
        unknown, containing: #"NOT_FOUND: the server does not know "routeguide.Nope""#)
      let fromEnvironment = try Subprocess.run(
        RepoPaths.rgBinary, ["describe", "routeguide.Point"],
        environment: ProcessInfo.processInfo.environment.merging(["RG_ADDRESS": address]) { $1 })
      #expect(fromEnvironment.stdoutText == ReflectionInteropTests.point)
    }
  }

  @Test func overTLS() async throws {
    try await onOwnThread {
      let certificates = try TestCertificates.shared()
      let server = try ServerProcess.rgServe([
        "--tls-cert", certificates.serverCertificate, "--tls-key", certificates.serverKey,
      ])
      defer { server.stop() }
      let result = try describe([
        "--cacert", certificates.caCertificate, server.address, "routeguide.Point",
      ])
      #expect(result.status == 0, "\(result.serveSummary)")
      #expect(result.stdoutText == ReflectionInteropTests.point)
    }
  }

  /// grpcio serves only v1alpha: rg asks v1, hears UNIMPLEMENTED, asks v1alpha.
  @Test func grpcioServerWithReflectionThroughV1Alpha() async throws {
    try await onOwnThread {
      let server = try ServerProcess.pythonRouteGuide(["--reflection"])
      defer { server.stop() }
      let address = "http://\(server.address)"
      let list = try describe(["-v", address])
      #expect(list.status == 0, "\(list.serveSummary)")
      #expect(
        list.stdoutLines == ["grpc.reflection.v1alpha.ServerReflection", "routeguide.RouteGuide"])
      #expect(list.stderrText.contains("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"))
      #expect(list.stderrText.contains("asking grpc.reflection.v1alpha"))
      let point = try describe([address, "routeguide.Point"])
      #expect(point.stdoutText == ReflectionInteropTests.point, "\(point.serveSummary)")
      let check = try describe(["--check", address])
      #expect(check.status == 0, "\(check.serveSummary)")
      #expect(check.stdout.isEmpty)
    }
  }

  @Test func aServerWithoutReflectionIsUnimplementedWithAHint() async throws {
    try await onOwnThread {
      let server = try ServerProcess.pythonRouteGuide()
      defer { server.stop() }
      let address = "http://\(server.address)"
      for arguments in [[address], ["--check", address], [address, "routeguide.Point"]] {
        let result = try describe(arguments)
        #expect(result.status == 64 + 12, "\(arguments): \(result.serveSummary)")
        expectOneErrorLine(result, containing: "the server has no reflection service")
      }
    }
  }

  @Test func checkPrintsOneLinePerDifferenceAndExitsOne() async throws {
    try await onOwnThread {
      let peer = try ReflectionPeers.peer([
        "--versions", "v1alpha", "--mutate", "int64-latitude", "--mutate", "no-longitude",
        "--mutate", "repeated-location", "--mutate", "chat-client-streaming", "--mutate",
        "get-takes-rectangle",
      ])
      defer { peer.stop() }
      let result = try describe(["--check", "http://\(peer.address)"])
      #expect(result.status == 1, "\(result.serveSummary)")
      #expect(
        result.stdoutLines == [
          "routeguide.RouteGuide.GetFeature: server takes routeguide.Rectangle, rg sends routeguide.Point",
          "routeguide.RouteGuide.RouteChat: server has it client-streaming, rg speaks bidi-streaming",
          "routeguide.Point.latitude: server has field 1 as int64, rg speaks int32",
          "routeguide.Point.longitude: server has no field 2, rg speaks int32",
          "routeguide.Feature.location: server has field 2 as repeated routeguide.Point, rg speaks routeguide.Point",
        ])
      expectOneErrorLine(result, containing: "differs from the one rg speaks in 5 places")
      let json = try describe(["--check", "--format", "json", "http://\(peer.address)"])
      #expect(json.status == 1)
      #expect(
        json.stdoutLines.first
          == #"{"symbol":"routeguide.RouteGuide.GetFeature","difference":"server takes routeguide.Rectangle, rg sends routeguide.Point"}"#
      )
    }
  }

  @Test func importsTheAnswerLacksAreAskedForByName() async throws {
    try await onOwnThread {
      let peer = try ReflectionPeers.peer(["--scenario", "split"])
      defer { peer.stop() }
      let check = try describe(["--check", "http://\(peer.address)"])
      #expect(check.status == 0, "\(check.serveSummary)")
      let feature = try describe([
        "--format", "json", "http://\(peer.address)", "routeguide.Feature",
      ])
      #expect(
        feature.stdoutText.contains(#""file":"routeguide/messages.proto""#),
        "\(feature.serveSummary)")
    }
  }

  /// Names from the server are printed escaped: one line each, nothing a terminal acts on.
  @Test func serverNamesCannotForgeLinesOrDriveTheTerminal() async throws {
    try await onOwnThread {
      let peer = try ReflectionPeers.peer(["--scenario", "hostile-names"])
      defer { peer.stop() }
      let result = try describe(["--timeout", "10s", "http://\(peer.address)"])
      #expect(result.status == 0, "\(result.serveSummary)")
      #expect(result.stdoutLines.count == 4, "\(result.stdoutLines)")
      #expect(result.stdoutLines.contains(#"evil\nrouteguide.Forged"#), "\(result.stdoutLines)")
      let controls = result.stdout.filter { $0 < 0x20 && $0 != 0x0A || $0 == 0x7F }
      #expect(controls.isEmpty, "\(result.stdoutLines)")
      #expect(!result.stdoutText.unicodeScalars.contains("\u{9B}"))
    }
  }

  /// Hostile or broken reflection servers: one `rg:` line and a non-zero exit, never a hang
  /// (each run is bounded by the test's timeout) or a crash (a signal's exit code).
  @Test(arguments: [
    ("other-answer", 77, "answered another question (file_by_filename \"other.proto\")"),
    ("wrong-kind", 77, "is a list_services_response"),
    ("bad-descriptor", 77, "is not a FileDescriptorProto: malformed protobuf"),
    ("cycle", 77, "files import each other in a cycle: a.proto -> b.proto -> a.proto"),
    ("huge-list", 77, "more than 10000 files in one answer"),
    ("many-files", 77, "more than 1000 files"),
    ("deep-nesting", 77, "nested more than 100 deep"),
    ("extra-answer", 77, "another answer after the last question"),
    ("ends-early", 77, "ended the stream without answering"),
    ("error-ok", 77, "an error response whose code is OK (0)"),
    ("silent", 68, "DEADLINE_EXCEEDED"),
  ])
  func hostileServers(scenario: String, status: Int32, message: String) async throws {
    try await onOwnThread {
      let peer = try ReflectionPeers.peer(["--scenario", scenario])
      defer { peer.stop() }
      let started = Date()
      let result = try describe(
        ["--timeout", "3s", "http://\(peer.address)", "routeguide.Point"])
      #expect(result.status == status, "\(scenario): \(result.serveSummary)")
      #expect(result.stdout.isEmpty, "\(scenario)")
      expectOneErrorLine(result, containing: message)
      #expect(Date().timeIntervalSince(started) < 20, "\(scenario)")
    }
  }
}
