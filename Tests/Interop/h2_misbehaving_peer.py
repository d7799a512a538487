#!/usr/bin/env python3
"""A scripted, misbehaving HTTP/2 peer for rg's fault tests, on the `h2` package (not ours).

    python h2_misbehaving_peer.py --scenario NAME [--host H] [--port P] [--events FILE]
        [--tls-cert F --tls-key F [--client-ca F] [--alpn LIST]]

It prints `listening on HOST:PORT` on stderr once it accepts connections and serves each
connection on its own thread until killed. Whatever the client sends, it answers the way
the scenario says (see SCENARIOS below). --events FILE gets one JSON line per thing the peer
observed: {"event": "connection" | "tls" | "headers" | "data" | "end" | "reset" | "closed", ...},
so tests can tell what reached the wire (e.g. that a stream was reset, not half-closed).
"""

import argparse
import json
import socket
import ssl
import sys
import threading
import time

import h2.config
import h2.connection
import h2.events
import h2.exceptions
import h2.settings

import grpc_compression

GRPC_HEADERS = [(":status", "200"), ("content-type", "application/grpc")]
# Feature{name: "f", location: {latitude: 1, longitude: 2}}
FEATURE = bytes([0x0A, 0x01, 0x66, 0x12, 0x04, 0x08, 0x01, 0x10, 0x02])

SCENARIOS = {
    "close-mid-message[:after-three]": "headers, (three whole messages,) half a message, then "
                                       "the TCP connection closes",
    "rst:CODE": "RST_STREAM with CODE as soon as the request headers arrive",
    "goaway": "GOAWAY with last-stream-id below the request's stream, then silence",
    "undecodable": "answers every call with one message that is no protobuf (a field tag "
                   "without its value), then OK",
    "answer-goaway": "answers the first call (a Feature, then OK) and sends GOAWAY(NO_ERROR) "
                     "naming that call's stream, all in one socket write; then reads and "
                     "drops what the client sends until it closes. Every connection alike",
    "http:STATUS": "HTTP STATUS, content-type text/plain, no grpc-status",
    "html": "HTTP 200 with content-type text/html and a web page",
    "short-message": "a length prefix of 1000 with 10 bytes of data, then status OK",
    "prefix:N": "headers and a bare length prefix of N, then nothing more",
    "compressed": "a message with the compressed flag and no grpc-encoding, then OK",
    "no-status": "a message, then trailers without grpc-status",
    "two-responses": "two messages, then OK (wrong for a unary call)",
    "zero-responses": "no message, then OK (wrong for a unary call)",
    "never-answer": "reads everything, answers nothing",
    "stop-reading": "the HTTP/2 handshake, then never reads the socket again",
    "no-window": "reads, but never gives flow-control window back",
    "echo": "sends every request DATA byte back as response data, then OK",
    "flood:N": "after the request, N Feature messages, then OK",
    "tls-only": "completes (or logs the failure of) the TLS handshake; logs bytes received",
    "max-streams:N": "SETTINGS_MAX_CONCURRENT_STREAMS N; reads (and answers PINGs), answers "
                     "no call",
    "late-strict-settings": "holds its SETTINGS until the client's first bytes (its request) "
                            "are in, then sends strict ones (MAX_CONCURRENT_STREAMS 1, "
                            "MAX_FRAME_SIZE 16384, INITIAL_WINDOW_SIZE 100) and answers each "
                            "call: GetFeature a Feature, RecordRoute a RouteSummary counting "
                            "the messages received",
    "rotate:N": "answers each call with a Feature and OK; the Nth answer on a connection goes out "
                "in one write with GOAWAY(NO_ERROR, last-stream-id = its stream), as servers "
                "that rotate connections by age do",
    "diag-hostile-text[:CONTROL]": "status UNKNOWN whose grpc-message decodes to a forged "
                                   "second `rg:` line, CR and an ESC colour code; with CONTROL "
                                   "(esc, c1) also an x-hostile header and trailer whose value "
                                   "holds that control character",
    "encoded:ENCODING": "grpc-encoding ENCODING; a Feature with a long name compressed (in "
                        "gzip's format for an ENCODING other than gzip and deflate), the same "
                        "Feature uncompressed, the short Feature compressed, then OK",
    "not-inflating:ENCODING": "grpc-encoding ENCODING and a message with the compressed flag "
                              "whose body is not compressed data, then OK",
    "bomb:ENCODING:MIB": "grpc-encoding ENCODING and one message of MIB MiB of zeros "
                         "compressed (about MIB KiB on the wire; made before listening), "
                         "then OK",
    "refuse-encoding:LIST": "Trailers-Only UNIMPLEMENTED with grpc-accept-encoding LIST "
                            "(comma-separated), as grpc-core answers an encoding it does not "
                            "take",
}

