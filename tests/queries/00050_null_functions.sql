SELECT isNull(NULL), isNull(1), isNotNull(NULL), isNotNull('x'), isZeroOrNull(0), isZeroOrNull(NULL), isZeroOrNull(1);
SELECT coalesce(NULL, NULL, 3), coalesce(NULL, 'a'), coalesce(1, 2), coalesce(NULL), toTypeName(coalesce(NULL, 1)), toTypeName(coalesce(toNullable(1), 2));
SELECT ifNull(NULL, 5), ifNull(3, 5), nullIf(1, 1), nullIf(1, 2), toTypeName(nullIf(1, 2)), assumeNotNull(toNullable(3)), toTypeName(assumeNotNull(toNullable(3)));
SELECT x, coalesce(x, -1), ifNull(x, 0) + 1, nullIf(x, 2), x IS NULL, x IS NOT NULL FROM (SELECT arrayJoin([1, NULL, 2]) AS x);
SELECT toNullable(1), toTypeName(toNullable('a')), toTypeName(toNullable(toNullable(1)));
