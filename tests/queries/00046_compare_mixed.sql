SELECT toUInt8(1) = toInt64(1), toFloat32(0.1) = 0.1, toFloat32(0.5) = 0.5, toDecimal32(1.5, 1) = 1.5, toDecimal32(1.5, 1) > 1;
SELECT number, number < 3, number = 3, number > 3 FROM numbers(6);
SELECT greatest(1, 2, 3), least(1, 2, 3), greatest(1, 2.5), least('b', 'a'), toTypeName(greatest(toUInt8(1), toInt8(-1)));
SELECT greatest(toDate('2024-01-01'), toDate('2023-01-01')), least(1, NULL), greatest(NULL, 2);
