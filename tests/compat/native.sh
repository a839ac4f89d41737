#!/usr/bin/env bash
# native.sh BASALT — the native TCP protocol with real clients from Debian:
# clickhouse-client 18.16 (revision 54412, binary settings, LZ4 or ZSTD
# compression; displays a zero DateTime as 0000-00-00 00:00:00, as 18.16
# did) and python3-clickhouse-driver (revision 54453, string
# settings, no compression). Starts `basalt server` on free loopback ports,
# runs SELECTs of several types, INSERTs from stdin (TSV) and inline VALUES
# (which clickhouse-client turns into Native blocks), errors, users, bad
# bytes on the port, the raw protocol checks of native_raw.py (Cancel within
# 100 ms, TablesStatus, bad checksum, unknown packet), both clients' packet
# sequences through a logging proxy (native_proxy.py), and stops the server. `make test` installs both
# clients (test-deps); a check is skipped, not failed, when one is missing.
# Prints "ok NAME" / "not ok NAME" per check (run-tests.sh counts them).
set -u
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/http/lib.sh"
B=${1:?usage: native.sh BASALT}
work=$(mktemp -d /tmp/basalt-native.XXXXXX)
chmod 755 "$work"   # a server started as root runs as 65532 (server/sandbox.c): it must reach its data
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT

start_server_native "$B" "$work/data" "$work/log"
[ -n "$pid" ] || { echo "not ok native_server_start"; cat "$work/log"; exit 0; }
echo "ok native_server_start"

