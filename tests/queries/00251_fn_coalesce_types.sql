SELECT coalesce(NULL, 1, 2.5), toTypeName(coalesce(NULL, 1, 2.5)), coalesce(toNullable('a'), 'b'), ifNull(NULL, NULL), coalesce(NULL, NULL, NULL);
SELECT coalesce(x, y, 0) FROM (SELECT arrayJoin([1, NULL, NULL]) AS x, arrayJoin([NULL, 2]) AS y);
