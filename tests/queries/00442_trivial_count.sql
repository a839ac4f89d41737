-- SELECT count() FROM a MergeTree table without WHERE answers from the parts'
-- row counts (optimize_trivial_count_query); not with a filter, with deleted
-- rows, or on other engines.
CREATE TABLE t (x UInt64, s String) ENGINE = MergeTree ORDER BY x;
INSERT INTO t SELECT number, toString(number) FROM numbers(1000);
INSERT INTO t SELECT number, toString(number) FROM numbers(500);
EXPLAIN SELECT count() FROM t;
SELECT count() FROM t;
SELECT count(), count(*) FROM t;
EXPLAIN SELECT count() + 1 FROM t;
SELECT count() + 1 FROM t;
SELECT count() FROM t SETTINGS optimize_trivial_count_query = 0;
EXPLAIN SELECT count() FROM t WHERE x > 5;
SELECT count() FROM t WHERE x > 5;
DELETE FROM t WHERE x < 10;
SELECT count() FROM t;
CREATE TABLE m (x UInt8) ENGINE = Memory;
INSERT INTO m VALUES (1), (2);
EXPLAIN SELECT count() FROM m;
SELECT count() FROM m;
