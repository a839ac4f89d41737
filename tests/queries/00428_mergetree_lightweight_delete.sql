-- lightweight DELETE FROM: rows masked at once, parts keep their rows until a merge
CREATE TABLE t (k UInt32, s String, p UInt8) ENGINE = MergeTree PARTITION BY p ORDER BY k SETTINGS index_granularity = 4;
INSERT INTO t SELECT number, repeat('x', number % 7), number % 2 FROM numbers(40);
INSERT INTO t SELECT number + 100, 'second', 0 FROM numbers(5);
DELETE FROM t WHERE k % 5 = 0;
SELECT count(), sum(k), min(k), max(k) FROM t;
SELECT k FROM t WHERE k < 12 ORDER BY k;
SELECT name, rows, active, has_lightweight_delete FROM system.parts WHERE database = currentDatabase() AND table = 't' AND active ORDER BY name;
SELECT mutation_id, command, is_done FROM system.mutations WHERE database = currentDatabase() AND table = 't';
-- a second delete on the same parts adds to the mask
DELETE FROM t WHERE k IN (1, 2, 101);
SELECT count(), sum(k) FROM t;
SELECT p, count() FROM t GROUP BY p ORDER BY p;
-- the mask can be switched off
SELECT count() FROM t SETTINGS apply_deleted_mask = 0;
-- an UPDATE keeps the mask; a classic DELETE drops the masked rows for good
ALTER TABLE t UPDATE s = 'upd' WHERE k < 10;
SELECT k, s FROM t WHERE k < 10 ORDER BY k;
SELECT count() FROM t SETTINGS apply_deleted_mask = 0;
ALTER TABLE t DELETE WHERE k = 104;
SELECT name, rows, has_lightweight_delete FROM system.parts WHERE database = currentDatabase() AND table = 't' AND active ORDER BY name;
-- merges drop the deleted rows
OPTIMIZE TABLE t FINAL;
SELECT name, rows, has_lightweight_delete FROM system.parts WHERE database = currentDatabase() AND table = 't' AND active ORDER BY name;
SELECT count(), sum(k) FROM t;
-- with FINAL on a ReplacingMergeTree
CREATE TABLE r (k UInt32, v UInt32) ENGINE = ReplacingMergeTree ORDER BY k;
INSERT INTO r VALUES (1, 1), (2, 1), (3, 1);
INSERT INTO r VALUES (1, 2), (2, 2);
DELETE FROM r WHERE v = 2 AND k = 1;
SELECT * FROM r FINAL ORDER BY k;
SELECT * FROM r ORDER BY k, v;
DELETE FROM r WHERE 1;
SELECT count() FROM r;
