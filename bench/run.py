#!/usr/bin/env python3
"""`make bench`: rg against the grpcio peer client, and rg serve against the grpcio server.

    python3 bench/run.py --rg PATH [--runs 5] [--scale 1] [--peer-fraction 0.1]
        [--jobs get1,record,list,listgeo,get,chat,zlist,zrecord,rtt,tls,threads,listpeer,startup]
        [--no-peer] [--no-servers] [--results FILE]

Part 1 runs each job with rg and with Tests/Interop/route_guide_client.py (grpcio, the same
NDJSON in and out) against one `rg serve --db` of 1,000,000 generated features, interleaved
(warm-up, then A B A B ...). The peer is about a hundred times slower, so by default it gets the
first tenth of each input (--peer-fraction) and the two are compared by rate (items per
second), which does not depend on the input size. Part 2 (zlist, zrecord) does list and record
again with gzip, rg (`--compress gzip`) and the peer (`--compression gzip`) against one
`rg serve --compress gzip` of the same features, and counts the bytes on the wire both ways in
one more, untimed run each through a counting relay (also for part 1's list and record, for
comparison). Part 3 runs the peer client against rg serve and against
Tests/Interop/route_guide_server.py (grpcio), interleaved, on the same small data.
Part 4 (job `tls`) times a one-shot get over TLS against `rg serve --tls-cert`: verified with
the default store (a test CA in a temporary c_rehash'ed directory named by SSL_CERT_DIR, as a
system store is), with --cacert, and by the grpcio peer; plaintext for the cost of TLS.
Part 5 (job `threads`, bench/serve_threads.py) sets `rg serve --threads 1` against
`--threads K` (K = the CPU count, at least 2): h2load's unary calls on 4 connections, record
from one client and from two at once (h2load and rg record), and how many cores the machine
gave (busy loops at once against one). Part 6 (job `listpeer`, bench/list_peer.py) lists
100,000 features from the grpcio server with rg and with the grpcio peer client (with
--no-peer, rg alone): rate, the server's CPU per feature, syscalls per feature (strace).
Part 7 (job `startup`, bench/startup_profile.py) is the one-shot start-up profile (perf stat:
task-clock, page faults) of rg --version and a one-shot rg get against a static C hello world;
it runs alone with `--jobs startup --no-peer --no-servers`.

Times are wall-clock from process start to exit; peak RSS and CPU come from wait4()'s rusage;
the server's CPU share comes from /proc/PID/stat across each run. The tables are printed and
appended, with the date and `uname -a`, to bench/results.md. Every process has a timeout and
every server is stopped on exit. Only loopback addresses are used.
"""

import argparse
import datetime
import json
import os
import select
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import types

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import generate_data  # noqa: E402
import list_peer  # noqa: E402
import round_trips  # noqa: E402
import serve_threads  # noqa: E402
import startup_profile  # noqa: E402

PYTHON = os.path.join(ROOT, ".venv", "bin", "python")
PEER_CLIENT = os.path.join(ROOT, "Tests", "Interop", "route_guide_client.py")
PEER_SERVER = os.path.join(ROOT, "Tests", "Interop", "route_guide_server.py")
PEER_ENV = dict(os.environ, PYTHONPATH=os.path.join(ROOT, ".venv", "gen"))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
MIB = 1024 * 1024
VERBOSE = "--verbose" in sys.argv
# The jobs that use no generated data (the rest make bench/data/ first).
DATALESS_JOBS = {"rtt", "startup"}


class Job:
    """One benchmark job: a method, an input file, and the goals rg must reach."""

    def __init__(self, key, title, method, data, unit, goal_rate=None, goal_seconds=None,
                 goal_rss_mib=16, to_null=False, peer_data=None, expected=None, rg_extra=(),
                 peer_extra=(), count_wire=False, no_peer=False, goal_vs=None):
        self.key, self.title, self.method, self.data = key, title, method, data
        self.unit, self.goal_rate, self.goal_seconds = unit, goal_rate, goal_seconds
        self.goal_rss_mib, self.to_null = goal_rss_mib, to_null
        self.peer_data = peer_data or data
        self.expected = expected
        self.rg_extra, self.peer_extra = list(rg_extra), list(peer_extra)
        # Whether one more, untimed run of each client counts the bytes on the wire.
        self.count_wire = count_wire
        # No peer to compare with (it has no such option); a goal relative to another job's
        # median: (job key, factor).
        self.no_peer, self.goal_vs = no_peer, goal_vs


