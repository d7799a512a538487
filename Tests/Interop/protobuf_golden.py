#!/usr/bin/env python3
"""Golden protobuf cases for rg's tests, made by Python's protobuf runtime (never by rg).

Prints one JSON object per line: {"kind", "type", "hex", "value"}, where kind is
  encode  Python serialized `value` to `hex`: rg must encode it byte for byte, and decode it back;
  decode  hand-made bytes (unknown fields, repeats, odd varints) that Python parses to `value`;
  reject  bytes Python refuses (value is null): rg must throw;
  fuzz    mutations of valid encodings with Python's verdict (value, or null when refused).
`value` is the message as plain JSON: every scalar field, sub-messages null when unset.
Needs route_guide_pb2 on PYTHONPATH (.venv/gen).
"""
import json
import random
import struct
import sys

from google.protobuf.message import DecodeError

import route_guide_pb2 as pb

INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
TYPES = {name: getattr(pb, name) for name in ["Point", "Rectangle", "Feature", "RouteNote", "RouteSummary"]}


def plain(msg):
    """The message as JSON-able data, with presence of sub-messages."""
    out = {}
    for field in msg.DESCRIPTOR.fields:
        if field.message_type is not None:
            out[field.name] = plain(getattr(msg, field.name)) if msg.HasField(field.name) else None
        else:
            out[field.name] = getattr(msg, field.name)
    return out


def emit(kind, type_name, data, value):
    print(json.dumps({"kind": kind, "type": type_name, "hex": data.hex(), "value": value}))


def parse(type_name, data):
    """Python's verdict on `data`: the decoded message as plain data, or None when refused."""
    msg = TYPES[type_name]()
    try:
        msg.ParseFromString(data)
    except DecodeError:
        return None
    return plain(msg)


def varint(value):
    value &= (1 << 64) - 1
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def key(field, wire_type):
    return varint(field << 3 | wire_type)


def length_delimited(field, payload):
    return key(field, 2) + varint(len(payload)) + payload


def encode_cases():
    P, R, F, N, S = pb.Point, pb.Rectangle, pb.Feature, pb.RouteNote, pb.RouteSummary
    return [
        P(), P(latitude=1), P(longitude=-1), P(latitude=INT32_MAX, longitude=INT32_MIN),
        P(latitude=409146138, longitude=-746188906), P(latitude=127, longitude=128),
        P(latitude=-2, longitude=16384),
        R(), R(lo=P()), R(hi=P()), R(lo=P(latitude=1, longitude=2), hi=P(latitude=-3, longitude=-4)),
        R(lo=P(latitude=INT32_MIN, longitude=INT32_MIN), hi=P(latitude=INT32_MAX, longitude=INT32_MAX)),
        F(), F(name="x"), F(location=P()), F(location=P(latitude=-1)),
        F(name="Berkshire Valley Management Area Trail, Jefferson, NJ, USA",
          location=P(latitude=409146138, longitude=-746188906)),
        F(name="Zürich · 東京 · 🚀", location=P(latitude=1, longitude=1)),
        F(name="a" * 200), F(name="\x00\n\t\"\\\x7f"),
        N(), N(message="hi"), N(location=P()), N(location=P(latitude=5, longitude=-5), message="ünï 😀"),
        S(), S(point_count=1), S(point_count=INT32_MAX, feature_count=INT32_MIN, distance=-1, elapsed_time=300),
        S(point_count=10, feature_count=3, distance=123456, elapsed_time=0),
    ]


