SELECT arrayStringConcat(['a', 'b', 'c'], ', '), arrayStringConcat(arrayMap(x -> toString(x), range(5)), ''), splitByChar(' ', 'a b c')[2];
SELECT arrayFlatten([[1, 2], [3], []]), flatten([[[1]], [[2, 3]]]), arrayCompact([1, 1, 2, 2, 1]), arrayZip([1, 2], ['a', 'b']), arrayReduce('sum', [1, 2, 3]), arrayReduce('max', ['a', 'c', 'b']);
SELECT arrayCumSum([1, 2, 3]), arrayDifference([1, 4, 9]), arrayCumSumNonNegative([1, -3, 2]), arrayRotateLeft([1, 2, 3], 1), arrayShiftRight([1, 2, 3], 1);
