import Foundation
import TestSupport
import Testing

/// `rg serve` against grpcio: the same answers as the Python tutorial server, and its errors.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ServeInteropTests {
  @Test func grpcioClientGetsTheSameAnswersAsFromThePythonServer() throws {
    let rgServer = try ServerProcess.rgServe()
    defer { rgServer.stop() }
    let pythonServer = try ServerProcess.pythonRouteGuide()
    defer { pythonServer.stop() }
    for (command, input) in try ServePeers.inputs() {
      let fromRG = try ServePeers.python(command, rgServer.address, stdin: input)
      let fromPython = try ServePeers.python(command, pythonServer.address, stdin: input)
      #expect(fromRG.status == 0, "\(command): \(fromRG.serveSummary)")
      #expect(fromRG.stdoutText == fromPython.stdoutText, "\(command) \(input)")
    }
  }

  @Test func rgClientAgainstRGServe() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    for (command, input) in try ServePeers.inputs() {
      let fromRG = try ServePeers.rg([command, "--plaintext", server.address], stdin: input)
      let fromPython = try ServePeers.python(command, server.address, stdin: input)
      #expect(fromRG.status == 0, "\(command): \(fromRG.serveSummary)")
      #expect(fromRG.stdoutText == fromPython.stdoutText, "\(command) \(input)")
    }
  }

  @Test func recordRouteOverTheWholeDatabase() throws {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: RepoPaths.sharedData + "/route_guide_db.json"))
    let route = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
    #expect(route.count == 100)
    // Every location of the database, in order, as NDJSON points.
    let input = try route.map { entry in
      String(
        decoding: try JSONSerialization.data(withJSONObject: entry["location"] ?? [:]),
        as: UTF8.self)
    }.joined(separator: "\n")
    let rgServer = try ServerProcess.rgServe()
    defer { rgServer.stop() }
    let pythonServer = try ServerProcess.pythonRouteGuide()
    defer { pythonServer.stop() }
    let fromRG = try ServePeers.python("record", rgServer.address, stdin: input)
    let fromPython = try ServePeers.python("record", pythonServer.address, stdin: input)
    #expect(fromRG.status == 0, "\(fromRG.serveSummary)")
    #expect(fromRG.stdoutText.contains(#""pointCount":100,"featureCount":64"#))
    #expect(fromRG.stdoutText == fromPython.stdoutText)
  }

  @Test func unknownMethodIsUnimplemented() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let code = """
      import sys, grpc
      channel = grpc.insecure_channel(sys.argv[1])
      call = channel.unary_unary("/routeguide.RouteGuide/Nope")
      try:
          call(b"", timeout=10)
          print("OK")
      except grpc.RpcError as error:
          print(error.code().name)
      """
    let result = try ServePeers.pythonSnippet(code, [server.address])
    #expect(result.stdoutText == "UNIMPLEMENTED\n", "\(result.serveSummary)")
  }

  @Test func malformedRequestIsInternal() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let code = """
      import sys, grpc
      channel = grpc.insecure_channel(sys.argv[1])
      call = channel.unary_unary("/routeguide.RouteGuide/GetFeature")
      try:
          call(b"\\x08", timeout=10)
          print("OK")
      except grpc.RpcError as error:
          print(error.code().name)
      """
    let result = try ServePeers.pythonSnippet(code, [server.address])
    #expect(result.stdoutText == "INTERNAL\n", "\(result.serveSummary)")
  }

  @Test func unaryMethodWithZeroOrTwoRequestsIsInternal() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let code = """
      import sys, grpc
      channel = grpc.insecure_channel(sys.argv[1])
      call = channel.stream_unary("/routeguide.RouteGuide/GetFeature")
      for requests in ([], [b"", b""]):
          try:
              call(iter(requests), timeout=10)
              print("OK")
          except grpc.RpcError as error:
              print(error.code().name)
      """
    let result = try ServePeers.pythonSnippet(code, [server.address])
    #expect(result.stdoutText == "INTERNAL\nINTERNAL\n", "\(result.serveSummary)")
  }

  @Test func messageOverTheLimitIsResourceExhausted() throws {
    let server = try ServerProcess.rgServe(["--max-msg-size", "100"])
    defer { server.stop() }
    let small = #"{"location":{"latitude":1},"message":"short"}"#
    let large =
      #"{"location":{"latitude":1},"message":""# + String(repeating: "x", count: 200)
      + #""}"#
    #expect(try ServePeers.python("chat", server.address, stdin: small).status == 0)
    let result = try ServePeers.python("chat", server.address, stdin: large)
    #expect(result.status == 64 + 8, "\(result.serveSummary)")
    #expect(result.stderrText.contains("RESOURCE_EXHAUSTED"))
  }

  @Test func badDatabaseFileNamesFileLineAndColumn() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/routes.json"
    try "[\n  {\"name\": \"a\",\n   \"location\": 7}\n]\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    let result = try ServePeers.rg(["serve", "--port", "0", "--db", path], timeout: 10)
    #expect(result.status == 1)
    let lines = result.stderrText.split(separator: "\n")
    #expect(lines.count == 1, "\(result.serveSummary)")
    #expect(result.stderrText.hasPrefix("rg: \(path):3:"), "\(result.serveSummary)")
    let missing = try ServePeers.rg(["serve", "--port", "0", "--db", path + ".nope"], timeout: 10)
    #expect(missing.status == 1)
    #expect(missing.stderrText == "rg: \(path).nope: No such file or directory\n")
  }

  @Test func databaseFileIsServed() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path + "/routes.json"
    try #"[{"name": "here", "location": {"latitude": 5, "longitude": 6}}]"#.write(
      toFile: path, atomically: true, encoding: .utf8)
    let server = try ServerProcess.rgServe(["--db", path])
    defer { server.stop() }
    let result = try ServePeers.python(
      "list", server.address,
      stdin: #"{"lo":{"latitude":0,"longitude":0},"hi":{"latitude":10,"longitude":10}}"#)
    #expect(result.stdoutText == #"{"name":"here","location":{"latitude":5,"longitude":6}}"# + "\n")
  }
}
