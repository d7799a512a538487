import Foundation
import TestSupport
import Testing

/// `rg serve` and compression (issue 14): grpcio clients that compress get the answers an
/// uncompressed call gets, in both directions; an encoding it does not support is
/// UNIMPLEMENTED with grpc-accept-encoding; a request bomb costs no more than the limit.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ServeCompressionTests {
  /// All four methods through grpcio with requests that compress: each carries an unknown
  /// field (15) of 300 bytes, which rg serve skips, as proto3 says. Prints one line per answer.
  static let paddedCalls = """
    import sys, grpc
    import route_guide_pb2 as pb
    from google.protobuf import json_format
    compression = {"gzip": grpc.Compression.Gzip, "deflate": grpc.Compression.Deflate}.get(sys.argv[2])
    channel = grpc.insecure_channel(sys.argv[1], compression=compression)
    pad = bytes([0x7A, 0xAC, 0x02]) + b"p" * 300
    def call(method, kind, response):
        make = getattr(channel, kind)
        return make("/routeguide.RouteGuide/" + method,
                    request_serializer=lambda m: m.SerializeToString() + pad,
                    response_deserializer=response.FromString)
    def show(message):
        print(json_format.MessageToJson(message, indent=None))
    here = pb.Point(latitude=409146138, longitude=-746188906)
    show(call("GetFeature", "unary_unary", pb.Feature)(here, timeout=10))
    box = pb.Rectangle(lo=pb.Point(latitude=400000000, longitude=-750000000),
                       hi=pb.Point(latitude=420000000, longitude=-730000000))
    for feature in call("ListFeatures", "unary_stream", pb.Feature)(box, timeout=10):
        show(feature)
    points = [pb.Point(latitude=409146138 + i, longitude=-746188906) for i in range(5)]
    show(call("RecordRoute", "stream_unary", pb.RouteSummary)(iter(points), timeout=10))
    notes = [pb.RouteNote(location=pb.Point(latitude=i % 2, longitude=1),
                          message="note %d: %s" % (i, "long enough to compress " * 10))
             for i in range(4)]
    for note in call("RouteChat", "stream_stream", pb.RouteNote)(iter(notes), timeout=10):
        show(note)
    """

  @Test(arguments: ["gzip", "deflate"])
  func grpcioClientCompressingBothWays(_ encoding: String) throws {
    let compressing = try ServerProcess.rgServe(["--compress", encoding])
    defer { compressing.stop() }
    let plain = try ServerProcess.rgServe()
    defer { plain.stop() }
    let compressed = try ServePeers.pythonSnippet(
      Self.paddedCalls, [compressing.address, encoding])
    let uncompressed = try ServePeers.pythonSnippet(Self.paddedCalls, [plain.address, "none"])
    #expect(compressed.status == 0, "\(compressed.serveSummary)")
    #expect(compressed.stdoutLines.count > 60, "\(compressed.serveSummary)")
    #expect(compressed.stdoutText == uncompressed.stdoutText)
    #expect(compressed.stdoutText.contains(#""pointCount": 5"#))
    // The same with the tutorial's inputs through the grpcio reference client.
    for (command, input) in try ServePeers.inputs() {
      let fromCompressing = try ServePeers.python(
        command, compressing.address, ["--plaintext", "--compression", encoding], stdin: input)
      let fromPlain = try ServePeers.python(command, plain.address, stdin: input)
      #expect(fromCompressing.status == 0, "\(command): \(fromCompressing.serveSummary)")
      #expect(fromCompressing.stdoutText == fromPlain.stdoutText, "\(command) \(input)")
    }
  }

  /// One RecordRoute request on h2 with grpc-encoding ENCODING and a body BODY: `point` (a
  /// Point compressed), `bomb:MIB` (MIB MiB of zeros compressed), or `plain`. Prints
  /// `:status grpc-status grpc-accept-encoding`, then grpc-message.
  static let rawRequest = """
    import socket, sys
    import h2.config, h2.connection, h2.events
    from grpc_compression import bomb, compress
    address, encoding, body = sys.argv[1:4]
    host, port = address.rsplit(":", 1)
    # The body is made before connecting: a bomb takes seconds of CPU, and rg serve closes a
    # connection that has not sent its SETTINGS within 10 s (slowloris protection).
    point = bytes([0x08, 0x01, 0x10, 0x02])
    if body == "plain":
        data = b"\\0" + len(point).to_bytes(4, "big") + point
    else:
        payload = compress(encoding, point * 50) if body == "point" else bomb(encoding, int(body[5:]) << 20)
        data = b"\\1" + len(payload).to_bytes(4, "big") + payload
    sock = socket.create_connection((host, int(port)), timeout=20)
    conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    conn.send_headers(1, [(":method", "POST"), (":scheme", "http"),
        (":path", "/routeguide.RouteGuide/RecordRoute"), (":authority", address),
        ("te", "trailers"), ("content-type", "application/grpc"), ("grpc-encoding", encoding)])
    fields, done, ended = {}, False, False
    def handle(events):
        global done
        for event in events:
            if isinstance(event, (h2.events.ResponseReceived, h2.events.TrailersReceived)):
                fields.update({k.decode(): v.decode() for k, v in event.headers})
            if isinstance(event, h2.events.DataReceived):
                fields["messages"] = "yes"
                conn.acknowledge_received_data(len(event.data), 1)
            if isinstance(event, (h2.events.StreamEnded, h2.events.StreamReset)):
                done = True
    while not done:
        if data:
            window = min(conn.local_flow_control_window(1), conn.max_outbound_frame_size)
            if window > 0:
                conn.send_data(1, data[:window], end_stream=len(data) <= window)
                data = data[window:]
        sock.sendall(conn.data_to_send())
        if data and conn.local_flow_control_window(1) > 0:
            continue
        received = sock.recv(65536)
        if not received:
            break
        handle(conn.receive_data(received))
        sock.sendall(conn.data_to_send())
    print(" ".join(f"{k}={fields.get(k, '-')}" for k in (":status", "grpc-status", "grpc-accept-encoding")))
    print(fields.get("grpc-message", ""))
    """

  static func raw(_ address: String, _ encoding: String, _ body: String) throws -> [String] {
    let result = try ServePeers.pythonSnippet(
      Self.rawRequest, [address, encoding, body], timeout: 60)
    #expect(result.status == 0, "\(result.serveSummary)")
    return result.stdoutLines
  }

  @Test func unsupportedRequestEncodingIsUnimplemented() throws {
    let server = try ServerProcess.rgServe()
    defer { server.stop() }
    let answer = try Self.raw(server.address, "snappy", "plain")
    #expect(answer.first == ":status=200 grpc-status=12 grpc-accept-encoding=gzip, deflate")
    #expect(
      answer.last
        == "grpc-encoding \"snappy\" is not supported (this server accepts identity, gzip, deflate)"
    )
    // What it supports it reads: 50 Points in one compressed message is one Point (the last
    // wins, as protobuf merges), so the route has one point.
    #expect(
      try Self.raw(server.address, "gzip", "point").first?.hasPrefix(":status=200 grpc-status=0")
        == true)
  }

  /// 1 GiB of zeros in about 1 MiB: RESOURCE_EXHAUSTED under the 4 MiB limit, and the server's
  /// peak RSS stays far below what inflating it would take; it serves the next call.
  @Test(arguments: ["gzip", "deflate"])
  func requestBombIsResourceExhausted(_ encoding: String) throws {
    let server = try SignalableServer()
    let answer = try Self.raw(server.address, encoding, "bomb:1024")
    #expect(answer.first?.hasPrefix(":status=200 grpc-status=8") == true, "\(answer)")
    #expect(
      answer.last
        == "received message larger than max once decompressed (\(encoding): more than "
        + "4194304 bytes)")
    let peak = FaultRun.memory(of: server.child.pid).peak
    #expect(!TestedBinary.hasMemoryBounds || (peak > 0 && peak < 32 << 10), "peak \(peak) KiB")
    let next = try ClientRun.rg(
      ["get", "--plaintext", server.address],
      stdin: #"{"latitude":409146138,"longitude":-746188906}"#)
    #expect(next.status == 0, "\(next.summary)")
  }
}
