SELECT arraySum([1, 2, 3]), arraySum([1.5, 2.5]), arraySum(x -> x * 2, [1, 2]), toTypeName(arraySum([1, 2])), toTypeName(arraySum([toInt8(1)])), arraySum([toDecimal32(1.5, 1), 2]);
SELECT arrayAvg([1, 2, 3, 4]), arrayMin([3, 1, 2]), arrayMax([3, 1, 2]), arrayProduct([2, 3, 4]), arrayMin(['b', 'a']), arrayMax(x -> -x, [1, 2]), toTypeName(arrayAvg([1]));
