#!/usr/bin/env bash
# storage.sh BASALT — MergeTree on disk, through `basalt local --path`:
# metadata and data survive restarts; DROP removes data; corrupt files are
# refused with ClickHouse's errors (never a crash) and reported by CHECK
# TABLE while other tables keep working; a broken part is detached at start;
# and the crash test: inserting processes killed with SIGKILL at random
# moments lose no acknowledged INSERT and never show a partial one; mutations
# all or nothing; skip indexes read back by a later process, corrupt ones refused;
# a bulk INSERT holds merges off until it ends; the query condition cache
# never hides rows a changed DEFAULT makes match; ALTER RENAME / DROP COLUMN
# rewrite the parts' files, so a later process reads renamed data and never
# a dropped column's.
# Prints "ok NAME" / "not ok NAME" per check (run-tests.sh counts them).
set -u
B=${1:?usage: storage.sh BASALT}
work=$(mktemp -d /tmp/basalt-storage.XXXXXX)
trap 'kill -9 $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

check() {  # check NAME EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then echo "ok $1"; else echo "not ok $1"; printf '  expected: %q\n  actual:   %q\n' "$2" "$3"; fi
}
q() { "$B" local --path "$work/$1" -q "$2" 2>"$work/err"; }

# flip_byte FILE OFFSET: xor one byte with 0xff
flip_byte() {
    local b
    b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
    printf "$(printf '\\%03o' $((b ^ 255)))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# ---- persistence ----
q p "CREATE TABLE t (k UInt32, s String, d Date) ENGINE = MergeTree PARTITION BY toYYYYMM(d) ORDER BY k;
     INSERT INTO t SELECT number, toString(number), toDate('2024-01-15') + number % 40 FROM numbers(5000);
     CREATE TABLE m (x UInt8) ENGINE = Memory; INSERT INTO m VALUES (1);
     CREATE VIEW v AS SELECT count() AS c FROM t;
     CREATE DATABASE other; CREATE TABLE other.\`odd name\` (a UInt8) ENGINE = MergeTree ORDER BY a;
     INSERT INTO other.\`odd name\` VALUES (7)" >/dev/null
check restart_data "5000	12497500" "$(q p "SELECT count(), sum(k) FROM t")"
check restart_view "5000" "$(q p "SELECT * FROM v")"
check restart_memory_empty "0" "$(q p "SELECT count() FROM m")"
check restart_odd_names "7" "$(q p "SELECT a FROM other.\`odd name\`")"
check restart_parts "2" "$(q p "SELECT count() FROM system.parts WHERE table = 't' AND active")"
q p "INSERT INTO t SELECT number + 5000, 'x', toDate('2024-01-15') FROM numbers(10)" >/dev/null
check restart_block_numbers "202401_3_3_0" "$(q p "SELECT name FROM system.parts WHERE table = 't' AND rows = 10")"
mkdir -p "$work/p/data/default/t/tmp_insert_202401_9_9_0"
q p "SELECT 1" >/dev/null
check tmp_parts_removed "no" "$([ -e "$work/p/data/default/t/tmp_insert_202401_9_9_0" ] && echo yes || echo no)"
q p "DROP TABLE t" >/dev/null
check drop_removes_data "no" "$([ -e "$work/p/data/default/t" ] && echo yes || echo no)"

# ---- ALTER RENAME / DROP COLUMN reach the parts: a later process reads the renamed data, not the dropped ----
q rn "CREATE TABLE r (k UInt32, a String, b UInt8) ENGINE = MergeTree ORDER BY k; INSERT INTO r VALUES (1, 'x', 5), (2, 'y', 6);
      ALTER TABLE r RENAME COLUMN a TO a2; ALTER TABLE r DROP COLUMN b; ALTER TABLE r ADD COLUMN b UInt8" >/dev/null
check rename_column_restart "1 x 0|2 y 0" "$(q rn "SELECT k, a2, b FROM r ORDER BY k" | tr '\t\n' ' |' | sed 's/ |/|/g; s/|$//')"
check rename_column_files "a2.bin" "$(ls "$work"/rn/data/default/r/*/ | grep -E '^(a|a2|b)\.bin$' | tr '\n' ' ' | sed 's/ $//')"
check drop_removes_metadata "no" "$([ -e "$work/p/metadata/default/t.sql" ] && echo yes || echo no)"

# ---- corruption ----
q c "CREATE TABLE t (k UInt64, s String) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 64;
     INSERT INTO t SELECT number, repeat('abc', number % 7) FROM numbers(3000);
     CREATE TABLE ok (a UInt8) ENGINE = MergeTree ORDER BY a; INSERT INTO ok VALUES (1)" >/dev/null
part=$(ls -d "$work"/c/data/default/t/all_*)
cp -r "$part" "$work/pristine"
flip_byte "$part/s.bin" 40
q c "SELECT max(s) FROM t" >/dev/null; rc=$?
check corrupt_bin_exit "40" "$rc"
check corrupt_bin_error "(CHECKSUM_DOESNT_MATCH)" "$(tr -d '\n' < "$work/err" | grep -o '([A-Z_]*)$')"
check corrupt_bin_check_table "0" "$(q c "CHECK TABLE t" | cut -f2)"
check corrupt_other_table_ok "1	1" "$(q c "SELECT a FROM ok; SELECT count() FROM t WHERE k = 5" | tr '\n' '\t' | cut -f1,2)"
cp "$work/pristine/s.bin" "$part/s.bin"
# a query needing only lengths reads the size stream, checked the same way
flip_byte "$part/s.size.bin" 40
q c "SELECT sum(length(s)) FROM t" >/dev/null; rc=$?
check corrupt_size_exit "40" "$rc"
check corrupt_size_check_table "0" "$(q c "CHECK TABLE t" | cut -f2)"
cp "$work/pristine/s.size.bin" "$part/s.size.bin"
flip_byte "$part/k.mrk" 100
q c "SELECT sum(k) FROM t" >/dev/null; rc=$?
check corrupt_mrk_exit "40" "$rc"
check corrupt_mrk_check_table "0" "$(q c "CHECK TABLE t" | cut -f2)"
cp "$work/pristine/k.mrk" "$part/k.mrk"
check repaired_check_table "1" "$(q c "CHECK TABLE t" | cut -f2)"
flip_byte "$part/pk.bin" 30
out=$(q c "SELECT count() FROM t; SELECT count() FROM ok")
check corrupt_pk_detached "0 1" "$(echo $out)"
check corrupt_pk_logged "yes" "$(grep -q 'broken part all_1_1_0' "$work/err" && echo yes || echo no)"
check corrupt_pk_moved "yes" "$([ -d "$work/c/data/default/t/detached/broken-on-start_all_1_1_0" ] && echo yes || echo no)"
q c "INSERT INTO t VALUES (1, 'x')" >/dev/null
# detached parts do not count for block numbers (as in ClickHouse)
check insert_after_detach "all_1_1_0	1" "$(q c "SELECT name, rows FROM system.parts WHERE table = 't'")"

# ---- crash test: SIGKILL while inserting, several processes at once ----
"$B" local --path "$work/k" -q "CREATE TABLE t (batch UInt32, i UInt32) ENGINE = MergeTree ORDER BY (batch, i) SETTINGS index_granularity = 128" >/dev/null
worker() {  # worker ID FIRST_BATCH: inserts batches, printing "ack N" once each INSERT returned
    local sql="" b
    for b in $(seq "$2" $(($2 + 39))); do
        sql+="INSERT INTO t SELECT $b, number FROM numbers(500); SELECT 'ack', $b;"$'\n'
    done
    printf '%s' "$sql" | "$B" local --path "$work/k" >>"$work/acks.$1" 2>/dev/null
}
{ for round in $(seq 1 8); do
    worker a $((round * 1000)) & pa=$!
    worker b $((round * 1000 + 100)) & pb=$!
    worker c $((round * 1000 + 200)) & pc=$!
    sleep "0.$((RANDOM % 6 + 1))"
    kill -9 $pa 2>/dev/null
    sleep "0.$((RANDOM % 4))"
    kill -9 $pb $pc 2>/dev/null
    wait $pa $pb $pc 2>/dev/null
done; } 2>/dev/null
cat "$work"/acks.* 2>/dev/null | awk '$1 == "ack" {print $2}' | sort -n > "$work/acked"
"$B" local --path "$work/k" -q "SELECT batch, count() FROM t GROUP BY batch ORDER BY batch" > "$work/present" 2>&1
lost=$(join -v1 "$work/acked" <(cut -f1 "$work/present") | wc -l)
partial=$(awk -F'\t' '$2 != 500' "$work/present" | wc -l)
check crash_acked_present "0" "$lost"
check crash_no_partial_insert "0" "$partial"
check crash_some_acked "yes" "$([ -s "$work/acked" ] && echo yes || echo no)"
check crash_parts_intact "" "$("$B" local --path "$work/k" -q "CHECK TABLE t" | awk -F'\t' '$2 != 1')"
check crash_no_broken_parts "no" "$([ -d "$work/k/data/default/t/detached" ] && echo yes || echo no)"

# ---- crash points: the process dies just before the Nth fsync / rename ----
"$B" local --path "$work/f" -q "CREATE TABLE t (b UInt32, i UInt32) ENGINE = MergeTree ORDER BY (b, i)" >/dev/null
bad=0
id=0
for op in fsync rename write; do
    for n in 1 2 3 5 8; do
        id=$((id + 1))
        BASALT_FS_CRASH="$op:$n" "$B" local --path "$work/f" -q "INSERT INTO t SELECT $id, number FROM numbers(300); INSERT INTO t SELECT $id + 100, number FROM numbers(300)" >/dev/null 2>&1
        res=$("$B" local --path "$work/f" -q "SELECT countIf(c != 300) FROM (SELECT b, count() AS c FROM t GROUP BY b); CHECK TABLE t" 2>&1 | awk -F'\t' 'NR == 1 && $1 != 0 {print "partial"} NR > 1 && $2 != 1 {print "broken"}')
        [ -z "$res" ] || bad=$((bad + 1))
    done
done
check crash_points_consistent "0" "$bad"
check crash_points_no_tmp "" "$(ls "$work/f/data/default/t" | grep '^tmp_')"
# an injected write failure is an error, not a crash, and leaves nothing behind
BASALT_FS_FAULT="write:2" "$B" local --path "$work/f" -q "INSERT INTO t SELECT 999, number FROM numbers(10)" >/dev/null 2>"$work/err"; rc=$?
check write_fault_error "yes" "$([ $rc -ne 0 ] && [ $rc -lt 128 ] && echo yes || echo no)"
check write_fault_no_rows "0" "$(q f "SELECT count() FROM t WHERE b = 999")"

# ---- mutations: durable, and all or nothing across crashes ----
q u "CREATE TABLE t (k UInt32, v UInt32, s String) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 100;
     INSERT INTO t SELECT number, 1, 'a' FROM numbers(1000);
     INSERT INTO t SELECT number + 1000, 1, 'b' FROM numbers(1000);
     ALTER TABLE t UPDATE s = 'c' WHERE k % 10 = 0;
     DELETE FROM t WHERE k < 100" >/dev/null
check mutation_restart_rows "1900	190" "$(q u "SELECT count(), countIf(s = 'c') FROM t")"
check mutation_restart_log "2	2" "$(q u "SELECT count(), sum(is_done) FROM system.mutations WHERE table = 't'")"
check mutation_restart_mask "2000" "$(q u "SELECT count() FROM t SETTINGS apply_deleted_mask = 0")"
bad=0
for op in rename fsync; do
    for n in 1 2 3 4 6 9; do
        before=$(q u "SELECT sum(v) FROM t")
        BASALT_FS_CRASH="$op:$n" "$B" local --path "$work/u" -q "ALTER TABLE t UPDATE v = v + 1 WHERE 1" >/dev/null 2>&1
        after=$(q u "SELECT sum(v) FROM t")
        # the restart above finished a logged mutation, or there was none
        [ "$after" == "$before" ] || [ "$after" == "$((before + 1900))" ] || bad=$((bad + 1))
        [ -z "$(q u "CHECK TABLE t" | awk -F'\t' '$2 != 1')" ] || bad=$((bad + 1))
    done
done
check mutation_crash_all_or_nothing "0" "$bad"
check mutation_crash_done "0" "$(q u "SELECT count() FROM system.mutations WHERE table = 't' AND NOT is_done")"
check mutation_crash_no_tmp "" "$(ls "$work/u/data/default/t" | grep '^tmp_')"
q u "ALTER TABLE t DROP PARTITION tuple()" >/dev/null
check drop_partition_persists "0" "$(q u "SELECT count() FROM t")"

# ---- data-skipping indexes: read back by a later process; corrupt index files refused ----
q s "CREATE TABLE t (k UInt64, v UInt64, INDEX iv v TYPE minmax GRANULARITY 1, INDEX ib v TYPE bloom_filter GRANULARITY 1)
     ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 100;
     INSERT INTO t SELECT number, number * 7 FROM numbers(10000)" >/dev/null
check skip_restart_rows "1" "$(q s "SELECT count() FROM t WHERE v = 7000")"
check skip_restart_granules "Granules: 1/100" "$(q s "EXPLAIN indexes = 1 SELECT count() FROM t WHERE v = 7000" | grep -A4 'Name: iv' | grep -o 'Granules: .*')"
check skip_restart_indices "iv minmax 1" "$(q s "SELECT name, type, data_compressed_bytes > 0 FROM system.data_skipping_indices WHERE table = 't' AND name = 'iv'" | tr '\t' ' ')"
flip_byte "$work/s/data/default/t/all_1_1_0/skp_idx_iv.idx" 30
q s "SELECT count() FROM t WHERE v = 7000" >/dev/null; rc=$?
check corrupt_skip_index_exit "40" "$rc"
check corrupt_skip_index_check_table "0" "$(q s "CHECK TABLE t" | cut -f2)"
check corrupt_skip_index_unused_ok "10000" "$(q s "SELECT count() FROM t WHERE v = 7000 OR k >= 0 SETTINGS use_skip_indexes = 0")"

# ---- AggregatingMergeTree: states written by one process, merged and read by the next ----
q ag "CREATE TABLE a (k UInt8, s AggregateFunction(sum, UInt64), u AggregateFunction(uniqExact, String)) ENGINE = AggregatingMergeTree ORDER BY k;
      INSERT INTO a SELECT number % 2, sumState(number), uniqExactState(toString(number)) FROM numbers(10) GROUP BY number % 2;
      INSERT INTO a SELECT number % 2, sumState(number), uniqExactState(toString(number)) FROM numbers(5, 10) GROUP BY number % 2" >/dev/null
check aggregating_restart "0 70 8 1 70 7" "$(q ag "SELECT k, sumMerge(s), uniqExactMerge(u) FROM a GROUP BY k ORDER BY k" | tr '\t\n' '  ' | sed 's/ $//')"
q ag "OPTIMIZE TABLE a FINAL" >/dev/null
check aggregating_merged_rows "2" "$(q ag "SELECT count() FROM a")"
check aggregating_merged_values "0 70 8 1 70 7" "$(q ag "SELECT k, finalizeAggregation(s), finalizeAggregation(u) FROM a ORDER BY k" | tr '\t\n' '  ' | sed 's/ $//')"

# ---- system.merges shows a merge while it runs (slowed by a test hook) ----
ins=""
for i in 1 2 3 4 5 6; do ins+="INSERT INTO t SELECT number FROM numbers(10000);"; done
# look up to 10 times, 0.3 s apart (a busy machine may start the merge late)
look=""
for i in 1 2 3 4 5 6 7 8 9 10; do
    look+="SELECT sleep(0.3); SELECT table, num_parts >= 2, result_part_name LIKE 'all_%_1', is_mutation, merge_type FROM system.merges;"
done
out=$(BASALT_TEST_MERGE_SLEEP_MS=300 "$B" local --path "$work/mg" -q "CREATE TABLE t (k UInt64) ENGINE = MergeTree ORDER BY k; $ins $look" 2>&1)
out=$(printf '%s\n' "$out" | grep -m1 '^t	' || true)
check system_merges_running "t	1	1	0	Regular" "$out"
check system_merges_idle "0" "$(q mg "SELECT count() FROM system.merges")"

# ---- a bulk INSERT holds background merges off until it ends ----
# 10 blocks of 100 rows, the input pausing for 2.5 s after 6 of them (time
# for the merger to wake): 10 parts, none merged while the INSERT runs; then
# the background merger takes them (looked for up to 10 times, 0.3 s apart).
look=""
for i in 1 2 3 4 5 6 7 8 9 10; do look+="SELECT sleep(0.3); SELECT 'parts', count() FROM system.parts WHERE table = 't' AND active;"; done
out=$( { seq 1 600; sleep 2.5; seq 601 1000; } | "$B" local --path "$work/bulk" -q "CREATE TABLE t (k UInt64) ENGINE = MergeTree ORDER BY k;
    INSERT INTO t SETTINGS max_insert_block_size = 100 FORMAT TSV;
    SELECT 'after', count(), max(level) FROM system.parts WHERE table = 't' AND active; $look" 2>&1)
check bulk_insert_no_merges "after	10	0" "$(printf '%s\n' "$out" | grep '^after')"
check bulk_insert_merged_after "parts	1" "$(printf '%s\n' "$out" | grep '^parts' | tail -1)"
check bulk_insert_rows "1000	500500" "$(q bulk "SELECT count(), sum(k) FROM t")"

# ---- the query condition cache and a DEFAULT changed by ALTER ----
# A part without column d reads d's DEFAULT, so its misses for `d = 1` are not
# remembered: after MODIFY ... DEFAULT 1 every row matches. basalt deliberately
# differs from ClickHouse 26.7 here, whose cache answers 0 (stale) while the
# same query with use_query_condition_cache = 0 answers 500.
check condcache_default_changed "0 500 500" "$(q qd "CREATE TABLE t (k UInt64) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 10;
    INSERT INTO t SELECT number FROM numbers(500);
    ALTER TABLE t ADD COLUMN d UInt8 DEFAULT 0;
    SELECT count() FROM t WHERE d = 1;
    ALTER TABLE t MODIFY COLUMN d UInt8 DEFAULT 1;
    SELECT count() FROM t WHERE d = 1;
    SELECT count() FROM t WHERE d = 1 SETTINGS use_query_condition_cache = 0" | tr '\n' ' ' | sed 's/ $//')"
