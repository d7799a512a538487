"""`rg serve --threads 1` against `--threads K` (K = the CPU count, at least 2), for
bench/run.py's job `threads` (issue 17: a multi-core rg serve).

Both servers serve the bench's features at once and take turns, measurement by measurement
(a warm-up round, then threads 1, threads K, threads 1, ...): h2load's unary GetFeature calls
on 4 connections, and RecordRoute from one client and from two at once, sent by h2load (each
request one body of every point of the bench's points file, framed) and by `rg record`. The
server's CPU comes from /proc/PID/stat across each run (all its threads). K busy loops at once
against one show how many cores the machine really gave the benchmark, so that a reader can
tell a server limit from a machine limit.
"""
import collections
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

H2LOAD = "/usr/bin/h2load"
UNARY_CALLS = 200_000
GOAL = 1.7
GET_FEATURE = "/routeguide.RouteGuide/GetFeature"
RECORD_ROUTE = "/routeguide.RouteGuide/RecordRoute"
# GetFeature(latitude 409146138, longitude -746188906), framed: the bytes of
# Tests/EndToEndTests/ServeThreadsTests.swift, which the encoder below must reproduce.
UNARY_POINT = bytes([0, 0, 0, 0, 17, 0x08, 0x9a, 0xa6, 0x8c, 0xc3, 0x01, 0x10, 0x96, 0x9f,
                     0x98, 0x9c, 0xfd, 0xff, 0xff, 0xff, 0xff, 0x01])
BUSY_LOOP = "n = 0\nfor i in range(4_000_000):\n    n += i\n"

# (key, row title, unit, clients at once).
MEASURES = [
    ("unary", f"h2load GetFeature, 4 connections (-c 4 -m 100 -t 1, {UNARY_CALLS:,} calls)",
     "calls/s", 4),
    ("h2load1", "record via h2load, 1 client (-c 1 -t 1 -n 4)", "points/s", 1),
    ("h2load2", "record via h2load, 2 clients (-c 2 -t 2 -n 8)", "points/s", 2),
    ("rg1", "record via `rg record`, 1 client", "points/s", 1),
    ("rg2", "record via `rg record`, 2 clients at once", "points/s", 2),
]
# Each two-client row's one-client row.
ONE_CLIENT = {"h2load2": "h2load1", "rg2": "rg1"}


# One run: items per second, wall seconds, CPU seconds of the server and of the clients, and
# the CPU seconds of the server's busiest threads (as many as it has loops), busiest first.
Figure = collections.namedtuple("Figure", "rate seconds server_cpu client_cpu thread_cpu")


def varint(value):
    value &= (1 << 64) - 1  # a negative int32 is sent as its 64-bit two's complement
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def framed_point(latitude, longitude):
    """A Point as a gRPC message: flag 0, 4-byte big-endian length, protobuf (zeros omitted)."""
    body = (b"\x08" + varint(latitude) if latitude else b"") + \
        (b"\x10" + varint(longitude) if longitude else b"")
    return b"\x00" + len(body).to_bytes(4, "big") + body


def framed_points(ndjson):
    """The points NDJSON as one RecordRoute body (made once, next to it): (path, count)."""
    if framed_point(409146138, -746188906) != UNARY_POINT:
        raise RuntimeError("framed_point does not encode the test's GetFeature point")
    path = os.path.splitext(ndjson)[0] + ".grpc"
    count = 0
    fresh = os.path.exists(path) and os.path.getmtime(path) >= os.path.getmtime(ndjson)
    with open(ndjson, "rb") as source:
        if fresh:
            return path, sum(1 for line in source if line.strip())
        with open(path + ".tmp", "wb") as out:
            for line in source:
                if line.strip():
                    point = json.loads(line)
                    out.write(framed_point(point.get("latitude", 0), point.get("longitude", 0)))
                    count += 1
    os.replace(path + ".tmp", path)
    return path, count


