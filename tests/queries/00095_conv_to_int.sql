SELECT toUInt8(1.9), toUInt8(-1.9), toInt8(127.9), toInt16('123'), toInt32(toDate('2024-01-01')), toInt64(toDateTime('2024-01-01 00:00:00')), toUInt32(true), toInt8('-5');
SELECT toUInt64(1e19), toInt64(-9.2e18), toUInt16(65536), toInt32(2147483648), toInt8(300), toUInt8(toInt16(-1));
SELECT toInt32OrZero('12x'), toInt32OrNull('12'), toUInt8OrNull('-1'), toInt64OrDefault('x', toInt64(-1)), toUInt32OrDefault('5', toUInt32(0));
SELECT toInt32(toDecimal64(12.99, 2)), toInt32(toDecimal64(-12.99, 2)), toUInt8(toFloat32(255.5)), toTypeName(toInt128(1)), toUInt128('340282366920938463463374607431768211455');
SELECT toInt32('1.5'); -- { serverError CANNOT_PARSE_TEXT }
SELECT toUInt8('abc'); -- { serverError CANNOT_PARSE_TEXT }
