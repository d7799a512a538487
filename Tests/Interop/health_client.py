#!/usr/bin/env python3
"""The grpcio health client (grpcio-health-checking) as a peer for rg's interop tests.

    python health_client.py ADDRESS check [SERVICE] [--timeout SECONDS]
    python health_client.py ADDRESS watch [SERVICE] [--count N]

Plaintext only. SERVICE defaults to "" (the whole server). It prints one compact JSON line
per response on stdout, flushed at once so a test can act between them:
  {"status": "SERVING"}                      a HealthCheckResponse (the status's name, or
                                             its number when the enum has no name for it)
and one last line when the call ends:
  {"end": "OK"}                              the server ended the call with OK
  {"end": "NOT_FOUND", "message": "..."}     ... or with this status (exit 64 + its code)
  {"end": "cancelled"}                       --count N: the client cancelled after N
                                             responses (exit 0)
"""

import argparse
import json
import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc


def emit(value):
    sys.stdout.write(json.dumps(value, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def status_name(response):
    number = response.status
    try:
        return health_pb2.HealthCheckResponse.ServingStatus.Name(number)
    except ValueError:
        return number


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("address", help="HOST:PORT")
    parser.add_argument("method", choices=["check", "watch"])
    parser.add_argument("service", nargs="?", default="")
    parser.add_argument("--timeout", type=float, default=30, help="check: the call's deadline")
    parser.add_argument("--count", type=int, help="watch: cancel after this many responses")
    return parser.parse_args()


def check(stub, args):
    response = stub.Check(health_pb2.HealthCheckRequest(service=args.service),
                          timeout=args.timeout)
    emit({"status": status_name(response)})


def watch(stub, args):
    responses = stub.Watch(health_pb2.HealthCheckRequest(service=args.service))
    count = 0
    for response in responses:
        emit({"status": status_name(response)})
        count += 1
        if args.count is not None and count >= args.count:
            responses.cancel()
            emit({"end": "cancelled"})
            return


def main():
    args = parse_arguments()
    with grpc.insecure_channel(args.address) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            if args.method == "check":
                check(stub, args)
            else:
                watch(stub, args)
                if args.count is not None:
                    return 0
        except grpc.RpcError as error:
            emit({"end": error.code().name, "message": error.details() or ""})
            return 64 + error.code().value[0]
    emit({"end": "OK"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