def main_jobs(scale):
    size = lambda n: generate_data.label(n * scale)  # noqa: E731
    return [
        Job("get1", "get 1 point, one-shot", "get", "get_one", None, goal_seconds=0.005,
            goal_rss_mib=8),
        Job("record", f"record {size(1_000_000)} points", "record", "points", "points/s",
            goal_rate=1_000_000, peer_data="peer_points", count_wire=True),
        Job("list", f"list {size(1_000_000)} features > /dev/null", "list", "rectangle",
            "features/s", goal_rate=1_000_000, to_null=True, peer_data="peer_rectangle",
            expected=1_000_000 * scale, count_wire=True),
        Job("listgeo", f"list {size(1_000_000)} features --format geojson > /dev/null", "list",
            "rectangle", "features/s", to_null=True, expected=1_000_000 * scale,
            rg_extra=["--format", "geojson"], no_peer=True, goal_vs=("list", 1.5)),
        Job("get", f"get {size(100_000)} points, one stdin", "get", "get", "calls/s",
            goal_rate=50_000, peer_data="peer_get"),
        Job("chat", f"chat {size(100_000)} notes", "chat", "notes", "notes/s",
            goal_rate=200_000, peer_data="peer_notes"),
    ]


def compressed_jobs(scale):
    """list and record again, gzip on both clients; goals as without compression."""
    size = lambda n: generate_data.label(n * scale)  # noqa: E731
    gzip = {"rg_extra": ["--compress", "gzip"], "peer_extra": ["--compression", "gzip"],
            "count_wire": True}
    return [
        Job("zrecord", f"record {size(1_000_000)} points, gzip", "record", "points", "points/s",
            goal_rate=1_000_000, peer_data="peer_points", **gzip),
        Job("zlist", f"list {size(1_000_000)} features > /dev/null, gzip", "list", "rectangle",
            "features/s", goal_rate=1_000_000, to_null=True, peer_data="peer_rectangle",
            expected=1_000_000 * scale, **gzip),
    ]


def server_jobs():
    return [
        Job("get", "get 10k points", "get", "small_get", "calls/s"),
        Job("record", "record 20k points", "record", "small_points", "points/s"),
        Job("list", "list 100k features", "list", "rectangle", "features/s", to_null=True),
        Job("chat", "chat 2k notes", "chat", "small_notes", "notes/s"),
    ]


# --- processes -------------------------------------------------------------------------------

class Server:
    """A server process that prints `listening on HOST:PORT` on stderr once it serves."""

    live = []

    def __init__(self, name, argv, env=None, start_timeout=300):
        self.name = name
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, env=env, cwd=ROOT)
        Server.live.append(self)
        self.address = self._wait_for_port(start_timeout)
        # Keep reading stderr so a chatty server never blocks on a full pipe.
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()

    def _wait_for_port(self, timeout):
        deadline = time.monotonic() + timeout
        text = b""
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stderr], [], [], 0.2)
            if ready:
                chunk = os.read(self.proc.stderr.fileno(), 4096)
                if not chunk:
                    break
                text += chunk
                for line in text.decode(errors="replace").splitlines():
                    if line.startswith("listening on "):
                        port = line.rsplit(":", 1)[1].strip()
                        return f"127.0.0.1:{port}"
        self.stop()
        raise RuntimeError(f"{self.name} did not start: {text.decode(errors='replace')}")

    def cpu_seconds(self):
        """User + system CPU of the whole process (all threads) so far."""
        with open(f"/proc/{self.proc.pid}/stat", encoding="ascii") as file:
            fields = file.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def rss_mib(self):
        with open(f"/proc/{self.proc.pid}/status", encoding="ascii") as file:
            for line in file:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self in Server.live:
            Server.live.remove(self)

    @classmethod
    def stop_all(cls):
        for server in list(cls.live):
            server.stop()


class Run:
    """One client run: wall time, rusage, exit status."""

    def __init__(self, seconds, rss_mib, cpu_seconds, status, server_cpu):
        self.seconds, self.rss_mib, self.cpu_seconds = seconds, rss_mib, cpu_seconds
        self.status, self.server_cpu = status, server_cpu


def run_client(argv, stdin_path, stdout_path, server, timeout, env=None, measure_rss=False):
    """Runs one client process to its end (killed after `timeout`), measured by wait4().

    ru_maxrss of a child started by this (large) Python process starts at this process's own
    RSS, so peak RSS runs go through /usr/bin/time, whose small RSS is what the client inherits;
    its fork and exec are not in the timed runs.
    """
    out = stdout_path or os.devnull
    data = os.path.join(ROOT, "bench", "data")
    rss_file = os.path.join(data, "client.rss")
    if measure_rss:
        argv = ["/usr/bin/time", "-f", "%M", "-o", rss_file] + argv
    with open(stdin_path, "rb") as stdin, open(out, "wb") as stdout, \
            open(os.path.join(data, "client.stderr"), "wb") as stderr:
        cpu_before = server.cpu_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=stdin, stdout=stdout, stderr=stderr, env=env)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        server_cpu = server.cpu_seconds() - cpu_before
    rss_mib = None
    if measure_rss and proc.returncode == 0:
        with open(rss_file, encoding="ascii") as file:
            rss_mib = int(file.read().split()[-1]) / 1024
    if VERBOSE:
        print(f"    {' '.join(os.path.basename(a) for a in argv[-4:-1])}: {seconds:.3f} s, "
              f"RSS {rss_mib or 0:.1f} MiB, server CPU {server_cpu:.2f} s", flush=True)
    if proc.returncode != 0:
        with open(os.path.join(data, "client.stderr"), "rb") as file:
            detail = file.read().decode(errors="replace").strip()
        raise RuntimeError(f"{' '.join(argv[:3])} exited {proc.returncode}: {detail}")
    return Run(seconds, rss_mib, usage.ru_utime + usage.ru_stime, proc.returncode, server_cpu)


