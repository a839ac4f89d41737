SELECT number AS n, toString(number) AS s, [number] AS a FROM numbers(2) FORMAT Vertical;
SELECT 1 AS x WHERE 0 FORMAT Vertical;
