SELECT arrayConcat([1, 2], [3], []), arrayConcat(['a'], ['b', 'c']), arrayConcat([1], [2.5]), arrayPushBack([1, 2], 3), arrayPushFront([1, 2], 0), arrayPopBack([1, 2, 3]), arrayPopFront([1, 2, 3]), arrayPopBack([]);
SELECT arraySlice([1, 2, 3, 4, 5], 2, 3), arraySlice([1, 2, 3, 4, 5], -2), arraySlice([1, 2, 3], 2), arraySlice([1, 2, 3], 0, 2), arraySlice([1, 2, 3], 2, -1), arraySlice([1, 2], 5);
