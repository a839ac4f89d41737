# shellcheck shell=bash
# lib.sh — sourced by the HTTP test scripts. start_server BASALT DATA_DIR
# LOG [server flags...] starts `basalt server` on 127.0.0.1 and a free port
# (a few tries: another process may take a port first) and waits for /ping;
# it sets $port and $pid (empty if the server did not come up).
start_server() {
    local bin=$1 data=$2 log=$3 try i
    shift 3
    pid=""
    for try in 1 2 3 4 5; do
        port=$((20000 + RANDOM % 40000))
        "$bin" server --path "$data" --listen 127.0.0.1 --http-port $port --tcp-port 0 "$@" 2>"$log" &
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
