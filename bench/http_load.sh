#!/usr/bin/env bash
# bench/http_load.sh BASALT_URL [PEER_URL] — the HTTP interface under load
# (a benchmark, not a test): wrk (Debian package) with 64 keep-alive
# connections for 30 s on `SELECT 1` and on a small aggregation, against
# basalt and, when given, a peer (e.g. ClickHouse 18.16 from Debian's
# clickhouse-server on another port), one after the other in the same run.
# Prints one markdown table: requests/s, p50 and p99 latency, errors.
set -euo pipefail
DUR=${DUR:-30s}
CONNS=${CONNS:-64}
QUERIES=("SELECT%201" "SELECT%20number%20%25%2010%20AS%20k%2C%20count()%20FROM%20numbers(10000)%20GROUP%20BY%20k%20ORDER%20BY%20k")
NAMES=("SELECT 1" "GROUP BY over numbers(10000)")
command -v wrk >/dev/null || { echo "http_load: wrk is needed (apt-get install wrk)" >&2; exit 1; }
echo "| server | query | requests/s | p50 ms | p99 ms | non-2xx / socket errors |"
echo "|---|---|---|---|---|---|"
for url in "$@"; do
    name=$(curl -s "$url/?query=SELECT%20version()" | head -1)
    for i in "${!QUERIES[@]}"; do
        out=$(wrk -t2 -c"$CONNS" -d"$DUR" --latency "$url/?query=${QUERIES[$i]}" 2>&1)
        rps=$(echo "$out" | sed -n 's/^Requests\/sec: *//p')
        p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
        p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
        non2xx=$(echo "$out" | sed -n 's/.*Non-2xx or 3xx responses: *//p')
        sockerr=$(echo "$out" | sed -n 's/.*Socket errors: //p')
        echo "| $url ($name) | ${NAMES[$i]} | $rps | $p50 | $p99 | ${non2xx:-0} / ${sockerr:-none} |"
    done
done