def harness():
    """What the part modules (bench/serve_threads.py, list_peer.py) use of this file. Handed
    to them, not imported: this file runs as __main__, so an `import run` there would load a
    second copy whose Server.live list stop_all here never sees."""
    return types.SimpleNamespace(
        Server=Server, run_client=run_client, rg_argv=rg_argv, peer_argv=peer_argv,
        PYTHON=PYTHON, PEER_ENV=PEER_ENV, PEER_SERVER=PEER_SERVER, VERBOSE=VERBOSE)


def spawn_baseline(runs=20):
    """Median start-to-exit of /bin/true from this harness: the floor under every wall time."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(["/bin/true"])
        os.wait4(proc.pid, 0)
        proc.returncode = 0
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def rg_argv(rg, method, address, extra=()):
    return [rg, method, "--plaintext", *extra, address]


def peer_argv(method, address, extra=()):
    return [PYTHON, PEER_CLIENT, method, address, "--plaintext", *extra]


class CountingRelay:
    """A loopback TCP relay to `target` that counts the bytes each way, for the untimed runs
    that measure the bytes on the wire (HTTP/2 frames and all)."""

    def __init__(self, target):
        host, port = target.rsplit(":", 1)
        self.target = (host, int(port))
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.address = f"127.0.0.1:{self.listener.getsockname()[1]}"
        self.sent = self.received = 0  # by the client, to the server / from it
        self.lock = threading.Lock()
        self.pumps = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for source, sink, up in ((client, server, True), (server, client, False)):
                pump = threading.Thread(target=self._pump, args=(source, sink, up), daemon=True)
                pump.start()
                self.pumps.append(pump)

    def _pump(self, source, sink, up):
        try:
            while data := source.recv(1 << 18):
                sink.sendall(data)
                with self.lock:
                    if up:
                        self.sent += len(data)
                    else:
                        self.received += len(data)
        except OSError:
            pass
        finally:
            try:
                sink.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    def close(self):
        self.listener.close()
        for pump in self.pumps:
            pump.join(timeout=10)


def wire_bytes(argv_for, stdin_path, server, timeout, env=None):
    """One untimed run of the client `argv_for(address)` builds, through a counting relay:
    (bytes sent, bytes received)."""
    relay = CountingRelay(server.address)
    try:
        run_client(argv_for(relay.address), stdin_path, None, server, timeout, env)
    finally:
        relay.close()
    return relay.sent, relay.received


def count_lines(path):
    with open(path, "rb") as file:
        return sum(1 for _ in file)


# --- part 1: rg against the peer client ------------------------------------------------------

class Result:
    def __init__(self, job, count, peer_count):
        self.job, self.count, self.peer_count = job, count, peer_count
        self.rg, self.peer, self.rss = [], [], []
        # Bytes on the wire per item (the direction that carries the items), when counted.
        self.rg_wire = self.peer_wire = None

    def rg_median(self):
        return statistics.median(r.seconds for r in self.rg)

    def peer_median(self):
        return statistics.median(r.seconds for r in self.peer) if self.peer else None

    def rg_rate(self):
        return self.count / self.rg_median()

    def peer_rate(self):
        return self.peer_count / self.peer_median() if self.peer else None


def items_in(job, files, output):
    """The job's size: input values, or for list the features it printed."""
    if job.method == "list" and "geojson" in job.rg_extra:
        with open(output, encoding="utf-8") as file:
            return len(json.load(file)["features"])
    if job.method == "list":
        return count_lines(output)
    return count_lines(files[job.data])


