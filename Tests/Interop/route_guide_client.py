#!/usr/bin/env python3
"""A grpcio RouteGuide client that speaks rg's stdin/stdout format.

It is the reference peer for interop comparisons and benchmarks: JSON values (NDJSON or
documents back to back) on stdin, one compact proto3 JSON line per response on stdout, and
`error: CODE: message` on stderr with exit status 64 + code when a call fails.

    python route_guide_client.py get|list|record|chat ADDRESS [--plaintext] [--cacert F]
        [--cert F --key F] [--servername N] [--compression gzip|deflate]

--compression compresses the requests (grpcio sends a message as it is when compressing would
not make it smaller) and accepts compressed responses, as grpcio always does.

Needs the generated stubs (route_guide_pb2*.py) on sys.path, e.g. PYTHONPATH=.venv/gen.
"""

import argparse
import json
import os
import sys

import grpc
from google.protobuf import json_format

import route_guide_pb2
import route_guide_pb2_grpc

EXIT_BAD_INPUT = 3
# Unary calls kept in flight by `get`, so benchmarks measure the server, not round trips.
GET_WINDOW = 64


class BadInput(Exception):
    """A stdin value that is not JSON or does not fit the message."""


def json_values(stream):
    """Yields JSON values from a binary stream as they arrive (not waiting for EOF)."""
    decoder = json.JSONDecoder()
    buffer = ""
    eof = False
    while True:
        position = skip_space(buffer, 0)
        while position < len(buffer):
            try:
                value, end = decoder.raw_decode(buffer, position)
            except json.JSONDecodeError as error:
                if eof:
                    raise BadInput(f"invalid JSON: {error}") from None
                break
            # A bare number at the end of the buffer may continue in the next chunk.
            if end == len(buffer) and not eof and not isinstance(value, (dict, list, str)):
                break
            yield value
            position = skip_space(buffer, end)
        buffer = buffer[position:]
        if eof:
            return
        chunk = os.read(stream.fileno(), 65536)
        if not chunk:
            eof = True
        else:
            buffer += chunk.decode("utf-8")


def skip_space(text, position):
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def parse(value, message_type):
    try:
        return json_format.ParseDict(value, message_type())
    except json_format.ParseError as error:
        raise BadInput(str(error)) from None


class Input:
    """stdin as messages; remembers bad input, which grpcio turns into a cancelled call."""

    def __init__(self, message_type):
        self.message_type = message_type
        self.error = None

    def __iter__(self):
        try:
            for value in json_values(sys.stdin):
                yield parse(value, self.message_type)
        except BadInput as error:
            self.error = error
            raise


def line(message):
    """rg's output form: compact proto3 JSON, lowerCamelCase, field order, UTF-8."""
    return json.dumps(json_format.MessageToDict(message), separators=(",", ":"),
                      ensure_ascii=False) + "\n"


def run_get(stub, out, source):
    pending = []
    for point in source:
        pending.append(stub.GetFeature.future(point))
        if len(pending) >= GET_WINDOW:
            out.write(line(pending.pop(0).result()))
    for future in pending:
        out.write(line(future.result()))


def run_list(stub, out, source):
    rectangle = next(iter(source), None)
    if rectangle is None:
        raise BadInput("no Rectangle on stdin")
    for feature in stub.ListFeatures(rectangle):
        out.write(line(feature))


def run_record(stub, out, source):
    out.write(line(stub.RecordRoute(iter(source))))


def run_chat(stub, out, source):
    for note in stub.RouteChat(iter(source)):
        out.write(line(note))
        out.flush()  # chat is interactive: every note shows at once


METHODS = {
    "get": (run_get, route_guide_pb2.Point),
    "list": (run_list, route_guide_pb2.Rectangle),
    "record": (run_record, route_guide_pb2.Point),
    "chat": (run_chat, route_guide_pb2.RouteNote),
}


COMPRESSION = {None: None, "gzip": grpc.Compression.Gzip, "deflate": grpc.Compression.Deflate}


def make_channel(args):
    target = args.address.removeprefix("http://").removeprefix("https://")
    compression = COMPRESSION[args.compression]
    if args.plaintext:
        return grpc.insecure_channel(target, compression=compression)

    def read(path):
        if path is None:
            return None
        with open(path, "rb") as file:
            return file.read()

    credentials = grpc.ssl_channel_credentials(
        root_certificates=read(args.cacert), private_key=read(args.key),
        certificate_chain=read(args.cert))
    options = []
    if args.servername:
        options.append(("grpc.ssl_target_name_override", args.servername))
    return grpc.secure_channel(target, credentials, options=options, compression=compression)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("method", choices=["get", "list", "record", "chat"])
    parser.add_argument("address")
    parser.add_argument("--plaintext", action="store_true")
    parser.add_argument("--cacert")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--servername")
    parser.add_argument("--compression", choices=["gzip", "deflate"])
    args = parser.parse_args()
    run, message_type = METHODS[args.method]
    source = Input(message_type)
    out = sys.stdout
    try:
        with make_channel(args) as channel:
            run(route_guide_pb2_grpc.RouteGuideStub(channel), out, source)
    except grpc.RpcError as error:
        out.flush()
        if source.error is not None:
            sys.stderr.write(f"error: bad input: {source.error}\n")
            return EXIT_BAD_INPUT
        sys.stderr.write(f"error: {error.code().name}: {error.details()}\n")
        return 64 + error.code().value[0]
    except BadInput as error:
        out.flush()
        sys.stderr.write(f"error: bad input: {error}\n")
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # Like rg: a reader that stopped early (`| head -1`) is a quiet success.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
