#!/usr/bin/env bash
# cli.sh BASALT — checks of `basalt local` as a command: flags of
# clickhouse-local, exit codes, error text on stderr, the temporary data
# directory. Prints "ok NAME" / "not ok NAME" per check (run-tests.sh counts them).
set -u
B=${1:?usage: cli.sh BASALT}
work=$(mktemp -d /tmp/basalt-cli.XXXXXX)
trap 'rm -rf "$work"' EXIT

check() {  # check NAME EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then echo "ok $1"; else echo "not ok $1"; printf '  expected: %q\n  actual:   %q\n' "$2" "$3"; fi
}

check query_flag "1" "$("$B" local -q "SELECT 1")"
check long_query_flag "2" "$("$B" local --query "SELECT 2")"
check several_statements "$(printf '1\n2')" "$("$B" local -q "SELECT 1; SELECT 2")"
check stdin_statements "$(printf '3\nx')" "$(printf "SELECT 3;\nSELECT 'x';\n" | "$B" local)"
check insert_data_from_stdin '{"a":1,"b":"x"}' "$(printf '1,x\n' | "$B" local -q "CREATE TABLE t (a UInt8, b String) ENGINE = Memory; INSERT INTO t FORMAT CSV; SELECT * FROM t FORMAT JSONEachRow")"
check insert_data_inline "2" "$("$B" local -q "CREATE TABLE t (a UInt8) ENGINE = Memory; INSERT INTO t FORMAT CSV 2
SELECT * FROM t")"
check default_format_tsv "$(printf '1\ta\\tb')" "$("$B" local -q "SELECT 1, 'a\tb'")"
check format_flag '"a",1' "$("$B" local -f CSV -q "SELECT 'a', 1")"
check long_format_flag '{"x":1}' "$("$B" local --format JSONEachRow -q "SELECT 1 AS x")"
check output_format_flag '"a"' "$("$B" local --output-format CSV -q "SELECT 'a'")"
check param_flag "5	hi" "$("$B" local --param_n=5 --param_s=hi -q "SELECT {n:UInt8}, {s:String}")"
check database_flag "system" "$("$B" local --database system -q "SELECT currentDatabase()")"
printf 'CREATE TABLE t (a UInt8) ENGINE = Memory;\nINSERT INTO t FORMAT CSV;\nSELECT sum(a) FROM t;\n' > "$work/q.sql"
check queries_file "6" "$(printf '1\n2\n3\n' | "$B" local --queries-file "$work/q.sql")"
"$B" local --queries-file "$work/none.sql" 2>"$work/err"; rc=$?
check queries_file_missing "76 (CANNOT_OPEN_FILE)" "$rc $(grep -o '([A-Z_]*)$' "$work/err")"
check setting_flag "7" "$("$B" local --max_threads 7 -q "SELECT getSetting('max_threads')")"
check setting_flag_eq "9" "$("$B" local --max_block_size=9 -q "SELECT getSetting('max_block_size')")"

# errors: ClickHouse's text on stderr, non-zero exit, the first error stops the run
out=$("$B" local -q "SELECT 1; SELEC 2; SELECT 3" 2>"$work/err"); rc=$?
check error_stops_run "1" "$out"
check error_exit_code "62" "$rc"
check error_text_prefix "Code: 62. DB::Exception: Syntax error" "$(head -c 37 "$work/err")"
check error_text_suffix "(SYNTAX_ERROR)" "$(tr -d '\n' < "$work/err" | grep -o '([A-Z_]*)$')"
"$B" local -q "SELECT * FROM nope" 2>"$work/err"; rc=$?
check unknown_table_exit "60" "$rc"
check unknown_table_name "(UNKNOWN_TABLE)" "$(tr -d '\n' < "$work/err" | grep -o '([A-Z_]*)$')"

# --time prints the elapsed seconds of each query on stderr
"$B" local --time -q "SELECT 1" >/dev/null 2>"$work/time"
check time_flag "yes" "$(grep -Eq '^[0-9]+\.[0-9]{3}$' "$work/time" && echo yes || echo no)"

# without --path the data lives in a temporary directory, removed at exit
mkdir "$work/tmp"
TMPDIR="$work/tmp" "$B" local -q "CREATE TABLE t (x UInt8) ENGINE = Memory; INSERT INTO t VALUES (1); SELECT x FROM t" >/dev/null
check temp_dir_removed "" "$(ls -A "$work/tmp")"
# with --path the directory is used (and kept)
"$B" local --path "$work/data" -q "SELECT 1" >/dev/null
check path_dir_kept "yes" "$([ -d "$work/data" ] && echo yes || echo no)"

# help and version
check version_flag "yes" "$("$B" local --version 2>&1 | grep -q '[0-9]\+\.[0-9]\+' && echo yes || echo no)"
check unknown_command "yes" "$("$B" nosuchcommand >/dev/null 2>&1 && echo no || echo yes)"
