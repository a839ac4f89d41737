#!/usr/bin/env bash
# http.sh BASALT — the HTTP interface, end to end with curl: starts
# `basalt server` on 127.0.0.1 and a free port with a fresh data directory,
# runs the quick acceptance checks of ../shared/spec/http-interface.md §18
# and the framing cases behind them (keep-alive, chunked bodies,
# Expect: 100-continue, a cut-off INSERT, errors before and after the
# status), then stops the server with SIGTERM and checks it exits cleanly.
# Prints "ok NAME" / "not ok NAME" per check (run-tests.sh counts them).
set -u
B=${1:?usage: http.sh BASALT}
work=$(mktemp -d /tmp/basalt-http.XXXXXX)
chmod 755 "$work"   # a server started as root runs as 65532 (server/sandbox.c): it must reach its data
pid=""
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT

check() {  # check NAME EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then echo "ok $1"; else echo "not ok $1"; printf '  expected: %q\n  actual:   %q\n' "$2" "$3"; fi
}

# users besides `default` (no password here): plain, readonly, and given as a SHA-256 hash of "hp"
printf '# test users\nalice:secret\nreader:pw:1\nhashed:sha256:%s\n' "$(printf hp | sha256sum | cut -d' ' -f1)" > "$work/users"
. "$(dirname "$0")/lib.sh"
start_server "$B" "$work/data" "$work/log" --keep-alive-timeout 3 --users-file "$work/users" \
    --http-options-response 'Access-Control-Allow-Origin: *; Access-Control-Allow-Headers: origin, x-clickhouse-user, authorization; Access-Control-Max-Age: 86400'
[ -n "$pid" ] || { echo "not ok server_start"; cat "$work/log"; exit 0; }
echo "ok server_start"
U="http://127.0.0.1:$port"
c() { curl -s -m 10 "$@"; }
# status code, then the X-ClickHouse-Exception-Code header, of a request
status() { curl -s -m 10 -o /dev/null -w '%{http_code}' "$@"; }
exc() { curl -s -m 10 -D - -o /dev/null "$@" | tr -d '\r' | sed -n 's/^X-ClickHouse-Exception-Code: //p'; }
header() { local h=$1; shift; curl -s -m 10 -D - -o /dev/null "$@" | tr -d '\r' | sed -n "s/^$h: //p"; }

# ---- endpoints ----
check root "Ok." "$(c $U/)"
check ping "Ok." "$(c $U/ping)"
check head_ping_length "4" "$(curl -s -m 10 -I $U/ping | tr -d '\r' | sed -n 's/^Content-Length: //p')"
check no_handle_404 "404" "$(status "$U/nothing?query=SELECT+1")"
check no_handle_text "There is no handle /nothing" "$(c "$U/nothing" | head -1)"

# ---- the query: URL, body, both ----
check get_query "1" "$(c "$U/?query=SELECT%201")"
check tsv_content_type "text/tab-separated-values; charset=UTF-8" "$(header Content-Type "$U/?query=SELECT%201")"
check post_body "1" "$(echo 'SELECT 1' | c $U/ --data-binary @-)"
check url_then_body "1" "$(echo ' 1' | c "$U/?query=SELECT" --data-binary @-)"
check default_format "{\"a\":1}" "$(c "$U/?query=SELECT+1+AS+a&default_format=JSONEachRow")"
check format_header "{\"a\":1}" "$(c -H 'X-ClickHouse-Format: JSONEachRow' "$U/?query=SELECT+1+AS+a")"
check ndjson_content_type "application/x-ndjson; charset=UTF-8" "$(header Content-Type "$U/?query=SELECT+1+AS+a&default_format=JSONEachRow")"
check with_progress "{\"row\":{\"n\":1}} {\"progress\":{\"read_rows\":\"2\"" "$(c $U/ -d 'SELECT number AS n FROM numbers(2) FORMAT JSONEachRowWithProgress' | sed -n '3,4p' | cut -c1-28 | tr '\n' ' ' | sed 's/ $//')"
check query_format_wins "[1]" "$(c "$U/?default_format=JSONEachRow" -d 'SELECT 1 FORMAT JSONCompactEachRow')"
check trailing_semicolon "2" "$(c $U/ -d 'SELECT 2;')"
check multi_statement "62" "$(exc $U/ -d 'SELECT 1; SELECT 2')"
check empty_query "62" "$(exc -X POST $U/ -H 'Content-Length: 0')"
check param "43" "$(c "$U/?param_x=42" -d 'SELECT {x:UInt32}+1')"
check param_missing "500 456" "$(status $U/ -d 'SELECT {x:UInt32}') $(exc $U/ -d 'SELECT {x:UInt32}')"
check identifier_param "3" "$(c "$U/?param_t=system&param_c=dummy" -d 'SELECT {c:Identifier} + 3 FROM {t:Identifier}.one')"
check identifier_param_missing "456" "$(exc $U/ -d 'SELECT 1 FROM {t:Identifier}')"
check setting_url "3" "$(c "$U/?max_threads=3" -d "SELECT getSetting('max_threads')")"
check setting_unknown "404 115" "$(status "$U/?foobar=1" -d 'SELECT 1') $(exc "$U/?foobar=1" -d 'SELECT 1')"
check query_id "abc" "$(c "$U/?query_id=abc" -d 'SELECT queryID()')"
check query_id_header "abc" "$(header X-ClickHouse-Query-Id "$U/?query_id=abc" -d 'SELECT 1')"
check database_param "system" "$(c "$U/?database=system" -d 'SELECT currentDatabase()')"
check database_unknown "404 81" "$(status "$U/?database=nope" -d 'SELECT 1') $(exc "$U/?database=nope" -d 'SELECT 1')"
summary=$(header X-ClickHouse-Summary $U/ -d 'SELECT number FROM numbers(5)')
check summary_keys "read_rows read_bytes written_rows written_bytes total_rows_to_read result_rows result_bytes elapsed_ns" \
    "$(echo "$summary" | grep -o '"[a-z_]*":"[0-9]*"' | cut -d'"' -f2 | grep -v memory_usage | tr '\n' ' ' | sed 's/ $//')"
