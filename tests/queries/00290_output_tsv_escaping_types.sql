SELECT '\\' AS bs, '\'' AS q, '"' AS dq, '\0' = '' AS z, 'a\rb' AS cr FORMAT TSV;
SELECT ['a\tb', 'c\'d'] AS arr, (1, 'x\ny') AS t, map('k\t', 'v') AS m FORMAT TSV;
SELECT toFixedString('ab', 2) AS f, toDate('2024-01-01') AS d, toDateTime64('2024-01-01 00:00:00.5', 1) AS dt FORMAT TSV;