class H2load:
    """One h2load run's figures, parsed from its summary."""

    def __init__(self, text, requests):
        finished = re.search(r"finished in ([\d.]+)(s|ms|us)\b", text)
        succeeded = re.search(r"(\d+) succeeded", text)
        traffic = re.search(r"traffic: .*?\((\d+)\) total, .*?\((\d+)\) headers.*?\((\d+)\) data",
                            text)
        if not (finished and succeeded and traffic):
            raise RuntimeError(f"h2load printed no summary: {text.strip()[-400:]}")
        scale = {"s": 1, "ms": 1e-3, "us": 1e-6}[finished.group(2)]
        self.seconds = float(finished.group(1)) * scale
        self.data_bytes = int(traffic.group(3))
        if int(succeeded.group(1)) != requests:
            raise RuntimeError(f"h2load: {succeeded.group(1)} of {requests} requests succeeded")


def h2load(harness, server, directory, path, body, shape, timeout):
    """Runs h2load with `shape` = (requests, connections, threads, streams per connection);
    (its summary, its run: CPU, the server's CPU)."""
    requests, clients, threads, streams = shape
    out = os.path.join(directory, "h2load.out")
    argv = [H2LOAD, "-n", str(requests), "-c", str(clients), "-t", str(threads),
            "-m", str(streams), "-d", body, "-H", "content-type: application/grpc",
            "-H", "te: trailers", f"http://{server.address}{path}"]
    run = harness.run_client(argv, os.devnull, out, server, timeout)
    with open(out, encoding="utf-8", errors="replace") as file:
        return H2load(file.read(), requests), run


def clients_at_once(argvs, stdin_path, server, timeout, directory):
    """Starts every client at once and waits for all: (wall seconds, their CPU seconds, the
    server's CPU seconds, their outputs)."""
    paths = [os.path.join(directory, f"client{index}") for index in range(len(argvs))]
    procs = []
    cpu_before = server.cpu_seconds()
    start = time.perf_counter()
    for argv, path in zip(argvs, paths):
        with open(stdin_path, "rb") as stdin, open(path + ".out", "wb") as stdout, \
                open(path + ".err", "wb") as stderr:
            procs.append(subprocess.Popen(argv, stdin=stdin, stdout=stdout, stderr=stderr))
    timers = [threading.Timer(timeout, proc.kill) for proc in procs]
    for timer in timers:
        timer.start()
    cpu = 0.0
    for proc in procs:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        cpu += usage.ru_utime + usage.ru_stime
    seconds = time.perf_counter() - start
    server_cpu = server.cpu_seconds() - cpu_before
    for timer in timers:
        timer.cancel()
    for proc, path in zip(procs, paths):
        if proc.returncode != 0:
            with open(path + ".err", encoding="utf-8", errors="replace") as file:
                raise RuntimeError(f"{' '.join(proc.args[:2])} exited {proc.returncode}: "
                                   f"{file.read().strip()}")
    outputs = []
    for path in paths:
        with open(path + ".out", encoding="utf-8", errors="replace") as file:
            outputs.append(file.read())
    return seconds, cpu, server_cpu, outputs


def thread_cpu(server):
    """{thread id: CPU seconds so far} of the server's threads (its loops among them)."""
    ticks = os.sysconf("SC_CLK_TCK")
    seconds = {}
    task = f"/proc/{server.proc.pid}/task"
    for tid in os.listdir(task):
        try:
            with open(f"{task}/{tid}/stat", encoding="ascii") as file:
                fields = file.read().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # a thread that ended meanwhile
            continue
        seconds[tid] = (int(fields[11]) + int(fields[12])) / ticks
    return seconds


def busy_speedup(loops, timeout):
    """`loops` pure-CPU processes at once against one: the parallel speed-up the machine
    gives right now (`loops` means it gave every core)."""
    def wall(count):
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(count)]
        try:
            for proc in procs:
                proc.wait(timeout=timeout)
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        return time.perf_counter() - start
    one = wall(1)
    return loops * one / wall(loops)