check summary_result_rows "5" "$(echo "$summary" | grep -o '"result_rows":"[0-9]*"' | cut -d'"' -f4)"

check multipart_params "4" "$(c "$U/?default_format=CSV" -F 'query=SELECT count() FROM numbers(5000) WHERE number IN {ids:Array(UInt64)}' -F 'param_ids=[1,2,3,4000]')"
check multipart_setting "1" "$(c $U/ -F "query=SELECT getSetting('max_threads')" -F 'max_threads=1')"
check multipart_file "48" "$(exc $U/ -F 'query=SELECT 1' -F "file=@$0")"

check cors "*" "$(header Access-Control-Allow-Origin -H 'Origin: http://x' "$U/?add_http_cors_header=1" -d 'SELECT 1')"
check no_cors "" "$(header Access-Control-Allow-Origin -H 'Origin: http://x' $U/ -d 'SELECT 1')"
preflight() { curl -s -m 10 -D - -o /dev/null -X OPTIONS -H 'Origin: http://x' -H 'Access-Control-Request-Method: POST' "$@" | tr -d '\r'; }
check options_preflight "HTTP/1.1 204 No Content|*|origin, x-clickhouse-user, authorization|86400|" \
    "$(preflight $U/ | sed -n 's/^HTTP/HTTP/p; s/^Access-Control-[A-Za-z-]*: //p; s/^Content-Length.*/length!/p' | tr '\n' '|')"
check options_not_a_query "404" "$(status -X OPTIONS $U/ping)"

# ---- errors ----
err=$(c $U/ -d 'SELEC 1')
check syntax_error_status "400 62" "$(status $U/ -d 'SELEC 1') $(exc $U/ -d 'SELEC 1')"
check syntax_error_body "yes" "$(echo "$err" | grep -q '^Code: 62. DB::Exception: Syntax error: failed at position 1.*(SYNTAX_ERROR) (version .*)$' && echo yes || echo "$err")"
check unknown_table "404 60" "$(status $U/ -d 'SELECT * FROM nope') $(exc $U/ -d 'SELECT * FROM nope')"
check readonly_get "500 164" "$(status "$U/?query=CREATE+TABLE+t(a+UInt8)+ENGINE=Memory") $(exc "$U/?query=CREATE+TABLE+t(a+UInt8)+ENGINE=Memory")"
check length_required "411" "$(printf 'POST / HTTP/1.1\r\nHost: x\r\n\r\n' | curl -s -m 5 telnet://127.0.0.1:$port 2>/dev/null | head -1 | cut -d' ' -f2)"
# an error after the status: framed by the X-ClickHouse-Exception-Tag (25.11+),
# \r\n__exception__\r\nTAG\nTEXT\nLEN TAG\r\n__exception__\r\n, LEN counting TEXT and its \n
curl -s -m 10 -D "$work/late.h" "$U/?max_block_size=1000" -d 'SELECT number, throwIf(number = 300000) FROM numbers(400000)' > "$work/late.b"
tag=$(tr -d '\r' < "$work/late.h" | sed -n 's/^X-ClickHouse-Exception-Tag: //p')
check exception_tag_header "16" "$(printf '%s' "$tag" | grep -c '^[a-z0-9]\{16\}$' | sed 's/^1$/16/')"
check late_error_framed "yes" "$(python3 - "$work/late.b" "$tag" <<'PY'
import sys
b = open(sys.argv[1], 'rb').read(); tag = sys.argv[2].encode()
tail = b' ' + tag + b'\r\n__exception__\r\n'
head = b'\r\n__exception__\r\n' + tag + b'\n'
ok = b.endswith(tail)
if ok:
    body = b[:-len(tail)]
    nl = body.rindex(b'\n')
    n = int(body[nl + 1:])
    text = body[nl + 1 - n:nl + 1]
    ok = text.startswith(b'Code: 395') and body[:nl + 1 - n].endswith(head) and body.startswith(b'0\t0\n')
