SELECT round(toUInt8(155), -1), round(toInt16(-155), -1), round(toFloat32(1.55), 1), round(toDecimal64(1.555, 3), 2), round(toDecimal64(-1.555, 3), 2);
SELECT toTypeName(round(toUInt8(1), -1)), toTypeName(round(toFloat32(1), 1)), toTypeName(floor(toDecimal32(1.5, 1))), ceil(toDecimal32(1.51, 2), 1), trunc(toDecimal32(-1.59, 2), 1);
SELECT round(x, 2) FROM (SELECT arrayJoin([1.005, 2.675, 1.115, -1.005]) AS x);
