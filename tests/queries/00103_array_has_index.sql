SELECT has([1, 2, 3], 2), has([1, 2, 3], 5), has(['a', 'b'], 'b'), has([NULL, 1], NULL), has([], 1), has([1, 2], 1.0);
SELECT hasAll([1, 2, 3], [1, 3]), hasAll([1, 2], [4]), hasAll([1], []), hasAny([1, 2], [3, 2]), hasAny([1], []), hasSubstr([1, 2, 3, 4], [2, 3]), hasSubstr([1, 2, 3], [3, 2]);
SELECT indexOf([10, 20, 30], 20), indexOf([10, 20, 30], 40), indexOf(['x', 'y', 'x'], 'x'), indexOf([NULL, 1], NULL), countEqual([1, 2, 1, 1], 1), countEqual([NULL, NULL], NULL);
