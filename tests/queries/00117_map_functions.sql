SELECT map('a', 1, 'b', 2) AS m, m['a'], m['c'], mapKeys(m), mapValues(m), mapContains(m, 'b'), length(m), toTypeName(m);
SELECT map(1, 'x')[1];
SELECT mapFromArrays(['a', 'b'], [1, 2]), mapUpdate(map('a', 1), map('a', 2, 'b', 3));
SELECT mapFilter((k, v) -> v > 1, map('a', 1, 'b', 2)), mapApply((k, v) -> (k, v * 10), map('a', 1)), mapExists((k, v) -> v = 2, map('a', 1, 'b', 2)), mapAll((k, v) -> v > 0, map('a', 1));
SELECT mapSort(map('b', 1, 'a', 2)), mapReverseSort(map('b', 1, 'a', 2)), mapConcat(map('a', 1), map('b', 2));
SELECT map('a', 1, 'a', 2)['a'];