def check_output(job, input_path, output_path, count):
    """What rg printed is what the job asked for: get answers each point, in input order;
    record counts every point; chat answers every second note; list printed every feature."""
    problem = None
    if "geojson" in job.rg_extra:
        if job.expected is not None and count != job.expected:
            raise RuntimeError(f"{job.title}: {count} features, expected {job.expected}")
        return
    with open(output_path, encoding="utf-8") as file:
        lines = [json.loads(line) for line in file]
    if job.method == "get":
        with open(input_path, encoding="utf-8") as file:
            points = [json.loads(line) for line in file if line.strip()]
        located = [line.get("location", {}) for line in lines]
        if located != points:
            problem = "answers are not the input points in input order"
    elif job.method == "record":
        if len(lines) != 1 or lines[0].get("pointCount") != count:
            problem = f"summary {lines} does not count {count} points"
    elif job.method == "chat":
        if len(lines) != count // 2:
            problem = f"{len(lines)} answers for {count} notes, expected {count // 2}"
    elif job.method == "list" and job.expected is not None and len(lines) != job.expected:
        problem = f"{len(lines)} features, expected {job.expected}"
    if problem:
        raise RuntimeError(f"{job.title}: {problem}")


def warm_up(job, files, rg, peer, server, timeout):
    """One checked run each: counts, and the peer's answers equal rg's first answers."""
    rg_out = os.path.join(ROOT, "bench", "data", f"out_rg_{job.key}.ndjson")
    rss = run_client(rg_argv(rg, job.method, server.address, job.rg_extra), files[job.data],
                     rg_out, server, timeout, measure_rss=True).rss_mib
    count = items_in(job, files, rg_out)
    check_output(job, files[job.data], rg_out, count)
    peer_count = None
    if peer:
        peer_out = os.path.join(ROOT, "bench", "data", f"out_peer_{job.key}.ndjson")
        run_client(peer_argv(job.method, server.address, job.peer_extra), files[job.peer_data],
                   peer_out, server, timeout, PEER_ENV)
        peer_count = items_in(job, dict(files, **{job.data: files[job.peer_data]}), peer_out)
        if job.method == "get":  # list's smaller rectangle is not a prefix of the output
            with open(rg_out, "rb") as a, open(peer_out, "rb") as b:
                mine, theirs = a.read().splitlines(), b.read().splitlines()
            if mine[:len(theirs)] != theirs:
                raise RuntimeError(f"{job.title}: rg's output differs from the peer's")
    return count, peer_count, rss


def bench_main(args, files, server, jobs):
    results = []
    for job in jobs:
        if job.key not in args.jobs:
            continue
        print(f"  {job.title} ...", flush=True)
        results.append(bench_job(args, files, server, job))
    return results


def bench_job(args, files, server, job):
    """Warm-up, timed runs interleaved with the peer's, peak RSS, and the wire if asked."""
    peer = not args.no_peer and not job.no_peer
    count, peer_count, rss = warm_up(job, files, args.rg, peer, server, args.timeout)
    result = Result(job, count, peer_count)
    result.rss.append(rss)
    rg = lambda address: rg_argv(args.rg, job.method, address, job.rg_extra)  # noqa: E731
    peer_client = lambda address: peer_argv(job.method, address, job.peer_extra)  # noqa: E731
    runs = args.runs * (4 if job.key == "get1" else 1)
    for _ in range(runs):
        result.rg.append(run_client(rg(server.address), files[job.data],
                                    None if job.to_null else os.devnull, server, args.timeout))
        if peer:
            result.peer.append(run_client(peer_client(server.address), files[job.peer_data],
                                          None, server, args.timeout, PEER_ENV))
    # One more measured run for peak RSS, after the timed ones.
    result.rss.append(run_client(rg(server.address), files[job.data], None, server,
                                 args.timeout, measure_rss=True).rss_mib)
    if job.count_wire:
        # Items go up for record, down for list.
        pick = 0 if job.method == "record" else 1
        rg_bytes = wire_bytes(rg, files[job.data], server, args.timeout)
        result.rg_wire = rg_bytes[pick] / count
        if peer:
            peer_bytes = wire_bytes(peer_client, files[job.peer_data], server, args.timeout,
                                    PEER_ENV)
            result.peer_wire = peer_bytes[pick] / peer_count
    return result


def bench_compressed(args, files):
    """list and record with gzip against one `rg serve --compress gzip`."""
    jobs = [job for job in compressed_jobs(args.scale) if job.key in args.jobs]
    if not jobs:
        return []
    server = Server("rg serve --compress gzip", [args.rg, "serve", "--port", "0", "--db",
                                                 files["features"], "--compress", "gzip"])
    try:
        return bench_main(args, files, server, jobs)
    finally:
        server.stop()


# --- part 2: rg serve against the grpcio server ----------------------------------------------

