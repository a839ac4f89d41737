SELECT 1 = 1, 1 != 2, 1 <> 1, 1 < 2, 2 <= 2, 3 > 2, 3 >= 4, toTypeName(1 = 1);
SELECT toUInt64(18446744073709551615) > toInt64(-1), toInt8(-1) < toUInt8(1), -1 < toUInt64(0), 1 = 1.0, 0.1 + 0.2 = 0.3;
SELECT nan = nan, nan != nan, nan < 1, inf > 1e308, -0. = 0.;
SELECT equals(1, 1), notEquals(1, 2), less(1, 2), greater(1, 2), lessOrEquals(2, 2), greaterOrEquals(1, 2);
SELECT NULL = 1, NULL != NULL, toTypeName(NULL = 1), 1 = toNullable(1);
