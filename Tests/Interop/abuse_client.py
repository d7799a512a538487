#!/usr/bin/env python3
"""Abusive HTTP/2 clients for `rg serve` robustness tests, on the `h2` package.

    python abuse_client.py MODE HOST:PORT [N] [SECONDS]

Modes (each prints one line saying what the server did, then exits):
  churn N            open and drop N connections, 100 at a time: closed at once, after half
                     a preface, after a whole request's HEADERS (then reset by SO_LINGER 0),
                     or after garbage
  big-headers N      one GetFeature request with an N-byte header value
  many-headers N     one GetFeature request with N headers of 60,000 bytes each
  rst-flood N        N streams opened (HEADERS) and reset (RST_STREAM CANCEL) on one connection;
                     prints "goaway CODE DEBUG after K resets" if the server ends it
  slowloris N S      N connections that send all but the last byte of their preface, one
                     byte every half second, for S seconds; prints "open N" once all are
                     connected, then "closed K" (how many the server closed) at the end
  never-read N       N ListFeatures calls on one connection over the whole world, then never
                     reads; prints "sent" and sleeps until killed
  hpack-bomb C S R H C connections with S RouteChat streams each (left open): the first header
                     block puts one 4 KB field into the HPACK table, every block then refers
                     to it R times (one byte each); prints "sent B bytes", holds the
                     connections H seconds while reading the answers, then prints them
                     ("answers: grpc-status 8 x 500, ...") and closes
  idle N H           N connections that send a preface and SETTINGS, then nothing; prints
                     "open N", then after H seconds (or once all are closed) how each ended:
                     "goaway CODE DEBUG then closed after S s" or "open" (one line, counted)
  pings N MS         one connection, N PINGs MS milliseconds apart (each ACK awaited);
                     prints "goaway CODE DEBUG after K pings" or "no goaway after N pings"
"""

import collections
import socket
import struct
import sys
import time

import h2.config
import h2.connection
import h2.events
import h2.exceptions
import h2.settings

import route_guide_pb2
from raw_h2 import (PREFACE, RawPeer, connect, frame, hpack_string, literal, raw_outcome,
                    serve_peers)

WORLD = route_guide_pb2.Rectangle(
    lo=route_guide_pb2.Point(latitude=-2**31, longitude=-2**31),
    hi=route_guide_pb2.Point(latitude=2**31 - 1, longitude=2**31 - 1)).SerializeToString()


def client(sock, window=None):
    conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    if window:
        conn.update_settings({h2.settings.SettingCodes.INITIAL_WINDOW_SIZE: window})
        conn.increment_flow_control_window(window - 65535)
    sock.sendall(conn.data_to_send())
    return conn


def request_headers(address, method, extra=()):
    return [(":method", "POST"), (":scheme", "http"),
            (":path", f"/routeguide.RouteGuide/{method}"), (":authority", address),
            ("te", "trailers"), ("content-type", "application/grpc"), *extra]


def outcome(sock, conn, stream, seconds=5):
    """Reads until the stream ends or the connection goes: what the server answered."""
    deadline = time.time() + seconds
    status = grpc_status = None
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
        for event in conn.receive_data(data):
            if isinstance(event, h2.events.ConnectionTerminated):
                return goaway_text(event)
            if isinstance(event, h2.events.StreamReset) and event.stream_id == stream:
                return f"reset {int(event.error_code)}"
            if isinstance(event, (h2.events.ResponseReceived, h2.events.TrailersReceived)):
                headers = dict(event.headers)
                status = headers.get(b":status", status)
                grpc_status = headers.get(b"grpc-status", grpc_status)
            if isinstance(event, h2.events.StreamEnded) and event.stream_id == stream:
                return f"status {status and status.decode()} grpc-status {grpc_status and grpc_status.decode()}"
        sock.sendall(conn.data_to_send())
    return "no answer"


def goaway_text(event):
    """`goaway CODE DEBUG-DATA` ("-" for none)."""
    debug = (event.additional_data or b"").decode("utf-8", "replace")
    return f"goaway {int(event.error_code)} {debug or '-'}"


