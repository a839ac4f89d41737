-- Data-skipping indexes are rebuilt when parts merge and when a mutation
-- rewrites an indexed column; bad INDEX definitions give ClickHouse's errors.
CREATE TABLE t (k UInt64, v UInt64, s String,
    INDEX iv v TYPE minmax GRANULARITY 1,
    INDEX is s TYPE set(10) GRANULARITY 2,
    INDEX ib s TYPE bloom_filter GRANULARITY 1)
ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 64;
SYSTEM STOP MERGES t;
INSERT INTO t SELECT number, number * 2, concat('w', toString(intDiv(number, 500))) FROM numbers(3000);
INSERT INTO t SELECT number + 3000, (number + 3000) * 2, concat('w', toString(intDiv(number + 3000, 500))) FROM numbers(3000);
SELECT count(), sum(k) FROM t WHERE v BETWEEN 1000 AND 1500;
EXPLAIN indexes = 1 SELECT count() FROM t WHERE v BETWEEN 7000 AND 7100;
EXPLAIN indexes = 1 SELECT count() FROM t WHERE s = 'w9';
SYSTEM START MERGES t;
OPTIMIZE TABLE t FINAL;
SELECT count() FROM system.parts WHERE database = currentDatabase() AND table = 't' AND active;
SELECT count(), sum(k) FROM t WHERE v BETWEEN 1000 AND 1500;
EXPLAIN indexes = 1 SELECT count() FROM t WHERE v BETWEEN 7000 AND 7100;
EXPLAIN indexes = 1 SELECT count() FROM t WHERE s = 'w9';
-- an UPDATE of an indexed column: the new values are found, the old ones are gone
ALTER TABLE t UPDATE v = v + 100000 WHERE k < 100 SETTINGS mutations_sync = 1;
SELECT count() FROM t WHERE v > 100000;
SELECT count() FROM t WHERE v BETWEEN 0 AND 150;
EXPLAIN indexes = 1 SELECT count() FROM t WHERE v > 100000;
ALTER TABLE t UPDATE s = 'moved' WHERE k >= 5900 SETTINGS mutations_sync = 1;
SELECT count() FROM t WHERE s = 'moved';
SELECT count() FROM t WHERE s = 'w11';
-- an UPDATE of another column keeps the indexes
ALTER TABLE t UPDATE k = k WHERE 0 SETTINGS mutations_sync = 1; -- { serverError CANNOT_UPDATE_COLUMN }
ALTER TABLE t DELETE WHERE s = 'w0' SETTINGS mutations_sync = 1;
SELECT count() FROM t WHERE s = 'w0';
SELECT count() FROM t WHERE s = 'w1';
DELETE FROM t WHERE v < 1100;
SELECT count() FROM t WHERE v < 1200;
SELECT name, type, type_full, expr, granularity, data_compressed_bytes > 0 FROM system.data_skipping_indices WHERE database = currentDatabase() AND table = 't' ORDER BY name;
DROP TABLE t;
SELECT count() FROM system.data_skipping_indices WHERE database = currentDatabase();
CREATE TABLE b (x UInt64, INDEX i x TYPE minmax GRANULARITY 1, INDEX i x TYPE minmax GRANULARITY 1) ENGINE = MergeTree ORDER BY x; -- { serverError ILLEGAL_INDEX }
CREATE TABLE b (x UInt64, INDEX i x TYPE nosuch GRANULARITY 1) ENGINE = MergeTree ORDER BY x; -- { serverError INCORRECT_QUERY }
CREATE TABLE b (x UInt64, INDEX i x TYPE tokenbf_v1(256, 2, 0) GRANULARITY 1) ENGINE = MergeTree ORDER BY x; -- { serverError BAD_ARGUMENTS }
CREATE TABLE b (x UInt64, INDEX i y TYPE minmax GRANULARITY 1) ENGINE = MergeTree ORDER BY x; -- { serverError UNKNOWN_IDENTIFIER }
CREATE TABLE b (x UInt64, INDEX i x TYPE minmax GRANULARITY 1) ENGINE = Memory; -- { serverError BAD_ARGUMENTS }
CREATE TABLE b (x UInt64, INDEX i x TYPE set GRANULARITY 1) ENGINE = MergeTree ORDER BY x; -- { serverError INCORRECT_QUERY }
CREATE TABLE b (x UInt64, INDEX i x TYPE bloom_filter(2) GRANULARITY 1) ENGINE = MergeTree ORDER BY x; -- { serverError BAD_ARGUMENTS }
CREATE TABLE b (x UInt64, INDEX i x TYPE minmax GRANULARITY 0) ENGINE = MergeTree ORDER BY x; -- { serverError BAD_ARGUMENTS }
