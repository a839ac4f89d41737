#!/usr/bin/env bash
# new-test.sh NAME — creates the next tests/queries/NNNNN_NAME.sql from stdin
# and writes its .reference with the oracle (real ClickHouse). Never write a
# reference by hand or from basalt's output.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: tools/new-test.sh NAME < test.sql" >&2; exit 2; }
cd "$(dirname "$0")/.."
last=$( (ls tests/queries/*.sql 2>/dev/null || true) | sed -n "s#.*/\([0-9]\{5\}\)_.*#\1#p" | sort -n | tail -1)
next=$(printf '%05d' $((10#${last:-0} + 1)))
f="tests/queries/${next}_$1.sql"
cat >"$f"
../shared/oracle/reference "$f" --write
echo "$f"
