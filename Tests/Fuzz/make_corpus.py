#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into
Tests/Fuzz/Corpus/{json,protobuf,deframer,inflate}.

Run from the repository root with the venv's Python (protobuf runtime, stubs in .venv/gen):
    .venv/bin/python Tests/Fuzz/make_corpus.py
The files are committed; rerunning rewrites the seeds (the regressions/ folders are left alone).

Input formats (see Tests/RouteGuideProtocolTests/FuzzChecks*.swift):
  json:     1 control byte (bits 0-2 options, bits 3-7 chunking), then JSON text
  protobuf: the message bytes
  deframer: 1 control byte (bits 0-2 size limit index, bit 3 an unsupported encoding
            negotiated, bits 3-7 chunking, bit 7 drain after each chunk), then gRPC frames
  inflate:  1 control byte (bits 0-2 size limit index, bit 3 deflate else gzip, bit 4 round
            trip else frames, bits 5-7 chunking), then gRPC frames or a message
"""
import os
import struct
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, ".venv", "gen"))
import route_guide_pb2 as pb  # noqa: E402

CORPUS = os.path.join(ROOT, "Tests", "Fuzz", "Corpus")

JSON_SEEDS = {
    "point": b'{"latitude": 409146138, "longitude": -746188906}',
    "point-ndjson": b'{"latitude":1,"longitude":2}\n{"latitude":-3}\n{}\n',
    "point-pretty": b'{\n  "latitude": 407838351,\n  "longitude": -746143763\n}\n',
    "point-back-to-back": b'{"latitude":1}{"longitude":2} {}\t{"latitude":0}',
    "point-strings": b'{"latitude": "-2147483648", "longitude": "2147483647"}',
    "point-exponent": b'{"latitude": 4.09146138e8, "longitude": -7.46188906E+8}',
    "point-fraction": b'{"latitude": 1.5}',
    "point-zero-fraction": b'{"latitude": 10.0e-1, "longitude": -0}',
    "point-out-of-range": b'{"latitude": 2147483648}',
    "point-huge-exponent": b'{"latitude": 1e999999999999, "longitude": 0e-99999}',
    "point-leading-zero": b'{"latitude": 012}',
    "point-leading-plus": b'{"latitude": +1}',
    "point-null": b'{"latitude": null, "longitude": null}',
    "point-unknown": b'{"latitude": 1, "altitude": {"a": [1, 2, {"b": null}]}}',
    "point-duplicate": b'{"latitude": 1, "latitude": 2}',
    "point-bool": b'{"latitude": true}',
    "point-not-object": b'[1, 2, 3]',
    "rectangle": b'{"lo": {"latitude": 400000000, "longitude": -750000000},'
    b' "hi": {"latitude": 420000000, "longitude": -730000000}}',
    "rectangle-empty": b'{"lo": {}, "hi": null}',
    "rectangle-nested-error": b'{"lo": {"latitude": "x"}}',
    "feature": b'{"name": "Patriots Path, Mendham, NJ 07945, USA",'
    b' "location": {"latitude": 407838351, "longitude": -746143763}}',
    "feature-escapes": b'{"name": "a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0000\\u001f\\u00e9\\u2028\\ud83d\\ude80"}',
    "feature-utf8": '{"name": "Ünïcödé 🚀 日本 \u2028", "location": {}}'.encode(),
    "feature-bad-utf8": b'{"name": "\xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80"}',
    "feature-surrogate-unpaired": b'{"name": "\\ud800x"}',
    "feature-surrogate-low": b'{"name": "\\udc00"}',
    "feature-control-char": b'{"name": "a\tb"}',
    "feature-bad-escape": b'{"name": "\\x41"}',
    "feature-proto-names": b'{"name": "", "location": {"latitude": 0, "longitude": 0}}',
    "routenote": b'{"location": {"latitude": 1, "longitude": 2}, "message": "First message"}',
    "routenote-stream": b'{"message":"a"}\n{"message":"b","location":{"latitude":1}}\n',
    "routesummary": b'{"pointCount": 10, "featureCount": 2, "distance": 123456, "elapsedTime": 7}',
    "routesummary-proto-names": b'{"point_count": 1, "feature_count": "2", "elapsed_time": 3}',
    "routesummary-both-names": b'{"pointCount": 1, "point_count": 2}',
    "trailing-comma-object": b'{"latitude": 1,}',
    "trailing-comma-array": b'{"x": [1,]}',
    "missing-colon": b'{"latitude" 1}',
    "unterminated": b'{"latitude": 1',
    "unterminated-string": b'{"name": "abc',
    "literals": b'{"a": true, "b": false, "c": null, "d": nul, "e": True}',
    "comment": b'// comment\n{}',
    "bom": b'\xef\xbb\xbf{}',
    "deep": b'{"x":' + b'[' * 70 + b']' * 70 + b'}',
    "deep-ok": b'{"x":' + b'[' * 60 + b']' * 60 + b'}',
    "numbers": b'{"x": [0, -0, 1e5, 1E-5, 1.0, -1.25e+3, 1., .5, -, 1e, 01, 0x10, -Infinity, NaN]}',
    "whitespace": b' \r\n\t{ \r\n\t"latitude" \r\n\t: \r\n\t1 \r\n\t} \r\n\t',
    "scalars": b'1 "two" [3] null true',
    "empty": b"",
    "many-keys": b"{" + b",".join(b'"k%d":%d' % (i, i) for i in range(40)) + b"}",
}

# Control bytes: options 0..7 and a spread of chunkings (0 = one chunk, 31 = byte by byte).
JSON_CONTROLS = [0x00, 0x04, 0x0B, 0x3D, 0x52, 0x87, 0xC3, 0xF8, 0xFC]


def write(folder, name, data):
    os.makedirs(os.path.join(CORPUS, folder), exist_ok=True)
    with open(os.path.join(CORPUS, folder, name), "wb") as f:
        f.write(data)


def json_corpus():
    for index, (name, text) in enumerate(JSON_SEEDS.items()):
        control = JSON_CONTROLS[index % len(JSON_CONTROLS)]
        write("json", name, bytes([control]) + text)
    # The same stream chunked every way at once, under each option bit.
    stream = JSON_SEEDS["routenote-stream"]
    for control in (0x01, 0x02, 0x4C, 0xFF):
        write("json", "chunked-%02x" % control, bytes([control]) + stream)
    # A leading byte-order mark is skipped even when split over chunks; a later one is not.
    write("json", "bom-bytewise", bytes([0xF8]) + b"\xef\xbb\xbf" + JSON_SEEDS["point-ndjson"])
    write("json", "bom-late", bytes([0x00]) + b'{}\xef\xbb\xbf{}')
    write("json", "bom-partial", bytes([0xF8]) + b'\xef\xbb{}')


def protobuf_messages():
    point = pb.Point(latitude=409146138, longitude=-746188906)
    yield "point", point.SerializeToString()
    yield "point-extremes", pb.Point(latitude=-(2**31), longitude=2**31 - 1).SerializeToString()
    yield "point-empty", b""
    yield "rectangle", pb.Rectangle(
        lo=pb.Point(latitude=400000000, longitude=-750000000),
        hi=pb.Point(latitude=420000000, longitude=-730000000)).SerializeToString()
    yield "rectangle-empty-points", pb.Rectangle(lo=pb.Point(), hi=pb.Point()).SerializeToString()
    yield "feature", pb.Feature(
        name="Patriots Path, Mendham, NJ 07945, USA", location=point).SerializeToString()
    yield "feature-unicode", pb.Feature(
        name="a\"b\\c\n\x00\x1f\u2028é🚀", location=pb.Point()).SerializeToString()
    yield "feature-long-name", pb.Feature(name="x" * 300, location=point).SerializeToString()
    yield "routenote", pb.RouteNote(location=point, message="First message").SerializeToString()
    yield "routesummary", pb.RouteSummary(
        point_count=10, feature_count=2, distance=123456, elapsed_time=-7).SerializeToString()
    # Hand-made wire forms: merges, unknown fields of every wire type, odd varints, errors.
    yield "merge-repeated", (
        pb.Feature(name="a", location=pb.Point(latitude=1)).SerializeToString()
        + pb.Feature(name="b", location=pb.Point(longitude=2)).SerializeToString())
    yield "unknown-fields", bytes([
        0x08, 0x01,                                      # field 1 varint
        0x19, 1, 2, 3, 4, 5, 6, 7, 8,                    # field 3 fixed64
        0x22, 0x03, 0x61, 0x62, 0x63,                    # field 4 length-delimited
        0x2D, 1, 2, 3, 4,                                # field 5 fixed32
        0xF8, 0xFF, 0xFF, 0xFF, 0x0F, 0x00,              # field 2^29-1 varint
    ])
    yield "varint-overlong", bytes([0x08] + [0xFF] * 9 + [0x01])
    yield "varint-eleven", bytes([0x08] + [0x80] * 10 + [0x00])
    yield "varint-padded", bytes([0x08, 0x81, 0x80, 0x80, 0x80, 0x00])
    yield "int32-from-uint64", bytes([0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    yield "wrong-wire-type", bytes([0x0A, 0x01, 0x00])
    yield "group", bytes([0x0B, 0x0C])
    yield "field-zero", bytes([0x00, 0x01])
    yield "wire-type-7", bytes([0x0F])
    yield "tag-too-big", bytes([0x80, 0x80, 0x80, 0x80, 0x10])
    yield "length-past-end", bytes([0x0A, 0x05, 0x61])
    yield "length-huge", bytes([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
    yield "bad-utf8", bytes([0x0A, 0x02, 0xC3, 0x28])
    yield "surrogate-utf8", bytes([0x12, 0x03, 0xED, 0xA0, 0x80])
    yield "nested-error", bytes([0x12, 0x02, 0x08, 0x80])
    yield "truncated-fixed", bytes([0x1D, 0x01, 0x02])


def deframer_corpus():
    def frame(payload, flag=0, length=None):
        return bytes([flag]) + struct.pack(">I", len(payload) if length is None else length) + payload

    summary = pb.RouteSummary(point_count=3).SerializeToString()
    seeds = {
        "one": (0x06, frame(summary)),
        "empty-message": (0x06, frame(b"")),
        "several": (0x86, frame(b"a") + frame(b"") + frame(b"bcd" * 40) + frame(b"e")),
        "several-chunked": (0x3E, frame(b"a") + frame(b"") + frame(b"bcd" * 40) + frame(b"e")),
        "byte-by-byte": (0xFE, frame(b"xyz") + frame(b"") + frame(b"w")),
        "at-limit": (0x04, frame(b"0123456789abcdef")),
        "over-limit": (0x03, frame(b"0123456789abcdef")),
        "over-limit-prefix-only": (0x07, frame(b"", length=0xFFFFFFFF)),
        "zero-limit": (0x00, frame(b"") + frame(b"a")),
        "compressed": (0x06, frame(b"abc", flag=1)),
        "compressed-allowed": (0x0E, frame(b"abc", flag=1)),
        "bad-flag": (0x96, frame(b"a") + frame(b"abc", flag=0x80)),
        "partial-prefix": (0x06, frame(b"a") + b"\x00\x00"),
        "partial-payload": (0x56, frame(b"a") + frame(b"abcdef")[:-2]),
        "fail-after-messages": (0xA5, frame(b"ok") + frame(b"x" * 20)),
        "empty": (0x00, b""),
    }
    for name, (control, data) in seeds.items():
        write("deframer", name, bytes([control]) + data)


def inflate_corpus():
    """Control: bits 0-2 size limit index, bit 3 deflate (else gzip), bit 4 round trip (else
    frames), bits 5-7 chunking (7: byte by byte)."""
    def frame(payload, flag=0):
        return bytes([flag]) + struct.pack(">I", len(payload)) + payload

    def packed(encoding, data):
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31 if encoding == "gzip" else 15)
        return compressor.compress(data) + compressor.flush()

    note = pb.RouteNote(message="compressible " * 20).SerializeToString()
    for encoding, bit in (("gzip", 0), ("deflate", 8)):
        body = packed(encoding, note)
        seeds = {
            "one": (0x06, frame(body, 1)),
            "mixed": (0x26, frame(body, 1) + frame(b"plain") + frame(packed(encoding, b""), 1)),
            "byte-by-byte": (0xE6, frame(body, 1) + frame(b"x")),
            "bomb": (0x05, frame(packed(encoding, bytes(1 << 16)), 1)),
            "at-limit": (0x05, frame(packed(encoding, b"y" * 255), 1)),
            "truncated": (0x06, frame(body[:-3], 1)),
            "trailing": (0x06, frame(body + b"\0", 1)),
            "flipped": (0x06, frame(body[:20] + bytes([body[20] ^ 0x55]) + body[21:], 1)),
            "garbage": (0x06, frame(b"not compressed at all", 1)),
            "empty-body": (0x06, frame(b"", 1)),
            "other-format": (0x06, frame(packed("deflate" if bit == 0 else "gzip", note), 1)),
            "bad-flag-after": (0x46, frame(body, 1) + frame(b"a", 2)),
            "round-trip": (0x16, note),
            "round-trip-over-limit": (0x15, note),
            "round-trip-empty": (0x10, b""),
        }
        for name, (control, data) in seeds.items():
            write("inflate", f"{encoding}-{name}", bytes([control | bit]) + data)


def main():
    json_corpus()
    for name, data in protobuf_messages():
        write("protobuf", name, data)
    deframer_corpus()
    inflate_corpus()


if __name__ == "__main__":
    main()
