"""`list` against a server that is not rg serve, for bench/run.py's job `listpeer` (issue 17:
rg must read a chatty server as well as that server's own clients do).

One grpcio server (Tests/Interop/route_guide_server.py) serves the bench's 100,000 features
(1,000,000 are too slow for it); rg and the grpcio peer client list them all, interleaved after
one checked warm-up each. The server's CPU comes from /proc/PID/stat across each run, so it is
charged to the client that made it work. One more, untimed run of each client under
`strace -f -c` counts its system calls (the whole process, start-up included).
"""
import os
import shutil
import statistics
import tempfile

STRACE = shutil.which("strace")
FEATURES = 100_000  # in the bench's features_100k, all inside its rectangle


def syscalls(argv, stdin_path, server, timeout, env, harness, directory):
    """The calls strace -f -c counts for one run of `argv` (its `total` line), or why not."""
    if not STRACE:
        return "no strace"
    summary = os.path.join(directory, "strace.txt")
    try:
        harness.run_client([STRACE, "-f", "-c", "-o", summary, *argv], stdin_path, None,
                           server, timeout, env)
    except RuntimeError as error:  # e.g. ptrace not permitted here
        return f"strace failed: {str(error)[-80:]}"
    with open(summary, encoding="utf-8") as file:
        lines = file.read().splitlines()
    # Columns are fixed-width, some cells blank: cut the total line where the dashes are.
    rule = next(line for line in lines if line.startswith("------"))
    header = next(line for line in lines if "calls" in line and "syscall" in line)
    total = next(line for line in lines if line.split() and line.split()[-1] == "total")
    start = 0
    for dashes in rule.split(" "):
        end = start + len(dashes)
        if header[start:end].strip() == "calls":
            return int(total[start:end])
        start = end + 1
    raise RuntimeError(f"strace -c printed no calls column: {header!r}")


def table(rg, files, runs, timeout, harness, peer=True):
    """The markdown table; with `peer` False, rg's row only."""
    server = harness.Server("grpcio server", [harness.PYTHON, harness.PEER_SERVER, "--port", "0",
                                              "--db", files["features_100k"]],
                            env=harness.PEER_ENV)
    clients = {"rg": (lambda address: harness.rg_argv(rg, "list", address), None)}
    if peer:
        clients["grpcio peer client"] = (lambda address: harness.peer_argv("list", address),
                                         harness.PEER_ENV)
    rectangle = files["rectangle"]
    runs_of = {name: [] for name in clients}
    calls = {}
    try:
        with tempfile.TemporaryDirectory(prefix="rg-bench-listpeer-") as directory:
            outputs = {}
            for name, (argv, env) in clients.items():
                outputs[name] = os.path.join(directory, f"{len(outputs)}.ndjson")
                harness.run_client(argv(server.address), rectangle, outputs[name], server,
                                   timeout, env)
            count = _check(outputs)
            for _ in range(runs):
                for name, (argv, env) in clients.items():
                    runs_of[name].append(harness.run_client(argv(server.address), rectangle,
                                                            None, server, timeout, env))
            for name, (argv, env) in clients.items():
                calls[name] = syscalls(argv(server.address), rectangle, server, timeout, env,
                                       harness, directory)
    finally:
        server.stop()
    return render(runs_of, calls, count)


def _check(outputs):
    """Every client printed every feature, and the same lines (same server, same order)."""
    texts = {}
    for name, path in outputs.items():
        with open(path, "rb") as file:
            texts[name] = file.read()
    count = texts["rg"].count(b"\n")
    if count != FEATURES:
        raise RuntimeError(f"rg list printed {count} features of the grpcio server's "
                           f"{FEATURES:,}")
    for name, text in texts.items():
        if text != texts["rg"]:
            raise RuntimeError(f"{name}'s list output differs from rg's")
    return count


def render(runs_of, calls, count):
    def median(name, figure):
        return statistics.median(getattr(run, figure) for run in runs_of[name])
    rate = {name: count / median(name, "seconds") for name in runs_of}
    server = {name: median(name, "server_cpu") / count * 1000 for name in runs_of}
    goal = "–"
    peer = "grpcio peer client"
    if peer in runs_of:
        speed, cost = rate["rg"] / rate[peer], server["rg"] / server[peer]
        goal = (f"{'met' if speed >= 1 and cost <= 1 else 'MISSED'}: rate ≥ the peer's "
                f"({speed:.2f}×), server CPU per feature ≤ under the peer ({cost:.2f}×)")
    lines = [
        f"| client (list {count:,} features) | wall | features/s | client CPU "
        "| grpcio server CPU per 1,000 features | client syscalls per 1,000 features "
        "| goal (issue 17) |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for name in runs_of:
        syscall = (f"{calls[name] / count * 1000:,.1f}" if isinstance(calls[name], int)
                   else f"– ({calls[name]})")
        lines.append(f"| {name} | {median(name, 'seconds'):.2f} s | {rate[name]:,.0f} "
                     f"| {median(name, 'cpu_seconds'):.2f} s | {server[name] * 1000:.1f} ms "
                     f"| {syscall} | {goal if name == 'rg' else '–'} |")
    if peer in runs_of:
        lines += ["", "The grpcio server's CPU per 1,000 features listed, rg ÷ peer client: "
                  f"{server['rg'] / server[peer]:.2f}×."]
    return "\n".join(lines)
