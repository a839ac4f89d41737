SELECT toDecimal64(1.1, 2) + toDecimal64(2.2, 2), toDecimal64(10, 2) - toDecimal64(0.01, 2), toDecimal64(1.5, 1) * toDecimal64(1.5, 1), toDecimal64(7, 2) / toDecimal64(2, 2);
SELECT toDecimal32(1.23, 2) = 1.23, toDecimal32(1.23, 2) < toDecimal64(1.24, 3), toDecimal32(-0.5, 1) < 0, max(toDecimal32(number, 1)) FROM numbers(5);
SELECT toDecimal128(1, 30) / 3, toDecimal128('0.000000000000000000000000000001', 30) * 2, toTypeName(toDecimal128(1, 30) * toDecimal128(1, 5));
SELECT avg(toDecimal64(x, 2)), sum(toDecimal64(x, 2)) FROM (SELECT arrayJoin([1.11, 2.22, 3.33]) AS x);
SELECT CAST(1.235 AS Decimal(10, 2)), CAST(-1.235 AS Decimal(10, 2)), toDecimal32(0.999, 2), CAST('1.995' AS Decimal(5, 2));
