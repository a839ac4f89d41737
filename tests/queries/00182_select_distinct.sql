SELECT DISTINCT number % 3 FROM numbers(10) ORDER BY 1;
SELECT DISTINCT number % 2 AS a, number % 3 AS b FROM numbers(12) ORDER BY a, b;
SELECT DISTINCT x FROM (SELECT arrayJoin([1, NULL, 1, NULL, 2]) AS x) ORDER BY x;
SELECT count(DISTINCT x), uniqExact(x) FROM (SELECT arrayJoin(['a', 'b', 'a']) AS x);
SELECT DISTINCT * FROM (SELECT 1 AS a, 'x' AS b UNION ALL SELECT 1, 'x' UNION ALL SELECT 2, 'y') ORDER BY a;