def bench_servers(args, files):
    rows = []
    for job in server_jobs():
        if job.key not in args.jobs:
            continue
        print(f"  servers: {job.title} ...", flush=True)
        db = files["features_100k"] if job.method == "list" else files["features_100"]
        rg_server = Server("rg serve", [args.rg, "serve", "--port", "0", "--db", db])
        py_server = Server("grpcio server", [PYTHON, PEER_SERVER, "--port", "0", "--db", db],
                           env=PEER_ENV)
        try:
            count = count_lines(files[job.data]) if job.method != "list" else None
            times = {rg_server: [], py_server: []}
            cpu = {rg_server: [], py_server: []}
            for index in range(args.runs + 1):
                for server in (rg_server, py_server):
                    out = os.path.join(ROOT, "bench", "data", "out_servers.ndjson")
                    run = run_client(peer_argv(job.method, server.address), files[job.data],
                                     out, server, args.timeout, PEER_ENV)
                    if count is None:
                        count = count_lines(out)
                    if index > 0:  # the first round is the warm-up
                        times[server].append(run.seconds)
                        cpu[server].append(run.server_cpu / run.seconds)
            rows.append((job, count, times[rg_server], times[py_server], cpu[rg_server],
                         cpu[py_server], rg_server.rss_mib(), py_server.rss_mib()))
        finally:
            rg_server.stop()
            py_server.stop()
    return rows


# --- part 3: TLS, the default trust store against --cacert and the grpcio peer ----------------

def make_tls_files(directory):
    """A CA, a server certificate for localhost signed by it, and a hashed directory (a
    system-style store) that holds the CA."""
    def openssl(*arguments):
        subprocess.run(["openssl", *arguments], check=True, capture_output=True, timeout=60)
    path = lambda name: os.path.join(directory, name)  # noqa: E731
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-keyout", path("ca.key"), "-out", path("ca.crt"), "-days", "30",
            "-subj", "/CN=rg bench CA", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", path("server.key"), "-out", path("server.csr"), "-subj", "/CN=localhost")
    with open(path("server.ext"), "w", encoding="ascii") as file:
        file.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", path("server.csr"), "-CA", path("ca.crt"), "-CAkey",
            path("ca.key"), "-CAcreateserial", "-out", path("server.crt"), "-days", "30",
            "-extfile", path("server.ext"))
    store = path("store")
    os.makedirs(store, exist_ok=True)
    with open(path("ca.crt"), "rb") as src, open(os.path.join(store, "bench-ca.pem"), "wb") as dst:
        dst.write(src.read())
    openssl("rehash", store)
    return path("ca.crt"), path("server.crt"), path("server.key"), store


