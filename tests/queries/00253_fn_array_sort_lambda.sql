SELECT arraySort(x -> -x, [1, 3, 2]), arraySort((x, y) -> (y, x), [1, 2, 3], [2, 1, 1]), arrayReverseSort(x -> x % 3, [1, 2, 3, 4, 5]);
SELECT arraySort(['b', 'A', 'a', 'B']), arraySort(x -> lower(x), ['b', 'A', 'c']), arraySort([toDate('2024-01-02'), toDate('2024-01-01')]);
