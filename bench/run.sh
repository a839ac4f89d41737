#!/usr/bin/env bash
# bench/run.sh [ROWS] — `make bench`: the ClickBench run. Generates (or
# reuses) the synthetic `hits` TSV of ../shared/bench, runs the peers
# (ClickHouse 26.7 via chdb, DuckDB 1.5) with ../shared/bench/run_peers.sh,
# then loads the same file into basalt and runs the 43 queries the same way
# (bench/run_basalt.cjs), checking every result against ClickHouse's, and
# writes one table to bench/results/<ROWS>.md.
# Environment: BENCH_WORK (scratch, default build/bench), BENCH_CLICKBENCH
# (folder with create.sql / queries.sql, default ../shared/bench/clickbench),
# BENCH_SKIP_PEERS=1 (reuse the peers' results of an earlier run), extra
# run_peers.sh options in BENCH_PEER_OPTS (e.g. "--quiet 0 --noise-retries 0").
# The ClickBench files are CC BY-NC-SA 4.0 data: read from ../shared, never
# copied into the repo.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$(cd "$ROOT/../shared/bench" && pwd)"
ROWS=${1:-1000000}
WORK=${BENCH_WORK:-$ROOT/build/bench}
mkdir -p "$WORK" "$ROOT/bench/results"
WORK=$(cd "$WORK" && pwd)
DATA=${BENCH_DATA:-$WORK/hits_${ROWS}.tsv}
PEERS="$WORK/peers_$ROWS"
[ -x "$ROOT/build/basalt" ] || make -C "$ROOT" --no-print-directory >/dev/null
[ -s "$DATA" ] || "$SHARED/gen_hits.sh" "$ROWS" "$DATA" >&2
if [ "${BENCH_SKIP_PEERS:-0}" != 1 ]; then
    # shellcheck disable=SC2086
    BENCH_WORK="$WORK" BENCH_DATA="$DATA" BENCH_RESULTS="$PEERS" "$SHARED/run_peers.sh" "$ROWS" ${BENCH_PEER_OPTS:-} >&2
fi
export TZ=UTC
node "$ROOT/bench/run_basalt.cjs" --rows "$ROWS" --data "$DATA" --db "$WORK/basalt_bench_$ROWS" --peers "$PEERS" \
    --out "$ROOT/bench/results/$ROWS.md"