# ---- clickhouse-client 18.16 ----
if command -v clickhouse-client >/dev/null; then
    cc() { timeout 20 clickhouse-client --host 127.0.0.1 --port $tport "$@" 2>&1; }
    check client_select "1	a	[1,2]	2024-01-02	\N	3" "$(cc -q "SELECT 1, 'a' AS s, [1, 2] AS arr, toDate('2024-01-02') AS d, NULL AS n, toNullable(3) AS x")"
    check client_types "(1,'t')	00112233-4455-6677-8899-aabbccddeeff	3.14	x	[NULL,'y']" \
        "$(cc -q "SELECT (1, 't'), toUUID('00112233-4455-6677-8899-aabbccddeeff'), toDecimal32(3.14, 2), toLowCardinality('x'), [NULL, 'y']")"
    check client_create "" "$(cc -q "CREATE TABLE t (id UInt64, name String, arr Array(UInt8), d DateTime, n Nullable(Float64), lc LowCardinality(String)) ENGINE = MergeTree ORDER BY id")"
    check client_insert_tsv "" "$(printf '1\thello\t[1,2]\t2024-01-01 10:00:00\t1.5\tx\n2\tworld\t[]\t2024-01-02 00:00:00\t\\N\ty\n' | cc -q "INSERT INTO t FORMAT TSV")"
    check client_insert_values "" "$(cc -q "INSERT INTO t VALUES (3, 'v', [3], '2024-01-03 00:00:00', 2.5, 'z')")"
    check client_insert_columns "" "$(cc -q "INSERT INTO t (id, name) VALUES (4, 'w')")"
    check client_read_back "1 hello [1,2] 2024-01-01 10:00:00 1.5 x|2 world [] 2024-01-02 00:00:00 \N y|3 v [3] 2024-01-03 00:00:00 2.5 z|4 w [] 0000-00-00 00:00:00 \N " \
        "$(cc -q "SELECT * FROM t ORDER BY id" | tr '\t' ' ' | tr '\n' '|' | sed 's/|$//')"
    check client_insert_csv "1	csv, \"quoted\"	[1,2]	\N|2		[]	7" \
        "$(cc -q "CREATE TABLE tcsv (id UInt8, s String, a Array(UInt8), n Nullable(Int32)) ENGINE = Memory" &&
           printf '1,"csv, ""quoted""","[1,2]",\\N\n2,"",[],7\n' | cc -q "INSERT INTO tcsv FORMAT CSV" &&
           cc -q "SELECT * FROM tcsv ORDER BY id" | tr '\n' '|' | sed 's/|$//')"
    check client_many_rows "200000 199999" "$(cc -q "SELECT number FROM numbers(200000)" | wc -l) $(cc -q "SELECT number FROM numbers(200000)" | tail -1)"
    check client_settings "3" "$(cc --max_block_size=1000 --extremes=0 -q "SELECT value FROM system.settings WHERE name = 'max_threads'" --max_threads=3)"
    check client_zstd "69999" "$(cc --network_compression_method=zstd -q "SELECT toString(number) FROM numbers(70000)" | tail -1)"
    check client_unknown_table "60" "$(cc -q "SELECT * FROM nosuch" >/dev/null; echo $?)"
    check client_error_text "Code: 60. DB::Exception: Received from 127.0.0.1:$tport. DB::Exception: Table default.nosuch does not exist." \
        "$(cc -q "SELECT * FROM nosuch" | grep '^Code')"
    check client_syntax_error "62" "$(cc -q "SELEC 1" >/dev/null; echo $?)"
    check client_multiquery "1|2|4" "$(printf 'SELECT 1;\nSELECT 2;\nSELECT count() FROM t;\n' | cc -n | tr '\n' '|' | sed 's/|$//')"
    check client_database "t|tcsv" "$(cc --database default -q "SHOW TABLES" | tr '\n' '|' | sed 's/|$//')"
    check client_insert_select "" "$(cc -q "INSERT INTO t (id, name) SELECT number + 10, 'sel' FROM numbers(3)")"
    check client_count "7" "$(cc -q "SELECT count() FROM t")"
    check client_totals "0	2|1	2||0	4" "$(cc -q "SELECT number % 2 AS k, count() FROM numbers(4) GROUP BY k WITH TOTALS ORDER BY k" | tr '\n' '|' | sed 's/|$//')"
    # a native query shows in system.query_log (Start and Finish) like an HTTP one
    cc --query_id native-qlog -q "SELECT 42" >/dev/null
    curl -s -m 10 "http://127.0.0.1:$port/" -d "SYSTEM FLUSH LOGS" >/dev/null
    check client_query_log "QueryStart	SELECT 42|QueryFinish	SELECT 42" \
        "$(curl -s -m 10 "http://127.0.0.1:$port/" -d "SELECT type, query FROM system.query_log WHERE query_id = 'native-qlog' ORDER BY event_time_microseconds, type" | tr '\n' '|' | sed 's/|$//')"
    # a running native query is in system.processes and KILL QUERY stops it
    cc --query_id native-kill -q "SELECT count() FROM numbers(100000000000)" >"$work/kill.out" 2>&1 &
    kpid=$!
    for i in $(seq 1 50); do [ "$(curl -s -m 5 "http://127.0.0.1:$port/" -d "SELECT count() FROM system.processes WHERE query_id = 'native-kill'")" = 1 ] && break; sleep 0.1; done
    check client_in_processes "1" "$(curl -s -m 5 "http://127.0.0.1:$port/" -d "SELECT count() FROM system.processes WHERE query_id = 'native-kill'")"
    curl -s -m 10 "http://127.0.0.1:$port/" -d "KILL QUERY WHERE query_id = 'native-kill' SYNC" >/dev/null
    wait $kpid
    check client_killed "394" "$(grep -o '^Code: [0-9]*' "$work/kill.out" | head -1 | cut -d' ' -f2)"
    check client_10m_compressed "10000000 9999999" "$(cc -q "SELECT number FROM numbers(10000000)" | awk 'END {print NR, $1}')"
    check client_10m_uncompressed "10000000 9999999" "$(cc --compression 0 -q "SELECT number FROM numbers(10000000)" | awk 'END {print NR, $1}')"
    # Ctrl-C (SIGINT) in clickhouse-client sends Cancel: the query stops on the server
    timeout 20 clickhouse-client --host 127.0.0.1 --port $tport --query_id native-cancel -q "SELECT count() FROM numbers(100000000000)" >/dev/null 2>&1 &
    cpid=$!
    for i in $(seq 1 50); do [ "$(curl -s -m 5 "http://127.0.0.1:$port/" -d "SELECT count() FROM system.processes WHERE query_id = 'native-cancel'")" = 1 ] && break; sleep 0.1; done
    sleep 0.2
    pkill -INT -f "query_id native-cancel" 2>/dev/null
    for i in $(seq 1 30); do [ "$(curl -s -m 5 "http://127.0.0.1:$port/" -d "SELECT count() FROM system.processes WHERE query_id = 'native-cancel'")" = 0 ] && break; sleep 0.1; done
    check client_cancel "0" "$(curl -s -m 5 "http://127.0.0.1:$port/" -d "SELECT count() FROM system.processes WHERE query_id = 'native-cancel'")"
    wait $cpid 2>/dev/null
    # (made over HTTP: the 18.16 client's own parser predates CREATE USER)
    curl -s -m 10 "http://127.0.0.1:$port/" -d "CREATE USER nat IDENTIFIED BY 'npw'" >/dev/null
    curl -s -m 10 "http://127.0.0.1:$port/" -d "GRANT SELECT ON default.t TO nat" >/dev/null
    check client_user "7" "$(cc --user nat --password npw -q "SELECT count() FROM t")"
    check client_user_denied_text "Code: 497. DB::Exception: Received from 127.0.0.1:$tport. DB::Exception: nat: Not enough privileges. To execute this query, it's necessary to have the grant INSERT ON default.t." \
        "$(cc --user nat --password npw -q "INSERT INTO t (id) VALUES (9)" | grep '^Code')"
    # (the client's exit status is the error code modulo 256: 497 -> 241, 516 -> 4)
    check client_user_denied "241" "$(cc --user nat --password npw -q "INSERT INTO t (id) VALUES (9)" >/dev/null; echo $?)"
    check client_wrong_password "4" "$(cc --user nat --password x -q "SELECT 1" >/dev/null; echo $?)"
else
    echo "ok client_skipped (clickhouse-client is not installed)"
fi

# ---- the protocol byte by byte: Cancel within 100 ms, TablesStatus, a bad checksum, an unknown packet ----
if [ -x /usr/bin/python3 ]; then
    out=$(timeout 90 /usr/bin/python3 "$(dirname "$0")/native_raw.py" "$tport" "$port" 2>&1)
    st=$?
    printf '%s\n' "$out" | grep -v '^#'
    [ $st -eq 0 ] || echo "not ok raw_script (exit $st)"
    # the packet sequences of both real clients through a logging proxy, against the spec's transcripts (§8)
    out=$(timeout 90 /usr/bin/python3 "$(dirname "$0")/native_proxy.py" "$tport" 2>&1)
    st=$?
    printf '%s\n' "$out"
    [ $st -eq 0 ] || echo "not ok proxy_script (exit $st)"
else
    echo "ok raw_skipped (python3 is not installed)"
fi

# ---- python3-clickhouse-driver ----
if /usr/bin/python3 -c "import clickhouse_driver" 2>/dev/null; then
    out=$(timeout 30 /usr/bin/python3 - "$tport" <<'EOF' 2>&1
import sys
from clickhouse_driver import Client
c = Client('127.0.0.1', port=int(sys.argv[1]))
print(c.execute("SELECT 1, [1, 2], toNullable('x'), toDate('2024-02-29')"))
c.execute('CREATE TABLE p (id UInt32, s String, a Array(String)) ENGINE = MergeTree ORDER BY id')
c.execute('INSERT INTO p (id, s, a) VALUES', [(1, 'one', ['a']), (2, 'two', [])])
print(c.execute('SELECT id, s, a FROM p ORDER BY id'))
print(c.execute('SELECT number FROM numbers(5)', settings={'max_block_size': 2}))
try:
    c.execute('SELECT * FROM nosuch')
except Exception as e:
    print(type(e).__name__, e.code)
print(c.execute('SELECT 2'))
EOF
)
    check driver_session "[(1, [1, 2], 'x', datetime.date(2024, 2, 29))]|[(1, 'one', ['a']), (2, 'two', [])]|[(0,), (1,), (2,), (3,), (4,)]|ServerException 60|[(2,)]" \
        "$(printf '%s\n' "$out" | tr '\n' '|' | sed 's/|$//')"
    # every type, out through SELECT and in through the driver's column-oriented INSERT
    out=$(timeout 60 /usr/bin/python3 - "$tport" <<'EOF' 2>&1
import sys, datetime, decimal, uuid, ipaddress
from clickhouse_driver import Client
c = Client('127.0.0.1', port=int(sys.argv[1]))
cols = [('i8', 'Int8', [-128, 127]), ('u16', 'UInt16', [0, 65535]), ('i32', 'Int32', [-5, 5]), ('u64', 'UInt64', [0, 2**64 - 1]),
        ('i64', 'Int64', [-2**63, 2**63 - 1]), ('f32', 'Float32', [1.5, -2.25]), ('f64', 'Float64', [0.1, 1e300]),
        ('dec', 'Decimal(18, 4)', [decimal.Decimal('1.2345'), decimal.Decimal('-99.5000')]),
        ('d', 'Date', [datetime.date(2024, 2, 29), datetime.date(1970, 1, 1)]),
        ('d32', 'Date32', [datetime.date(1950, 6, 1), datetime.date(2200, 1, 1)]),
        ('dt', 'DateTime', [datetime.datetime(2024, 1, 2, 3, 4, 5), datetime.datetime(2000, 1, 1)]),
        ('s', 'String', ['', 'h\u00e9llo']), ('fs', 'FixedString(3)', ['abc', 'x']),
        ('u', 'UUID', [uuid.UUID('00112233-4455-6677-8899-aabbccddeeff'), uuid.UUID(int=0)]),
        ('ip4', 'IPv4', [ipaddress.IPv4Address('10.1.2.3'), ipaddress.IPv4Address('0.0.0.0')]),
        ('e', "Enum8('a' = 1, 'b' = 2)", ['a', 'b']), ('b', 'Bool', [True, False]),
        ('n', 'Nullable(Int32)', [None, 7]), ('lc', 'LowCardinality(String)', ['x', 'x']),
        ('arr', 'Array(Nullable(String))', [['a', None], []]), ('t', 'Tuple(UInt8, String)', [(1, 'a'), (2, 'b')]),
        ('m', 'Map(String, UInt64)', [{'k': 1}, {}]),
        ('dt64', "DateTime64(3)", [datetime.datetime(2024, 1, 2, 3, 4, 5, 678000), datetime.datetime(1969, 12, 31, 23, 59, 59)]),
        ('i128', 'Int128', [-2**127, 2**127 - 1]), ('u128', 'UInt128', [0, 2**128 - 1]),
        ('d128', 'Decimal(38, 10)', [decimal.Decimal('-12345678901234567890.0123456789'), decimal.Decimal('0E-10')]),
        ('ip6', 'IPv6', [ipaddress.IPv6Address('2001:db8::1'), ipaddress.IPv6Address('::ffff:1.2.3.4')]),
        ('e16', "Enum16('x' = -1000, 'y' = 1000)", ['x', 'y']),
        ('lcn', 'LowCardinality(Nullable(String))', [None, 'z'])]
c.execute('CREATE TABLE every (%s) ENGINE = MergeTree ORDER BY tuple()' % ', '.join('%s %s' % (n, t) for n, t, _ in cols))
c.execute('INSERT INTO every VALUES', [v for _, _, v in cols], columnar=True)
got = c.execute('SELECT * FROM every', columnar=True)
for (name, _, want), have in zip(cols, got):
    if list(have) != want:
        print('MISMATCH', name, want, list(have))
print('every type', len(got), 'columns', len(got[0]), 'rows')
EOF
)
    check driver_every_type "every type 29 columns 2 rows" "$out"
    # 16 connections at once, each with its own queries
    out=$(timeout 120 /usr/bin/python3 - "$tport" <<'EOF' 2>&1
import sys, threading
from clickhouse_driver import Client
port, res = int(sys.argv[1]), {}
def work(i):
    c = Client('127.0.0.1', port=port)
    s = 0
    for k in range(5):
        s += c.execute('SELECT sum(number) FROM numbers(%d)' % (100000 + i))[0][0]
    c.execute('INSERT INTO p (id, s, a) VALUES', [(1000 + i, 'c%d' % i, [])])
    res[i] = s == 5 * (100000 + i - 1) * (100000 + i) // 2
ts = [threading.Thread(target=work, args=(i,)) for i in range(16)]
[t.start() for t in ts]
[t.join() for t in ts]
print(sum(res.values()), Client('127.0.0.1', port=port).execute('SELECT count() FROM p WHERE id >= 1000')[0][0])
EOF
)
    check driver_16_connections "16 16" "$out"
else
    echo "ok driver_skipped (python3-clickhouse-driver is not installed)"
fi

# ---- bad bytes on the port: a clean answer, and the server stays up ----
check http_on_native_port "Port $tport is for clickhouse-client program" \
    "$(printf 'GET / HTTP/1.0\r\n\r\n' | timeout 5 curl -s telnet://127.0.0.1:$tport 2>/dev/null | tr -d '\r' | sed -n 3p | sed "s/Port 9000/Port $tport/")"
head -c 3000 /dev/urandom | timeout 5 curl -s telnet://127.0.0.1:$tport >/dev/null 2>&1
printf '\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01' | timeout 5 curl -s telnet://127.0.0.1:$tport >/dev/null 2>&1
check still_up_http "1" "$(curl -s -m 5 "http://127.0.0.1:$port/?query=SELECT+1")"
if command -v clickhouse-client >/dev/null; then check still_up_native "1" "$(cc -q "SELECT 1")"; fi

kill -TERM $pid
rc=0
for i in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then rc=timeout; kill -9 $pid; else wait $pid; rc=$?; fi
pid=""
check native_sigterm_exit "0" "$rc"
