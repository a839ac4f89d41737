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

if [ -z "$FILTER" ] && [ -x tests/cli/cli.sh ]; then
    # 4. the command line of basalt local
    tests/cli/cli.sh "$BASALT" >"$tmp/cli.out" 2>&1
    passed=$((passed + $(grep -c '^ok ' "$tmp/cli.out")))
    nf=$(grep -c '^not ok' "$tmp/cli.out")
    if [ "$nf" -gt 0 ]; then failed=$((failed + nf)); grep -A2 '^not ok' "$tmp/cli.out"; fi
fi

if [ -z "$FILTER" ] && [ -x tests/storage/storage.sh ]; then
    # 5. MergeTree on disk: restarts, corruption, crashes
    tests/storage/storage.sh "$BASALT" >"$tmp/storage.out" 2>&1
    passed=$((passed + $(grep -c '^ok ' "$tmp/storage.out")))
    nf=$(grep -c '^not ok' "$tmp/storage.out")
    if [ "$nf" -gt 0 ]; then failed=$((failed + nf)); grep -A2 '^not ok' "$tmp/storage.out"; fi
fi

if [ -z "$FILTER" ] && [ -x tests/http/http.sh ]; then
    # 6. the HTTP interface: basalt server on a free loopback port, driven by curl
    tests/http/http.sh "$BASALT" >"$tmp/http.out" 2>&1
    passed=$((passed + $(grep -c '^ok ' "$tmp/http.out")))
    nf=$(grep -c '^not ok' "$tmp/http.out")
    if [ "$nf" -gt 0 ]; then failed=$((failed + nf)); grep -A2 '^not ok' "$tmp/http.out"; fi
fi

if [ -z "$FILTER" ] && [ -x tests/http/access.sh ]; then
    # 6b. users, roles and grants made with SQL, over HTTP (and across a restart)
    tests/http/access.sh "$BASALT" >"$tmp/access.out" 2>&1
    passed=$((passed + $(grep -c '^ok ' "$tmp/access.out")))
    nf=$(grep -c '^not ok' "$tmp/access.out")
    if [ "$nf" -gt 0 ]; then failed=$((failed + nf)); grep -A2 '^not ok' "$tmp/access.out"; fi
fi

if [ -z "$FILTER" ] && [ -x tests/compat/native.sh ]; then
    # 6c. the native TCP protocol with Debian's clickhouse-client and clickhouse-driver
    tests/compat/native.sh "$BASALT" >"$tmp/native.out" 2>&1
    passed=$((passed + $(grep -c '^ok ' "$tmp/native.out")))
    nf=$(grep -c '^not ok' "$tmp/native.out")
    if [ "$nf" -gt 0 ]; then failed=$((failed + nf)); grep -A2 '^not ok' "$tmp/native.out"; fi
fi

if [ -z "$FILTER" ] && [ -x tests/compat/client.sh ]; then
    # 6d. basalt client: flags, stdin INSERT, errors, Ctrl-C, an interactive session under tmux
    tests/compat/client.sh "$BASALT" >"$tmp/client.out" 2>&1
    passed=$((passed + $(grep -c '^ok ' "$tmp/client.out")))
    nf=$(grep -c '^not ok' "$tmp/client.out")
    if [ "$nf" -gt 0 ]; then failed=$((failed + nf)); grep -A12 '^not ok' "$tmp/client.out"; fi
fi

if [ -z "$FILTER" ] && [ -x tests/sandbox/sandbox.sh ] && [ -x "$BUILD/sandbox_probe" ]; then
    # 6e. the server's self-confinement: root dropped, no_new_privs, Landlock, seccomp
    tests/sandbox/sandbox.sh "$BASALT" "$BUILD/sandbox_probe" >"$tmp/sandbox.out" 2>&1
    passed=$((passed + $(grep -c '^ok ' "$tmp/sandbox.out")))
    nf=$(grep -c '^not ok' "$tmp/sandbox.out")
    if [ "$nf" -gt 0 ]; then failed=$((failed + nf)); grep -A6 '^not ok' "$tmp/sandbox.out"; fi
    grep '_skipped' "$tmp/sandbox.out"
fi

if [ -z "$FILTER" ] && [ -x tests/http/stateless.sh ] && [ -x "$BUILD/http_suite" ]; then
    # 7. the stateless tests again, through the HTTP interface (same references)
    tests/http/stateless.sh "$BASALT" "$BUILD/http_suite" >"$tmp/http_stateless.out" 2>&1
    passed=$((passed + $(grep -c '^ok ' "$tmp/http_stateless.out")))
    nf=$(grep -c '^not ok' "$tmp/http_stateless.out")
    if [ "$nf" -gt 0 ]; then failed=$((failed + nf)); grep -A12 '^not ok' "$tmp/http_stateless.out"; fi
fi

if [ -z "$FILTER" ] && [ -x tests/compat/client_stateless.sh ]; then
    # 7b. the stateless tests again, through basalt client and the native protocol
    tests/compat/client_stateless.sh "$BASALT" >"$tmp/native_stateless.out" 2>&1
    passed=$((passed + $(grep -c '^ok ' "$tmp/native_stateless.out")))
    nf=$(grep -c '^not ok' "$tmp/native_stateless.out")
    if [ "$nf" -gt 0 ]; then failed=$((failed + nf)); grep -A12 '^not ok' "$tmp/native_stateless.out"; fi
fi

if [ -z "$FILTER" ] && [ -n "${RELEASE:-}" ] && [ -x tests/release/release.sh ]; then
    # 9. the static release binary, its SBOM and OCI image (run under runc when root)
    tests/release/release.sh "$RELEASE" "$IMAGE" >"$tmp/release.out" 2>&1
    passed=$((passed + $(grep -c '^ok ' "$tmp/release.out")))
    nf=$(grep -c '^not ok' "$tmp/release.out")
    if [ "$nf" -gt 0 ]; then failed=$((failed + nf)); grep -A12 '^not ok' "$tmp/release.out"; fi
    grep '_skipped' "$tmp/release.out"
fi

if [ -z "$FILTER" ] && [ -x tests/clickbench/clickbench.sh ]; then
    # 8. ClickBench's 43 queries on generated rows, against ClickHouse's answers
    tests/clickbench/clickbench.sh "$BASALT" >"$tmp/clickbench.out" 2>&1
    passed=$((passed + $(grep -c '^ok ' "$tmp/clickbench.out")))
    nf=$(grep -c '^not ok' "$tmp/clickbench.out")
    if [ "$nf" -gt 0 ]; then failed=$((failed + nf)); grep -A10 '^not ok' "$tmp/clickbench.out"; fi
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
