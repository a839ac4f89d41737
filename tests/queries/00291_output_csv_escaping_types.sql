SELECT 'a"b' AS q, 'a,b' AS c, 'a\nb' AS n, '' AS e, NULL AS nl FORMAT CSV;
SELECT [1, 2] AS a, ['x', 'y'] AS s, (1, 'z') AS t, map('k', 1) AS m FORMAT CSV;
SELECT 1.5 AS f, toDecimal32(2.5, 1) AS d, true AS b, toUUID('61f0c404-5cb3-11e7-907b-a6006ad3dba0') AS u FORMAT CSVWithNames;
