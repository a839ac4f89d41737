#!/usr/bin/env bash
# stateless.sh BASALT HTTP_SUITE — the stateless tests (tests/queries) once
# more, through `basalt server`'s HTTP interface: one server on a free
# loopback port, each test file run by build/http_suite (one POST per
# statement, the file's own session and database), its output compared with
# the same .reference. Prints "ok http:NAME" / "not ok http:NAME".
set -u
B=${1:?usage: stateless.sh BASALT HTTP_SUITE}
SUITE=${2:?usage: stateless.sh BASALT HTTP_SUITE}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/basalt-http-stateless.XXXXXX)
chmod 755 "$work"   # a server started as root runs as 65532 (server/sandbox.c): it must reach its data
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT

. "$here/tests/http/lib.sh"
start_server "$B" "$work/data" "$work/log"
[ -n "$pid" ] || { echo "not ok http:server_start"; cat "$work/log"; exit 0; }

stateless_cmd() { "$SUITE" --port "$port" --session "$1"; }
export SUITE port
run_stateless http

kill -TERM $pid
for i in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then echo "not ok http:server_stop"; kill -9 $pid; else wait $pid && echo "ok http:server_stop" || echo "not ok http:server_stop"; fi
pid=""
