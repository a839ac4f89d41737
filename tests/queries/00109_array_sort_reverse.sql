SELECT arraySort([3, 1, 2]), arraySort(['b', 'a', 'c']), arrayReverseSort([3, 1, 2]), arraySort(x -> -x, [3, 1, 2]), arraySort((x, y) -> y, ['a', 'b', 'c'], [3, 1, 2]), arrayReverse([1, 2, 3]);
SELECT arraySort([NULL, 3, 1]), arrayReverseSort([NULL, 3, 1]), arraySort([nan, 1, -inf]), arraySort([[2], [1, 2], [1]]), arraySort([(2, 'a'), (1, 'b')]);
