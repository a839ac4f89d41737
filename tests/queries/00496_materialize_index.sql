-- ALTER TABLE ... MATERIALIZE INDEX (issue 8): parts written before ADD INDEX get the index, so it skips
-- their granules too (EXPLAIN indexes = 1 before and after); the rows stay the same.
DROP TABLE IF EXISTS mi;
CREATE TABLE mi (k UInt64, v UInt64) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 100;
INSERT INTO mi SELECT number, number * 3 FROM numbers(10000);
ALTER TABLE mi ADD INDEX iv v TYPE minmax GRANULARITY 1;
SELECT count(), sum(k) FROM mi WHERE v = 15003;
EXPLAIN indexes = 1 SELECT count() FROM mi WHERE v = 15003;
ALTER TABLE mi MATERIALIZE INDEX iv SETTINGS mutations_sync = 2;
EXPLAIN indexes = 1 SELECT count() FROM mi WHERE v = 15003;
SELECT count(), sum(k) FROM mi WHERE v = 15003;
SELECT count(), sum(v) FROM mi;
SELECT command, is_done FROM system.mutations WHERE database = currentDatabase() AND table = 'mi';

DROP TABLE mi;
