-- GROUP BY with many groups on several threads: each thread aggregates its
-- share of the granules into 16 partitions by key hash, and the partitions
-- merge in parallel. Every key shape (one integer, packed integers, one
-- String, mixed keys as bytes, keys that are functions of other keys,
-- Nullable) with max_threads 1 and 4 must give the same groups.
DROP TABLE IF EXISTS t_gb;
CREATE TABLE t_gb (a UInt64, b Int32, s String, n Nullable(UInt16), v Float64)
ENGINE = MergeTree ORDER BY tuple() SETTINGS index_granularity = 1024;
INSERT INTO t_gb SELECT intHash64(number) % 30011, toInt32(number % 97) - 50, concat('k', toString(number % 7001)),
    if(number % 11 = 0, NULL, number % 503), number * 0.5 FROM numbers(120000);
SET merge_tree_min_rows_for_concurrent_read = 1;
SELECT '-- max_threads = 1';
SELECT count(), sum(c), sum(sv), max(u) FROM (SELECT a, count() AS c, sum(v) AS sv, uniqExact(b) AS u FROM t_gb GROUP BY a) SETTINGS max_threads = 1;
SELECT a, count(), sum(v), min(s), max(b) FROM t_gb GROUP BY a ORDER BY count() DESC, a LIMIT 5 SETTINGS max_threads = 1;
SELECT count(), sum(c) FROM (SELECT a, b, count() AS c FROM t_gb GROUP BY a, b) SETTINGS max_threads = 1;
SELECT a, b, count() AS c, avg(v) FROM t_gb GROUP BY a, b ORDER BY c DESC, a, b LIMIT 5 SETTINGS max_threads = 1;
SELECT s, count() AS c, uniqExact(a), sum(b) FROM t_gb GROUP BY s ORDER BY c DESC, s LIMIT 5 SETTINGS max_threads = 1;
SELECT count(), sum(c), sum(m) FROM (SELECT s, b, count() AS c, max(a) AS m FROM t_gb GROUP BY s, b) SETTINGS max_threads = 1;
SELECT n, count(), sum(a) FROM t_gb GROUP BY n ORDER BY n LIMIT 5 SETTINGS max_threads = 1;
SELECT a, a + 1 AS a1, intDiv(a, 2) AS h, count() FROM t_gb GROUP BY a, a1, h ORDER BY count() DESC, a LIMIT 3 SETTINGS max_threads = 1;
SELECT s, length(s) AS l, count() FROM t_gb WHERE b > 0 GROUP BY s, l ORDER BY count() DESC, s LIMIT 3 SETTINGS max_threads = 1;
SELECT count(DISTINCT a), count(DISTINCT s), uniqExact(a, b) FROM t_gb SETTINGS max_threads = 1;
SELECT b, groupArray(3)(x) FROM (SELECT b, a AS x FROM t_gb ORDER BY a, b LIMIT 100000) GROUP BY b ORDER BY b LIMIT 2 SETTINGS max_threads = 1;
SELECT sum(c) FROM (SELECT a, count() AS c FROM t_gb GROUP BY a WITH TOTALS) SETTINGS max_threads = 1;
SELECT '-- max_threads = 4';
SELECT count(), sum(c), sum(sv), max(u) FROM (SELECT a, count() AS c, sum(v) AS sv, uniqExact(b) AS u FROM t_gb GROUP BY a) SETTINGS max_threads = 4;
SELECT a, count(), sum(v), min(s), max(b) FROM t_gb GROUP BY a ORDER BY count() DESC, a LIMIT 5 SETTINGS max_threads = 4;
SELECT count(), sum(c) FROM (SELECT a, b, count() AS c FROM t_gb GROUP BY a, b) SETTINGS max_threads = 4;
SELECT a, b, count() AS c, avg(v) FROM t_gb GROUP BY a, b ORDER BY c DESC, a, b LIMIT 5 SETTINGS max_threads = 4;
SELECT s, count() AS c, uniqExact(a), sum(b) FROM t_gb GROUP BY s ORDER BY c DESC, s LIMIT 5 SETTINGS max_threads = 4;
SELECT count(), sum(c), sum(m) FROM (SELECT s, b, count() AS c, max(a) AS m FROM t_gb GROUP BY s, b) SETTINGS max_threads = 4;
SELECT n, count(), sum(a) FROM t_gb GROUP BY n ORDER BY n LIMIT 5 SETTINGS max_threads = 4;
SELECT a, a + 1 AS a1, intDiv(a, 2) AS h, count() FROM t_gb GROUP BY a, a1, h ORDER BY count() DESC, a LIMIT 3 SETTINGS max_threads = 4;
SELECT s, length(s) AS l, count() FROM t_gb WHERE b > 0 GROUP BY s, l ORDER BY count() DESC, s LIMIT 3 SETTINGS max_threads = 4;
SELECT count(DISTINCT a), count(DISTINCT s), uniqExact(a, b) FROM t_gb SETTINGS max_threads = 4;
SELECT b, groupArray(3)(x) FROM (SELECT b, a AS x FROM t_gb ORDER BY a, b LIMIT 100000) GROUP BY b ORDER BY b LIMIT 2 SETTINGS max_threads = 4;
SELECT sum(c) FROM (SELECT a, count() AS c FROM t_gb GROUP BY a WITH TOTALS) SETTINGS max_threads = 4;
DROP TABLE t_gb;
