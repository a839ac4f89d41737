#!/usr/bin/env bash
# sandbox.sh BASALT PROBE [HOOKS] — the server's self-confinement (server/sandbox.c):
# started as root on loopback it runs as 65532 with no capabilities,
# NoNewPrivs 1, Seccomp 2 (a filter) and still answers; with --sandbox 0 it
# has none of it. build/sandbox_probe confines itself the same way, then
# tries what must fail: a file outside its data directory (Landlock:
# EACCES), starting a program, opening a socket or connecting (seccomp: the
# process is killed by SIGSYS). Parts that need root or Landlock say so when
# skipped. HOOKS (build/basalt_testhooks, the server plus the test-only SQL
# function basaltTestSyscall) shows the same from inside a confined server:
# a worker thread that writes outside the data directory gets EACCES, one
# that starts a program gets the whole server killed by SIGSYS.
# Prints "ok NAME" / "not ok NAME".
set -u
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/http/lib.sh"
B=${1:?usage: sandbox.sh BASALT PROBE}
P=${2:?usage: sandbox.sh BASALT PROBE}
H=${3:-}
work=$(mktemp -d /tmp/basalt-sandbox.XXXXXX)
chmod 755 "$work"   # a server started as root runs as 65532: it must reach its data
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT
status() { awk -v k="$2" '$1 == k":" {print $2}' /proc/$1/status; }
start() { local dir=$1; shift; start_server "$B" "$dir" "$work/log" "$@"; }   # sets $pid and $port
stop() { kill -TERM $pid; wait $pid 2>/dev/null; pid=""; }
me=$(id -u)
want_uid=$([ "$me" = 0 ] && echo 65532 || echo "$me")
mkdir -p "$work/pd"
[ "$me" = 0 ] && chown 65532:65532 "$work/pd"
# a sanitizer build leaves seccomp off (its leak check needs ptrace at exit)
san=$("$P" "$work/pd" status 2>&1 >/dev/null | grep -c 'sanitizer build')
want_seccomp=$([ "$san" = 1 ] && echo 0 || echo 2)
[ "$san" = 1 ] && echo "ok sandbox_seccomp_skipped (sanitizer build: no seccomp filter)"

# ---- the server, confined ----
start "$work/data" || { echo "not ok sandbox_server_start"; cat "$work/log"; exit 0; }
check sandbox_uid "$want_uid" "$(status $pid Uid)"
check sandbox_no_new_privs "1" "$(status $pid NoNewPrivs)"
check sandbox_seccomp "$want_seccomp" "$(status $pid Seccomp)"
check sandbox_no_caps "0000000000000000" "$(status $pid CapEff)"
check sandbox_query "2" "$(curl -s -m 5 "http://127.0.0.1:$port/" -d 'SELECT 1 + 1')"
curl -s -m 5 "http://127.0.0.1:$port/" -d 'CREATE TABLE t (x UInt64) ENGINE = MergeTree ORDER BY x' >/dev/null
curl -s -m 5 "http://127.0.0.1:$port/" -d 'INSERT INTO t SELECT number FROM numbers(100000)' >/dev/null
check sandbox_writes_data "100000" "$(curl -s -m 5 "http://127.0.0.1:$port/" -d 'SELECT count() FROM t')"
check sandbox_report "1" "$(grep -c 'sandbox: .*no_new_privs.*seccomp' "$work/log")"
[ "$me" = 0 ] && check sandbox_data_owner "65532" "$(stat -c %u "$work/data/metadata")"
stop
check sandbox_restart_reads_data "100000" "$(start "$work/data" && curl -s -m 5 "http://127.0.0.1:$port/" -d 'SELECT count() FROM t'; stop)"
# switched off: none of it (for debugging)
start "$work/off" --sandbox 0 || { echo "not ok sandbox_off_start"; cat "$work/log"; exit 0; }
check sandbox_off "$me 0" "$(status $pid Uid) $(status $pid Seccomp)"
stop

# ---- what a confined process cannot do ----
check probe_status "$want_uid 1 $want_seccomp" "$("$P" "$work/pd" status 2>/dev/null | awk '/^Uid/ {u=$2} /^NoNewPrivs/ {n=$2} /^Seccomp:/ {s=$2} END {print u, n, s}')"
check probe_write_inside "ok" "$("$P" "$work/pd" write "$work/pd/file" 2>/dev/null)"
if grep -q 'Landlock ABI' <("$P" "$work/pd" status 2>&1 >/dev/null); then
    check probe_write_outside "Permission denied" "$("$P" "$work/pd" write "$work/outside" 2>/dev/null)"
else
    echo "ok probe_landlock_skipped (this kernel has no Landlock: files outside the data directory are not fenced)"
fi
[ "$san" = 1 ] || for what in execve socket "connect $port"; do
    "$P" "$work/pd" $what >/dev/null 2>&1
    check "probe_${what%% *}_killed" "159" "$?"   # 128 + SIGSYS
done

# ---- the same from a confined server's own worker thread ----
if [ -n "$H" ]; then
    "$B" local -q "SELECT basaltTestSyscall('getpid')" >/dev/null 2>&1
    check hooks_not_in_basalt "46" "$?"   # UNKNOWN_FUNCTION: only the test build has it
    B=$H
    start "$work/hooks" || { echo "not ok hooks_server_start"; cat "$work/log"; exit 0; }
    hq() { curl -s -m 5 "http://127.0.0.1:$port/" -d "SELECT basaltTestSyscall('$1')"; }
    check hooks_allowed_call "$pid" "$(hq getpid)"
    if grep -q 'Landlock ABI' <("$P" "$work/pd" status 2>&1 >/dev/null); then
        check hooks_write_outside_denied "-13" "$(hq write_outside)"   # -EACCES
    fi
    if [ "$san" = 1 ]; then
        stop
        echo "ok hooks_execve_skipped (sanitizer build: no seccomp filter)"
    else
        hq execve >/dev/null 2>&1
        wait $pid 2>/dev/null
        check hooks_execve_kills_server "159" "$?"   # 128 + SIGSYS
        pid=""
    fi
fi
