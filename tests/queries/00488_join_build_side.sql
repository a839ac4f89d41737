-- Hash join build side (issue 4): with query_plan_join_swap_table = 'auto'
-- (the default) an ALL join whose left side is known to be smaller builds its
-- hash table from the left side, as ClickHouse does; 'true' / 'false' force
-- it. The results must not depend on the choice: every join kind under all
-- three settings, with join_use_nulls, Memory tables and subqueries.
DROP TABLE IF EXISTS small;
DROP TABLE IF EXISTS big;
DROP TABLE IF EXISTS mem;
CREATE TABLE small (k UInt32, a String) ENGINE = MergeTree ORDER BY k;
CREATE TABLE big (k UInt32, b String) ENGINE = MergeTree ORDER BY k;
CREATE TABLE mem (k UInt32, m Nullable(Int64)) ENGINE = Memory;
INSERT INTO small SELECT number * 10, toString(number) FROM numbers(7);
INSERT INTO big SELECT number % 45, concat('b', toString(number)) FROM numbers(100);
INSERT INTO mem SELECT number * 5, if(number % 3 = 0, NULL, number) FROM numbers(12);

SELECT 'inner';
SELECT s.k, a, b FROM small AS s INNER JOIN big AS t ON s.k = t.k ORDER BY b;
SELECT s.k, a, b FROM small AS s INNER JOIN big AS t ON s.k = t.k ORDER BY b SETTINGS query_plan_join_swap_table = 'false';
SELECT s.k, a, b FROM small AS s INNER JOIN big AS t ON s.k = t.k ORDER BY b SETTINGS query_plan_join_swap_table = 'true';
SELECT 'left';
SELECT s.k, a, t.k, b FROM small AS s LEFT JOIN big AS t ON s.k = t.k ORDER BY s.k, b;
SELECT s.k, a, t.k, b FROM small AS s LEFT JOIN big AS t ON s.k = t.k ORDER BY s.k, b SETTINGS query_plan_join_swap_table = 'false';
SELECT s.k, a, t.k, b FROM small AS s LEFT JOIN big AS t ON s.k = t.k ORDER BY s.k, b SETTINGS join_use_nulls = 1;
SELECT 'right';
SELECT s.k, a, t.k, b FROM small AS s RIGHT JOIN big AS t ON s.k = t.k WHERE t.k < 12 ORDER BY b;
SELECT s.k, a, t.k, b FROM small AS s RIGHT JOIN big AS t ON s.k = t.k WHERE t.k < 12 ORDER BY b SETTINGS query_plan_join_swap_table = 'true';
SELECT s.k, a, t.k, b FROM small AS s RIGHT JOIN big AS t ON s.k = t.k WHERE t.k < 12 ORDER BY b SETTINGS join_use_nulls = 1, query_plan_join_swap_table = 'true';
SELECT 'full';
SELECT s.k, a, t.k, b FROM small AS s FULL JOIN big AS t ON s.k = t.k WHERE t.k < 12 OR s.k > 40 ORDER BY s.k, b;
SELECT s.k, a, t.k, b FROM small AS s FULL JOIN big AS t ON s.k = t.k WHERE t.k < 12 OR s.k > 40 ORDER BY s.k, b SETTINGS query_plan_join_swap_table = 'false';
SELECT s.k, a, t.k, b FROM small AS s FULL JOIN big AS t ON s.k = t.k WHERE t.k < 12 OR s.k > 40 ORDER BY s.k, b SETTINGS join_use_nulls = 1;
SELECT 'memory and subqueries';
SELECT mem.k, m, b FROM mem INNER JOIN big ON mem.k = big.k ORDER BY b;
SELECT mem.k, m, b FROM big INNER JOIN mem ON mem.k = big.k ORDER BY b;
SELECT x.k, a, n FROM (SELECT k, a FROM small LIMIT 3) AS x INNER JOIN (SELECT k, count() AS n FROM big GROUP BY k) AS y ON x.k = y.k ORDER BY x.k;
SELECT y.k, n, a FROM (SELECT k, count() AS n FROM big GROUP BY k) AS y LEFT JOIN (SELECT k, a FROM small ORDER BY k DESC LIMIT 2) AS x ON x.k = y.k ORDER BY y.k LIMIT 12;
SELECT 'using and any';
SELECT k, a, b FROM small INNER JOIN big USING (k) ORDER BY b;
SELECT s.k, a, b FROM small AS s ANY LEFT JOIN big AS t ON s.k = t.k ORDER BY s.k;
SELECT 'semi and anti, both directions';
SELECT s.k, a, t.k, b FROM small AS s SEMI LEFT JOIN big AS t ON s.k = t.k ORDER BY s.k;
SELECT s.k, a, t.k, b FROM small AS s ANTI LEFT JOIN big AS t ON s.k = t.k ORDER BY s.k;
SELECT s.k, a, t.k, b FROM small AS s SEMI RIGHT JOIN big AS t ON s.k = t.k ORDER BY b;
SELECT s.k, a, t.k, b FROM small AS s ANTI RIGHT JOIN big AS t ON s.k = t.k ORDER BY b LIMIT 5;
SELECT s.k, a, t.k, b FROM small AS s ANY RIGHT JOIN big AS t ON s.k = t.k ORDER BY b LIMIT 8;
SELECT 'threads and blocks';
SELECT count(), sum(length(b)), sum(s.k) FROM small AS s INNER JOIN big AS t ON s.k = t.k SETTINGS max_threads = 1, max_block_size = 1;
SELECT count(), sum(length(b)), sum(s.k) FROM small AS s INNER JOIN big AS t ON s.k = t.k SETTINGS max_threads = 4, max_block_size = 7;
SELECT count(), sum(length(b)), sum(s.k) FROM small AS s INNER JOIN big AS t ON s.k = t.k SETTINGS max_threads = 2, max_block_size = 65536;
DROP TABLE small;
DROP TABLE big;
DROP TABLE mem;
