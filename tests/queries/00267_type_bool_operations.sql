SELECT true AND true, true OR false, NOT false, true = 1, false < true, toTypeName(true = 1), [true, false], CAST(2 AS Bool), CAST(-1 AS Bool);
SELECT b, count() FROM (SELECT number % 3 = 0 AS b FROM numbers(10)) GROUP BY b ORDER BY b;
SELECT sum(b), avg(b), max(b) FROM (SELECT number % 2 = 0 AS b FROM numbers(5));
SELECT if(true, 'y', 'n'), toString(true), toUInt8(false), true + true;