print('yes' if ok else 'no')
PY
)"
check buffer_size "500" "$(status "$U/?buffer_size=20000000&max_block_size=1000" -d 'SELECT number, throwIf(number = 300000) FROM numbers(400000)')"
check wait_end_of_query "500" "$(status "$U/?wait_end_of_query=1&max_block_size=1000" -d 'SELECT number, throwIf(number = 300000) FROM numbers(400000)')"

# ---- running queries: system.processes, a query_id twice, KILL QUERY, system.query_log ----
(c "$U/?query_id=long1" -d 'SELECT count() FROM numbers(100000000000) WHERE sleepEachRow(0) = 0' > "$work/long.out") &
long=$!
for i in $(seq 1 50); do [ -n "$(c $U/ -d "SELECT 1 FROM system.processes WHERE query_id = 'long1'")" ] && break; sleep 0.1; done
check processes "long1	default" "$(c $U/ -d "SELECT query_id, user FROM system.processes WHERE query_id = 'long1'")"
check same_query_id "216" "$(exc "$U/?query_id=long1" -d 'SELECT 1')"
check kill_query "finished	long1" "$(c $U/ -d "KILL QUERY WHERE query_id = 'long1' SYNC" | cut -f1,2)"
wait $long
check killed_query_error "Code: 394" "$(cut -d. -f1 "$work/long.out")"
check query_log "QueryStart 0|ExceptionBeforeStart 216|ExceptionWhileProcessing 394" \
    "$(c $U/ -d "SELECT type, exception_code FROM system.query_log WHERE query_id = 'long1' ORDER BY event_time_microseconds" | tr '\t\n' ' |' | sed 's/|$//')"
c "$U/?query_id=logged1" -d 'SELECT number FROM numbers(7)' >/dev/null
check query_log_finish "QueryFinish	7	SELECT number FROM numbers(7)" "$(c $U/ -d "SELECT type, result_rows, query FROM system.query_log WHERE query_id = 'logged1' AND type = 'QueryFinish'")"

# ---- progress headers, and a query cancelled when its client leaves ----
prog=$(curl -s -m 10 -D - -o /dev/null "$U/?send_progress_in_http_headers=1&http_headers_progress_interval_ms=100&max_block_size=1" -d 'SELECT sum(sleepEachRow(0.05)) FROM numbers(8)' | tr -d '\r')
check progress_headers "yes" "$(echo "$prog" | grep -c '^X-ClickHouse-Progress: {"read_rows":"[0-9]*"' | awk '{print ($1 >= 2) ? "yes" : $1}')"
check progress_then_summary "200 yes" "$(echo "$prog" | head -1 | cut -d' ' -f2) $(echo "$prog" | grep -q '^X-ClickHouse-Summary' && echo yes)"
check progress_late_error "200 395" "$(status "$U/?send_progress_in_http_headers=1&max_block_size=1" -d 'SELECT throwIf(number = 5) FROM numbers(10) WHERE sleepEachRow(0.05) = 0') $(exc "$U/?send_progress_in_http_headers=1&max_block_size=1" -d 'SELECT throwIf(number = 5) FROM numbers(10) WHERE sleepEachRow(0.05) = 0')"
curl -s -m 0.5 "$U/?query_id=gone1&cancel_http_readonly_queries_on_client_close=1&max_block_size=1&query=SELECT+count()+FROM+numbers(100)+WHERE+sleepEachRow(0.05)+%3D+0" >/dev/null
for i in $(seq 1 30); do [ -z "$(c $U/ -d "SELECT 1 FROM system.processes WHERE query_id = 'gone1'")" ] && break; sleep 0.1; done
check client_gone_cancels "394" "$(c $U/ -d "SELECT exception_code FROM system.query_log WHERE query_id = 'gone1' AND type = 'ExceptionWhileProcessing'")"

