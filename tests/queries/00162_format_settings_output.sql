SELECT 1.5 AS f, 'x' AS s FORMAT CSV SETTINGS format_csv_delimiter = ';';
SELECT toDecimal32(1.5, 3) AS d FORMAT JSONEachRow SETTINGS output_format_decimal_trailing_zeros = 1;
SELECT toDecimal32(1.5, 3) AS d SETTINGS output_format_decimal_trailing_zeros = 1;
SELECT toDateTime('2024-01-01 00:00:00') AS dt FORMAT JSONEachRow SETTINGS date_time_output_format = 'iso';
SELECT toDateTime('2024-01-01 00:00:00') AS dt FORMAT TSV SETTINGS date_time_output_format = 'unix_timestamp';
SELECT '/' AS s FORMAT JSONEachRow SETTINGS output_format_json_escape_forward_slashes = 0;