# Feature{name: "compressible feature name " x 10, location: {latitude: 1, longitude: 2}}
LONG_NAME = b"compressible feature name " * 10
LONG_FEATURE = (bytes([0x0A]) + bytes([len(LONG_NAME) & 0x7F | 0x80, len(LONG_NAME) >> 7])
                + LONG_NAME + FEATURE[3:])
# Made once, before listening (bomb:ENCODING:MIB): a GiB takes seconds to compress.
BOMBS = {}

# A terminal attack in a status message: a forged second diagnostic line and a colour code.
HOSTILE_MESSAGE = "line1%0Arg: FAKE second line%0D%1B[31mRED"
HOSTILE_CONTROLS = {"esc": "\x1b", "c1": "\u009b"}


class EventLog:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()

    def __call__(self, event, **fields):
        if not self.path:
            return
        with self.lock, open(self.path, "a", encoding="utf-8") as file:
            file.write(json.dumps({"event": event, **fields}) + "\n")


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def frame(payload, flag=0):
    return bytes([flag]) + len(payload).to_bytes(4, "big") + payload


class Peer:
    """One accepted connection, driven by the scenario."""

    def __init__(self, sock, scenario, log):
        self.sock = sock
        self.name, _, argument = scenario.partition(":")
        self.argument = argument
        self.log = log
        config = h2.config.H2Configuration(client_side=False, header_encoding="utf-8")
        self.conn = h2.connection.H2Connection(config=config)
        self.echo_pending = {}
        self.received = {}
        self.received_bytes = {}
        self.paths = {}
        self.gone_away = False

    def flush(self):
        data = self.conn.data_to_send()
        if data:
            self.sock.sendall(data)

    def run(self):
        self.conn.initiate_connection()
        if self.name == "late-strict-settings":
            # Sent as a change: h2 applies it once the client acknowledges it, as RFC 9113
            # says, so what the client sent under the old window is still welcome.
            codes = h2.settings.SettingCodes
            self.conn.update_settings({
                codes.MAX_CONCURRENT_STREAMS: 1, codes.MAX_FRAME_SIZE: 16384,
                codes.INITIAL_WINDOW_SIZE: 100})
        if self.name == "max-streams":
            self.conn.update_settings(
                {h2.settings.SettingCodes.MAX_CONCURRENT_STREAMS: int(self.argument)})
        if self.name == "late-strict-settings":
            first = self.sock.recv(65536)
            self.log("first-bytes", received=len(first), request=b"\x01" in first[24:])
            self.flush()
            for event in self.conn.receive_data(first):
                self.handle(event)
        self.flush()
        if self.name == "stop-reading":
            self.log("stopped-reading")
            time.sleep(3600)
        while True:
            data = self.sock.recv(65536)
            if not data:
                self.log("closed", by="client")
                return
            if self.gone_away:
                # h2 refuses all input after its own GOAWAY; a graceful server just ignores
                # the streams above last-stream-id and waits for the client to leave.
                self.log("after-goaway", received=len(data))
                continue
            for event in self.conn.receive_data(data):
                self.handle(event)
                if self.gone_away:
                    break
            self.flush()

    def handle(self, event):
        if isinstance(event, h2.events.RequestReceived):
            headers = dict(event.headers)
            self.log("headers", stream=event.stream_id, path=headers.get(":path"))
            self.paths[event.stream_id] = headers.get(":path", "")
            self.on_request(event.stream_id)
        elif isinstance(event, h2.events.DataReceived):
            self.on_data(event)
        elif isinstance(event, h2.events.StreamEnded):
            self.log("end", stream=event.stream_id, received=self.received.get(event.stream_id, 0))
            self.on_end(event.stream_id)
        elif isinstance(event, h2.events.StreamReset):
            self.log("reset", stream=event.stream_id, code=int(event.error_code),
                     received=self.received.get(event.stream_id, 0))
        elif isinstance(event, h2.events.WindowUpdated):
            self.send_echo()
        elif isinstance(event, h2.events.ConnectionTerminated):
            self.log("goaway-received", code=int(event.error_code))
        elif isinstance(event, h2.events.PingReceived):
            self.log("ping")  # h2 has already queued the ACK

    def on_data(self, event):
        stream = event.stream_id
        self.received[stream] = self.received.get(stream, 0) + len(event.data)
        if self.name == "late-strict-settings":
            self.received_bytes[stream] = self.received_bytes.get(stream, b"") + event.data
            # Every byte given back at once, as a server that consumes its input does. h2's
            # own window manager counts data that came under the old 65,535-byte window
            # against the new 100-byte one and may never send an update: the client's stream
            # window then stays negative, and its END_STREAM (a DATA frame) may not go out.
            if event.flow_controlled_length:
                try:
                    self.conn.increment_flow_control_window(event.flow_controlled_length)
                    self.conn.increment_flow_control_window(event.flow_controlled_length, stream)
                except (h2.exceptions.StreamClosedError, h2.exceptions.ProtocolError):
                    pass  # the stream or the connection has ended meanwhile
            return
        if self.name != "no-window":
            self.conn.acknowledge_received_data(event.flow_controlled_length, stream)
        if self.name == "echo":
            self.echo_pending[stream] = self.echo_pending.get(stream, b"") + event.data
            self.send_echo()

    def on_request(self, stream):
        if self.name == "rst":
            self.conn.reset_stream(stream, int(self.argument))
        elif self.name == "goaway":
            self.conn.close_connection(error_code=0, last_stream_id=max(stream - 2, 0))
        elif self.name == "echo":
            self.conn.send_headers(stream, GRPC_HEADERS)

    def on_end(self, stream):
        name, conn = self.name, self.conn
        if name == "late-strict-settings":
            return self.answer_counting(stream)
        if name == "diag-hostile-text":
            return self.answer_hostile_text(stream)
        if name == "close-mid-message":
            conn.send_headers(stream, GRPC_HEADERS)
            whole = frame(FEATURE) * 3 if self.argument else b""
            conn.send_data(stream, whole + (100).to_bytes(5, "big") + b"0123456789")
            self.flush()
            self.log("closing")
            self.sock.shutdown(socket.SHUT_RDWR)
            self.sock.close()
            raise ConnectionAbortedError("scripted close")
        if name == "http":
            conn.send_headers(stream, [(":status", self.argument), ("content-type", "text/plain")])
            conn.send_data(stream, b"upstream says no\n", end_stream=True)
        elif name == "html":
            conn.send_headers(stream, [(":status", "200"), ("content-type", "text/html")])
            conn.send_data(stream, b"<html><body>Not a gRPC server</body></html>\n",
                           end_stream=True)
        elif name == "prefix":
            conn.send_headers(stream, GRPC_HEADERS)
            conn.send_data(stream, int(self.argument).to_bytes(5, "big"))
        elif name in ("short-message", "compressed", "no-status", "two-responses",
                      "zero-responses", "undecodable"):
            self.answer(stream)
        elif name == "echo":
            self.echo_pending.setdefault(stream, b"")
            self.echo_pending[stream] += b"END"
            self.send_echo()
        elif name == "flood":
            self.flood(stream, int(self.argument))
        elif name == "rotate":
            self.rotate(stream)
        elif name in ("encoded", "not-inflating", "bomb"):
            self.answer_compressed(stream)
        elif name == "refuse-encoding":
            conn.send_headers(stream, GRPC_HEADERS + [
                ("grpc-status", "12"), ("grpc-message", "grpc-encoding not supported"),
                ("grpc-accept-encoding", self.argument)], end_stream=True)
        elif name == "answer-goaway":
            self.answer(stream)
            self.conn.close_connection(error_code=0, last_stream_id=stream)
            self.gone_away = True
            self.log("goaway-sent", stream=stream)

    def answer_counting(self, stream):
        """A Feature for GetFeature; for RecordRoute a RouteSummary with pointCount = the
        gRPC messages the stream carried."""
        data, count = self.received_bytes.get(stream, b""), 0
        while len(data) >= 5:
            data = data[5 + int.from_bytes(data[1:5], "big"):]
            count += 1
        path = self.paths.get(stream, "")
        body = FEATURE if path.endswith("/GetFeature") else bytes([0x08]) + varint(count)
        self.conn.send_headers(stream, GRPC_HEADERS)
        self.conn.send_data(stream, frame(body))
        self.conn.send_headers(stream, [("grpc-status", "0")], end_stream=True)
        self.log("answered", stream=stream, messages=count)

    def rotate(self, stream):
        if getattr(self, "answered", 0) >= int(self.argument):
            return  # after GOAWAY: a stream above its last id, which the client must retry
        self.answered = getattr(self, "answered", 0) + 1
        self.conn.send_headers(stream, GRPC_HEADERS)
        self.conn.send_data(stream, frame(FEATURE))
        self.conn.send_headers(stream, [("grpc-status", "0")], end_stream=True)
        if self.answered == int(self.argument):
            self.conn.close_connection(error_code=0, last_stream_id=stream)
            self.gone_away = True
            self.log("goaway-sent", stream=stream)

    def answer(self, stream):
        body = {
            "answer-goaway": frame(FEATURE),
            "short-message": (1000).to_bytes(5, "big") + b"0123456789",
            "compressed": frame(FEATURE, flag=1),
            "no-status": frame(FEATURE),
            "two-responses": frame(FEATURE) * 2,
            "zero-responses": b"",
            "undecodable": frame(b"\x08"),
        }[self.name]
        trailers = [("x-peer", "misbehaving")]
        if self.name != "no-status":
            trailers.append(("grpc-status", "0"))
        self.conn.send_headers(stream, GRPC_HEADERS)
        if body:
            self.conn.send_data(stream, body)
        self.conn.send_headers(stream, trailers, end_stream=True)

    def answer_compressed(self, stream):
        encoding = self.argument.partition(":")[0]
        if self.name == "encoded":
            body = (frame(grpc_compression.compress(encoding, LONG_FEATURE), flag=1)
                    + frame(LONG_FEATURE) + frame(grpc_compression.compress(encoding, FEATURE),
                                                  flag=1))
        elif self.name == "not-inflating":
            body = frame(FEATURE, flag=1)
        else:
            body = frame(BOMBS[self.argument], flag=1)
        self.conn.send_headers(stream, GRPC_HEADERS + [("grpc-encoding", encoding)])
        self.send_all(stream, body)
        self.conn.send_headers(stream, [("grpc-status", "0")], end_stream=True)
        self.log("answered", stream=stream, sent=len(body))

    def send_all(self, stream, data):
        """`data` as fast as flow control allows (a bomb is larger than one window)."""
        while data:
            window = min(self.conn.local_flow_control_window(stream),
                         self.conn.max_outbound_frame_size)
            if window <= 0:
                self.flush()
                self.wait_for_window()
                continue
            self.conn.send_data(stream, data[:window])
            data = data[window:]
            self.flush()

    def answer_hostile_text(self, stream):
        headers, trailers = list(GRPC_HEADERS), [("grpc-status", "2")]
        control = HOSTILE_CONTROLS.get(self.argument)
        if control:
            headers.append(("x-hostile", f"head{control}[31mred"))
            trailers.append(("x-hostile", f"tail{control}[31mred"))
        self.conn.send_headers(stream, headers)
        self.conn.send_headers(stream, trailers + [("grpc-message", HOSTILE_MESSAGE)],
                               end_stream=True)

    def send_echo(self):
        for stream, pending in list(self.echo_pending.items()):
            done = pending.endswith(b"END")
            data = pending[:-3] if done else pending
            while data:
                window = min(self.conn.local_flow_control_window(stream),
                             self.conn.max_outbound_frame_size)
                if window <= 0:
                    break
                self.conn.send_data(stream, data[:window])
                data = data[window:]
            if done and not data:
                self.conn.send_headers(stream, [("grpc-status", "0")], end_stream=True)
                del self.echo_pending[stream]
            else:
                self.echo_pending[stream] = data + (b"END" if done else b"")
        self.flush()

    def flood(self, stream, count):
        """`count` Features as fast as flow control allows; blocks on TCP like any server."""
        self.conn.send_headers(stream, GRPC_HEADERS)
        per_chunk = 1000
        chunk = frame(FEATURE) * per_chunk
        remaining = count
        pending = b""
        while remaining or pending:
            if not pending:
                n = min(per_chunk, remaining)
                pending = chunk if n == per_chunk else frame(FEATURE) * n
                remaining -= n
            window = min(self.conn.local_flow_control_window(stream),
                         self.conn.max_outbound_frame_size)
            if window <= 0:
                self.flush()
                self.wait_for_window()
                continue
            self.conn.send_data(stream, pending[:window])
            pending = pending[window:]
            self.flush()
        self.conn.send_headers(stream, [("grpc-status", "0")], end_stream=True)
        self.log("flooded", stream=stream, count=count)

    def wait_for_window(self):
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionAbortedError("client closed during flood")
        for event in self.conn.receive_data(data):
            if isinstance(event, h2.events.StreamReset):
                self.log("reset", stream=event.stream_id, code=int(event.error_code))
                raise ConnectionAbortedError("stream reset during flood")


