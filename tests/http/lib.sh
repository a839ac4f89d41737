# shellcheck shell=bash
# lib.sh — sourced by the test scripts that start `basalt server`
# (tests/http, tests/compat, tests/sandbox).
#   start_server BASALT DATA_DIR LOG [server flags...]: the server on
#     127.0.0.1 and a free HTTP port (a few tries: another process may take a
#     port first), waiting for /ping; sets $port and $pid (empty if it did
#     not come up). The native port is off.
#   start_server_native ...: the same with the native port on $tport ($port + 1).
#   check NAME EXPECTED ACTUAL: prints "ok NAME", or "not ok NAME" and both values.
start_server_ports() {
    local bin=$1 data=$2 log=$3 native=$4 try i
    shift 4
    pid=""
    for try in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 40000))
        tport=$([ "$native" = 1 ] && echo $((port + 1)) || echo 0)
        "$bin" server --path "$data" --listen 127.0.0.1 --http-port $port --tcp-port $tport "$@" 2>"$log" &
        pid=$!
        for i in $(seq 1 50); do
            curl -s -m 1 "http://127.0.0.1:$port/ping" >/dev/null 2>&1 && break
            kill -0 $pid 2>/dev/null || break
            sleep 0.1
        done
        kill -0 $pid 2>/dev/null && return 0
        pid=""
    done
    return 1
}
start_server() { local b=$1 d=$2 l=$3; shift 3; start_server_ports "$b" "$d" "$l" 0 "$@"; }
start_server_native() { local b=$1 d=$2 l=$3; shift 3; start_server_ports "$b" "$d" "$l" 1 "$@"; }

check() {
    if [ "$2" == "$3" ]; then echo "ok $1"; else echo "not ok $1"; printf '  expected: %q\n  actual:   %q\n' "$2" "$3"; fi
}
