SELECT arrayFirstIndex(x -> x > 10, [1, 2]), arrayLastIndex(x -> x > 0, []), arrayFirst(x -> x > 'a', ['a', 'b']), arrayLast(x -> 1, [1, 2]);
SELECT arrayMap(x -> x * 2, range(5)), arrayFilter(x -> x % 2, range(5)), arraySum(range(101)), arrayCount(range(5));
SELECT arrayElement([1, 2, 3], -1), [1, 2, 3][number] FROM numbers(4);
SELECT arrayConcat([1], [NULL]), toTypeName(arrayConcat([1], [NULL])), arrayPushBack([], 1), arrayPushFront(['b'], 'a');
