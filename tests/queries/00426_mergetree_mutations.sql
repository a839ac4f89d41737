-- ALTER TABLE ... DELETE / UPDATE on MergeTree: results, part names, system.mutations
CREATE TABLE t (k UInt32, v String, p UInt8, n Nullable(Int64)) ENGINE = MergeTree PARTITION BY p ORDER BY k SETTINGS index_granularity = 3;
INSERT INTO t SELECT number, toString(number), number % 2, if(number % 3 = 0, NULL, number * 10) FROM numbers(10);
INSERT INTO t SELECT number + 10, toString(number), number % 2, number FROM numbers(10);
ALTER TABLE t DELETE WHERE k = 3;
SELECT count(), sum(k) FROM t;
SELECT name, rows, active FROM system.parts WHERE database = currentDatabase() AND table = 't' ORDER BY name;
SELECT mutation_id, command, block_numbers.partition_id, block_numbers.number, parts_to_do_names, parts_to_do, is_done, latest_failed_part, latest_fail_reason FROM system.mutations WHERE database = currentDatabase() AND table = 't';
ALTER TABLE t UPDATE v = concat(v, '!'), n = -1 WHERE k < 2 OR k > 17;
SELECT * FROM t ORDER BY k;
ALTER TABLE t DELETE WHERE k = 1, UPDATE v = 'second' WHERE k IN (2, 4);
SELECT * FROM t WHERE k < 6 ORDER BY k;
ALTER TABLE t UPDATE n = n + 1 WHERE n IS NOT NULL;
SELECT k, n FROM t ORDER BY k;
-- a predicate no row matches still renames every part
ALTER TABLE t UPDATE v = 'never' WHERE 0;
SELECT name, rows, active FROM system.parts WHERE database = currentDatabase() AND table = 't' AND active ORDER BY name;
SELECT mutation_id, command, is_done FROM system.mutations WHERE database = currentDatabase() AND table = 't' ORDER BY mutation_id;
-- a later insert is not touched; a merge keeps the highest mutation number
INSERT INTO t VALUES (100, 'late', 0, 7);
OPTIMIZE TABLE t FINAL;
SELECT name, rows, active FROM system.parts WHERE database = currentDatabase() AND table = 't' AND active ORDER BY name;
SELECT count(), sum(k), countIf(v = 'second') FROM t;
-- errors
ALTER TABLE t UPDATE k = 1 WHERE 1; -- { serverError CANNOT_UPDATE_COLUMN }
ALTER TABLE t UPDATE p = 1 WHERE 1; -- { serverError CANNOT_UPDATE_COLUMN }
ALTER TABLE t UPDATE zz = 1 WHERE 1; -- { serverError NO_SUCH_COLUMN_IN_TABLE }
ALTER TABLE t DELETE WHERE zz = 1; -- { serverError UNKNOWN_IDENTIFIER }
ALTER TABLE t UPDATE v = 'a', v = 'b' WHERE 1; -- { serverError MULTIPLE_ASSIGNMENTS_TO_COLUMN }
ALTER TABLE t DELETE WHERE 'abc'; -- { serverError BAD_ARGUMENTS }
SELECT count() FROM t;
-- a DELETE that empties a part leaves an empty active part
CREATE TABLE e (k UInt32, p UInt8) ENGINE = MergeTree PARTITION BY p ORDER BY k;
INSERT INTO e SELECT number, number % 2 FROM numbers(10);
ALTER TABLE e DELETE WHERE p = 1;
SELECT name, rows, active FROM system.parts WHERE database = currentDatabase() AND table = 'e' AND active ORDER BY name;
SELECT count(), sum(k) FROM e;
-- Memory tables mutate in place and keep no log
CREATE TABLE m (k UInt32, v String) ENGINE = Memory;
INSERT INTO m SELECT number, toString(number) FROM numbers(5);
ALTER TABLE m DELETE WHERE k = 1;
ALTER TABLE m UPDATE v = 'z' WHERE k = 2;
SELECT * FROM m ORDER BY k;
SELECT count() FROM system.mutations WHERE database = currentDatabase() AND table = 'm';
DELETE FROM m WHERE k = 3; -- { serverError BAD_ARGUMENTS }