# ---- events, metrics, /metrics ----
check system_events "1" "$(c $U/ -d "SELECT value > 10 FROM system.events WHERE event = 'Query'")"
check system_metrics "1" "$(c $U/ -d "SELECT value >= 1 FROM system.metrics WHERE metric = 'HTTPConnection'")"
check prometheus "counter" "$(c $U/metrics | sed -n 's/^# TYPE ClickHouseProfileEvents_SelectQuery //p')"
check prometheus_running "0" "$(c $U/metrics | sed -n 's/^ClickHouseMetrics_Query //p')"

# ---- users ----
check auth_wrong "403 516" "$(status -u default:wrong $U/ -d 'SELECT 1') $(exc -u default:wrong $U/ -d 'SELECT 1')"
check auth_basic "default" "$(c -u default: $U/ -d 'SELECT currentUser()')"
check auth_headers "default" "$(c -H 'X-ClickHouse-User: default' -H 'X-ClickHouse-Key: ' $U/ -d 'SELECT currentUser()')"
check auth_params "1" "$(c "$U/?user=default&password=" -d 'SELECT 1')"
check auth_mixed "516" "$(exc -u default: -H 'X-ClickHouse-User: default' $U/ -d 'SELECT 1')"

# ---- compression ----
check gzip_response "1" "$(c "$U/?enable_http_compression=1" -H 'Accept-Encoding: gzip' -d 'SELECT 1' | gunzip)"
check gzip_header "gzip" "$(header Content-Encoding -H 'Accept-Encoding: gzip' $U/ -d 'SELECT 1')"
check no_compression_off "7" "$(c "$U/?enable_http_compression=0" -H 'Accept-Encoding: gzip' -d 'SELECT 7')"
check gzip_request "42" "$(echo 'SELECT 42' | gzip | c -H 'Content-Encoding: gzip' $U/ --data-binary @-)"
check zstd_both "43" "$(echo 'SELECT 43' | zstd -q | c -H 'Content-Encoding: zstd' -H 'Accept-Encoding: zstd' $U/ --data-binary @- | zstd -dq)"
check gzip_error_body "Code: 62" "$(c -H 'Accept-Encoding: gzip' $U/ -d 'SELEC 1' | gunzip | cut -d. -f1)"
check gzip_streamed "999999" "$(c -H 'Accept-Encoding: gzip' $U/ -d 'SELECT number FROM numbers(1000000)' | gunzip | tail -1)"
c "$U/?compress=1" -d 'SELECT number FROM numbers(5)' > "$work/native.bin"
check native_compress_frame "82" "$(c "$U/?compress=1" -d 'SELECT number FROM numbers(100000)' | head -c 17 | tail -c 1 | od -An -tx1 | tr -d ' ')"
c $U/ -d 'CREATE TABLE nat (x UInt64) ENGINE = Memory' >/dev/null
c "$U/?decompress=1&query=INSERT+INTO+nat+FORMAT+TSV" --data-binary @"$work/native.bin" >/dev/null
check native_decompress "10	5" "$(c $U/ -d 'SELECT sum(x), count() FROM nat')"
check native_decompress_cut "74" "$(head -c 30 "$work/native.bin" | curl -s -D - -o /dev/null "$U/?decompress=1&query=INSERT+INTO+nat+FORMAT+TSV" --data-binary @- | tr -d '\r' | sed -n 's/^X-ClickHouse-Exception-Code: //p')"
check br_response "br 999999" "$(header Content-Encoding -H 'Accept-Encoding: br' $U/ -d 'SELECT 1') $(c --compressed -H 'Accept-Encoding: br' $U/ -d 'SELECT number FROM numbers(1000000)' | tail -1)"
c -H 'Accept-Encoding: br' $U/ -d "SELECT 'SELECT 44' FORMAT TSVRaw" > "$work/req.br"
check br_request "44" "$(c -H 'Content-Encoding: br' $U/ --data-binary @"$work/req.br")"
check br_request_cut "74" "$(head -c 8 "$work/req.br" | curl -s -D - -o /dev/null -H 'Content-Encoding: br' $U/ --data-binary @- | tr -d '\r' | sed -n 's/^X-ClickHouse-Exception-Code: //p')"
check gzip_request_cut_late "74" "$(echo 'SELECT 42' | gzip | head -c 25 | curl -s -D - -o /dev/null -H 'Content-Encoding: gzip' $U/ --data-binary @- | tr -d '\r' | sed -n 's/^X-ClickHouse-Exception-Code: //p')"
check lz4_response "lz4 999999" "$(header Content-Encoding -H 'Accept-Encoding: lz4' $U/ -d 'SELECT 1') $(c -H 'Accept-Encoding: lz4' $U/ -d 'SELECT number FROM numbers(1000000)' | lz4 -dc | tail -1)"
check lz4_request_frames "21" "$( (echo 'SELECT sum(number) FROM ' | lz4 -c; echo 'numbers(7)' | lz4 -c) | c -H 'Content-Encoding: lz4' $U/ --data-binary @-)"
check lz4_request_cut "74" "$(seq 1 100000 | lz4 -c | head -c 2000 | curl -s -D - -o /dev/null -H 'Content-Encoding: lz4' "$U/?query=INSERT+INTO+nat+FORMAT+TSV" --data-binary @- | tr -d '\r' | sed -n 's/^X-ClickHouse-Exception-Code: //p')"
check lz4_request_cut_commits_nothing "10	5" "$(c $U/ -d 'SELECT sum(x), count() FROM nat')"
# xz and bz2 are not linked in (http_codec.h says why): a body in them is refused, a response goes out plain
check xz_request_refused "89" "$(exc -H 'Content-Encoding: xz' $U/ -d 'SELECT 1')"
check xz_response_plain "1" "$(c -H 'Accept-Encoding: xz, bz2' $U/ -d 'SELECT 1')"
check unknown_encoding "89" "$(exc -H 'Content-Encoding: foo' $U/ -d 'SELECT 1')"
check gzip_cut "500" "$(echo 'SELECT 42' | gzip | head -c 10 | curl -s -o /dev/null -w '%{http_code}' -H 'Content-Encoding: gzip' $U/ --data-binary @-)"

