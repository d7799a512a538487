#!/usr/bin/env bash
# The `make demo` tour: starts `rg serve` on a free port, runs get, list, record and chat
# against it with the example inputs beside this script, and always stops the server.
#
#   Tests/Examples/demo.sh PATH_TO_RG
set -euo pipefail

rg=${1:?usage: demo.sh PATH_TO_RG}
here=$(cd "$(dirname "$0")" && pwd)
log=$(mktemp)
server=

stop_server() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

"$rg" serve --port 0 2>"$log" &
server=$!

# The server prints one line, `listening on HOST:PORT`, once it accepts connections.
address=
for _ in $(seq 100); do
  address=$(sed -n 's/^listening on //p' "$log")
  [ -n "$address" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$address" ]; then
  echo "demo: rg serve did not start within 10 s" >&2
  exit 1
fi
echo "# rg serve is listening on $address"

run() {
  local subcommand=$1 input=$2
  echo
  echo "\$ rg $subcommand --plaintext $address < Tests/Examples/$input"
  "$rg" "$subcommand" --plaintext "$address" <"$here/$input"
}

run get point.json
run list rectangle.json
run record route.ndjson
run chat notes.ndjson
