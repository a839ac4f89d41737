SELECT arrayMap(x -> x * 2, [1, 2, 3]), arrayMap(x -> toString(x), [1, 2]), arrayMap((x, y) -> x + y, [1, 2], [10, 20]), arrayMap(x -> x, []);
SELECT arrayFilter(x -> x > 1, [1, 2, 3]), arrayFilter(x -> x LIKE 'a%', ['ab', 'b', 'ac']), arrayFilter((x, y) -> y, [1, 2, 3], [1, 0, 1]), arrayFilter(x -> 0, [1]);
SELECT number, arrayMap(x -> x + number, [1, 2]) FROM numbers(3);
SELECT arrayMap(x -> arrayMap(y -> x * y, [1, 2]), [1, 2, 3]);
SELECT arrayMap(x -> (x, x * x), [1, 2]), arrayMap(x -> if(x > 1, 'big', 'small'), [1, 2]);
SELECT arrayMap((x, y) -> x + y, [1, 2], [1]); -- { serverError SIZES_OF_ARRAYS_DONT_MATCH }