# ---- sessions ----
c "$U/?session_id=s1" -d 'SET max_threads = 3' >/dev/null
check session_set "3" "$(c "$U/?session_id=s1" -d "SELECT getSetting('max_threads')")"
check session_url_setting_once "5 3" "$(c "$U/?session_id=s1&max_threads=5" -d "SELECT getSetting('max_threads')") $(c "$U/?session_id=s1" -d "SELECT getSetting('max_threads')")"
c "$U/?session_id=s1" -d 'USE system' >/dev/null
check session_use "system" "$(c "$U/?session_id=s1" -d 'SELECT currentDatabase()')"
check session_other "default" "$(c "$U/?session_id=s9" -d 'SELECT currentDatabase()')"
check session_check "500 372" "$(status "$U/?session_id=nope&session_check=1" -d 'SELECT 1') $(exc "$U/?session_id=nope&session_check=1" -d 'SELECT 1')"
check session_timeout_bad "374" "$(exc "$U/?session_id=s1&session_timeout=abc" -d 'SELECT 1')"
check session_timeout_max "374" "$(exc "$U/?session_id=s1&session_timeout=99999" -d 'SELECT 1')"
# temporary tables: the session's own, gone with it
c "$U/?session_id=t1" -d 'CREATE TEMPORARY TABLE tt (a UInt8)' >/dev/null
c "$U/?session_id=t1&query=INSERT+INTO+tt+FORMAT+CSV" --data-binary $'1\n2\n' >/dev/null
check session_temp_table "3" "$(c "$U/?session_id=t1" -d 'SELECT sum(a) FROM tt')"
check temp_table_private "60" "$(exc "$U/?session_id=t2" -d 'SELECT sum(a) FROM tt')"
check temp_table_other_session_own "0" "$(c "$U/?session_id=t2" -d 'CREATE TEMPORARY TABLE tt (a UInt8)'; c "$U/?session_id=t2" -d 'SELECT count() FROM tt')"
c "$U/?session_id=t1&close_session=1" -d 'SELECT 1' >/dev/null
check temp_table_gone "60" "$(exc "$U/?session_id=t1" -d 'SELECT sum(a) FROM tt')"
check temp_db_hidden "0" "$(c $U/ -d "SELECT count() FROM system.databases WHERE name LIKE '_temporary%'")"
c "$U/?session_id=s2" -d 'SELECT sleep(1)' >/dev/null &
sleep 0.3
check session_locked "373" "$(exc "$U/?session_id=s2" -d 'SELECT 1')"
wait $!
c "$U/?session_id=s1&close_session=1" -d 'SELECT 1' >/dev/null
check session_closed "1" "$(c "$U/?session_id=s1" -d "SELECT getSetting('max_threads') = 0 OR getSetting('max_threads') != 3")"

