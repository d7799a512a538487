#!/usr/bin/env python3
"""A TCP relay that holds every chunk for D milliseconds each way: a long link on loopback.

    python delay_relay.py --target HOST:PORT --delay-ms D [--port P]

It prints `listening on HOST:PORT` on stderr once it accepts connections. Each accepted
connection is relayed to the target; bytes keep their order, and each chunk is delivered D ms
after it arrived, in both directions, so one round trip through the relay takes 2·D ms. The
connection to the target itself is made at once (the TCP handshake is not delayed), so what
a client spends after connecting counts the round trips of its protocol.
"""
import argparse
import asyncio
import sys
import time


async def pump(reader, writer, delay):
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, data = await queue.get()
            if data is None:
                break
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        try:
            writer.write_eof()
        except OSError:
            pass

    sender = asyncio.ensure_future(deliver())
    try:
        while True:
            data = await reader.read(65536)
            queue.put_nowait((time.monotonic() + delay, data or None))
            if not data:
                break
    except ConnectionError:
        queue.put_nowait((0, None))
    await sender


async def relay(client_reader, client_writer, target, delay):
    host, port = target.rsplit(":", 1)
    try:
        server_reader, server_writer = await asyncio.open_connection(host, int(port))
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(pump(client_reader, server_writer, delay),
                         pump(server_reader, client_writer, delay), return_exceptions=True)
    client_writer.close()
    server_writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--delay-ms", type=float, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    delay = args.delay_ms / 1000
    server = await asyncio.start_server(
        lambda r, w: relay(r, w, args.target, delay), args.host, args.port)
    host, port = server.sockets[0].getsockname()[:2]
    print(f"listening on {host}:{port}", file=sys.stderr, flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
