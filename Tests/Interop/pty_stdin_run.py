#!/usr/bin/env python3
"""Runs a command with stdin on a pseudo-terminal, the way a user at a shell would.

    python pty_stdin_run.py [--type TEXT] [--wait SECONDS] [--timeout SECONDS] -- COMMAND...

stdout and stderr are pipes. With --type, it first waits up to --wait seconds for one line on
stderr (the command's hint that it reads the terminal), then types TEXT and Ctrl-D at the
start of a line, which the terminal turns into end of file. Without --type nothing is typed.
It prints one JSON object: {"status", "stdout", "stderr", "before_typing", "seconds"}, where
before_typing is what stderr held when typing began and seconds how long that took to arrive.
"""

import argparse
import json
import os
import pty
import select
import subprocess
import time


def read_line(fd, deadline):
    """Reads fd until a newline or the deadline; returns the bytes read."""
    data = b""
    while b"\n" not in data:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            break
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
    return data


def drain(process, master, timeout):
    """Collects stdout and stderr to their end; also reads the terminal's echo so it never
    fills up and blocks the typing."""
    out, err = b"", b""
    open_fds = {process.stdout.fileno(), process.stderr.fileno()}
    deadline = time.monotonic() + timeout
    while open_fds:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            process.kill()
            raise SystemExit(f"timed out; stdout {out!r} stderr {err!r}")
        ready = select.select(list(open_fds) + [master], [], [], remaining)[0]
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if fd == master:
                continue
            if not chunk:
                open_fds.discard(fd)
            elif fd == process.stdout.fileno():
                out += chunk
            else:
                err += chunk
    return out, err, process.wait(timeout=max(deadline - time.monotonic(), 0.1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--type")
    parser.add_argument("--wait", type=float, default=1.0)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    master, slave = pty.openpty()
    started = time.monotonic()
    process = subprocess.Popen(args.command, stdin=slave, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    os.close(slave)
    before, seconds = b"", None
    if args.type is not None:
        before = read_line(process.stderr.fileno(), started + args.wait)
        seconds = time.monotonic() - started
        os.write(master, args.type.encode() + b"\x04")
    out, err, status = drain(process, master, args.timeout)
    os.close(master)
    print(json.dumps({"status": status, "stdout": out.decode(), "stderr": (before + err).decode(),
                      "before_typing": before.decode(), "seconds": seconds}))


if __name__ == "__main__":
    main()
