SELECT number AS n, toString(number) AS s, [number] AS a, (number, 'x') AS t FROM numbers(2) FORMAT Values;
SELECT 'it\'s' AS s, NULL AS n, 1.5 AS f, toDate('2024-01-01') AS d, map('a', 1) AS m FORMAT Values;
