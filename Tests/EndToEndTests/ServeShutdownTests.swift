import Foundation
import TestSupport
import Testing

/// `rg serve` stops gracefully on SIGTERM, SIGINT and SIGHUP: GOAWAY, open calls finish,
/// exit 0.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ServeShutdownTests {
  static let note = #"{"location":{"latitude":1,"longitude":1},"message":"m"}"# + "\n"

  @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
  func signalLetsOpenCallsFinishThenExitsZero(signal: Int32) throws {
    let server = try SignalableServer()
    let client = try ServePeers.interactivePython("chat", server.address)
    defer { client.signal(SIGKILL) }
    try client.write(Self.note)
    try client.write(Self.note)
    #expect(try client.readLine(timeout: 10) != nil)  // the stream is open and served
    server.child.signal(signal)
    usleep(300_000)
    // The open stream still works after the GOAWAY...
    try client.write(Self.note)
    #expect(try client.readLine(timeout: 10) != nil)
    // ...new connections are refused...
    let late = try ServePeers.python(
      "get", server.address, stdin: #"{"latitude":1}"#, timeout: 20)
    #expect(late.status == 64 + 14, "\(late.serveSummary)")
    // ...and the server exits 0 once the last call ends.
    client.closeStdin()
    #expect(try client.wait(timeout: 10) == 0)
    #expect(try server.child.wait(timeout: 10) == 0)
  }

  @Test func idleServerExitsZeroAtOnce() throws {
    let server = try SignalableServer()
    let start = Date()
    server.child.signal(SIGTERM)
    #expect(try server.child.wait(timeout: 5) == 0)
    #expect(Date().timeIntervalSince(start) < 2)
  }

  @Test func stuckCallIsCutAfterTheGracePeriod() throws {
    let server = try SignalableServer()
    let client = try ServePeers.interactivePython("chat", server.address)
    defer { client.signal(SIGKILL) }
    try client.write(Self.note)
    try client.write(Self.note)
    #expect(try client.readLine(timeout: 10) != nil)
    let start = Date()
    // The chat never ends on its own: the server must give up after its grace period.
    server.child.signal(SIGTERM)
    #expect(try server.child.wait(timeout: 15) == 0)
    #expect(Date().timeIntervalSince(start) < 10)
    #expect(try client.wait(timeout: 10) != 0)
  }

  /// A raw HTTP/2 client: opens a chat, reports the GOAWAY, then uses the open stream.
  ///
  /// Python's h2 closes its state machine at GOAWAY, so after it the frames are written and
  /// read by hand (the HPACK decoder stays in step: nothing else used it).
  static let watchesGoAway = """
    import socket, sys
    import h2.config, h2.connection, h2.events
    import route_guide_pb2
    host, port = sys.argv[1].rsplit(":", 1)
    sock = socket.create_connection((host, int(port)))
    sock.settimeout(15)
    conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    conn.send_headers(1, [(":method", "POST"), (":scheme", "http"),
        (":path", "/routeguide.RouteGuide/RouteChat"), (":authority", sys.argv[1]),
        ("te", "trailers"), ("content-type", "application/grpc")])
    note = route_guide_pb2.RouteNote(message="m").SerializeToString()
    framed = b"\\0" + len(note).to_bytes(4, "big") + note
    conn.send_data(1, framed + framed)
    sock.sendall(conn.data_to_send())
    def frames(buffer):
        while True:
            while len(buffer) >= 9 and len(buffer) >= 9 + int.from_bytes(buffer[:3], "big"):
                length = int.from_bytes(buffer[:3], "big")
                yield buffer[3], buffer[4], int.from_bytes(buffer[5:9], "big") & 0x7FFFFFFF, \\
                    buffer[9:9 + length]
                buffer = buffer[9 + length:]
            data = sock.recv(65536)
            if not data:
                return
            buffer += data
    for kind, flags, stream, payload in frames(b""):
        events = conn.receive_data(bytes([len(payload) >> 16, (len(payload) >> 8) & 255,
            len(payload) & 255, kind, flags]) + stream.to_bytes(4, "big") + payload)
        sock.sendall(conn.data_to_send())
        if any(isinstance(event, h2.events.DataReceived) for event in events):
            print("data", flush=True)
            sys.stdin.readline()  # the test signals the server, then says go on
        if kind == 7:
            print("goaway", int.from_bytes(payload[4:8], "big"), flush=True)
            break
    end = bytes([0, 0, len(framed), 0, 1, 0, 0, 0, 1]) + framed
    sock.sendall(end)
    for kind, flags, stream, payload in frames(b""):
        if kind == 0 and stream == 1 and payload:
            print("data", flush=True)
        elif kind == 1 and stream == 1 and flags & 1:
            trailers = dict(conn.decoder.decode(payload))
            print("trailers", trailers.get(b"grpc-status", trailers.get("grpc-status")), flush=True)
    print("closed", flush=True)
    """

  @Test func goAwayComesFirstAndTheOpenStreamFinishes() throws {
    let server = try SignalableServer()
    try Subprocess.requirePython()
    let client = try ChildProcess(
      RepoPaths.python, ["-c", Self.watchesGoAway, server.address],
      environment: Subprocess.pythonEnvironment(), pipeStdin: true, pipeStdout: true,
      pipeStderr: false)
    defer { client.signal(SIGKILL) }
    #expect(try client.readLine(timeout: 10) == "data")
    server.child.signal(SIGTERM)
    try client.write("\n")
    client.closeStdin()
    // The graceful GOAWAY (which may come as a notice first), then the chat goes on.
    var lines: [String] = []
    while let line = try client.readLine(timeout: 10) { lines.append(line) }
    #expect(lines.first?.hasPrefix("goaway") == true, "\(lines)")
    #expect(lines.contains("data"), "\(lines)")
    #expect(lines.contains { $0.hasPrefix("trailers") && $0.hasSuffix("0") }, "\(lines)")
    #expect(lines.last == "closed", "\(lines)")
    #expect(try server.child.wait(timeout: 10) == 0)
  }
}
