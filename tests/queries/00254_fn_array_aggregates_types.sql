SELECT arraySum([toUInt8(200), toUInt8(100)]), toTypeName(arraySum([toUInt8(1)])), arraySum([toFloat32(0.1), toFloat32(0.2)]), arrayAvg([toInt8(-1), toInt8(2)]);
SELECT arrayMin(['b', 'a']), arrayMax([toDate('2024-01-01'), toDate('2025-01-01')]), arrayProduct([toDecimal32(1.5, 1), 2]), arrayCumSum([1.5, 2.5]);