class Bench:
    """The job's inputs and servers; `measure` runs one measurement against one server."""

    def __init__(self, rg, files, timeout, harness, directory):
        self.rg, self.timeout, self.harness, self.directory = rg, timeout, harness, directory
        self.points_ndjson = files["points"]
        self.points_body, self.points = framed_points(files["points"])
        self.unary_body = os.path.join(directory, "point.grpc")
        with open(self.unary_body, "wb") as file:
            file.write(UNARY_POINT)
        self.unary_bytes = None

    def measure(self, key, clients, server, loops):
        """One run's Figure; its threads' CPU shows how the work spread over the loops."""
        before = thread_cpu(server)
        items, seconds, server_cpu, client_cpu = self.run(key, clients, server)
        after = thread_cpu(server)
        used = sorted((after[tid] - before.get(tid, 0) for tid in after), reverse=True)
        return Figure(items / seconds, seconds, server_cpu, client_cpu, used[:loops])

    def run(self, key, clients, server):
        """(items, wall seconds, server CPU seconds, clients' CPU seconds) of one run."""
        if key == "unary":
            if self.unary_bytes is None:  # what one answer carries, to check every call's
                self.unary_bytes = self.h2load(server, GET_FEATURE, self.unary_body,
                                               (1, 1, 1, 1))[0].data_bytes
            summary, run = self.h2load(server, GET_FEATURE, self.unary_body,
                                       (UNARY_CALLS, 4, 1, 100))
            if summary.data_bytes != UNARY_CALLS * self.unary_bytes or not self.unary_bytes:
                raise RuntimeError(f"h2load GetFeature: {summary.data_bytes} bytes of answers, "
                                   f"expected {UNARY_CALLS} × {self.unary_bytes}")
            return UNARY_CALLS, summary.seconds, run.server_cpu, run.cpu_seconds
        if key.startswith("h2load"):
            requests = 4 * clients
            summary, run = self.h2load(server, RECORD_ROUTE, self.points_body,
                                       (requests, clients, clients, 1))
            if summary.data_bytes < requests * 9:  # a summary counting 1M points: ≥ 9 bytes
                raise RuntimeError(f"h2load RecordRoute: {summary.data_bytes} bytes of answers "
                                   f"to {requests} requests")
            return requests * self.points, summary.seconds, run.server_cpu, run.cpu_seconds
        argv = self.harness.rg_argv(self.rg, "record", server.address)
        seconds, cpu, server_cpu, outputs = clients_at_once(
            [argv] * clients, self.points_ndjson, server, self.timeout, self.directory)
        for output in outputs:
            if json.loads(output or "{}").get("pointCount") != self.points:
                raise RuntimeError(f"rg record: summary {output.strip()!r} does not count "
                                   f"{self.points} points")
        return clients * self.points, seconds, server_cpu, cpu

    def h2load(self, server, path, body, shape):
        return h2load(self.harness, server, self.directory, path, body, shape, self.timeout)


def table(rg, files, runs, timeout, harness):
    """The markdown table and the machine's parallelism note."""
    if not os.access(H2LOAD, os.X_OK):
        return f"{H2LOAD} is missing (Debian's nghttp2-client): no `rg serve --threads` rows."
    loops = max(2, os.cpu_count() or 1)
    figures = {(key, threads): [] for key, *_ in MEASURES for threads in (1, loops)}
    speedups = []
    with tempfile.TemporaryDirectory(prefix="rg-bench-threads-") as directory:
        bench = Bench(rg, files, timeout, harness, directory)
        servers = {}
        try:
            for threads in (1, loops):
                servers[threads] = harness.Server(
                    f"rg serve --threads {threads}", [rg, "serve", "--port", "0", "--threads",
                                                      str(threads), "--db", files["features"]])
            for index in range(runs + 1):  # the first round is the warm-up
                speedup = busy_speedup(loops, timeout)
                for key, _, _, clients in MEASURES:
                    for threads, server in servers.items():
                        figure = bench.measure(key, clients, server, threads)
                        if harness.VERBOSE:
                            print(f"    threads {threads} {key}: {figure.rate:,.0f}/s, server "
                                  f"CPU {figure.server_cpu:.2f} s (busiest threads "
                                  f"{[round(cpu, 2) for cpu in figure.thread_cpu]}), clients' "
                                  f"CPU {figure.client_cpu:.2f} s", flush=True)
                        if index > 0:
                            figures[(key, threads)].append(figure)
                if index > 0:
                    speedups.append(speedup)
        finally:
            for server in servers.values():
                server.stop()
    return render(figures, loops, statistics.median(speedups), bench.points)