def churn(address, count):
    done = 0
    while done < count:
        batch = []
        for index in range(done, min(done + 100, count)):
            sock = connect(address)
            kind = index % 4
            if kind == 1:
                sock.sendall(PREFACE[:10])
            elif kind == 2:
                conn = client(sock)
                conn.send_headers(1, request_headers(address, "RouteChat"))
                sock.sendall(conn.data_to_send())
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            elif kind == 3:
                sock.sendall(bytes(range(256)) * 4)
            batch.append(sock)
        for sock in batch:
            sock.close()
        done += len(batch)
    print(f"churned {done}")


def send_header_block(sock, address, extra):
    """Stream 1: a GetFeature request whose header block is split into CONTINUATION frames."""
    sock.sendall(PREFACE + frame(4, 0, 0, b""))
    block = b"".join(literal(name, value) for name, value in
                     request_headers(address, "GetFeature", extra))
    chunks = [block[i:i + 16384] for i in range(0, len(block), 16384)]
    for index, chunk in enumerate(chunks):
        flags = 0x4 if index == len(chunks) - 1 else 0
        sock.sendall(frame(1 if index == 0 else 9, flags, 1, chunk))
    sock.sendall(frame(0, 0x1, 1, b"\0\0\0\0\0"))


def big_headers(address, size):
    sock = connect(address)
    try:
        send_header_block(sock, address, [("x-big", "a" * size)])
    except OSError as error:
        print(f"connection error {error.__class__.__name__}")
        return
    print(raw_outcome(sock))


def many_headers(address, count):
    """`count` headers of 60,000 bytes each (each under HPACK's usual per-field limit)."""
    sock = connect(address)
    try:
        send_header_block(sock, address, [(f"x-big-{i}", "%05d" % i * 12000) for i in range(count)])
    except OSError as error:
        print(f"connection error {error.__class__.__name__}")
        return
    print(raw_outcome(sock))


def rst_flood(address, count):
    sock = connect(address)
    conn = client(sock)
    stream = 1
    for index in range(count):
        conn.send_headers(stream, request_headers(address, "ListFeatures"))
        conn.reset_stream(stream, 8)
        stream += 2
        if index % 500 == 499:
            sock.sendall(conn.data_to_send())
            ended = drain(sock, conn)
            if ended:
                print(f"{ended} after {index + 1} resets")
                return
    sock.sendall(conn.data_to_send())
    # A last, normal call on the same connection: is it still served?
    conn.send_headers(stream, request_headers(address, "GetFeature"))
    conn.send_data(stream, b"\0\0\0\0\0", end_stream=True)
    sock.sendall(conn.data_to_send())
    print(f"flooded {count}; then {outcome(sock, conn, stream, seconds=20)}")


def drain(sock, conn):
    """Takes what the server sent so far, so it is never blocked writing to us; says how the
    server ended the connection, if it did."""
    sock.setblocking(False)
    try:
        while True:
            data = sock.recv(1 << 20)
            if not data:
                return "closed"
            for event in conn.receive_data(data):
                if isinstance(event, h2.events.ConnectionTerminated):
                    return goaway_text(event)
    except BlockingIOError:
        return None
    except (OSError, h2.exceptions.ProtocolError) as error:
        return f"connection error {error.__class__.__name__}"
    finally:
        sock.setblocking(True)


def slowloris(address, count, seconds):
    socks = [connect(address) for _ in range(count)]
    print(f"open {count}", flush=True)
    closed = set()
    deadline = time.time() + seconds
    offset = 0
    while time.time() < deadline:
        for index, sock in enumerate(socks):
            if index in closed:
                continue
            try:
                # Never the whole preface: the server must not wait for it forever.
                if offset < len(PREFACE) - 1:
                    sock.sendall(PREFACE[offset:offset + 1])
                elif not sock.recv(1, socket.MSG_DONTWAIT | socket.MSG_PEEK):
                    closed.add(index)
            except BlockingIOError:
                pass
            except OSError:
                closed.add(index)
        offset += 1
        time.sleep(0.5)
    print(f"closed {len(closed)}", flush=True)


