#!/usr/bin/env python3
"""The functions of rg that one-shot runs execute, for the release link's symbol ordering.

    python3 Tests/Startup/startup_order.py RG --write Sources/rg/Startup.order
    python3 Tests/Startup/startup_order.py RG --check Sources/rg/Startup.order [--min-coverage 0.9]

A one-shot `rg get` runs a few hundred functions scattered over 8 MB of text. Each first touch
of a page maps the 64 KiB around it, so scattered code costs page faults and resident memory
(about 4.5 MiB of text for one call). The release link passes this list to lld
(--symbol-ordering-file), which places these functions side by side at the start of .text.

The list is what callgrind sees RG execute (only functions of RG itself, mangled names, sorted so
that the file diffs well) in: `get`, `list`, `record` and `chat` over h2c against `RG serve`,
each with a small input, and `--version`. --check fails when fewer than --min-coverage of the
functions executed now are in the file: the code changed enough that `make startup-order` should
regenerate it. Needs valgrind.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time

POINT = b'{"latitude": 409146138, "longitude": -746188906}\n'
RECTANGLE = (
    b'{"lo": {"latitude": 400000000, "longitude": -750000000},'
    b' "hi": {"latitude": 420000000, "longitude": -730000000}}\n'
)
NOTES = b'{"location": {"latitude": 1, "longitude": 2}, "message": "hi"}\n' * 2


def start_server(rg):
    """`RG serve` on a free loopback port; returns the process and HOST:PORT."""
    server = subprocess.Popen(
        [rg, "serve", "--port", "0"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE)
    deadline = time.monotonic() + 20
    line = b""
    while time.monotonic() < deadline:
        line = server.stderr.readline()
        if line.startswith(b"listening on "):
            return server, line[len(b"listening on "):].strip().decode()
        if not line and server.poll() is not None:
            break
    server.kill()
    raise SystemExit(f"startup_order: {rg} serve did not start: {line!r}")


def executed_functions(rg, arguments, stdin, directory):
    """Names of RG's own functions that one run of RG with `arguments` executes."""
    out = os.path.join(directory, "callgrind.out")
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", "--dump-instr=no",
         "--compress-strings=no", "--compress-pos=no", "--demangle=no", rg] + arguments,
        input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
    if run.returncode != 0:
        tail = run.stderr.decode(errors="replace").strip().splitlines()[-3:]
        raise SystemExit(f"startup_order: rg {' '.join(arguments)} failed: {tail}")
    binary = os.path.realpath(rg)
    names, current = set(), None
    with open(out, encoding="utf-8", errors="replace") as profile:
        for line in profile:
            if line.startswith("ob="):
                current = os.path.realpath(line[3:].strip())
            elif line.startswith("fn=") and current == binary:
                names.add(line[3:].strip())
    # Code without a symbol shows as its address, and lld can only order named functions.
    return {name for name in names if not name.startswith(("0x", "(below main)"))}


def profile(rg):
    """Everything the one-shot runs execute."""
    server, address = start_server(rg)
    try:
        runs = [
            (["get", "--plaintext", address], POINT),
            (["list", "--plaintext", address], RECTANGLE),
            (["record", "--plaintext", address], POINT * 3),
            (["chat", "--plaintext", address], NOTES),
            (["--version"], b""),
        ]
        names = set()
        with tempfile.TemporaryDirectory() as directory:
            for arguments, stdin in runs:
                names |= executed_functions(rg, arguments, stdin, directory)
        return names
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rg")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", metavar="FILE")
    action.add_argument("--check", metavar="FILE")
    parser.add_argument("--min-coverage", type=float, default=0.9)
    options = parser.parse_args()

    executed = profile(options.rg)
    if not executed:
        raise SystemExit("startup_order: callgrind saw no function of rg (stripped binary?)")
    if options.write:
        with open(options.write, "w", encoding="utf-8") as file:
            file.writelines(name + "\n" for name in sorted(executed))
        print(f"{options.write}: {len(executed)} functions")
        return 0
    with open(options.check, encoding="utf-8") as file:
        listed = {line.strip() for line in file if line.strip()}
    coverage = len(executed & listed) / len(executed)
    print(f"{len(executed & listed)} of the {len(executed)} functions one-shot runs execute are "
          f"in {options.check} ({coverage:.1%})")
    if coverage < options.min_coverage:
        print(f"below {options.min_coverage:.0%}: run `make startup-order`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
