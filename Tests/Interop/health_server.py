#!/usr/bin/env python3
"""A grpcio server with grpcio-health-checking's HealthServicer (and RouteGuide), whose
statuses a test drives through stdin, for rg's health tests.

    python health_server.py [--host H] [--port P] [--start-delay SECONDS]
        [--command COMMAND]... [--db FILE]

It prints `listening on HOST:PORT` on stderr once serving (like the other peers) and exits on
SIGTERM or SIGINT. Statuses start as grpcio's do: "" SERVING, every other name unknown.

Commands, one a line on stdin (or given with --command, applied before it listens); words
are split as a shell would, so "" is the empty name. Each is answered on stdout with
`ok COMMAND` once applied, or `error: WHY`:
  set SERVICE STATUS   e.g. `set "" NOT_SERVING`, `set routeguide.RouteGuide SERVING`;
                       STATUS is a ServingStatus name (UNKNOWN, SERVING, NOT_SERVING,
                       SERVICE_UNKNOWN); watchers of SERVICE get the new status
  clear SERVICE        forget SERVICE: Check answers NOT_FOUND, watchers get SERVICE_UNKNOWN
  shutdown             grpcio's enter_graceful_shutdown: everything NOT_SERVING for good
End of stdin is not an error: the server goes on with the statuses it has.

--start-delay SECONDS reserves the port at once (bound, not listening: connections are
refused), prints `will listen on HOST:PORT` on stderr, and listens only after the delay, so
a test can start a client that waits for the server.
"""

import argparse
import os
import shlex
import signal
import socket
import sys
import threading
import time
from concurrent import futures

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import route_guide_pb2_grpc  # noqa: E402
from route_guide_calls import EventLog  # noqa: E402
from route_guide_server import DEFAULT_DB, RouteGuideServicer, load_features  # noqa: E402

ServingStatus = health_pb2.HealthCheckResponse.ServingStatus


class ScriptedHealthServicer(health.HealthServicer):
    """grpcio's servicer plus `clear`, which it lacks.

    `clear` uses the servicer's private table and lock: this is a test peer, pinned to the
    grpcio-health-checking it runs with, and the rest is grpcio's own code under test.
    """

    def clear(self, service):
        with self._lock:
            if self._gracefully_shutting_down:
                return
            self._server_status.pop(service, None)
            unknown = health_pb2.HealthCheckResponse(status=ServingStatus.Value("SERVICE_UNKNOWN"))
            for send in self._send_response_callbacks.get(service, ()):
                send(unknown)


def apply(servicer, line):
    """Carries out one command line; returns the text to answer."""
    try:
        words = shlex.split(line)
    except ValueError as error:
        return f"error: {error}"
    if not words:
        return None
    try:
        if words[0] == "set" and len(words) == 3:
            servicer.set(words[1], ServingStatus.Value(words[2]))
        elif words[0] == "clear" and len(words) == 2:
            servicer.clear(words[1])
        elif words[0] == "shutdown" and len(words) == 1:
            servicer.enter_graceful_shutdown()
        else:
            return f"error: unknown command: {line.strip()}"
    except ValueError:
        return f"error: unknown status: {words[2]}"
    return f"ok {line.strip()}"


def follow_stdin(servicer):
    for line in sys.stdin:
        answer = apply(servicer, line)
        if answer:
            sys.stdout.write(answer + "\n")
            sys.stdout.flush()


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--start-delay", type=float, default=0)
    parser.add_argument("--command", action="append", default=[])
    parser.add_argument("--db", default=DEFAULT_DB)
    return parser.parse_args()


def reserve_port(host, port):
    """A bound socket that does not listen: the port is ours, and connections are refused."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    reserved = socket.socket(family, socket.SOCK_STREAM)
    reserved.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    reserved.bind((host, port))
    return reserved


def main():
    args = parse_arguments()
    servicer = ScriptedHealthServicer()
    for command in args.command:
        answer = apply(servicer, command)
        if answer and answer.startswith("error"):
            sys.exit(f"health_server.py: --command {command!r}: {answer}")
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    threading.Thread(target=follow_stdin, args=(servicer,), daemon=True).start()
    host = f"[{args.host}]" if ":" in args.host else args.host
    port = args.port
    if args.start_delay > 0:
        reserved = reserve_port(args.host, port)
        port = reserved.getsockname()[1]
        sys.stderr.write(f"will listen on {host}:{port}\n")
        sys.stderr.flush()
        if stopped.wait(args.start_delay):
            return
        reserved.close()
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=50))
    health_pb2_grpc.add_HealthServicer_to_server(servicer, server)
    route_guide_pb2_grpc.add_RouteGuideServicer_to_server(
        RouteGuideServicer(load_features(args.db), EventLog(None)), server)
    port = server.add_insecure_port(f"{host}:{port}")
    server.start()
    sys.stderr.write(f"listening on {host}:{port}\n")
    sys.stderr.flush()
    while not stopped.wait(0.2):
        pass
    server.stop(grace=0.5).wait()


if __name__ == "__main__":
    main()
