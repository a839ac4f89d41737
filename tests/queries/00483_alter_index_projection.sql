-- ALTER TABLE ... ADD / DROP / MATERIALIZE INDEX, ADD / DROP PROJECTION
CREATE TABLE t (id UInt64, s String, v Int32) ENGINE = MergeTree ORDER BY id SETTINGS index_granularity = 4;
INSERT INTO t SELECT number, toString(number), number % 7 FROM numbers(100);
ALTER TABLE t ADD INDEX idx_s s TYPE bloom_filter(0.01) GRANULARITY 1;
ALTER TABLE t ADD INDEX IF NOT EXISTS idx_s s TYPE set(10) GRANULARITY 1;
ALTER TABLE t ADD INDEX idx_v v TYPE minmax GRANULARITY 2 FIRST;
ALTER TABLE t ADD INDEX idx_s s TYPE set(10) GRANULARITY 1; -- { serverError ILLEGAL_COLUMN }
ALTER TABLE t MATERIALIZE INDEX idx_s;
INSERT INTO t SELECT number + 100, toString(number + 100), number % 7 FROM numbers(100);
SHOW CREATE TABLE t;
SELECT name, type, expr, granularity FROM system.data_skipping_indices WHERE database = currentDatabase() AND table = 't' ORDER BY name;
SELECT count() FROM t WHERE s = '150';
SELECT count() FROM t WHERE s = '50';
SELECT count() FROM t WHERE v = 3;
ALTER TABLE t DROP INDEX idx_v;
ALTER TABLE t DROP INDEX idx_v; -- { serverError BAD_ARGUMENTS }
ALTER TABLE t DROP INDEX IF EXISTS idx_v;
ALTER TABLE t ADD PROJECTION p (SELECT v, count() GROUP BY v);
ALTER TABLE t MATERIALIZE PROJECTION p;
SELECT v, count() FROM t GROUP BY v ORDER BY v;
ALTER TABLE t DROP PROJECTION p;
SELECT name FROM system.data_skipping_indices WHERE database = currentDatabase() AND table = 't' ORDER BY name;
OPTIMIZE TABLE t FINAL;
SELECT count() FROM t WHERE s = '7';
