import Foundation
import TestSupport
import Testing

/// One stuck client must not stall another: `rg serve` never blocks on a peer.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ServeRobustnessTests {
  /// Opens streams over HTTP/2 with a huge receive window, then never reads a byte.
  static let neverReads = """
    import socket, sys, time
    import h2.config, h2.connection, h2.settings
    import route_guide_pb2
    host, port = sys.argv[1].rsplit(":", 1)
    sock = socket.create_connection((host, int(port)))
    conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    conn.update_settings({h2.settings.SettingCodes.INITIAL_WINDOW_SIZE: 2**31 - 1})
    conn.increment_flow_control_window(2**31 - 1 - 65535)
    world = route_guide_pb2.Rectangle(
        lo=route_guide_pb2.Point(latitude=-2**31, longitude=-2**31),
        hi=route_guide_pb2.Point(latitude=2**31 - 1, longitude=2**31 - 1)).SerializeToString()
    for stream in range(1, 9, 2):
        conn.send_headers(stream, [(":method", "POST"), (":scheme", "http"),
            (":path", "/routeguide.RouteGuide/ListFeatures"), (":authority", sys.argv[1]),
            ("te", "trailers"), ("content-type", "application/grpc")])
        conn.send_data(stream, b"\\0" + len(world).to_bytes(4, "big") + world, end_stream=True)
    sock.sendall(conn.data_to_send())
    print("sent", flush=True)
    time.sleep(60)
    """

  /// A database big enough that its listing cannot fit in socket buffers.
  func bigDatabase(in directory: TemporaryDirectory) throws -> String {
    let name = String(repeating: "n", count: 200)
    let entries = (0..<20_000).map { index in
      #"{"name":"\#(name)\#(index)","location":{"latitude":\#(index),"longitude":1}}"#
    }
    let path = directory.path + "/big.json"
    try ("[" + entries.joined(separator: ",\n") + "]").write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func stuckClientsDoNotStallOthers() throws {
    let directory = try TemporaryDirectory()
    let server = try ServerProcess.rgServe(["--db", try bigDatabase(in: directory)])
    defer { server.stop() }
    // Connects and sends nothing at all.
    let silent = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(silent) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(server.port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(silent, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    #expect(connected == 0)
    // Asks for megabytes and never reads them.
    try Subprocess.requirePython()
    let greedy = try ChildProcess(
      RepoPaths.python, ["-c", Self.neverReads, server.address],
      environment: Subprocess.pythonEnvironment(), pipeStdin: false, pipeStdout: true,
      pipeStderr: false)
    defer { greedy.signal(SIGKILL) }
    #expect(try greedy.readLine(timeout: 20) == "sent")
    usleep(500_000)  // let the server fill that socket
    let start = Date()
    let point = #"{"latitude":5,"longitude":1}"#
    let answer = try ServePeers.python("get", server.address, stdin: point, timeout: 20)
    #expect(answer.status == 0, "\(answer.serveSummary)")
    #expect(answer.stdoutText.hasSuffix("5\",\"location\":{\"latitude\":5,\"longitude\":1}}\n"))
    #expect(Date().timeIntervalSince(start) < 10)
  }
}
