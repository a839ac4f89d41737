#!/usr/bin/env bash
# run-tests.sh — the test runner behind `make test`.
#
# 1. Stateless SQL tests: every tests/queries/NNNNN_name.sql runs through
#    `basalt local --testmode` in a fresh database (named test_<random>, shown
#    as `default` in the output, exactly as ../shared/oracle/reference does);
#    stdout must equal NNNNN_name.reference byte for byte.
# 2. Unit tests: $UNIT (one binary, one line per check group).
# 3. Fuzz corpora: each $BUILD/fuzz_replay_<target> replays tests/fuzz/corpus/<target>/.
# 4. tests/cli/cli.sh: basalt local's flags, exit codes and error output.
# 5. tests/storage/storage.sh: MergeTree on disk (restarts, corruption, crashes).
# 6. tests/http/http.sh: the HTTP server, driven by curl on a loopback port;
#    tests/http/access.sh: users, roles and grants made with SQL;
#    tests/http/app.sh: an application's statements over HTTP with URL parameters;
#    tests/compat/native.sh: the native TCP protocol with real clients;
#    tests/compat/client.sh: basalt client (flags, INSERT from stdin, Ctrl-C, tmux);
#    tests/sandbox/sandbox.sh: the server's sandbox (uid, no_new_privs, Landlock, seccomp).
# 7. tests/http/stateless.sh: the stateless tests again, through the server (HTTP);
#    tests/compat/client_stateless.sh: and through basalt client (native TCP).
# 8. tests/clickbench/clickbench.sh: ClickBench's queries (read from ../shared)
#    on rows made by tests/clickbench/gen.sql, against the oracle's answers.
# 9. tests/release/release.sh (when RELEASE and IMAGE are set, as make test
#    does): the static binary, its SBOM, the OCI image, and the image run
#    under runc with the stateless suite against it (as root).
# Prints each failure with a diff, then the last line "N passed, N failed".
set -u
BASALT=${BASALT:-build/basalt}
UNIT=${UNIT:-build/unit_tests}
BUILD=${BUILD:-build}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
FILTER=${1:-}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
tmp=$(mktemp -d /tmp/basalt-tests.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

run_one() {
    # $1 = path to .sql; writes "PASS name" or "FAIL name" plus diff into $tmp/<name>.out
    local sql=$1 name ref db out
    name=$(basename "$sql" .sql)
    ref=${sql%.sql}.reference
    db="test_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
    out="$tmp/$name.actual"
    { printf 'CREATE DATABASE %s;\nUSE %s;\n' "$db" "$db"; cat "$sql"; } |
        timeout 60 "$BASALT" local --testmode >"$out" 2>"$tmp/$name.stderr"
    local status=$?
    sed -i "s/$db/default/g" "$out"
    if [ ! -f "$ref" ]; then
        echo "FAIL $name (no .reference)" >"$tmp/$name.result"
    elif [ $status -ne 0 ]; then
        { echo "FAIL $name (exit $status)"; head -c 2000 "$tmp/$name.stderr"; diff "$ref" "$out" | head -20; } >"$tmp/$name.result"
    elif cmp -s "$ref" "$out"; then
        echo "PASS $name" >"$tmp/$name.result"
    else
        { echo "FAIL $name"; diff "$ref" "$out" | head -30; head -c 1000 "$tmp/$name.stderr"; } >"$tmp/$name.result"
    fi
}
export -f run_one
export BASALT tmp

passed=0 failed=0
ls tests/queries/*.sql 2>/dev/null | grep -e "${FILTER}" | xargs -P "$JOBS" -I{} bash -c 'run_one "$@"' _ {}
for r in "$tmp"/*.result; do
    [ -f "$r" ] || continue
    if head -1 "$r" | grep -q '^PASS'; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        cat "$r"
        echo
    fi
done
sql_passed=$passed sql_failed=$failed

if [ -z "$FILTER" ] && [ -x "$UNIT" ]; then
    if "$UNIT" >"$tmp/unit.out" 2>&1; then
        passed=$((passed + $(grep -c '^ok ' "$tmp/unit.out")))
    else
        cat "$tmp/unit.out"
        passed=$((passed + $(grep -c '^ok ' "$tmp/unit.out")))
        failed=$((failed + $(grep -c '^not ok' "$tmp/unit.out") + 1))
    fi
fi

# suite OUT CONTEXT SCRIPT ARGS...: runs a script that prints "ok NAME" /
# "not ok NAME" lines into $tmp/OUT.out, adds its counts, shows each failure
# with CONTEXT lines after it and any "..._skipped" line.
suite() {
    local out="$tmp/$1.out" ctx=$2 nf
    shift 2
    "$@" >"$out" 2>&1
    passed=$((passed + $(grep -c '^ok ' "$out")))
    nf=$(grep -c '^not ok' "$out")
    if [ "$nf" -gt 0 ]; then failed=$((failed + nf)); grep -A"$ctx" '^not ok' "$out"; fi
    grep '^ok [a-z_]*_skipped' "$out"
}

if [ -z "$FILTER" ]; then
    suite cli 2 tests/cli/cli.sh "$BASALT"                           # 4. the command line of basalt local
    suite storage 2 tests/storage/storage.sh "$BASALT"               # 5. MergeTree on disk: restarts, corruption, crashes
    suite http 2 tests/http/http.sh "$BASALT"                        # 6. the HTTP interface, driven by curl
    suite access 2 tests/http/access.sh "$BASALT"                    # 6b. users, roles and grants made with SQL
    suite app 2 tests/http/app.sh "$BASALT"                          # 6b. an application's statements, URL parameters
    suite native 2 tests/compat/native.sh "$BASALT"                  # 6c. Debian's clickhouse-client and clickhouse-driver
    suite client 12 tests/compat/client.sh "$BASALT"                 # 6d. basalt client, also under tmux
    [ -x "$BUILD/sandbox_probe" ] && suite sandbox 6 tests/sandbox/sandbox.sh "$BASALT" "$BUILD/sandbox_probe" "$BUILD/basalt_testhooks"   # 6e.
    [ -x "$BUILD/http_suite" ] && suite http_stateless 12 tests/http/stateless.sh "$BASALT" "$BUILD/http_suite"  # 7.
    suite native_stateless 12 tests/compat/client_stateless.sh "$BASALT"   # 7b. the same through basalt client
    [ -n "${RELEASE:-}" ] && suite release 12 tests/release/release.sh "$RELEASE" "$IMAGE"   # 9. binary, SBOM, image
    suite clickbench 10 tests/clickbench/clickbench.sh "$BASALT"     # 8. ClickBench's 43 queries
fi
if [ -z "$FILTER" ]; then
    for replay in "$BUILD"/fuzz_replay_*; do
        [ -x "$replay" ] || continue
        target=${replay##*/fuzz_replay_}
        if "$replay" tests/fuzz/corpus/"$target" >"$tmp/fuzz_$target.out" 2>&1; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
            echo "FAIL fuzz corpus $target"
            tail -20 "$tmp/fuzz_$target.out"
        fi
    done
fi
echo "stateless: $sql_passed passed, $sql_failed failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