def decode_cases():
    """(type, bytes) that Python accepts although rg would never write them."""
    point_1_2 = key(1, 0) + varint(1) + key(2, 0) + varint(2)
    unknown_every_kind = (
        key(3, 0) + varint(2**63) + key(4, 1) + struct.pack("<q", -5)
        + length_delimited(5, b"anything\xff") + key(6, 5) + struct.pack("<i", 7)
        + key(536870911, 0) + varint(1) + length_delimited(9, pb.Feature(name="nested").SerializeToString())
    )
    return [
        ("Point", unknown_every_kind + point_1_2 + unknown_every_kind),
        ("Point", pb.RouteSummary(point_count=1, feature_count=2, distance=3, elapsed_time=4).SerializeToString()),
        ("Point", key(1, 0) + varint(1) + key(1, 0) + varint(2)),
        ("Point", key(1, 0) + b"\x81\x80\x80\x80\x00" + key(2, 0) + varint(2**32 + 5)),
        ("Point", key(1, 0) + b"\xff" * 9 + b"\x7f"),
        ("Point", key(2, 0) + varint(1) + key(1, 0) + varint(-7)),
        ("Rectangle", length_delimited(1, key(1, 0) + varint(1)) + length_delimited(1, key(2, 0) + varint(2))),
        ("Rectangle", length_delimited(2, b"") + length_delimited(3, point_1_2) + key(7, 5) + b"\0\0\0\0"),
        ("Feature", length_delimited(1, b"first") + length_delimited(1, "sécond".encode())),
        ("Feature", length_delimited(2, point_1_2) + length_delimited(2, key(1, 0) + varint(9))
         + key(15, 1) + b"\1" * 8),
        ("RouteNote", length_delimited(2, b"m") + length_delimited(1, b"") + key(99, 0) + varint(0)),
        ("RouteSummary", key(4, 0) + varint(1) + key(4, 0) + varint(0) + key(3, 0) + varint(INT32_MIN)),
    ]


def reject_cases():
    """(type, bytes) that Python refuses: rg must throw too."""
    return [
        ("Point", key(1, 0)), ("Point", key(1, 0) + b"\x80"), ("Point", b"\x80"),
        ("Point", key(1, 0) + b"\x80" * 10 + b"\x01"), ("Point", b"\x00\x01"),
        ("Point", key(3, 5) + b"\1\2"), ("Point", key(3, 1) + b"\1"),
        ("Point", key(3, 2) + varint(5) + b"ab"), ("Point", key(3, 6) + b"\0"), ("Point", key(3, 7)),
        ("Point", key(3, 4)), ("Point", b"\x80\x80\x80\x80\x80\x01"),
        ("Feature", key(1, 2) + varint(5) + b"a"), ("Feature", length_delimited(1, b"\xff")),
        ("Feature", length_delimited(1, b"\xc0\x80")), ("Feature", length_delimited(1, b"\xed\xa0\x80")),
        ("Feature", length_delimited(1, b"ok\xe2\x82")), ("RouteNote", length_delimited(2, b"\xf8\x88\x80\x80\x80")),
        ("Rectangle", length_delimited(1, key(1, 0))), ("Rectangle", key(1, 2) + varint(5) + key(1, 0) + b"\x01"),
        ("Rectangle", length_delimited(2, b"\x00\x01")), ("Feature", length_delimited(2, key(1, 0) + b"\xff")),
        ("RouteSummary", key(4, 0) + b"\xff\xff"),
    ]


def mutations(data, rng, count):
    for _ in range(count):
        out = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            op = rng.randrange(5)
            pos = rng.randrange(len(out) + 1)
            if op == 0 and out:
                out[pos % len(out)] = rng.randrange(256)
            elif op == 1:
                out.insert(pos, rng.choice([0x00, 0x01, 0x08, 0x0A, 0x12, 0x80, 0xFF, rng.randrange(256)]))
            elif op == 2 and out:
                del out[pos % len(out)]
            elif op == 3 and out:
                out[pos % len(out)] ^= 1 << rng.randrange(8)
            else:
                out[pos:pos] = out[:rng.randrange(len(out) + 1)]
        yield bytes(out)


def main():
    rng = random.Random(20261125)
    encoded = []
    for msg in encode_cases():
        name, data = type(msg).__name__, msg.SerializeToString()
        encoded.append((name, data))
        emit("encode", name, data, plain(msg))
    for name, data in decode_cases():
        value = parse(name, data)
        if value is None:
            sys.exit(f"Python refused a decode case: {name} {data.hex()}")
        emit("decode", name, data, value)
    for name, data in reject_cases():
        if parse(name, data) is not None:
            sys.exit(f"Python accepted a reject case: {name} {data.hex()}")
        emit("reject", name, data, None)
    for name, data in encoded:
        for mutated in mutations(data, rng, 60):
            emit("fuzz", name, mutated, parse(name, mutated))


if __name__ == "__main__":
    main()
