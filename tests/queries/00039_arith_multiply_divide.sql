SELECT 2 * 3, toTypeName(2 * 3), toTypeName(toUInt16(2) * toUInt16(3)), toTypeName(toInt32(2) * toInt32(3));
SELECT 7 / 2, toTypeName(7 / 2), 1 / 0, -1 / 0, 0 / 0, toTypeName(toFloat32(1) / toFloat32(2));
SELECT intDiv(7, 2), intDiv(-7, 2), toTypeName(intDiv(7, 2)), intDivOrZero(7, 0), intDiv(toUInt64(100), toInt8(-3));
SELECT 7 % 3, -7 % 3, 7 % -3, 7.5 % 2, toTypeName(7 % 3), modulo(10, 4), moduloOrZero(5, 0);
SELECT positiveModulo(-7, 3), toTypeName(positiveModulo(-7, 3)), pmod(-7, 3);
SELECT intDiv(1, 0); -- { serverError ILLEGAL_DIVISION }
