SELECT 1 + NULL, NULL * 2, toTypeName(1 + NULL), toTypeName(toNullable(1) + 1);
SELECT x, x + 1, x * 2, x / 2, intDiv(x, 2) FROM (SELECT arrayJoin([1, NULL, 3]) AS x);
SELECT sum(x), avg(x), count(x), max(x) FROM (SELECT arrayJoin([1, NULL, 3]) AS x);
