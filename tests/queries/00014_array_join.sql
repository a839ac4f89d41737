SELECT arrayJoin([1, 2, 3]) AS x;
SELECT number, arrayJoin([number, number * 10]) FROM numbers(2);
SELECT s, x FROM (SELECT 'a' AS s, [1, 2] AS arr UNION ALL SELECT 'b', []) ARRAY JOIN arr AS x ORDER BY s, x;
SELECT s, x FROM (SELECT 'a' AS s, [1, 2] AS arr UNION ALL SELECT 'b', []) LEFT ARRAY JOIN arr AS x ORDER BY s, x;
SELECT s, arr FROM (SELECT 'a' AS s, [1, 2] AS arr) ARRAY JOIN arr;
SELECT a, b FROM (SELECT [1, 2] AS a, ['x', 'y'] AS b) ARRAY JOIN a, b;