def render(figures, loops, speedup, points):
    def median(key, threads, value):
        return statistics.median(value(figure) for figure in figures[(key, threads)])

    def both(key, value, form):
        return f"{form(median(key, 1, value))} / {form(median(key, loops, value))}"

    rate = lambda figure: figure.rate  # noqa: E731
    busy = lambda figure: (figure.server_cpu + figure.client_cpu) / figure.seconds  # noqa: E731
    lines = [
        f"| {points:,} points per record request | threads 1 | threads {loops} "
        f"| {loops} ÷ 1 | two clients ÷ one (threads 1 / {loops}) "
        f"| server CPU per run (threads 1 / {loops}: its {loops} busiest threads) "
        f"| clients' CPU per run (1 / {loops}) | cores busy: server + clients CPU ÷ wall "
        f"(1 / {loops}) | goal (issue 17) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, title, unit, clients in MEASURES:
        one, many = median(key, 1, rate), median(key, loops, rate)
        pair, goal = "–", "–"
        if key == "unary":
            goal = _goal(many / one, f"threads {loops} ÷ threads 1")
        if key in ONE_CLIENT:
            single = ONE_CLIENT[key]
            pair_one = one / median(single, 1, rate)
            pair_many = many / median(single, loops, rate)
            pair = f"{pair_one:.2f}× / {pair_many:.2f}×"
            goal = _goal(pair_many, f"two clients ÷ one on threads {loops}")
        spread = " + ".join(f"{cpu:.2f}" for cpu in per_thread(figures[(key, loops)]))
        seconds = lambda value: f"{value:.2f} s"  # noqa: E731
        lines.append(
            f"| {title} | {one:,.0f} {unit} | {many:,.0f} {unit} | {many / one:.2f}× | {pair} "
            f"| {both(key, lambda f: f.server_cpu, seconds)}: {spread} "
            f"| {both(key, lambda f: f.client_cpu, seconds)} "
            f"| {both(key, busy, lambda value: f'{value:.2f}')} | {goal} |")
    return "\n".join(lines) + "\n\n" + machine_note(loops, speedup)


def machine_note(loops, speedup):
    """How many cores the machine gave, from the busy loops, and what that bounds."""
    if speedup < 0.9 * loops:
        note = (f"Note: the machine gave this benchmark fewer than its {loops} cores: {loops} "
                f"busy loops (`python3 -c`) at once ran {speedup:.2f}× one loop's rate (median "
                "of the rounds), so no ratio above can exceed about that; a ratio near it is a "
                "machine limit, not the server's.")
    else:
        note = (f"{loops} busy loops (`python3 -c`) at once ran {speedup:.2f}× one loop's rate "
                f"(median of the rounds): the machine gave the benchmark its {loops} cores.")
    note += (f" Where the cores busy at threads {loops} come near {loops}, server and clients "
             "together filled the machine: the clients' CPU is part of the limit.")
    return note


def per_thread(runs):
    """The median CPU of the busiest thread, the next, ... over the runs."""
    return [statistics.median(values) for values in zip(*(figure.thread_cpu for figure in runs))]


def _goal(ratio, what):
    return f"{'met' if ratio >= GOAL else 'MISSED'}: {what} ≥ {GOAL}× ({ratio:.2f}×)"
