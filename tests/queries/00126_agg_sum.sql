SELECT sum(number), sum(toInt8(number)), sum(number * 1.5), sum(toFloat32(number)) FROM numbers(10);
SELECT toTypeName(sum(toUInt8(1))), toTypeName(sum(toInt16(1))), toTypeName(sum(1.5)), toTypeName(sum(toFloat32(1))), toTypeName(sum(toDecimal32(1, 2))), toTypeName(sum(toUInt128(1)));
SELECT sum(x) FROM (SELECT arrayJoin([0.1, 0.2, 0.3]) AS x);
SELECT sum(toUInt64(18446744073709551615)) FROM numbers(2);
SELECT sum(number) FROM numbers(0);
SELECT sumWithOverflow(toUInt8(200)) FROM numbers(2);
SELECT sum(toDecimal64(number, 2) / 3) FROM numbers(5);
