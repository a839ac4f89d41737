#!/usr/bin/env bash
# clickbench-refs.sh — writes tests/clickbench/refs/NN.reference: ClickHouse's
# (the oracle's) answer to ClickBench query NN over tests/clickbench/gen.sql,
# and refs/NN.all, the answer without its LIMIT for the queries checked for
# validity (see clickbench.sh). Run after changing gen.sql.
set -euo pipefail
cd "$(dirname "$0")/.."
CB=${BENCH_CLICKBENCH:-../shared/bench/clickbench}
out=tests/clickbench/refs
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
one() {   # $1 = file name, $2 = query
    { cat "$CB/create.sql"; echo; cat tests/clickbench/gen.sql; echo "$2"; } > "$work/q.sql"
    ../shared/oracle/reference "$work/q.sql" > "$out/$1"
}
for n in $(seq 1 43); do
    one "$(printf %02d "$n").reference" "$(sed -n "${n}p" "$CB/queries.sql")"
done
# the queries whose answer may cut through ties (query:key column, as in
# clickbench.sh): every row they may return, i.e. the answer without its
# LIMIT, kept to the rows whose key lies within the reference's keys
for nk in 9:2 11:2 12:3 13:2 14:2 15:3 18:0 19:4 22:3 23:4 31:3 32:3 33:3 38:2 40:6 41:3; do
    n=${nk%:*} k=${nk#*:} f=$(printf %02d "${nk%:*}")
    q=$(sed -n "${n}p" "$CB/queries.sql" | sed -E 's/ LIMIT [0-9]+( OFFSET [0-9]+)?;$/;/')
    one "$f.all" "$q"
    if [ "$k" != 0 ]; then
        awk -F'\t' -v k="$k" 'NR == FNR { if (!seen++ || $k + 0 < lo) lo = $k + 0; if ($k + 0 > hi) hi = $k + 0; next }
                              $k + 0 >= lo && $k + 0 <= hi' "$out/$f.reference" "$out/$f.all" > "$work/all" && mv "$work/all" "$out/$f.all"
    fi
done