check user_file "alice" "$(c -u alice:secret $U/ -d 'SELECT currentUser()')"
check user_wrong_password "403 516" "$(status -u alice:nope $U/ -d 'SELECT 1') $(exc -u alice:nope $U/ -d 'SELECT 1')"
check user_unknown_same_text "$(c -u alice:nope $U/ -d 'SELECT 1' | sed 's/^Code: 516. DB::Exception: alice: //')" "$(c -u nobody:nope $U/ -d 'SELECT 1' | sed 's/^Code: 516. DB::Exception: nobody: //')"
check user_hashed "hashed" "$(c -u hashed:hp $U/ -d 'SELECT currentUser()')"
check user_readonly_select "1" "$(c -u reader:pw $U/ -d 'SELECT 1')"
check user_readonly_write "164" "$(exc -u reader:pw $U/ -d 'CREATE TABLE ro (a UInt8) ENGINE = Memory')"
check user_readonly_setting "164" "$(exc -u reader:pw "$U/?max_threads=1" -d 'SELECT 1')"
check refuse_open_listen "1" "$("$B" server --path "$work/open" --listen 0.0.0.0 --http-port $((port + 1)) --tcp-port 0 2>/dev/null; echo $?)"
dport=$((port + 2))
BASALT_DEFAULT_PASSWORD=dpw "$B" server --path "$work/dpw" --listen 127.0.0.1 --http-port $dport --tcp-port 0 2>/dev/null &
dpid=$!
for i in $(seq 1 50); do curl -s -m 1 "http://127.0.0.1:$dport/ping" >/dev/null 2>&1 && break; sleep 0.1; done
check default_password "1 516" "$(c -u default:dpw "http://127.0.0.1:$dport/" -d 'SELECT 1') $(exc -u default:x "http://127.0.0.1:$dport/" -d 'SELECT 1')"
# no credentials at all while a password is needed: 401, REQUIRED_PASSWORD, and a Basic challenge (spec A-4)
check required_password "401 194" "$(status "http://127.0.0.1:$dport/" -d 'SELECT 1') $(exc "http://127.0.0.1:$dport/" -d 'SELECT 1')"
check www_authenticate 'Basic realm="ClickHouse server HTTP API"' "$(header WWW-Authenticate "http://127.0.0.1:$dport/" -d 'SELECT 1')"
kill -TERM $dpid; wait $dpid 2>/dev/null
# --log-file, and SIGHUP opens it again (after a rotation)
mkdir -p "$work/logs" && chmod 1777 "$work/logs"   # the log is made again after a rotation, by the server's user (65532 when started as root)
"$B" server --path "$work/lg" --listen 127.0.0.1 --http-port $dport --tcp-port 0 --log-file "$work/logs/basalt.log" --max-server-memory-usage 60000000 &
lpid=$!
for i in $(seq 1 50); do curl -s -m 1 "http://127.0.0.1:$dport/ping" >/dev/null 2>&1 && break; sleep 0.1; done
c "http://127.0.0.1:$dport/?query_id=before_rotation" -d 'SELECT 1' >/dev/null
mv "$work/logs/basalt.log" "$work/logs/basalt.log.1"
kill -HUP $lpid
for i in $(seq 1 30); do [ -s "$work/logs/basalt.log" ] && break; sleep 0.1; done
c "http://127.0.0.1:$dport/?query_id=after_rotation" -d 'SELECT 1' >/dev/null
sleep 0.2
check log_file "1 1" "$(grep -c before_rotation "$work/logs/basalt.log.1") $(grep -c after_rotation "$work/logs/basalt.log")"
check server_memory_limit "241" "$(exc "http://127.0.0.1:$dport/" -d 'SELECT length(groupArray(number)) FROM numbers(30000000)')"
check server_memory_ok "1000" "$(c "http://127.0.0.1:$dport/" -d 'SELECT length(groupArray(number)) FROM numbers(1000)')"
kill -TERM $lpid; wait $lpid 2>/dev/null

