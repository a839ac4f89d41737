SELECT number AS n, toString(number) AS s FROM numbers(2) FORMAT JSONCompactEachRowWithNamesAndTypes;
SELECT number AS n FROM numbers(2) FORMAT JSONCompactStringsEachRowWithNames;
SELECT 1 AS a, [1, 2] AS b FORMAT JSONCompact SETTINGS output_format_write_statistics = 0;
