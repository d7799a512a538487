"""The one-shot start-up profile, for bench/run.py's job `startup` (issue 17 compares it before
and after): task-clock and page faults of a static C hello world, `rg --version`, and a one-shot
`rg get` against a running `rg serve` (its built-in features).

`perf stat -e task-clock,page-faults -r 50`, one batch per command per round, the rounds
interleaved, the median of the rounds' means. Where perf cannot count (perf_event_paranoid, no
perf), 200 runs of each, interleaved, timed by wait4()'s rusage (CPU time; minor + major faults).
"""
import os
import statistics
import subprocess
import tempfile

PERF = "/usr/bin/perf"
PERF_RUNS = 50
FALLBACK_RUNS = 200
POINT = '{"latitude":409146138,"longitude":-746188906}'
HELLO = '#include <stdio.h>\nint main(void) { puts("hello, world"); return 0; }\n'


def static_hello(directory):
    """(path, None) of a static hello world built with `cc -static -O2`, or (None, why not)."""
    source, binary = os.path.join(directory, "hello.c"), os.path.join(directory, "hello")
    with open(source, "w", encoding="ascii") as file:
        file.write(HELLO)
    try:
        built = subprocess.run(["cc", "-static", "-O2", "-o", binary, source],
                               capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        return None, "no cc"
    if built.returncode != 0:
        lines = built.stderr.strip().splitlines() or ["failed"]
        return None, f"`cc -static -O2` failed: {lines[-1]}"
    return binary, None


def perf_stat(argv, directory, runs=PERF_RUNS):
    """(task-clock ms, page faults) per run, means of perf stat -r `runs`; raises if perf
    cannot count."""
    out = os.path.join(directory, "perf.csv")
    done = subprocess.run([PERF, "stat", "-x,", "-o", out, "-e", "task-clock,page-faults",
                           "-r", str(runs), "--", *argv], stdin=subprocess.DEVNULL,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"perf stat exited {done.returncode}: {done.stderr.strip()[-300:]}")
    values = {}
    with open(out, encoding="utf-8") as file:
        for line in file:
            fields = line.strip().split(",")
            if len(fields) > 2 and fields[2] in ("task-clock", "page-faults"):
                values[fields[2]] = fields[0]
    try:
        return float(values["task-clock"]), float(values["page-faults"])
    except (KeyError, ValueError):
        raise RuntimeError(f"perf stat counted no task-clock and page-faults: {values}") \
            from None


def rusage_run(argv):
    """(CPU ms, minor + major page faults) of one run, from wait4()."""
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:2])} exited {proc.returncode}")
    return (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_minflt + usage.ru_majflt


def profile(commands, rounds, directory):
    """{name: (task-clock ms, page faults)} and a sentence on how they were measured."""
    try:
        perf_stat(["/bin/true"], directory, runs=1)
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as error:
        samples = {name: [] for name in commands}
        for _ in range(FALLBACK_RUNS):
            for name, argv in commands.items():
                samples[name].append(rusage_run(argv))
        means = {name: tuple(statistics.mean(values) for values in zip(*runs))
                 for name, runs in samples.items()}
        return means, (f"perf could not count ({error}), so: {FALLBACK_RUNS} runs of each, "
                       "interleaved, CPU time and minor + major faults from wait4()'s rusage, "
                       "means.")
    samples = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            samples[name].append(perf_stat(argv, directory))
    medians = {name: tuple(statistics.median(values) for values in zip(*runs))
               for name, runs in samples.items()}
    return medians, (f"Measured with `perf stat -e task-clock,page-faults -r {PERF_RUNS}`, "
                     f"{rounds} round{'s' if rounds != 1 else ''} interleaved, median of the "
                     "rounds' means.")


def table(rg, rounds, server_class):
    """The markdown table, with how it was measured (`server_class`: bench/run.py's Server)."""
    with tempfile.TemporaryDirectory(prefix="rg-bench-startup-") as directory:
        hello, missing = static_hello(directory)
        server = server_class("rg serve", [rg, "serve", "--port", "0"])
        try:
            commands = {"static C hello world": [hello]} if hello else {}
            commands["`rg --version`"] = [rg, "--version"]
            commands["one-shot `rg get`"] = [rg, "get", "-d", POINT, "--plaintext",
                                             server.address]
            for argv in commands.values():  # each works, before it is counted
                subprocess.run(argv, check=True, capture_output=True, timeout=60)
            figures, how = profile(commands, rounds, directory)
        finally:
            server.stop()
    return render(figures, how, missing)


def render(figures, how, missing):
    base = figures.get("static C hello world")
    lines = ["| one-shot process | task-clock | page faults | task-clock over static hello "
             "| page faults over static hello |", "|---|---:|---:|---:|---:|"]
    for name, (clock, faults) in figures.items():
        over = ("| – | – |" if base is None or name == "static C hello world" else
                f"| {clock - base[0]:+.2f} ms | {faults - base[1]:+,.0f} |")
        lines.append(f"| {name} | {clock:.2f} ms | {faults:,.0f} {over}")
    if missing:
        lines.append(f"| static C hello world | – | – | – | – ({missing}) |")
    return how + "\n\n" + "\n".join(lines)
