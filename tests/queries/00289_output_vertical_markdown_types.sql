SELECT 1 AS a, NULL AS b, [1, 2] AS c, 'x\ny' AS d FORMAT Vertical;
SELECT number AS n, toString(number) AS s FROM numbers(2) FORMAT Vertical;
SELECT NULL AS a, [1] AS b, 'x' AS c FORMAT Markdown;
