-- GROUP BY on several integer-like keys (packed into one 16-byte key) and on
-- one integer key: the same groups as any other key shape, NULL keys apart.
SELECT a, b, count(), sum(n) FROM (SELECT toUInt8(number % 3) AS a, toInt64(number % 4) - 2 AS b, number AS n FROM numbers(100)) GROUP BY a, b ORDER BY a, b;
SELECT d, x, y, count() FROM (SELECT toDate('2024-01-01') + number % 2 AS d, toInt32(number % 3) - 1 AS x, toUInt16(number % 2) AS y FROM numbers(50)) GROUP BY d, x, y ORDER BY d, x, y SETTINGS max_block_size = 7;
SELECT a, b, count() FROM (SELECT toUInt64(number % 2) AS a, toUInt64(18446744073709551615 - number % 2) AS b FROM numbers(10)) GROUP BY a, b ORDER BY a, b;
SELECT a, b, count() FROM (SELECT toInt64(number % 2) AS a, toInt64(number % 3) AS b, toInt64(0) AS c FROM numbers(12)) GROUP BY a, b, c ORDER BY a, b;
SELECT k, count(), avg(v), sum(v) FROM (SELECT toInt16(number % 4) - 2 AS k, toInt32(number) AS v FROM numbers(40)) GROUP BY k ORDER BY k;
SELECT n, count() FROM (SELECT if(number % 3 = 0, NULL, number % 2) AS n FROM numbers(12)) GROUP BY n ORDER BY n;
