SELECT [1, NULL, 3] AS a, toTypeName(a), arrayFilter(x -> x IS NOT NULL, a), arrayMap(x -> x * 2, a), length(a), has(a, NULL), arrayCount(x -> x IS NULL, a);
SELECT CAST(NULL AS Nullable(Array(Int32))); -- { serverError ILLEGAL_TYPE_OF_ARGUMENT }
SELECT [1, 2][NULL], toTypeName([1, 2][NULL]);