# ---- INSERT: body data, streamed ----
c $U/ -d 'CREATE TABLE t (a UInt64, s String) ENGINE = MergeTree ORDER BY a' >/dev/null
printf '1,"x"\n2,"y"\n' | c "$U/?query=INSERT+INTO+t+FORMAT+CSV" --data-binary @- >/dev/null
printf 'INSERT INTO t FORMAT TSV\n3\tz\n' | c $U/ --data-binary @- >/dev/null
c $U/ -d "INSERT INTO t VALUES (4, 'w')" >/dev/null
check insert_rows "4	10" "$(c $U/ -d 'SELECT count(), sum(a) FROM t')"
seq 1 200000 | sed 's/$/,"big"/' > "$work/big.csv"
c "$U/?query=INSERT+INTO+t+FORMAT+CSV" --data-binary @"$work/big.csv" -H 'Expect: 100-continue' >/dev/null
check insert_big_expect "200004" "$(c $U/ -d 'SELECT count() FROM t')"
gzip -c "$work/big.csv" | c "$U/?query=INSERT+INTO+t+FORMAT+CSV" -H 'Content-Encoding: gzip' --data-binary @- >/dev/null
check insert_gzip "400004" "$(c $U/ -d 'SELECT count() FROM t')"
seq 1 1000 | sed 's/$/,"chunked"/' | c "$U/?query=INSERT+INTO+t+FORMAT+CSV" -H 'Transfer-Encoding: chunked' --data-binary @- >/dev/null
check insert_chunked "1000" "$(c $U/ -d "SELECT count() FROM t WHERE s = 'chunked'")"
check insert_empty_body "200" "$(status "$U/?query=INSERT+INTO+t+FORMAT+CSV" -X POST -H 'Content-Length: 0')"
# a body cut off before its end commits nothing
{ printf 'POST /?query=INSERT+INTO+t+FORMAT+CSV HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n7,"cut"\n'; sleep 0.3; } |
    curl -s -m 5 telnet://127.0.0.1:$port >/dev/null 2>&1
check insert_cut_off "0" "$(c $U/ -d "SELECT count() FROM t WHERE s = 'cut'")"

# CustomSeparated in and out (the JS client's own round trips)
CS='format_custom_escaping_rule=CSV&format_custom_field_delimiter=%5E'
c $U/ -d 'CREATE TABLE cs (id UInt64, name String, sku Array(UInt8)) ENGINE = Memory' >/dev/null
printf '42^"foo"^"[1,2]"\n43^"bar"^"[3,4]"\n' | c "$U/?$CS&query=INSERT+INTO+cs+FORMAT+CustomSeparated" --data-binary @- >/dev/null
printf '"id"^"name"^"sku"\n"UInt64"^"String"^"Array(UInt8)"\n44^"baz"^"[5]"\n' | c "$U/?$CS&query=INSERT+INTO+cs+FORMAT+CustomSeparatedWithNamesAndTypes" --data-binary @- >/dev/null
check custom_round_trip '42^"foo"^"[1,2]" 43^"bar"^"[3,4]" 44^"baz"^"[5]"' "$(c "$U/?$CS" -d 'SELECT * FROM cs ORDER BY id FORMAT CustomSeparated' | tr '\n' ' ' | sed 's/ $//')"
check custom_bad_row "27" "$(printf '"foobar"^"42"^^\n' | curl -s -D - -o /dev/null "$U/?$CS&query=INSERT+INTO+cs+FORMAT+CustomSeparated" --data-binary @- | tr -d '\r' | sed -n 's/^X-ClickHouse-Exception-Code: //p')"
QS='format_custom_escaping_rule=Quoted&format_custom_field_delimiter=%2C+&format_custom_row_before_delimiter=(&format_custom_row_after_delimiter=)%0A&format_custom_row_between_delimiter=%3B%0A&format_custom_result_before_delimiter=BEGIN%0A&format_custom_result_after_delimiter=END%0A'
c "$U/?$QS" -d 'SELECT * FROM cs ORDER BY id FORMAT CustomSeparated' | c "$U/?$QS&query=INSERT+INTO+cs+FORMAT+CustomSeparated" --data-binary @- >/dev/null
check custom_quoted_round_trip "6	258" "$(c $U/ -d 'SELECT count(), sum(id) FROM cs')"

# RowBinary in: the JS client's example row, a round trip of every variant, a cut row
c $U/ -d 'CREATE TABLE rbin (id UInt64, name String, sku Array(UInt8), n Nullable(Int32)) ENGINE = Memory' >/dev/null
printf '\x2a\x00\x00\x00\x00\x00\x00\x00\x03foo\x02\x01\x02\x01' | c "$U/?query=INSERT+INTO+rbin+FORMAT+RowBinary" --data-binary @- >/dev/null
for F in RowBinary RowBinaryWithNames RowBinaryWithNamesAndTypes; do
    c $U/ -d "SELECT 43 + number AS id, 'x' AS name, [1::UInt8] AS sku, number::Nullable(Int32) AS n FROM numbers(2) FORMAT $F" |
        c "$U/?query=INSERT+INTO+rbin+FORMAT+$F" --data-binary @- >/dev/null
