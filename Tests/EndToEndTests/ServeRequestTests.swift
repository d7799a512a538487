import Foundation
import TestSupport
import Testing

/// Requests `rg serve` must refuse rather than guess at (issue 11): a malformed grpc-timeout
/// (HTTP 400 and INTERNAL, as grpc-go answers) and a codec other than protobuf (UNIMPLEMENTED).
@Suite(.timeLimit(.minutes(5))) struct ServeRequestTests {
  /// One GetFeature on h2 with the extra headers given as NAME=VALUE; prints the answer.
  static let request = """
    import socket, sys
    import h2.config, h2.connection, h2.events
    host, port = sys.argv[1].rsplit(":", 1)
    sock = socket.create_connection((host, int(port)), timeout=10)
    conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    extra = [tuple(pair.split("=", 1)) for pair in sys.argv[2:]]
    headers = [(":method", "POST"), (":scheme", "http"),
               (":path", "/routeguide.RouteGuide/GetFeature"), (":authority", sys.argv[1]),
               ("te", "trailers")]
    if "content-type" not in {name for name, _ in extra}:
        headers.append(("content-type", "application/grpc"))
    conn.send_headers(1, headers + extra)
    point = bytes([0x08, 0x01, 0x10, 0x02])
    conn.send_data(1, b"\\0" + len(point).to_bytes(4, "big") + point, end_stream=True)
    sock.sendall(conn.data_to_send())
    fields, done = {}, False
    while not done:
        data = sock.recv(65536)
        if not data:
            break
        for event in conn.receive_data(data):
            if isinstance(event, (h2.events.ResponseReceived, h2.events.TrailersReceived)):
                fields.update({k.decode(): v.decode() for k, v in event.headers})
            if isinstance(event, h2.events.DataReceived):
                fields["messages"] = "yes"
                conn.acknowledge_received_data(len(event.data), 1)
            if isinstance(event, (h2.events.StreamEnded, h2.events.StreamReset)):
                done = True
        sock.sendall(conn.data_to_send())
    print(" ".join(f"{k}={fields[k]}" for k in (":status", "grpc-status", "messages") if k in fields))
    print(fields.get("grpc-message", ""))
    """

  static func ask(_ server: ServerProcess, _ headers: [String]) throws -> [String] {
    let result = try ServePeers.pythonSnippet(Self.request, [server.address] + headers)
    #expect(result.status == 0, "\(result.serveSummary)")
    return result.stdoutLines
  }

  @Test(arguments: ["1000", "5s", "123456789S", "-1S"])
  func malformedTimeoutIsInternal(_ timeout: String) throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let answer = try Self.ask(server, ["grpc-timeout=\(timeout)"])
    #expect(answer.first == ":status=400 grpc-status=13", "\(answer)")
    #expect(answer.last?.contains("malformed grpc-timeout") == true, "\(answer)")
  }

  @Test func wellFormedTimeoutIsServed() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    #expect(
      try Self.ask(server, ["grpc-timeout=5S"]).first == ":status=200 grpc-status=0 messages=yes")
  }

  @Test func jsonCodecIsUnimplemented() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let answer = try Self.ask(server, ["content-type=application/grpc+json"])
    #expect(answer.first == ":status=200 grpc-status=12", "\(answer)")
    #expect(answer.last?.contains("protobuf only") == true, "\(answer)")
  }

  @Test(arguments: ["application/grpc+proto", "application/grpc;charset=utf-8"])
  func protobufContentTypesAreServed(_ contentType: String) throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let answer = try Self.ask(server, ["content-type=\(contentType)"])
    #expect(answer.first == ":status=200 grpc-status=0 messages=yes", "\(answer)")
  }
}
