-- The -Map combinator (issue 8): any aggregate per key of a Map argument, keys sorted in the result;
-- stacked with -If; over GROUP BY; a non-Map argument is ILLEGAL_TYPE_OF_ARGUMENT. Then groupArraySorted(N).
SELECT avgMap(m), countMap(m), maxMap(m) FROM (SELECT map('b', number, 'a', number * 2) AS m FROM numbers(4));
SELECT toTypeName(avgMap(m)), toTypeName(uniqMap(m)) FROM (SELECT map('b', number, 'a', number * 2) AS m FROM numbers(4));
SELECT k % 2 AS g, avgMap(m), uniqMap(m) FROM (SELECT number AS k, map(number % 3, number) AS m FROM numbers(10)) GROUP BY g ORDER BY g;
SELECT k % 2 AS g, avgMap(m), uniqMap(m) FROM (SELECT number AS k, map(number % 3, number) AS m FROM numbers(10)) GROUP BY g ORDER BY g SETTINGS max_threads = 1, max_block_size = 1;
SELECT avgMapIf(m, k > 2) FROM (SELECT number AS k, map('x', number) AS m FROM numbers(5));
SELECT groupArrayMap(m) FROM (SELECT map('x', number, 'y', 10 + number) AS m FROM numbers(3));
SELECT avgMap(m) FROM (SELECT CAST(map(), 'Map(String, UInt64)') AS m FROM numbers(3));
SELECT minMap(m) FROM (SELECT map(1, 'b', 2, 'c') AS m UNION ALL SELECT map(1, 'a'));
SELECT anyLastMap(m) FROM (SELECT number AS k, map('p', toString(number)) AS m FROM numbers(4));
SELECT argMaxMap(m, k) FROM (SELECT number AS k, map('p', toString(number)) AS m FROM numbers(4)); -- { serverError NUMBER_OF_ARGUMENTS_DOESNT_MATCH }
SELECT quantileMap(0.5)(m) FROM (SELECT map('q', number) AS m FROM numbers(11));
SELECT avgMap(number) FROM numbers(3); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT groupArraySorted(3)(number * 7919 % 1000) FROM numbers(5000);
SELECT groupArraySorted(2)(toString(number)) FROM numbers(20);
SELECT groupArraySorted(5)(x) FROM (SELECT if(number % 2, NULL, number) AS x FROM numbers(6));
SELECT groupArraySorted(number) FROM numbers(3); -- { serverError BAD_ARGUMENTS }
