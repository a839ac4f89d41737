-- ORDER BY ... WITH FILL on several columns (issue 8): each filled within the groups of the ones
-- before it; rows added at one level take FROM .. TO of the deeper ones when both are given, else
-- their defaults; a leading ORDER BY column without fill makes runs filled apart.
SELECT toDate((number * 10) * 86400) AS d1, toDate(number * 86400) AS d2, 'original' AS source FROM numbers(10) WHERE (number % 3) = 1 ORDER BY d2 WITH FILL, d1 WITH FILL STEP 5;
SELECT a, b FROM (SELECT number % 3 * 2 AS a, number AS b FROM numbers(6) WHERE number IN (0, 4, 5)) ORDER BY a WITH FILL, b WITH FILL;
SELECT a, b FROM (SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 6) ORDER BY a WITH FILL FROM 0 TO 5, b WITH FILL FROM 1 TO 4;
SELECT a, b, c FROM (SELECT 1 AS a, 2 AS b, 'x' AS c UNION ALL SELECT 1, 5, 'y' UNION ALL SELECT 2, 1, 'z') ORDER BY a, b WITH FILL;
SELECT a, b FROM (SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 6) ORDER BY a WITH FILL, b;
SELECT a, b FROM (SELECT 5 AS a, 3 AS b UNION ALL SELECT 2, 1 UNION ALL SELECT 2, 4) ORDER BY a DESC WITH FILL, b DESC WITH FILL;
SELECT g, a, b FROM (SELECT 'x' AS g, 1 AS a, 1 AS b UNION ALL SELECT 'x', 3, 2 UNION ALL SELECT 'y', 2, 3 UNION ALL SELECT 'y', 2, 5) ORDER BY g, a WITH FILL, b WITH FILL;
SELECT a, b, c FROM (SELECT 1 AS a, 1 AS b, 1 AS c UNION ALL SELECT 2, 2, 3) ORDER BY a WITH FILL FROM 0 TO 3, b WITH FILL FROM 1 TO 3, c WITH FILL FROM 1 TO 3;
SELECT a, b FROM (SELECT 1 AS a, 1 AS b UNION ALL SELECT 1, 1 UNION ALL SELECT 2, 3) ORDER BY a WITH FILL, b WITH FILL;
SELECT d, h, count() FROM (SELECT toDate('2024-01-01') + intDiv(number, 3) * 2 AS d, toDateTime('2024-01-01 00:00:00') + number % 3 * 7200 AS h FROM numbers(6)) GROUP BY d, h ORDER BY d WITH FILL STEP INTERVAL 1 DAY, h WITH FILL STEP INTERVAL 1 HOUR;
SELECT a, b FROM (SELECT 1 AS a, 2 AS b UNION ALL SELECT 3, 6) ORDER BY a WITH FILL FROM 0 TO 5, b WITH FILL FROM 1 TO 4 SETTINGS max_block_size = 1;
SELECT x FROM (SELECT 1e20 AS x) ORDER BY x WITH FILL TO 1e20 + 100;
