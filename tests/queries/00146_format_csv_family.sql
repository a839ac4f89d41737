SELECT number AS n, toString(number) AS s FROM numbers(3) FORMAT CSV;
SELECT 'a,b' AS x, 'say "hi"' AS y, 'line\nbreak' AS z, NULL AS w, [1, 2] AS arr, (1, 'a') AS t FORMAT CSV;
SELECT number AS n, 'x' AS s FROM numbers(2) FORMAT CSVWithNames;
SELECT 1 AS a, 'b' AS b FORMAT CSVWithNamesAndTypes;
SELECT 1.5 AS f, toDate('2024-01-01') AS d, toDateTime('2024-01-01 10:00:00') AS dt, true AS b FORMAT CSV;
