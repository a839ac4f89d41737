-- A String used only through its length (length, empty, notEmpty, = '',
-- != '') is read from the part's size stream (`s.size`), without its bytes,
-- as ClickHouse does (optimize_functions_to_subcolumns). Parts without the
-- stream (a column added or retyped by ALTER) read the bytes instead.
DROP TABLE IF EXISTS t_sz;
DROP TABLE IF EXISTS t_dim_sz;
CREATE TABLE t_sz (k UInt32, s String, n Nullable(String), lc LowCardinality(String), x UInt32) ENGINE = MergeTree ORDER BY k SETTINGS index_granularity = 64;
INSERT INTO t_sz SELECT number, repeat('ab', number % 5), if(number % 3 = 0, NULL, toString(number)), toString(number % 4), number FROM numbers(1000);
INSERT INTO t_sz SELECT number + 1000, if(number % 2 = 0, '', 'xyz'), NULL, '', number FROM numbers(500);
SELECT count(), sum(length(s)), countIf(empty(s)), countIf(notEmpty(s)), countIf(s = ''), countIf('' != s), max(LENGTH(s)) FROM t_sz;
SELECT k % 3 AS g, avg(length(s)) AS l, count() FROM t_sz WHERE s <> '' GROUP BY g ORDER BY g;
SELECT length(s) AS l, count() FROM t_sz GROUP BY l ORDER BY l;
SELECT k, length(s) FROM t_sz WHERE notEmpty(s) ORDER BY length(s) DESC, k LIMIT 3;
SELECT count() FROM t_sz WHERE s = '' AND k > 900;
SELECT sum(length(n)), countIf(empty(n)), sum(length(lc)), countIf(lc = '') FROM t_sz;
-- used as bytes too: read as usual
SELECT count(), sum(length(s)), max(s) FROM t_sz WHERE s != '';
SELECT arrayMap(s -> length(s), ['abc', 'd']), sum(length(s)) FROM t_sz;
SELECT count(), sum(length(s)) FROM t_sz SETTINGS max_threads = 1, max_block_size = 7;
SELECT count(), sum(length(s)) FROM t_sz WHERE s <> '' SETTINGS max_threads = 2, max_block_size = 100;
EXPLAIN SELECT count() FROM t_sz WHERE s <> '';
-- joins: the right side's column too
CREATE TABLE t_dim_sz (g UInt32, name String) ENGINE = MergeTree ORDER BY g;
INSERT INTO t_dim_sz VALUES (0, 'zero'), (1, '');
SELECT count(), countIf(d.name = ''), sum(length(d.name)) FROM t_sz AS o LEFT JOIN t_dim_sz AS d ON o.k % 3 = d.g;
-- merges, mutations, ALTER
OPTIMIZE TABLE t_sz FINAL;
SELECT count(), sum(length(s)), countIf(empty(s)) FROM t_sz;
ALTER TABLE t_sz UPDATE s = 'updated' WHERE k < 10 SETTINGS mutations_sync = 2;
SELECT count(), sum(length(s)), countIf(empty(s)) FROM t_sz;
ALTER TABLE t_sz ADD COLUMN s2 String DEFAULT concat('v', toString(k));
SELECT sum(length(s2)), countIf(empty(s2)), max(length(s2)) FROM t_sz;
INSERT INTO t_sz (k, s, s2) VALUES (5000, 'q', ''), (5001, '', 'qq');
SELECT sum(length(s2)), countIf(empty(s2)), countIf(s2 = '') FROM t_sz;
ALTER TABLE t_sz MODIFY COLUMN x String SETTINGS mutations_sync = 2;
SELECT sum(length(x)), countIf(empty(x)) FROM t_sz;
DELETE FROM t_sz WHERE k % 2 = 0;
SELECT count(), sum(length(s)), countIf(empty(s)) FROM t_sz;
DROP TABLE t_sz;
DROP TABLE t_dim_sz;
