-- WITH TOTALS over ROLLUP and CUBE (issue 8): the totals row is the grand total, with grouping() as for
-- the empty key set; GROUPING SETS with TOTALS is refused, as in ClickHouse.
SELECT number % 2 AS k, number % 3 AS j, count() AS c, sum(number) FROM numbers(10) GROUP BY k, j WITH ROLLUP WITH TOTALS ORDER BY k, j, c;
SELECT number % 2 AS k, count() AS c, grouping(k) FROM numbers(10) GROUP BY k WITH CUBE WITH TOTALS ORDER BY k FORMAT JSONCompactEachRow;
SELECT number % 2 AS k, count() AS c, grouping(k) AS g FROM numbers(10) GROUP BY ROLLUP(k) WITH TOTALS ORDER BY k;
SELECT number % 2 AS k, number % 3 AS j, avg(number) AS a FROM numbers(10) GROUP BY CUBE(k, j) WITH TOTALS ORDER BY k, j, a FORMAT PrettyCompactMonoBlock;
SELECT k, j, c FROM (SELECT number % 2 AS k, number % 3 AS j, count() AS c FROM numbers(10) GROUP BY ROLLUP(k, j) WITH TOTALS) ORDER BY k, j, c;
SELECT number % 2 AS k, count() FROM numbers(10) GROUP BY ROLLUP(k) WITH TOTALS ORDER BY k SETTINGS max_threads = 1, max_block_size = 1;
SELECT number % 2 AS k, number % 3 AS j, count() FROM numbers(10) GROUP BY GROUPING SETS ((k), (j)) WITH TOTALS ORDER BY k, j; -- { serverError NOT_IMPLEMENTED }
SELECT number % 3 AS k, count() FROM numbers(10) GROUP BY k WITH ROLLUP WITH TOTALS LIMIT 2;
