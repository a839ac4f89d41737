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

# run_stateless TAG: every tests/queries/*.sql through the function
# stateless_cmd DB (the caller's, exported with what it needs: it reads the
# test, prefixed by CREATE DATABASE DB and USE DB, on stdin and prints its
# output), JOBS at a time, each output compared with the .reference after
# DB is shown as `default`; prints "ok TAG:NAME" / "not ok TAG:NAME".
stateless_one() {
    local tag=$1 sql=$2 name db out status
    name=$(basename "$sql" .sql)
    db="test_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
    out="$work/$name.out"
    { printf 'CREATE DATABASE %s;\nUSE %s;\n' "$db" "$db"; cat "$sql"; } |
        timeout 60 bash -c 'stateless_cmd "$1"' _ "$db" >"$out" 2>"$work/$name.err"
    status=$?
    sed -i "s/$db/default/g" "$out"
    if [ $status -eq 0 ] && cmp -s "${sql%.sql}.reference" "$out"; then
        echo "ok $tag:$name"
    else
        echo "not ok $tag:$name (exit $status)"
        { diff "${sql%.sql}.reference" "$out" | head -10; head -c 600 "$work/$name.err"; } | sed 's/^/  /'
    fi
}
run_stateless() {
    local here
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    export -f stateless_one stateless_cmd
    export work
    ls "$here"/tests/queries/*.sql | xargs -P "${JOBS:-2}" -I{} bash -c 'stateless_one "$@"' _ "$1" {}
}
