#!/usr/bin/env bash
# try-tests.sh BATCH [--add] — drafts many stateless tests at once.
#
# BATCH holds several tests, each starting with a line `-- @test NAME`.
# For each: the oracle (real ClickHouse) writes the reference, basalt runs the
# same text the way run-tests.sh does, and the diff is shown. With --add,
# every test that passes is filed as the next tests/queries/NNNNN_NAME.sql
# with its oracle reference; failing ones are left for you to fix.
set -u
[ $# -ge 1 ] || { echo "usage: tools/try-tests.sh BATCH [--add]" >&2; exit 2; }
batch=$(realpath "$1"); add=${2:-}
cd "$(dirname "$0")/.."
BASALT=${BASALT:-build/basalt}
work=$(mktemp -d /tmp/basalt-try.XXXXXX)
trap 'rm -rf "$work"' EXIT
awk -v dir="$work" '/^-- @test /{n++; name=$3; f=sprintf("%s/%03d_%s.sql", dir, n, name); next} f{print > f}' "$batch"
pass=0 fail=0
for sql in "$work"/*.sql; do
    base=$(basename "$sql" .sql); name=${base#*_}
    if ! ../shared/oracle/reference "$sql" > "$work/$base.reference" 2> "$work/$base.oerr"; then
        echo "ORACLE-ERROR $name"; head -5 "$work/$base.oerr" "$work/$base.reference"; fail=$((fail+1)); continue
    fi
    db="test_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
    { printf 'CREATE DATABASE %s;\nUSE %s;\n' "$db" "$db"; cat "$sql"; } |
        timeout 60 "$BASALT" local --testmode > "$work/$base.out" 2> "$work/$base.err"
    st=$?
    sed -i "s/$db/default/g" "$work/$base.out"
    if [ $st -eq 0 ] && cmp -s "$work/$base.reference" "$work/$base.out"; then
        pass=$((pass+1))
        if [ "$add" = --add ]; then
            last=$( (ls tests/queries/*.sql 2>/dev/null || true) | sed -n "s#.*/\([0-9]\{5\}\)_.*#\1#p" | sort -n | tail -1)
            next=$(printf '%05d' $((10#${last:-0} + 1)))
            cp "$sql" "tests/queries/${next}_$name.sql"
            cp "$work/$base.reference" "tests/queries/${next}_$name.reference"
        fi
    else
        fail=$((fail+1))
        echo "FAIL $name (exit $st)"; diff "$work/$base.reference" "$work/$base.out" | head -${DIFF_LINES:-15}; head -c 600 "$work/$base.err"
    fi
done
echo "try: $pass passed, $fail failed"
