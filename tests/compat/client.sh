#!/usr/bin/env bash
# client.sh BASALT — `basalt client` against `basalt server` on free loopback
# ports: clickhouse-client's flags (-q, -n, -f, --param_x, settings as
# --name=value, --database, --user/--password, --time, --compression),
# INSERT data from stdin (streamed as compressed blocks), a 10-million-row
# SELECT with compression on and off, errors (text and exit status: the code
# modulo 256), Ctrl-C (SIGINT) cancelling a running query, and an
# interactive session under tmux (prompt, a multi-line statement, a
# result in colour, the progress bar with its percentage, Ctrl-C, exit). Prints "ok NAME" / "not ok NAME".
set -u
. "$(cd "$(dirname "$0")/../.." && pwd)/tests/http/lib.sh"
B=${1:?usage: client.sh BASALT}
work=$(mktemp -d /tmp/basalt-client.XXXXXX)
chmod 755 "$work"   # a server started as root runs as 65532 (server/sandbox.c): it must reach its data
pid=""
tsock="$work/tmux.sock"
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; tmux -S "$tsock" kill-server 2>/dev/null; rm -rf "$work"' EXIT

start_server_native "$B" "$work/data" "$work/log"
[ -n "$pid" ] || { echo "not ok client_server_start"; cat "$work/log"; exit 0; }
bc() { timeout 60 "$B" client --host 127.0.0.1 --port $tport "$@"; }

check bc_select "1	a	[1,2]	2024-01-02	\N" "$(bc -q "SELECT 1, 'a', [1, 2], toDate('2024-01-02'), NULL")"
check bc_format_flag '{"x":1}' "$(bc -f JSONEachRow -q "SELECT 1 AS x")"
check bc_format_clause '"a",2' "$(bc -q "SELECT 'a', 2 FORMAT CSV")"
check bc_param "42	hello" "$(bc --param_n=42 --param_s=hello -q "SELECT {n:UInt8}, {s:String}")"
check bc_setting "3" "$(bc --max_threads=3 -q "SELECT value FROM system.settings WHERE name = 'max_threads'")"
check bc_format_setting '{"x":"1"}' "$(bc --output_format_json_quote_64bit_integers=1 -q "SELECT toUInt64(1) AS x FORMAT JSONEachRow")"
check bc_statement_setting '{"x":1}' "$(bc -q "SELECT toUInt64(1) AS x SETTINGS output_format_json_quote_64bit_integers = 0 FORMAT JSONEachRow")"
check bc_set_then_format '{"x":"1"}' "$(bc -n -q "SET output_format_json_quote_64bit_integers = 1; SELECT toUInt64(1) AS x FORMAT JSONEachRow")"
check bc_multiquery "1|2|3" "$(printf 'SELECT 1;\nSELECT 2;\n\nSELECT 3\n' | bc -n | tr '\n' '|' | sed 's/|$//')"
check bc_unknown_setting "115" "$(bc --no_such_setting=1 -q "SELECT 1" 2>/dev/null; echo $?)"
check bc_secure_refused "88 344" "$(bc --secure -q "SELECT 1" 2>"$work/secure.err"; echo $?) $(grep -o "^Code: [0-9]*" "$work/secure.err" | cut -d" " -f2)"
check bc_create "" "$(bc -q "CREATE TABLE t (id UInt64, s String, d Date, a Array(UInt16), n Nullable(Int32)) ENGINE = MergeTree ORDER BY id")"
check bc_database "t" "$(bc --database default -q "SHOW TABLES")"
check bc_unknown_database "81" "$(bc --database nosuch -q "SELECT 1" 2>/dev/null; echo $?)"
# INSERT from stdin, parsed by the client and sent as compressed blocks
seq 1 300000 | awk '{printf "%d,\"s%d\",2024-01-%02d,\"[%d,%d]\",%s\n", $1, $1, $1 % 28 + 1, $1 % 100, $1 % 7, ($1 % 5 ? $1 : "\\N")}' >"$work/data.csv"
check bc_insert_csv "" "$(bc -q "INSERT INTO t FORMAT CSV" <"$work/data.csv")"
check bc_insert_tsv_uncompressed "" "$(seq 300001 301000 | awk '{printf "%d\ts%d\t2024-02-01\t[]\t%s\n", $1, $1, ($1 % 5 ? $1 : "\\N")}' | bc --compression 0 -q "INSERT INTO t FORMAT TSV")"
check bc_insert_values "" "$(bc -q "INSERT INTO t (id, s) VALUES (7, 'seven'), (8, 'eight')")"
check bc_insert_read_back "301002	45300650515	60202	5,\"s5\",\"2024-01-06\",\"[5,5]\",\N" \
    "$(bc -q "SELECT count(), sum(id), countIf(n IS NULL) FROM t")	$(bc -q "SELECT * FROM t WHERE id = 5 FORMAT CSV")"
