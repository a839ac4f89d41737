-- GROUP BY keys that are functions of other keys are not hashed (their value
-- comes from each group's first row), as ClickHouse's
-- optimize_group_by_function_keys; the results are the same either way.
SELECT k, k - 1, k * 2, toString(k), count() AS c FROM (SELECT number % 5 AS k FROM numbers(100)) GROUP BY k, k - 1, k * 2, toString(k) ORDER BY k;
SELECT k, k + 1, count() FROM (SELECT number % 3 AS k FROM numbers(30)) GROUP BY k, k + 1 ORDER BY k SETTINGS optimize_group_by_function_keys = 0;
SELECT a, b, a + b, count() FROM (SELECT number % 2 AS a, number % 3 AS b FROM numbers(60)) GROUP BY a, b, a + b ORDER BY a, b;
SELECT d, toStartOfMonth(d), count() FROM (SELECT toDate('2024-01-30') + number AS d FROM numbers(4)) GROUP BY d, toStartOfMonth(d) ORDER BY d;
SELECT k, rand() > 0 AS r, count() FROM (SELECT number % 2 AS k FROM numbers(10)) GROUP BY k, r ORDER BY k;
