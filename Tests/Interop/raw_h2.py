"""HTTP/2 written and read as raw frames, for peers that send what h2 would never encode:
header blocks built byte by byte (HPACK references, CONTINUATION), frames in odd orders.
Shared by abuse_client.py's modes."""

import select
import socket
import time

import hpack

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"


def connect(address):
    host, port = address.rsplit(":", 1)
    sock = socket.create_connection((host, int(port)), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def literal(name, value):
    """An HPACK literal header field, never indexed, no Huffman: h2's encoder is quadratic
    in the length of a value, and the point here is the size on the wire."""
    def length(number):
        if number < 127:
            return bytes([number])
        out, number = bytearray([127]), number - 127
        while number >= 128:
            out.append(number % 128 + 128)
            number //= 128
        return bytes(out + bytes([number]))
    name, value = name.encode(), value.encode()
    return b"\x10" + length(len(name)) + name + length(len(value)) + value


def frame(kind, flags, stream, payload):
    return len(payload).to_bytes(3, "big") + bytes([kind, flags]) + stream.to_bytes(4, "big") + payload


def raw_outcome(sock, seconds=10):
    """What came back for stream 1, read frame by frame."""
    deadline, buffer = time.time() + seconds, b""
    sock.settimeout(0.5)
    while time.time() < deadline:
        try:
            data = sock.recv(65536)
        except socket.timeout:
            continue
        except OSError as error:
            return f"connection error {error.__class__.__name__}"
        if not data:
            return "closed"
        buffer += data
        while len(buffer) >= 9 and len(buffer) >= 9 + int.from_bytes(buffer[:3], "big"):
            length, kind, flags = int.from_bytes(buffer[:3], "big"), buffer[3], buffer[4]
            stream, payload = int.from_bytes(buffer[5:9], "big") & 0x7FFFFFFF, buffer[9:9 + length]
            buffer = buffer[9 + length:]
            if kind == 7:
                return f"goaway {int.from_bytes(payload[4:8], 'big')}"
            if kind == 3 and stream == 1:
                return f"reset {int.from_bytes(payload[:4], 'big')}"
            if kind == 1 and stream == 1 and flags & 0x1:
                return "answered"
    return "no answer"


class RawPeer:
    """A client that writes frames as bytes and reads the server's frame by frame, for header
    blocks h2 would never encode. It answers SETTINGS and PING, and records per stream what the
    server answered, and every GOAWAY."""

    def __init__(self, address):
        self.sock = connect(address)
        self.buffer, self.block = b"", b""
        self.decoder = hpack.Decoder()
        self.answers = {}
        self.goaways = []
        self.ping_acks = 0
        self.closed_at = None
        self.opened_at = time.time()
        self.send(PREFACE + frame(4, 0, 0, b""))

    def send(self, data):
        try:
            self.sock.sendall(data)
        except OSError:
            self.closed_at = self.closed_at or time.time()

    def read(self):
        """Takes what the socket holds (it must be readable)."""
        try:
            data = self.sock.recv(1 << 16)
        except OSError:
            data = b""
        if not data:
            self.closed_at = self.closed_at or time.time()
            return
        self.buffer += data
        while len(self.buffer) >= 9 and len(self.buffer) >= 9 + int.from_bytes(self.buffer[:3], "big"):
            length = int.from_bytes(self.buffer[:3], "big")
            kind, flags = self.buffer[3], self.buffer[4]
            stream = int.from_bytes(self.buffer[5:9], "big") & 0x7FFFFFFF
            payload, self.buffer = self.buffer[9:9 + length], self.buffer[9 + length:]
            self.frame(kind, flags, stream, payload)

    def frame(self, kind, flags, stream, payload):
        if kind == 4 and not flags & 0x1:
            self.send(frame(4, 0x1, 0, b""))
        elif kind == 6:
            if flags & 0x1:
                self.ping_acks += 1
            else:
                self.send(frame(6, 0x1, 0, payload))
        elif kind == 7:
            debug = payload[8:].decode("utf-8", "replace")
            self.goaways.append((int.from_bytes(payload[4:8], "big"), debug, time.time()))
        elif kind == 3:
            self.answers[stream] = f"reset {int.from_bytes(payload[:4], 'big')}"
        elif kind in (1, 9):
            if kind == 1:
                start = (1 + payload[0] if flags & 0x8 else 0) + (5 if flags & 0x20 else 0)
                end = len(payload) - (payload[0] if flags & 0x8 else 0)
                self.block = payload[start:end]
            else:
                self.block += payload
            if flags & 0x4:
                fields = dict(self.decoder.decode(self.block))
                status = fields.get("grpc-status")
                if status is not None:
                    self.answers[stream] = f"grpc-status {status}"
                elif stream not in self.answers:
                    self.answers[stream] = f"status {fields.get(':status')}"


def serve_peers(peers, seconds, until=lambda: False):
    """Reads for every peer for `seconds`, or until all are closed or `until()` holds."""
    deadline = time.time() + seconds
    while time.time() < deadline and not until():
        open_peers = [peer for peer in peers if peer.closed_at is None]
        if not open_peers:
            return
        ready, _, _ = select.select([peer.sock for peer in open_peers], [], [],
                                    max(0, min(0.2, deadline - time.time())))
        for peer in open_peers:
            if peer.sock in ready:
                peer.read()


def hpack_string(text):
    """An HPACK string literal without Huffman coding (lengths below 2^14)."""
    data = text.encode()
    if len(data) < 127:
        return bytes([len(data)]) + data
    rest = len(data) - 127
    return bytes([127, rest % 128 + 128, rest // 128]) + data