check bc_insert_bad_row "27" "$(printf '1,x,2024-01-01,"[1]",1\nnot a number,y,2024-01-01,"[]",2\n' | bc -q "INSERT INTO t FORMAT CSV" 2>/dev/null; echo $?)"
# ten million rows, compressed and not
check bc_10m_compressed "10000000 9999999" "$(bc -q "SELECT number FROM numbers(10000000)" | awk 'END {print NR, $1}')"
check bc_10m_uncompressed "10000000 9999999" "$(bc --compression 0 -q "SELECT number FROM numbers(10000000)" | awk 'END {print NR, $1}')"
# errors: clickhouse-client's text, the code modulo 256 as exit status
check bc_error_text "Code: 60. DB::Exception: Received from 127.0.0.1:$tport. DB::Exception: Table default.nosuch does not exist. (UNKNOWN_TABLE)" \
    "$(bc -q "SELECT * FROM nosuch" 2>&1 >/dev/null)"
check bc_error_status "60" "$(bc -q "SELECT * FROM nosuch" 2>/dev/null; echo $?)"
check bc_syntax_error "62" "$(bc -q "SELEC 1" 2>/dev/null; echo $?)"
check bc_stops_at_error "1" "$(bc -n -q "SELECT 1; SELECT * FROM nosuch; SELECT 2" 2>/dev/null)"
check bc_unknown_format "73" "$(bc -q "SELECT 1 FORMAT NoSuchFormat" 2>/dev/null; echo $?)"
curl -s -m 10 "http://127.0.0.1:$port/" -d "CREATE USER cu IDENTIFIED BY 'cpw'" >/dev/null
curl -s -m 10 "http://127.0.0.1:$port/" -d "GRANT SELECT ON default.t TO cu" >/dev/null
check bc_user "301002" "$(bc --user cu --password cpw -q "SELECT count() FROM t")"
check bc_wrong_password "4" "$(bc --user cu --password nope -q "SELECT 1" 2>/dev/null; echo $?)"
check bc_denied "241" "$(bc --user cu --password cpw -q "DROP TABLE t" 2>/dev/null; echo $?)"
check bc_time "1" "$(bc --time -q "SELECT 1" 2>&1 >/dev/null | grep -cE '^[0-9]+\.[0-9]{3}$')"
check bc_refused "210" "$("$B" client --host 127.0.0.1 --port 1 -q "SELECT 1" 2>/dev/null; echo $?)"
# Ctrl-C (SIGINT) cancels the running query: the server stops it
"$B" client --host 127.0.0.1 --port $tport --query_id bc-cancel -q "SELECT count() FROM numbers(100000000000)" >"$work/cancel.out" 2>&1 &
cpid=$!
for i in $(seq 1 50); do [ "$(curl -s -m 5 "http://127.0.0.1:$port/" -d "SELECT count() FROM system.processes WHERE query_id = 'bc-cancel'")" = 1 ] && break; sleep 0.1; done
kill -INT $cpid
wait $cpid
check bc_cancel_status "138" "$?"
sleep 0.3
check bc_cancel_server "0" "$(curl -s -m 5 "http://127.0.0.1:$port/" -d "SELECT count() FROM system.processes WHERE query_id = 'bc-cancel'")"

# ---- interactive, under tmux: prompt, a multi-line statement, a result, progress, Ctrl-C, exit ----
if command -v tmux >/dev/null; then
    screen() { tmux -S "$tsock" capture-pane -p -t bc; }
    wait_for() {  # wait_for REGEX: up to 10 s
        for i in $(seq 1 100); do screen | grep -qE "$1" && return 0; sleep 0.1; done
        return 1
    }
    tmux -S "$tsock" new-session -d -s bc -x 160 -y 40 \
        "HOME=$work TERM=xterm $B client --host 127.0.0.1 --port $tport; echo CLIENT-EXITED \$?; sleep 30"
    wait_for ' :\)' && echo "ok tty_prompt" || { echo "not ok tty_prompt"; screen | sed 's/^/  /'; }
    tmux -S "$tsock" send-keys -t bc "SELECT 40 + 2 AS answer," Enter "'x' AS s" Enter '\;' Enter
    wait_for '1 row in set\. Elapsed' && echo "ok tty_footer" || { echo "not ok tty_footer"; screen | sed 's/^/  /'; }
    check tty_multiline_result "1" "$(screen | grep -cE '^1\. │ +42 │ x │$')"
    check tty_continuation_prompt "1" "$(screen | grep -c ':-\] ' | awk '{print ($1 >= 1)}')"
    # on a terminal PrettyCompact is coloured as clickhouse-client's: bold names, grey row numbers
    check tty_colours "1 1" "$(tmux -S "$tsock" capture-pane -e -p -t bc | grep -c $'\e\\[1manswer' | tr '\n' ' ')$(tmux -S "$tsock" capture-pane -e -p -t bc | grep -c $'\e\\[90m1\\. ')"
    # the progress line of a long query, then Ctrl-C cancels it
    tmux -S "$tsock" send-keys -t bc "SELECT count() FROM numbers(100000000000)\;" Enter
    wait_for 'Progress: .* rows/s\..* +[0-9]+%$' && echo "ok tty_progress" || { echo "not ok tty_progress"; screen | sed 's/^/  /'; }
    tmux -S "$tsock" send-keys -t bc C-c
    wait_for 'Code: 394' && echo "ok tty_ctrl_c_cancels" || { echo "not ok tty_ctrl_c_cancels"; screen | sed 's/^/  /'; }
    # Ctrl-C at the prompt drops the line being typed; history recalls the last statement
    tmux -S "$tsock" send-keys -t bc "SELECT 'dropped'" C-c
    tmux -S "$tsock" send-keys -t bc Up Up Enter
    sleep 1
    check tty_history "2" "$(screen | grep -cE '^1\. │ +42 │ x │$')"
    check tty_ctrl_c_drops_line "0" "$(screen | grep -c '│ dropped')"
    tmux -S "$tsock" send-keys -t bc "exit" Enter
    wait_for 'CLIENT-EXITED 0' && echo "ok tty_exit" || { echo "not ok tty_exit"; screen | sed 's/^/  /'; }
    check tty_history_file "2" "$(grep -c "SELECT 40 + 2 AS answer, 'x' AS s ;" "$work/.basalt-client-history")"
    tmux -S "$tsock" kill-server 2>/dev/null
    # a second Ctrl-C while the query is being cancelled leaves the client at once
    tsock="$tsock.2"
    tmux -S "$tsock" new-session -d -s bc -x 160 -y 40 \
        "HOME=$work TERM=xterm $B client --host 127.0.0.1 --port $tport; echo CLIENT-EXITED \$?; sleep 30"
    wait_for ' :\)' || true
    tmux -S "$tsock" send-keys -t bc "SELECT sleep(3)\;" Enter   # the server sees the Cancel only after the sleep
    sleep 0.5
    tmux -S "$tsock" send-keys -t bc C-c
    wait_for 'Cancelling query' || true
    tmux -S "$tsock" send-keys -t bc C-c
    wait_for 'CLIENT-EXITED 138' && echo "ok tty_second_ctrl_c_exits" || { echo "not ok tty_second_ctrl_c_exits"; screen | sed 's/^/  /'; }
    tmux -S "$tsock" kill-server 2>/dev/null
else
    echo "ok tty_skipped (tmux is not installed)"
fi

kill -TERM $pid
for i in $(seq 1 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
if kill -0 $pid 2>/dev/null; then kill -9 $pid; echo "not ok client_server_stop"; else wait $pid && echo "ok client_server_stop" || echo "not ok client_server_stop"; fi
pid=""
