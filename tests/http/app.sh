#!/usr/bin/env bash
# app.sh BASALT — an application's traffic over HTTP: the statements of
# tests/queries/00482_app_llm_observability.sql (migrations, JSONEachRow
# inserts with later versions and tombstones, dashboard queries) each sent as
# one POST, the way @clickhouse/client sends them: `SET param_x = v` lines
# become param_x=v in the URL of every later request (query_params), never
# SQL. The bodies joined must equal the test's reference, which ClickHouse
# made. Prints "ok NAME" / "not ok NAME".
set -u
B=${1:?usage: app.sh BASALT}
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/basalt-app.XXXXXX)
chmod 755 "$work"   # a server started as root runs as 65532: it must reach its data
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT
. "$here/tests/http/lib.sh"
start_server "$B" "$work/data" "$work/log" || { echo "not ok app_server_start"; cat "$work/log"; exit 0; }
sql=$here/tests/queries/00482_app_llm_observability.sql
python3 - "$port" "$sql" > "$work/out" 2> "$work/err" <<'PY'
import sys, urllib.parse, urllib.request, urllib.error
port, path = sys.argv[1], sys.argv[2]
stmts, cur = [], []
for line in open(path, encoding='utf-8'):
    if not cur and (line.startswith('--') or not line.strip()):
        continue
    cur.append(line)
    if line.rstrip().endswith(';'):
        text = ''.join(cur).rstrip()[:-1].rstrip()
        stmts.append(text)
        cur = []
params = {}
for s in stmts:
    if s.upper().startswith('SET PARAM_'):
        name, value = s[4:].split('=', 1)
        value = value.strip()
        if value.startswith("'") and value.endswith("'"):
            value = value[1:-1].replace("''", "'").replace("\\'", "'")
        params[name.strip()] = value
        continue
    url = 'http://127.0.0.1:%s/?%s' % (port, urllib.parse.urlencode(params))
    req = urllib.request.Request(url, data=s.encode(), method='POST')
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            sys.stdout.write(r.read().decode())
    except urllib.error.HTTPError as e:
        sys.stderr.write('%s: %s\n' % (s[:60], e.read().decode()))
PY
check app_statements_answered "" "$(head -c 600 "$work/err")"
check app_results_match_clickhouse "same" "$(cmp -s "$work/out" "${sql%.sql}.reference" && echo same || diff "${sql%.sql}.reference" "$work/out" | head -20)"
kill -TERM $pid; wait $pid 2>/dev/null; pid=""
