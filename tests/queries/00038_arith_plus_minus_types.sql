SELECT 1 + 1, toTypeName(1 + 1), toUInt8(200) + toUInt8(100), toTypeName(toUInt8(200) + toUInt8(100));
SELECT toInt8(-1) + toUInt8(1), toTypeName(toInt8(-1) + toUInt8(1)), toTypeName(toUInt32(1) + toInt32(1)), toTypeName(toUInt64(1) + toInt64(1));
SELECT 1 - 2, toTypeName(1 - 2), toUInt8(1) - toUInt8(2), toTypeName(toUInt8(1) - toUInt8(2));
SELECT 1.5 + 1, toTypeName(1.5 + 1), toFloat32(1.5) + 1, toTypeName(toFloat32(1.5) + toInt64(1)), toTypeName(toFloat32(1) + toFloat32(1));
SELECT toUInt64(18446744073709551615) + 1, toInt64(9223372036854775807) + 1, toTypeName(toUInt64(1) + toUInt64(1));