done
check rowbinary_in "42	foo	[1,2]	\\N" "$(c $U/ -d 'SELECT id, name, sku, n FROM rbin ORDER BY id LIMIT 1')"
check rowbinary_rows "7	303" "$(c $U/ -d 'SELECT count(), sum(id) FROM rbin')"
check rowbinary_cut "27" "$(printf '\x2a\x00\x00' | curl -s -D - -o /dev/null "$U/?query=INSERT+INTO+rbin+FORMAT+RowBinary" --data-binary @- | tr -d '\r' | sed -n 's/^X-ClickHouse-Exception-Code: //p')"

# bad rows: ClickHouse's codes (checked against ClickHouse 26.7 with the same rows)
c $U/ -d 'CREATE TABLE r (id UInt64, name String, sku Array(UInt8)) ENGINE = Memory' >/dev/null
bad() { printf "$2" | curl -s -m 10 -D - -o /dev/null "$U/?query=INSERT+INTO+r+FORMAT+$1" --data-binary @- | tr -d '\r' | sed -n 's/^X-ClickHouse-Exception-Code: //p'; }
check bad_csv_number "27" "$(bad CSV '"baz","foo","[1,2]"\n')"
check bad_tsv_delimiter "27" "$(bad TSV '42,foobar,"[1,2]"')"
check bad_tsv_few "27" "$(bad TSV 'foobar\t42\n')"
check bad_csv_extra "117" "$(bad CSV '1,"a","[1]",9\n')"
check bad_json_value "27" "$(bad JSONEachRow '{"id":"baz","name":"foo","sku":[0,1]}\n')"
check bad_header_type "117" "$(bad CSVWithNamesAndTypes '"id","name","sku"\n"UInt64","UInt64","Array(UInt8)"\n42,"foo","[1,2]"\n')"
check bad_header_type_text "Type of 'name' must be String, not UInt64" "$(printf '["id","name","sku"]\n["UInt64","UInt64","Array(UInt8)"]\n[42,"foo",[1,2]]\n' | c "$U/?query=INSERT+INTO+r+FORMAT+JSONCompactEachRowWithNamesAndTypes" --data-binary @- | grep -o "Type of 'name' must be String, not UInt64")"
check bad_rows_none_kept "0" "$(c $U/ -d 'SELECT count() FROM r')"

# ---- keep-alive, pipelining, a body left unread ----
raw=$(printf 'GET /?query=SELECT+11 HTTP/1.1\r\nHost: x\r\n\r\nPOST /?query=SELEC HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n 1234GET /?query=SELECT+12 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' |
    curl -s -m 5 telnet://127.0.0.1:$port 2>/dev/null | tr -d '\r')
check pipelined "200 400 200" "$(echo "$raw" | sed -n 's/^HTTP\/1.1 \([0-9]*\).*/\1/p' | tr '\n' ' ' | sed 's/ $//')"
check keep_alive_header "timeout=3" "$(header Keep-Alive "$U/?query=SELECT+1")"
check http10 "HTTP/1.0 200 OK" "$(printf 'GET /?query=SELECT+1 HTTP/1.0\r\n\r\n' | curl -s -m 5 telnet://127.0.0.1:$port 2>/dev/null | head -1 | tr -d '\r')"
check bad_request "400" "$(printf 'NOT A REQUEST\r\n\r\n' | curl -s -m 5 telnet://127.0.0.1:$port 2>/dev/null | head -1 | cut -d' ' -f2)"
check still_up "1" "$(c "$U/?query=SELECT+1")"

# ---- concurrent clients ----
for i in $(seq 1 20); do c "$U/?query=SELECT+sum(number)+FROM+numbers(100000)" > "$work/par.$i" & done
wait $(jobs -p | grep -v "^$pid$") 2>/dev/null
check concurrent "4999950000" "$(cat "$work"/par.* | sort -u | tr '\n' ' ' | sed 's/ $//')"

# ---- stop: SIGTERM, exit 0 ----
kill -TERM $pid
rc=0
for i in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then rc=timeout; kill -9 $pid; else wait $pid; rc=$?; fi
pid=""
check sigterm_exit "0" "$rc"
