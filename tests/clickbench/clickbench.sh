#!/usr/bin/env bash
# clickbench.sh BASALT — ClickBench's 43 queries on 180 000 generated rows
# (gen.sql), each answer compared with ClickHouse's (refs/NN.reference,
# made by tools/clickbench-refs.sh with the oracle). The schema and the
# queries are ClickBench's (CC BY-NC-SA 4.0): read from
# ../shared/bench/clickbench (or $BENCH_CLICKBENCH) at run time, never copied.
# Where ClickHouse's answer is not unique (LIMIT cuts through rows with
# equal sort keys, or Q18's LIMIT without ORDER BY), the check is for
# validity, as ClickBench's: as many rows, the same sort-key column (TIES
# below: query -> column, 0 = any order) and every row one of refs/NN.all,
# the answer without its LIMIT. Prints "ok ..." / "not ok ..." per query.
set -u
BASALT=${1:-build/basalt}
here=$(cd "$(dirname "$0")" && pwd)
CB=${BENCH_CLICKBENCH:-$here/../../../shared/bench/clickbench}
if [ ! -f "$CB/queries.sql" ]; then
    echo "not ok clickbench: no $CB/queries.sql"
    exit 0
fi
dir=$(mktemp -d /tmp/basalt-clickbench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
"$BASALT" local --path "$dir/db" --multiquery < "$CB/create.sql" > "$dir/load.out" 2>&1 &&
    "$BASALT" local --path "$dir/db" < "$here/gen.sql" >> "$dir/load.out" 2>&1 ||
    { echo "not ok clickbench load"; cat "$dir/load.out"; exit 0; }
declare -A TIES=([9]=2 [11]=2 [12]=3 [13]=2 [14]=2 [15]=3 [18]=0 [19]=4 [22]=3 [23]=4 [31]=3 [32]=3 [33]=3 [38]=2 [40]=6 [41]=3)
valid() {   # $1 = out, $2 = ref, $3 = all, $4 = key column
    [ "$(wc -l < "$1")" -eq "$(wc -l < "$2")" ] || return 1
    [ -z "$(sort "$1" | comm -23 - <(sort "$3"))" ] || return 1
    [ "$4" = 0 ] || cmp -s <(cut -f"$4" "$1") <(cut -f"$4" "$2")
}
for n in $(seq 1 43); do
    q=$(sed -n "${n}p" "$CB/queries.sql")
    ref="$here/refs/$(printf %02d "$n").reference"
    if ! timeout 60 "$BASALT" local --path "$dir/db" -q "$q" > "$dir/$n.out" 2> "$dir/$n.err"; then
        echo "not ok clickbench Q$n (error)"; head -3 "$dir/$n.err"; continue
    fi
    if [ -n "${TIES[$n]:-}" ]; then
        if valid "$dir/$n.out" "$ref" "$here/refs/$(printf %02d "$n").all" "${TIES[$n]}"; then
            echo "ok clickbench Q$n"
        else
            echo "not ok clickbench Q$n (not a valid answer)"; diff "$ref" "$dir/$n.out" | head -10
        fi
    elif cmp -s "$ref" "$dir/$n.out"; then
        echo "ok clickbench Q$n"
    else
        echo "not ok clickbench Q$n"; diff "$ref" "$dir/$n.out" | head -10
    fi
done
