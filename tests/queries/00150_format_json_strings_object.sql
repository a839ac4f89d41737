SELECT number AS n, number * 1.5 AS f, [number] AS a FROM numbers(2) FORMAT JSONStringsEachRow;
SELECT number AS n, toString(number) AS s FROM numbers(2) FORMAT JSONObjectEachRow;
SELECT number AS n FROM numbers(2) FORMAT JSONCompactStringsEachRow;
