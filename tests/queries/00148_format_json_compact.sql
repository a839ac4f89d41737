SELECT number AS n, toString(number) AS s FROM numbers(2) FORMAT JSONCompact SETTINGS output_format_write_statistics = 0;
SELECT 1 AS a, 'x' AS b FORMAT JSONCompactEachRow;
SELECT number, [number] FROM numbers(3) FORMAT JSONCompactEachRow;
SELECT 1 AS a, 'x' AS b FORMAT JSONCompactEachRowWithNames;