def never_read(address, count):
    sock = connect(address)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    conn = client(sock, window=2**31 - 1)
    for index in range(count):
        stream = 1 + 2 * index
        conn.send_headers(stream, request_headers(address, "ListFeatures"))
        conn.send_data(stream, b"\0" + len(WORLD).to_bytes(4, "big") + WORLD, end_stream=True)
    sock.sendall(conn.data_to_send())
    print("sent", flush=True)
    time.sleep(3600)


def hpack_bomb(address, connections, streams, refs, hold):
    """The HPACK amplification attack: a few hundred bytes per header block that decode to a
    megabyte, on streams left open."""
    # Inserted with incremental indexing in the first block; the newest entry is index 62.
    inserted = [(":path", "/routeguide.RouteGuide/RouteChat"), (":authority", address),
                ("te", "trailers"), ("content-type", "application/grpc")]
    used = sum(len(name) + len(value) + 32 for name, value in inserted)
    bomb = ("x-bomb", "b" * (4096 - used - 32 - len("x-bomb")))
    first = b"\x83\x86" + b"".join(b"\x40" + hpack_string(name) + hpack_string(value)
                                   for name, value in inserted + [bomb])
    # :method POST and :scheme http from the static table, the four request headers from the
    # dynamic one (66..63), then the 4 KB field (62) `refs` times.
    later = b"\x83\x86" + bytes([0x80 | 66, 0x80 | 65, 0x80 | 64, 0x80 | 63])
    peers, sent = [RawPeer(address) for _ in range(connections)], 0
    for peer in peers:
        for index in range(streams):
            block = (first if index == 0 else later) + bytes([0x80 | 62]) * refs
            # END_HEADERS without END_STREAM: the calls stay open, waiting for messages.
            data = frame(1, 0x4, 1 + 2 * index, block)
            peer.send(data)
            sent += len(data)
    print(f"sent {sent} bytes", flush=True)
    serve_peers(peers, hold)
    counts = collections.Counter(answer for peer in peers for answer in peer.answers.values())
    closed = sum(peer.closed_at is not None for peer in peers)
    summary = ", ".join(f"{answer} x {count}" for answer, count in sorted(counts.items()))
    print(f"answers: {summary or 'none'}; closed {closed}", flush=True)


def idle(address, count, hold):
    peers = [RawPeer(address) for _ in range(count)]
    print(f"open {count}", flush=True)
    serve_peers(peers, hold)
    endings = collections.Counter()
    for peer in peers:
        if peer.goaways and peer.closed_at is not None:
            code, debug, _ = peer.goaways[-1]
            endings[f"goaway {code} {debug or '-'} then closed after "
                    f"{round(peer.closed_at - peer.opened_at)} s"] += 1
        elif peer.closed_at is not None:
            endings["closed without goaway"] += 1
        else:
            endings["open"] += 1
    print(", ".join(f"{ending} x {number}" for ending, number in sorted(endings.items())),
          flush=True)


def pings(address, count, interval_ms):
    peer = RawPeer(address)
    serve_peers([peer], 1)
    for index in range(count):
        peer.send(frame(6, 0, 0, index.to_bytes(8, "big")))
        serve_peers([peer], 5, until=lambda: peer.ping_acks > index or peer.goaways)
        if peer.goaways:
            code, debug, _ = peer.goaways[-1]
            print(f"goaway {code} {debug or '-'} after {index + 1} pings", flush=True)
            return
        time.sleep(interval_ms / 1000)
    print(f"no goaway after {count} pings", flush=True)


def main():
    mode, address = sys.argv[1], sys.argv[2]
    numbers = [int(argument) for argument in sys.argv[3:]]
    {"churn": churn, "big-headers": big_headers, "many-headers": many_headers, "rst-flood": rst_flood,
     "slowloris": slowloris, "never-read": never_read, "hpack-bomb": hpack_bomb, "idle": idle,
     "pings": pings}[mode](address, *numbers)


if __name__ == "__main__":
    main()
