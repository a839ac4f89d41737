SELECT number AS n, toString(number) AS s, number * 1.5 AS f FROM numbers(2) FORMAT JSON SETTINGS output_format_write_statistics = 0;
SELECT 1 AS x WHERE 0 FORMAT JSON SETTINGS output_format_write_statistics = 0;
SELECT toUInt64(18446744073709551615) AS u, toInt64(-1) AS i, [1, 2] AS a, map('k', 1) AS m, (1, 'x') AS t, NULL AS nn FORMAT JSON SETTINGS output_format_write_statistics = 0;
