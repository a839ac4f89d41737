#!/usr/bin/env bash
# native.sh [ROWS] — `make bench-native`: the native TCP protocol's
# throughput. One table of ROWS rows (default 10 million) × 5 columns
# (UInt64, Float64, String, Date, Int32) in basalt server and in Debian's
# ClickHouse 18.16 server, both on free loopback ports, both read whole by
# python3-clickhouse-driver (SELECT *, uncompressed, and LZ4 when the driver
# has its compression modules) in the same run. Prints one Markdown table:
# seconds (best of 3) and MB/s of Native bytes per server, and the ratio.
# Installs clickhouse-server and python3-clickhouse-driver when missing (root).
set -eu
ROWS=${1:-10000000}
here=$(cd "$(dirname "$0")/.." && pwd)
B=${B:-$here/build/basalt}
work=$(mktemp -d /tmp/basalt-bench-native.XXXXXX)
chmod 755 "$work"   # a server started as root runs as 65532 (server/sandbox.c): it must reach its data
bpid="" cpid=""
trap '[ -n "$bpid" ] && kill $bpid 2>/dev/null; [ -n "$cpid" ] && kill $cpid 2>/dev/null; sleep 0.5; rm -rf "$work"' EXIT

need=""
[ -x /usr/sbin/clickhouse-server ] || need="$need clickhouse-server"
/usr/bin/python3 -c "import clickhouse_driver" 2>/dev/null || need="$need python3-clickhouse-driver"
if [ -n "$need" ]; then
    [ "$(id -u)" = 0 ] || { echo "missing:$need (run as root to install)" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $need >/dev/null
fi

free_port() { echo $((20000 + RANDOM % 40000)); }
wait_http() { for i in $(seq 1 100); do curl -s -m 1 "http://127.0.0.1:$1/ping" >/dev/null 2>&1 && return 0; sleep 0.1; done; return 1; }

# basalt
bp=$(free_port); bt=$((bp + 1))
"$B" server --path "$work/basalt" --listen 127.0.0.1 --http-port $bp --tcp-port $bt 2>"$work/basalt.log" &
bpid=$!
wait_http $bp || { echo "basalt server did not start" >&2; cat "$work/basalt.log" >&2; exit 1; }

# ClickHouse 18.16, with a minimal configuration of its own
cp_=$(free_port); ct=$((cp_ + 1))
mkdir -p "$work/ch/data" "$work/ch/tmp" "$work/ch/log"
cat >"$work/ch/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <logger><level>warning</level><log>$work/ch/log/server.log</log><errorlog>$work/ch/log/err.log</errorlog></logger>
    <listen_host>127.0.0.1</listen_host>
    <http_port>$cp_</http_port>
    <tcp_port>$ct</tcp_port>
    <interserver_http_port>$((cp_ + 2))</interserver_http_port>
    <path>$work/ch/data/</path>
    <tmp_path>$work/ch/tmp/</tmp_path>
    <mark_cache_size>536870912</mark_cache_size>
    <users_config>users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
</yandex>
XML
cat >"$work/ch/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <profiles><default></default></profiles>
    <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
    <quotas><default></default></quotas>
</yandex>
XML
/usr/sbin/clickhouse-server --config-file="$work/ch/config.xml" >/dev/null 2>&1 &
cpid=$!
wait_http $cp_ || { echo "clickhouse-server did not start" >&2; cat "$work/ch/log/err.log" >&2; exit 1; }

/usr/bin/python3 - "$ROWS" "$bt" "$ct" <<'PY'
import sys, time
from clickhouse_driver import Client
rows, ports = int(sys.argv[1]), {'basalt': int(sys.argv[2]), 'ClickHouse 18.16': int(sys.argv[3])}
create = 'CREATE TABLE n (a UInt64, b Float64, c String, d Date, e Int32) ENGINE = MergeTree ORDER BY a'
fill = ('INSERT INTO n SELECT number, number / 3, toString(number), toDate(number %% 20000), toInt32(number %% 1000) - 500 '
        'FROM numbers(%d)' % rows)
try:
    import lz4, clickhouse_cityhash  # noqa: F401  (the driver's compression needs both)
    modes = [False, 'lz4']
except ImportError:
    modes = [False]
native_bytes = None
res = {}
for name, port in ports.items():
    c = Client('127.0.0.1', port=port)
    c.execute('DROP TABLE IF EXISTS n')
    c.execute(create)
    c.execute(fill)
    if native_bytes is None:   # what the Native format carries: fixed widths, strings with a length byte
        native_bytes = c.execute('SELECT count() * (8 + 8 + 2 + 4) + sum(length(c) + 1) FROM n')[0][0]
    for mode in modes:
        cc = Client('127.0.0.1', port=port, compression=mode, settings={'max_block_size': 65536})
        best = None
        for _ in range(3):
            t0 = time.time()
            got = 0
            for blk in cc.execute_iter('SELECT * FROM n', settings={'max_block_size': 65536}):
                got += 1
            dt = time.time() - t0
            assert got == rows, (name, got)
            best = dt if best is None or dt < best else best
        res[(name, mode)] = best
        cc.disconnect()
print('# Native protocol: SELECT * of %d rows x 5 columns, python3-clickhouse-driver\n' % rows)
print('Native bytes: %.1f MB. Seconds are the best of 3 runs in this run; MB/s = Native bytes / seconds.\n' % (native_bytes / 1e6))
print('| compression | basalt s | basalt MB/s | ClickHouse 18.16 s | ClickHouse 18.16 MB/s | basalt / ClickHouse time |')
print('|---|---|---|---|---|---|')
for mode in modes:
    b, ch = res[('basalt', mode)], res[('ClickHouse 18.16', mode)]
    print('| %s | %.2f | %.0f | %.2f | %.0f | %.2fx |' % (mode or 'none', b, native_bytes / 1e6 / b, ch, native_bytes / 1e6 / ch, b / ch))
PY
