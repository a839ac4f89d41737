SELECT toTypeName(toUInt8(1) + toUInt8(1)), toTypeName(toUInt16(1) + toUInt8(1)), toTypeName(toUInt32(1) + toUInt32(1)), toTypeName(toUInt64(1) + toUInt64(1));
SELECT toTypeName(toInt8(1) + toUInt8(1)), toTypeName(toInt64(1) + toUInt64(1)), toTypeName(toInt32(1) * toUInt32(1));
SELECT toTypeName(toUInt8(1) - toUInt8(1)), toTypeName(toUInt64(1) - toUInt64(1)), toTypeName(1 / 2), toTypeName(toFloat32(1) + 1);
SELECT toTypeName(intDiv(toUInt8(7), toInt16(2))), toTypeName(toUInt8(7) % toUInt16(2)), toTypeName(toInt8(7) % toUInt32(2)), toTypeName(toUInt32(7) % toInt8(2));
SELECT toTypeName(-toUInt8(1)), toTypeName(-toInt64(1)), toTypeName(abs(toInt8(-1))), toTypeName(7.5 % 2);
SELECT 255 + 1, toUInt8(255) + toUInt8(1), toUInt64(0) - 1, 18446744073709551615 + 1, -128 - 1;
SELECT 7 / 2, -7 / 2, 1 / 0, -1 / 0, 0 / 0, intDiv(7, 2), intDiv(-7, 2), -7 % 3, 7 % -3, -7.5 % 2;
SELECT intDivOrZero(1, 0), moduloOrZero(5, 0), 10 DIV 3, 10 MOD 3;
SELECT intDiv(1, 0); -- { serverError ILLEGAL_DIVISION }
SELECT 1 % 0; -- { serverError ILLEGAL_DIVISION }
