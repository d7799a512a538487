#!/usr/bin/env python3
"""A grpcio RouteGuide server with the tutorial's semantics, for rg's interop tests.

    python route_guide_server.py [--host H] [--port P] [--unix PATH] [--db FILE]
        [--generate N] [--tls-cert F --tls-key F [--client-ca F]] [--events FILE]
        [--max-streams N] [--reflection]

It prints exactly one line, `listening on HOST:PORT`, on stderr once serving, and exits on
SIGTERM or SIGINT. With --unix it also listens on that unix socket (the TCP line still tells
the test harness it is ready).

Fault injection by request metadata, so tests drive errors from rg's own `-H` flag:
  x-fail: CODE[:message]      answer that status (name like NOT_FOUND, or a number)
  x-fail-after: N             with x-fail: fail once N responses were sent (or, on the
                              request side of record/chat, N requests were received)
  x-stall: 1                  never answer, until the client cancels or the deadline passes
  x-echo-metadata: 1          send the request metadata back (initial and trailing metadata)
  x-delay-ms: N               sleep N ms before each response message
  x-delay-per-latitude-ms: K  GetFeature sleeps latitude * K ms (answers come back reordered)
  x-fail-at-latitude: N       GetFeature applies x-fail and x-stall only to points at that
                              latitude (one failing call among many)
  x-pad: N                    GetFeature and ListFeatures append N 'x' to each name (receive
                              limit and big-output tests)

--reflection adds grpcio-reflection's server reflection service (grpc.reflection.v1alpha, the
only version grpcio serves), describing RouteGuide and the reflection service itself.

--events FILE appends one JSON line per call end, so tests can see what the server observed:
  {"method": ..., "end": "ok"|"cancelled"|"error", "code": ..., "received": N, "sent": N,
   "metadata": {...}, "binary": {NAME-bin: HEX}, "concurrent": N}
"""

import argparse
import json
import math
import os
import signal
import sys
import threading
import time
from concurrent import futures

import grpc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../.venv/gen"))
import route_guide_pb2  # noqa: E402
import route_guide_pb2_grpc  # noqa: E402
from route_guide_calls import Call, EventLog  # noqa: E402

EARTH_RADIUS_METRES = 6371000
COORD_FACTOR = 1e7
INT32_MAX = 2**31 - 1
DEFAULT_DB = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "../../../shared/data/route_guide_db.json")


def load_features(path):
    with open(path, encoding="utf-8") as file:
        entries = json.load(file)
    return [route_guide_pb2.Feature(
        name=entry.get("name", ""),
        location=route_guide_pb2.Point(latitude=entry["location"]["latitude"],
                                       longitude=entry["location"]["longitude"]))
        for entry in entries]


def generate_features(count):
    """Deterministic synthetic features, all inside lat 0..count, lon 0..999."""
    return [route_guide_pb2.Feature(
        name=f"generated feature {index}",
        location=route_guide_pb2.Point(latitude=index, longitude=(index * 7919) % 1000))
        for index in range(count)]


