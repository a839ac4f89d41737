SELECT round(2.5), round(3.5), round(-2.5), round(2.567, 2), round(1234.5, -2), round(15, -1), round(25, -1), round(-15, -1);
SELECT roundBankers(2.5), roundBankers(3.5), roundBankers(-2.5), roundBankers(2.675, 2), roundBankers(15, -1), roundBankers(25, -1);
SELECT floor(2.7), floor(-2.7), ceil(2.1), ceil(-2.1), ceiling(1.01), trunc(2.7), trunc(-2.7), truncate(2.789, 2), floor(1234, -2), ceil(1234, -2);
SELECT round(toDecimal32(2.345, 3), 2), round(toDecimal32(-2.345, 3), 2), floor(toDecimal64(2.345, 3), 1), toTypeName(round(toDecimal32(2.345, 3), 2)), round(toFloat32(1.25), 1);
SELECT toTypeName(round(1)), toTypeName(round(1.5)), toTypeName(floor(toUInt8(3))), round(nan), round(inf), round(NULL);
SELECT x, round(x, 1), floor(x), ceil(x) FROM (SELECT arrayJoin([0.05, 0.15, 0.25, -0.05, 1e20, 1e-20]) AS x);
