SELECT -toUInt8(5), toTypeName(-toUInt8(5)), -toInt8(-128), abs(toInt8(-128)), toTypeName(abs(toInt8(-128)));
SELECT abs(-1.5), abs(toInt64(-9223372036854775807)), negate(1.5), -(-3), abs(NULL), abs(toNullable(-3));
SELECT number - 5 AS x, abs(x), -x, sign(x) FROM numbers(10);
