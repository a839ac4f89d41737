SELECT number AS n, toString(number) AS s FROM numbers(3) FORMAT PrettyCompact;
SELECT 'a' AS x, NULL AS y, [1, 2] AS z FORMAT PrettyCompact;
SELECT number AS n FROM numbers(0) FORMAT PrettyCompact;
SELECT 'longer text value' AS col, 1 AS n FORMAT PrettyCompactMonoBlock;
