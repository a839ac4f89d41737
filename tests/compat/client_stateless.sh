#!/usr/bin/env bash
# client_stateless.sh BASALT — the stateless tests (tests/queries) once more,
# through `basalt client` and the native TCP protocol: one server on free
# loopback ports, each test file piped into `basalt client --testmode
# --multiquery` (one connection: the file's own session and database), its
# output compared with the same .reference. Prints "ok native:NAME" /
# "not ok native:NAME".
set -u
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/http/lib.sh"
B=${1:?usage: client_stateless.sh BASALT}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/basalt-client-stateless.XXXXXX)
chmod 755 "$work"   # a server started as root runs as 65532 (server/sandbox.c): it must reach its data
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT

# SERVER_TCP_PORT: use a server that is already running (tests/release/release.sh
# runs the image under runc); else start one here.
if [ -n "${SERVER_TCP_PORT:-}" ]; then
    tport=$SERVER_TCP_PORT
else
    start_server_native "$B" "$work/data" "$work/log"
    [ -n "$pid" ] || { echo "not ok native:server_start"; cat "$work/log"; exit 0; }
fi

stateless_cmd() { "$B" client --host 127.0.0.1 --port "$tport" --testmode --multiquery; }
export B tport
run_stateless native

[ -n "$pid" ] || exit 0
kill -TERM $pid
for i in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then echo "not ok native:server_stop"; kill -9 $pid; else wait $pid && echo "ok native:server_stop" || echo "not ok native:server_stop"; fi
pid=""
