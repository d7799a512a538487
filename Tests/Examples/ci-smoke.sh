#!/usr/bin/env bash
# A CI smoke test as a pipeline would write it: start the server in the background, wait
# until it reports SERVING over grpc.health.v1, check its schema over reflection, make one real
# call and check the answer, then stop the server, which must exit cleanly. The server is
# stopped on any exit, whatever failed.
#
#   Tests/Examples/ci-smoke.sh PATH_TO_RG
#
# Exit status: 0 when every step went well; else the failing step's status (rg health: 4 not
# serving, 78 no connection, 64+N a gRPC error; rg describe --check: 1 a difference, 76 no
# reflection; rg get: its own), or 1.
set -uo pipefail

rg=${1:?usage: ci-smoke.sh PATH_TO_RG}
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp)
server=

fail() {
  echo "ci-smoke: $1" >&2
  exit "${2:-1}"
}

stop_server() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap stop_server EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. The server, in the background on a free port, and nothing else: the next step must not
#    depend on the server being up yet (that race is what `rg health --wait` is for).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') ||
  fail "could not find a free port"
"$rg" serve --port "$port" 2>"$log" &
server=$!
url="http://127.0.0.1:$port"

# 2. Wait until the server says it is serving (it may listen before it is ready).
"$rg" health --wait --timeout 10s "$url"
status=$?
[ "$status" -eq 0 ] || fail "rg health $url exited $status" "$status"

# 3. It speaks the RouteGuide rg speaks: paths, call shapes, field numbers and types (server
#    reflection; exit 1 and one line per difference otherwise).
"$rg" describe --check --timeout 10s "$url"
status=$?
[ "$status" -eq 0 ] || fail "rg describe --check $url exited $status" "$status"

# 4. One real call, and its answer.
expected='{"name":"Berkshire Valley Management Area Trail, Jefferson, NJ, USA","location":{"latitude":409146138,"longitude":-746188906}}'
answer=$("$rg" get --timeout 10s "$url" <"$here/point.json")
status=$?
[ "$status" -eq 0 ] || fail "rg get $url exited $status" "$status"
[ "$answer" = "$expected" ] || fail "rg get answered $answer, expected $expected"

# 5. A graceful stop: SIGTERM, and the server exits 0.
kill -TERM "$server"
wait "$server"
status=$?
server=
[ "$status" -eq 0 ] || fail "rg serve exited $status after SIGTERM"
echo "ci-smoke: ok ($url)"
