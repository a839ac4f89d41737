SELECT if(number % 2 = 0, 'even', NULL) AS x, toTypeName(x) FROM numbers(2);
SELECT if(1, toUInt8(1), toInt8(-1)) AS x, toTypeName(x), if(0, 1.5, 2) AS y, toTypeName(y), if(1, toDate('2024-01-01'), toDate('2024-01-02')) AS z;
SELECT if(number > 0, [number], []) FROM numbers(2);
SELECT multiIf(number = 0, 'zero', number = 1, 'one', NULL) FROM numbers(3);
