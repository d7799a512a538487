"""Per-call bookkeeping for route_guide_server.py: fault injection by metadata, the event log.

See route_guide_server.py for the metadata it understands and the event log's format.
"""

import json
import threading
import time

import grpc

import route_guide_pb2

# Metadata the transport adds by itself; echoing it back would be rejected or be noise.
TRANSPORT_METADATA = {"user-agent", "te", "content-type", "grpc-timeout", "grpc-accept-encoding",
                      "grpc-encoding", ":authority"}


def status_code(text):
    text = text.strip()
    for code in grpc.StatusCode:
        if text.upper() == code.name or text == str(code.value[0]):
            return code
    return grpc.StatusCode.UNKNOWN


class EventLog:
    """Appends one JSON line per finished call; counts handlers running."""

    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.active = 0

    def started(self):
        with self.lock:
            self.active += 1
            return self.active

    def handler_exited(self):
        with self.lock:
            self.active -= 1

    def finished(self, event):
        with self.lock:
            if self.path:
                with open(self.path, "a", encoding="utf-8") as file:
                    file.write(json.dumps(event) + "\n")


class Call:
    """One call's bookkeeping: metadata, faults, counts, and how it ended.

    A context manager around the handler's body: the handler counts as running until it exits,
    which is before the client can see the call end, so "concurrent" never overcounts.
    """

    def __init__(self, method, context, log):
        self.method = method
        self.context = context
        # Raw pairs to echo (-bin values stay bytes); text for the event log and lookups.
        self.raw_metadata = tuple(context.invocation_metadata())
        self.metadata = {key: value.decode("utf-8", "replace") if isinstance(value, bytes)
                         else value for key, value in self.raw_metadata}
        # -bin values exactly as they arrived (after base64 decoding), in hex.
        self.binary = {key: value.hex() for key, value in self.raw_metadata
                       if isinstance(value, bytes)}
        self.received = 0
        self.sent = 0
        self.end = None
        self.code = None
        self.done = threading.Event()
        self.faulty = True
        self.log = log
        concurrent = log.started()
        context.add_callback(lambda: self.terminated(log, concurrent))

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.log.handler_exited()
        return False

    def terminated(self, log, concurrent):
        self.done.set()
        # grpcio may end a cancelled call's request iterator as if the client had half-closed
        # (the cancel races the last receive), so ask the call itself how it ended.
        state = getattr(self.context, "_state", None)
        if getattr(state, "client", None) == "cancelled":
            self.end, self.code = "cancelled", None
        log.finished({"method": self.method, "end": self.end or "cancelled", "code": self.code,
                      "received": self.received, "sent": self.sent, "metadata": self.metadata,
                      "binary": self.binary, "concurrent": concurrent})

    def number(self, key):
        try:
            return int(self.metadata.get(key, "0"))
        except ValueError:
            return 0

    def start(self, faulty=True):
        """Applies the faults that act before any message; echoes metadata.

        `faulty` False exempts this call from x-fail and x-stall (see x-fail-at-latitude).
        """
        if self.metadata.get("x-echo-metadata") == "1":
            echoed = tuple((key, value) for key, value in self.raw_metadata
                           if key not in TRANSPORT_METADATA and not key.startswith("grpc-"))
            self.context.send_initial_metadata(echoed)
            self.context.set_trailing_metadata(echoed)
        self.faulty = faulty
        if not faulty:
            return True
        if self.metadata.get("x-stall") == "1":
            self.done.wait()
            self.end = "cancelled"
            return False
        self.check_fail(0)
        return True

    def check_fail(self, count):
        fail = self.metadata.get("x-fail")
        if fail is None or not self.faulty or count < self.number("x-fail-after"):
            return
        code, _, message = fail.partition(":")
        self.end, self.code = "error", status_code(code).name
        self.context.abort(status_code(code), message.strip())

    def before_send(self):
        delay = self.number("x-delay-ms")
        if delay:
            time.sleep(delay / 1000)
        self.check_fail(self.sent)
        self.sent += 1

    def requests(self, iterator):
        """The request stream; a cancelled client shows up as an RpcError here."""
        try:
            for request in iterator:
                self.received += 1
                self.check_fail(self.received)
                yield request
        except grpc.RpcError:
            # Stop quietly: the handler's answer goes nowhere, the event says "cancelled".
            self.end = "cancelled"

    def padded(self, feature):
        pad = self.number("x-pad")
        if not pad:
            return feature
        return route_guide_pb2.Feature(name=feature.name + "x" * pad, location=feature.location)

    def ok(self):
        if self.end is None:
            self.end, self.code = "ok", "OK"