def serve_tls_only(sock, log):
    """The handshake already happened (or failed); count what arrives after it."""
    total = 0
    sock.settimeout(5)
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                break
            total += len(data)
    except (OSError, ssl.SSLError) as error:
        log("tls-read-error", error=str(error))
    log("tls-bytes", received=total)


def handle(client, scenario, log, tls_context):
    try:
        if tls_context:
            client.settimeout(10)
            try:
                client = tls_context.wrap_socket(client, server_side=True)
            except (OSError, ssl.SSLError) as error:
                log("tls", ok=False, error=str(error))
                return
            log("tls", ok=True, alpn=client.selected_alpn_protocol())
            client.settimeout(None)
        if scenario == "tls-only":
            serve_tls_only(client, log)
            return
        Peer(client, scenario, log).run()
    except (ConnectionError, OSError, h2.exceptions.ProtocolError) as error:
        log("closed", by="peer", error=f"{type(error).__name__}: {error}")
    finally:
        try:
            client.close()
        except OSError:
            pass


def tls_context(args):
    if not args.tls_cert:
        return None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.tls_cert, args.tls_key)
    if args.client_ca:
        context.load_verify_locations(args.client_ca)
        context.verify_mode = ssl.CERT_REQUIRED
    if args.alpn:
        context.set_alpn_protocols(args.alpn.split(","))
    return context


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", required=True,
                        help="; ".join(f"{k}: {v}" for k, v in SCENARIOS.items()))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--events")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--client-ca")
    parser.add_argument("--alpn", default="h2", help="comma-separated ALPN protocols offered")
    args = parser.parse_args()
    if args.scenario.partition(":")[0] not in {key.partition(":")[0].partition("[")[0]
                                               for key in SCENARIOS}:
        parser.error(f"unknown scenario {args.scenario!r}")
    log = EventLog(args.events)
    name, _, argument = args.scenario.partition(":")
    if name == "bomb":
        encoding, _, mib = argument.partition(":")
        BOMBS[argument] = grpc_compression.bomb(encoding, int(mib) << 20)
    context = tls_context(args)
    listener = socket.create_server((args.host, args.port), backlog=128)
    sys.stderr.write(f"listening on {args.host}:{listener.getsockname()[1]}\n")
    sys.stderr.flush()
    while True:
        client, _ = listener.accept()
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        log("connection")
        threading.Thread(target=handle, args=(client, args.scenario, log, context),
                         daemon=True).start()


if __name__ == "__main__":
    main()
