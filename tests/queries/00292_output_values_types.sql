SELECT 'a\'b' AS s, [1, NULL] AS a, (1, 'x') AS t, map('k', [1]) AS m, NULL AS n, toDate('2024-01-01') AS d, 1.5 AS f, true AS b FORMAT Values;
