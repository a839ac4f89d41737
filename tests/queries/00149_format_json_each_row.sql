SELECT number AS n, toString(number) AS s FROM numbers(3) FORMAT JSONEachRow;
SELECT 'quote"back\\slash\ttab\nnl/' AS s, '\x01' AS c, 'é' AS u FORMAT JSONEachRow;
SELECT toUInt64(1) AS u64, toInt64(-2) AS i64, toUInt32(3) AS u32, 1.5 AS f, nan AS n, inf AS i, toDecimal32(1.25, 2) AS d FORMAT JSONEachRow;
SELECT toDate('2024-01-02') AS d, toDateTime('2024-01-02 03:04:05') AS dt, toUUID('61f0c404-5cb3-11e7-907b-a6006ad3dba0') AS u, true AS b, NULL AS n FORMAT JSONEachRow;
SELECT [1, 2] AS a, ['x'] AS s, map('a', 1) AS m, (1, 'x') AS t, CAST((1, 'x') AS Tuple(a UInt8, b String)) AS nt FORMAT JSONEachRow;
SELECT toUInt64(5) AS x FORMAT JSONEachRow SETTINGS output_format_json_quote_64bit_integers = 1;
