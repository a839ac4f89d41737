SELECT arrayDistinct([1, 2, 1, 3, 2]), arrayDistinct(['a', 'a']), arrayDistinct([]), arrayUniq([1, 2, 1]), arrayUniq([1, 2], [1, 1]), arrayUniq([]), arrayDistinct([NULL, 1, NULL]);
SELECT arrayIntersect([1, 2, 3], [2, 3, 4]), arrayIntersect([1], [2]), arrayEnumerate([10, 20, 30]), arrayEnumerateUniq([1, 2, 1, 1]), arrayEnumerateDense([10, 20, 10]);