def bench_tls(args, files):
    """One-shot get over TLS: default store vs --cacert vs the grpcio peer, and plaintext."""
    print("  get 1 point over TLS ...", flush=True)
    directory = os.path.join(ROOT, "bench", "data", "tls")
    os.makedirs(directory, exist_ok=True)
    ca, cert, key, store = make_tls_files(directory)
    # The store is the one SSL_CERT_DIR names; SSL_CERT_FILE (which some machines set to the
    # whole bundle) is unset, as on a machine that relies on OpenSSL's defaults.
    base = {k: v for k, v in os.environ.items() if k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
    system_env = dict(base, SSL_CERT_DIR=store)
    tls_server = Server("rg serve (TLS)", [args.rg, "serve", "--port", "0", "--tls-cert", cert,
                                           "--tls-key", key])
    plain_server = Server("rg serve", [args.rg, "serve", "--port", "0"])
    try:
        target = "localhost:" + tls_server.address.rsplit(":", 1)[1]
        plain_target = "localhost:" + plain_server.address.rsplit(":", 1)[1]
        variants = {
            "default store": ([args.rg, "get", target], system_env, tls_server),
            "--cacert": ([args.rg, "get", "--cacert", ca, target], base, tls_server),
            "plaintext": ([args.rg, "get", "--plaintext", plain_target], base, plain_server),
        }
        bundle = "/usr/lib/ssl/cert.pem"  # Debian's OpenSSL default bundle
        if os.path.exists(bundle):
            # As on machines (CI images) that set SSL_CERT_FILE to the system bundle: rg reads
            # it only when the directories lack the issuer.
            variants["+ SSL_CERT_FILE"] = (
                [args.rg, "get", target], dict(system_env, SSL_CERT_FILE=bundle), tls_server)
        if not args.no_peer:
            variants["grpcio peer"] = (
                [PYTHON, PEER_CLIENT, "get", target, "--cacert", ca], dict(PEER_ENV), tls_server)
        times = {name: [] for name in variants}
        names = list(variants)
        for index in range(args.runs * 4 + 1):
            # The order turns every round: whichever variant ran right after the grpcio peer
            # (120 ms of Python, the server still closing its connection) was 2-4 ms slower.
            for name in names[index % len(names):] + names[:index % len(names)]:
                argv, env, server = variants[name]
                run = run_client(argv, files["get_one"], None, server, args.timeout, env)
                if index > 0:  # the first round is the warm-up
                    times[name].append(run.seconds)
        return {name: statistics.median(values) for name, values in times.items()}
    finally:
        tls_server.stop()
        plain_server.stop()


def tls_table(medians):
    default, cacert = medians["default store"], medians["--cacert"]
    peer = medians.get("grpcio peer")
    gap = default - cacert
    met = gap <= 0.002 and (peer is None or peer / default >= 4)
    goal = ("met: " if met else "MISSED: ") + "default − --cacert ≤ 2 ms" + (
        ", peer ÷ default ≥ 4×" if peer else "")
    with_file = medians.get("+ SSL_CERT_FILE")
    return "\n".join([
        "| job | default store (SSL_CERT_DIR) | same + SSL_CERT_FILE=system bundle | --cacert "
        "| plaintext | grpcio peer (--cacert) "
        "| default − --cacert | TLS − plaintext | peer ÷ default | goal |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        f"| get 1 point over TLS, one-shot | {ms(default)} "
        f"| {ms(with_file) if with_file else '–'} | {ms(cacert)} "
        f"| {ms(medians['plaintext'])} | {ms(peer) if peer else '–'} | {gap * 1000:+.1f} ms "
        f"| {(cacert - medians['plaintext']) * 1000:+.1f} ms "
        f"| {f'{peer / default:.1f}×' if peer else '–'} | {goal} |",
    ])


# --- reporting -------------------------------------------------------------------------------

def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def rate(value, unit):
    return f"{value:,.0f} {unit}" if unit else ""


def goal_text(result, medians):
    job = result.job
    rss = max(result.rss)
    met = rss <= job.goal_rss_mib
    parts = [f"RSS ≤ {job.goal_rss_mib} MiB"]
    if job.goal_vs and job.goal_vs[0] in medians:
        other, factor = job.goal_vs
        ratio = result.rg_median() / medians[other]
        met = met and ratio <= factor
        parts.insert(0, f"≤ {factor}× {other}'s time ({ratio:.2f}×)")
    if job.goal_seconds is not None:
        met = met and result.rg_median() <= job.goal_seconds
        parts.insert(0, f"≤ {job.goal_seconds * 1000:.0f} ms")
    if job.goal_rate is not None:
        met = met and result.rg_rate() >= job.goal_rate
        parts.insert(0, f"≥ {job.goal_rate:,.0f}/s")
    return ("met: " if met else "MISSED: ") + ", ".join(parts)


def main_table(results, args):
    lines = [
        "| job | rg median | peer median | rg rate | peer rate | rg ÷ peer speed "
        "| rg peak RSS | rg CPU | server CPU | goal |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    medians = {result.job.key: result.rg_median() for result in results}
    for result in results:
        job = result.job
        rg_med = result.rg_median()
        peer_med = result.peer_median()
        if job.unit:
            speed = result.rg_rate() / result.peer_rate() if result.peer else None
        else:
            speed = peer_med / rg_med if peer_med else None
        rg_cpu = statistics.median(r.cpu_seconds / r.seconds for r in result.rg)
        server_cpu = statistics.median(r.server_cpu / r.seconds for r in result.rg)
        peer_size = f" ({result.peer_count:,})" if result.peer and job.unit else ""
        lines.append(
            f"| {job.title} | {ms(rg_med)} | {ms(peer_med) + peer_size if peer_med else '–'} "
            f"| {rate(result.rg_rate(), job.unit) or '–'} "
            f"| {rate(result.peer_rate(), job.unit) if result.peer and job.unit else '–'} "
            f"| {f'{speed:.1f}×' if speed else '–'} "
            f"| {max(result.rss):.1f} MiB | {rg_cpu:.0%} | {server_cpu:.0%} "
            f"| {goal_text(result, medians)} |")
    return "\n".join(lines)


def compressed_table(results, identity):
    """The gzip rows, with the bytes on the wire per item and, from part 1, what rg does
    without compression: the cost of compression per item and what it saves."""
    # zlist is list with gzip, zrecord record (not listgeo, which is list too).
    plain = {result.job.key: result for result in identity}
    lines = [
        "| job | rg median | peer median | rg rate | peer rate | rg ÷ peer speed "
        "| rg bytes/item on the wire | peer bytes/item | rg without gzip: bytes/item "
        "| rg: time per item over identity | rg peak RSS | goal |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    per_item = lambda r: r.rg_median() / r.count  # noqa: E731
    for result in results:
        job = result.job
        speed = result.rg_rate() / result.peer_rate() if result.peer else None
        base = plain.get(job.key.removeprefix("z"))
        extra = f"{(per_item(result) - per_item(base)) * 1e9:+,.0f} ns" if base else "–"
        wire = lambda value: f"{value:,.1f}" if value is not None else "–"  # noqa: E731
        peer_med = result.peer_median()
        lines.append(
            f"| {job.title} | {ms(result.rg_median())} "
            f"| {ms(peer_med) + f' ({result.peer_count:,})' if peer_med else '–'} "
            f"| {rate(result.rg_rate(), job.unit)} "
            f"| {rate(result.peer_rate(), job.unit) if result.peer else '–'} "
            f"| {f'{speed:.1f}×' if speed else '–'} | {wire(result.rg_wire)} "
            f"| {wire(result.peer_wire)} | {wire(base.rg_wire if base else None)} | {extra} "
            f"| {max(result.rss):.1f} MiB | {goal_text(result, {})} |")
    return "\n".join(lines)


def server_table(rows):
    lines = [
        "| job (grpcio peer client) | rg serve median | grpcio server median | rg serve ÷ "
        "grpcio speed | rg serve CPU | grpcio server CPU | rg serve peak RSS | "
        "grpcio server peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for job, count, rg_times, py_times, rg_cpu, py_cpu, rg_rss, py_rss in rows:
        rg_med, py_med = statistics.median(rg_times), statistics.median(py_times)
        lines.append(
            f"| {job.title} | {ms(rg_med)} | {ms(py_med)} | {py_med / rg_med:.2f}× "
            f"| {statistics.median(rg_cpu):.0%} | {statistics.median(py_cpu):.0%} "
            f"| {rg_rss:.0f} MiB | {py_rss:.0f} MiB |")
    return "\n".join(lines)


def run_microbench(path):
    """rg-microbench's lines (the hot paths on one core), or nothing without a binary."""
    if not path:
        return None
    print("  microbenchmarks ...", flush=True)
    return subprocess.run([path], check=True, capture_output=True, text=True,
                          timeout=600).stdout.strip()


def report(args, main_rows, server_rows, server_note, baseline, micro=None,
           compressed_rows=(), trips=None, tls=None, parts=None):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    uname = subprocess.run(["uname", "-a"], capture_output=True, text=True).stdout.strip()
    text = [f"## {now}", "", f"`{uname}`, {os.cpu_count()} CPUs; runs per job: {args.runs} "
            f"after a warm-up (get 1 point: {args.runs * 4}), medians; scale {args.scale}; "
            f"peer input fraction {args.peer_fraction}; starting and reaping `/bin/true` "
            f"from the harness takes {ms(baseline)} (in every wall time).", ""]
    if args.label:
        text[1:1] = ["", args.label]
    if main_rows:
        text += ["rg and the grpcio peer client against `rg serve` (" + server_note + "):", "",
                 main_table(main_rows, args), ""]
    if compressed_rows:
        text += ["With gzip: rg (`--compress gzip`) and the peer (`--compression gzip`) against "
                 "`rg serve --compress gzip` of the same features; bytes on the wire (HTTP/2, "
                 "counted by a relay in one more run) per point sent or feature received:", "",
                 compressed_table(compressed_rows, main_rows), ""]
    if server_rows:
        text += ["The grpcio peer client against `rg serve` and against the grpcio server "
                 "(same data, 100 features; 100,000 for list):", "",
                 server_table(server_rows), ""]
    if trips:
        text += ["Round trips of a one-shot `get` after TCP connected, through a relay that "
                 "holds every chunk 25 ms each way (bench/round_trips.py):", "", trips, ""]
    if tls:
        text += ["One-shot `rg get` over TLS against `rg serve --tls-cert` (medians of "
                 f"{args.runs * 4}, interleaved):", "", tls_table(tls), ""]
    parts = parts or {}
    if parts.get("threads"):
        text += ["`rg serve --threads 1` against `--threads K` (both on the bench's features, "
                 f"interleaved, medians of {args.runs}; bench/serve_threads.py):", "",
                 parts["threads"], ""]
    if parts.get("listpeer"):
        text += ["rg and the grpcio peer client listing from the grpcio server "
                 f"(Tests/Interop/route_guide_server.py), interleaved, medians of {args.runs}; "
                 "syscalls from one more run under `strace -f -c` (bench/list_peer.py):", "",
                 parts["listpeer"], ""]
    if parts.get("startup"):
        text += ["One-shot start-up profile (bench/startup_profile.py):", "", parts["startup"],
                 ""]
    if micro:
        text += ["`rg-microbench` (no network, one core, best of 5):", "", "```", micro, "```",
                 ""]
    return "\n".join(text) + "\n"


# --- main ------------------------------------------------------------------------------------

def peer_inputs(files, fraction, out):
    """The first `fraction` of each input, and a rectangle over about that share of features."""
    for role in ("points", "get", "notes"):
        path = os.path.join(out, f"peer_{os.path.basename(files[role])}")
        with open(files[role], "rb") as src:
            lines = src.readlines()
        with open(path, "wb") as dst:
            dst.writelines(lines[:max(1, int(len(lines) * fraction))])
        files[f"peer_{role}"] = path
    top = generate_data.LAT_MIN + int((generate_data.LAT_MAX - generate_data.LAT_MIN) * fraction)
    path = os.path.join(out, "peer_rectangle.json")
    with open(path, "w", encoding="ascii") as file:
        file.write(f'{{"lo":{{"latitude":{generate_data.LAT_MIN},"longitude":'
                   f'{generate_data.LON_MIN}}},"hi":{{"latitude":{top},"longitude":'
                   f'{generate_data.LON_MAX}}}}}\n')
    files["peer_rectangle"] = path


def generate_files(args, out):
    """Runs the generator in its own process, so this one stays small (see run_client)."""
    text = subprocess.run(
        [sys.executable, os.path.join(ROOT, "bench", "generate_data.py"), "--seed",
         str(args.seed), "--scale", str(args.scale), "--out", out],
        check=True, capture_output=True, text=True, timeout=1800).stdout
    files = {}
    for line in text.splitlines():
        role, _, path = line.partition(": ")
        if path and not role.startswith("generated"):
            files[role] = path
    return files


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rg", required=True, help="the release rg binary")
    parser.add_argument("--microbench", help="an rg-microbench binary to run and report too")
    parser.add_argument("--label", help="a note on what was measured, put under the date")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1, help="input size factor (1 or 10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--peer-fraction", type=float, default=0.1)
    parser.add_argument("--jobs", default="get1,record,list,listgeo,get,chat,zlist,zrecord,rtt,"
                        "tls,threads,listpeer,startup")
    parser.add_argument("--no-peer", action="store_true", help="run rg only")
    parser.add_argument("--no-servers", action="store_true", help="skip the server comparison")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per process")
    parser.add_argument("--verbose", action="store_true", help="print every run")
    parser.add_argument("--update-readme", action="store_true",
                        help="also put the tables into README.md's Performance section")
    parser.add_argument("--results", default=os.path.join(ROOT, "bench", "results.md"))
    args = parser.parse_args()
    args.jobs = set(args.jobs.split(","))
    return args


def main():
    args = parse_arguments()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    out = os.path.join(ROOT, "bench", "data")
    files = {}
    if args.jobs - DATALESS_JOBS:
        files = generate_files(args, out)
        peer_inputs(files, args.peer_fraction, out)
    main_rows, compressed_rows, server_rows, note, trips, tls = [], [], [], "", None, None
    parts = {}
    baseline = spawn_baseline()
    try:
        if any(job.key in args.jobs for job in main_jobs(args.scale)):
            print("starting rg serve with the generated features ...", flush=True)
            start = time.perf_counter()
            server = Server("rg serve",
                            [args.rg, "serve", "--port", "0", "--db", files["features"]])
            load = time.perf_counter() - start
            main_rows = bench_main(args, files, server, main_jobs(args.scale))
            note = (f"`--db {os.path.basename(files['features'])}`, loaded in {load:.1f} s, "
                    f"peak RSS {server.rss_mib():.0f} MiB")
            server.stop()
        compressed_rows = bench_compressed(args, files)
        if not args.no_peer and not args.no_servers:
            server_rows = bench_servers(args, files)
        if "rtt" in args.jobs:
            print("  round trips ...", flush=True)
            trips = round_trips.table(args.rg, PYTHON, PEER_ENV, Server)
        if "tls" in args.jobs:
            tls = bench_tls(args, files)
        if "threads" in args.jobs:
            print("  rg serve --threads ...", flush=True)
            parts["threads"] = serve_threads.table(args.rg, files, args.runs, args.timeout,
                                                   harness())
        if "listpeer" in args.jobs:
            print("  list from the grpcio server ...", flush=True)
            parts["listpeer"] = list_peer.table(args.rg, files, args.runs, args.timeout,
                                                harness(), peer=not args.no_peer)
        if "startup" in args.jobs:
            print("  start-up profile ...", flush=True)
            parts["startup"] = startup_profile.table(args.rg, args.runs, Server)
    finally:
        Server.stop_all()
    micro = run_microbench(args.microbench)
    text = report(args, main_rows, server_rows, note, baseline, micro, compressed_rows, trips,
                  tls, parts)
    print()
    print(text)
    with open(args.results, "a", encoding="utf-8") as file:
        if file.tell() == 0:
            file.write("# rg benchmark results\n\nAppended by `make bench` (bench/run.py); the "
                       "newest run is last.\n\n")
        file.write(text)
    if args.update_readme:
        update_readme(text)


def update_readme(text):
    """Replaces what is between README.md's bench-table markers with this run's tables."""
    path = os.path.join(ROOT, "README.md")
    with open(path, encoding="utf-8") as file:
        readme = file.read()
    start, end = "<!-- bench-table -->\n", "<!-- /bench-table -->"
    if start not in readme or end not in readme:
        raise RuntimeError("README.md has no bench-table markers")
    body = text.replace("## ", "Measured ", 1)
    head, rest = readme.split(start, 1)
    readme = head + start + body + rest[rest.index(end):]
    with open(path, "w", encoding="utf-8") as file:
        file.write(readme)


if __name__ == "__main__":
    try:
        main()
    finally:
        Server.stop_all()
