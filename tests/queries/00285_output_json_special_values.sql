SELECT nan AS a, inf AS b, -inf AS c, 1.5 AS d FORMAT JSONEachRow;
SELECT nan AS a FORMAT JSON SETTINGS output_format_write_statistics = 0;
SELECT toFloat32(0.1) AS f32, 0.1 AS f64, 1e-10 AS tiny, 1e21 AS big FORMAT JSONEachRow;
SELECT toInt64(-1) AS a, toUInt64(1) AS b, toInt128(5) AS c FORMAT JSONEachRow SETTINGS output_format_json_quote_64bit_integers = 0;
SELECT toDecimal64(1.5, 2) AS d FORMAT JSONEachRow SETTINGS output_format_json_quote_decimals = 1;