def distance(start, end):
    lat1 = math.radians(start.latitude / COORD_FACTOR)
    lat2 = math.radians(end.latitude / COORD_FACTOR)
    delta_lat = math.radians((end.latitude - start.latitude) / COORD_FACTOR)
    delta_lon = math.radians((end.longitude - start.longitude) / COORD_FACTOR)
    a = (math.sin(delta_lat / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin(delta_lon / 2) ** 2)
    c = 2 * math.atan2(math.sqrt(a), math.sqrt(1 - a))
    return EARTH_RADIUS_METRES * c


class RouteGuideServicer(route_guide_pb2_grpc.RouteGuideServicer):
    def __init__(self, features, log):
        self.features = features
        self.log = log

    def GetFeature(self, request, context):
        with Call("GetFeature", context, self.log) as call:
            call.received = 1
            faulty = ("x-fail-at-latitude" not in call.metadata
                      or request.latitude == call.number("x-fail-at-latitude"))
            if not call.start(faulty):
                return route_guide_pb2.Feature()
            time.sleep(abs(request.latitude) * call.number("x-delay-per-latitude-ms") / 1000)
            feature = next((f for f in self.features if f.location == request), None)
            if feature is None:
                feature = route_guide_pb2.Feature(name="", location=request)
            call.before_send()
            call.ok()
            return call.padded(feature)

    def ListFeatures(self, request, context):
        with Call("ListFeatures", context, self.log) as call:
            call.received = 1
            if not call.start():
                return
            left, right = sorted((request.lo.longitude, request.hi.longitude))
            bottom, top = sorted((request.lo.latitude, request.hi.latitude))
            for feature in self.features:
                location = feature.location
                if left <= location.longitude <= right and bottom <= location.latitude <= top:
                    call.before_send()
                    yield call.padded(feature)
            call.ok()

    def RecordRoute(self, request_iterator, context):
        with Call("RecordRoute", context, self.log) as call:
            if not call.start():
                return route_guide_pb2.RouteSummary()
            return self.summarize(call, call.requests(request_iterator))

    def summarize(self, call, points):
        point_count = feature_count = 0
        total = 0.0
        previous = None
        start_time = None
        for point in points:
            start_time = start_time or time.time()
            point_count += 1
            if any(f.name and f.location == point for f in self.features):
                feature_count += 1
            if previous is not None:
                total += distance(previous, point)
            previous = point
        elapsed = int(time.time() - start_time) if start_time else 0
        call.before_send()
        call.ok()
        return route_guide_pb2.RouteSummary(
            point_count=point_count, feature_count=feature_count,
            distance=min(int(total), INT32_MAX), elapsed_time=elapsed)

    def RouteChat(self, request_iterator, context):
        with Call("RouteChat", context, self.log) as call:
            if not call.start():
                return
            notes = []
            for note in call.requests(request_iterator):
                for earlier in notes:
                    if earlier.location == note.location:
                        call.before_send()
                        yield earlier
                notes.append(note)
            call.ok()


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--unix")
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--generate", type=int)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--client-ca")
    parser.add_argument("--events")
    parser.add_argument("--max-streams", type=int)
    parser.add_argument("--workers", type=int, default=200)
    parser.add_argument("--reflection", action="store_true")
    parser.add_argument("--option", action="append", default=[], metavar="NAME=INT",
                        help="a grpc server channel option, e.g. grpc.http2.max_ping_strikes=2")
    return parser.parse_args()


def credentials(args):
    if not args.tls_cert:
        return None

    def read(path):
        with open(path, "rb") as file:
            return file.read()

    client_ca = read(args.client_ca) if args.client_ca else None
    return grpc.ssl_server_credentials(
        [(read(args.tls_key), read(args.tls_cert))], root_certificates=client_ca,
        require_client_auth=client_ca is not None)


def main():
    args = parse_arguments()
    features = generate_features(args.generate) if args.generate else load_features(args.db)
    options = [("grpc.max_concurrent_streams", args.max_streams)] if args.max_streams else []
    options += [(name, int(value)) for name, value in
                (option.split("=", 1) for option in args.option)]
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=args.workers), options=options)
    route_guide_pb2_grpc.add_RouteGuideServicer_to_server(
        RouteGuideServicer(features, EventLog(args.events)), server)
    if args.reflection:
        from grpc_reflection.v1alpha import reflection
        names = (route_guide_pb2.DESCRIPTOR.services_by_name["RouteGuide"].full_name,
                 reflection.SERVICE_NAME)
        reflection.enable_server_reflection(names, server)
    host = f"[{args.host}]" if ":" in args.host else args.host
    creds = credentials(args)
    if creds:
        port = server.add_secure_port(f"{host}:{args.port}", creds)
    else:
        port = server.add_insecure_port(f"{host}:{args.port}")
    if args.unix:
        server.add_insecure_port(f"unix:{args.unix}")
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    server.start()
    sys.stderr.write(f"listening on {host}:{port}\n")
    sys.stderr.flush()
    while not stopped.wait(0.2):
        pass
    server.stop(grace=0.5).wait()


if __name__ == "__main__":
    main()
