"""gRPC message compression for the scripted peers (not grpcio's): the bodies of messages with
the compressed flag, in grpc-encoding gzip (RFC 1952) or deflate (RFC 1950, zlib's format), as
grpc-core writes them."""

import zlib

WINDOW_BITS = {"gzip": 16 + 15, "deflate": 15}


def compress(encoding, data):
    """`data` compressed for `encoding`; gzip's format for encodings zlib does not write."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, WINDOW_BITS.get(encoding, 16 + 15))
    return compressor.compress(data) + compressor.flush()


def bomb(encoding, size):
    """`size` zero bytes compressed, a MiB at a time: deflate's best ratio, about 1030 to 1, so
    1 GiB takes about 1 MiB (and no GiB of memory here)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, WINDOW_BITS.get(encoding, 16 + 15))
    chunk = bytes(1 << 20)
    parts = []
    for _ in range(size >> 20):
        parts.append(compressor.compress(chunk))
    parts.append(compressor.compress(bytes(size & ((1 << 20) - 1))))
    parts.append(compressor.flush())
    return b"".join(parts)
