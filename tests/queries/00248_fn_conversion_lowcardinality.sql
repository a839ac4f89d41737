SELECT toLowCardinality('a') = 'a', toTypeName(toLowCardinality(1)), CAST('x' AS LowCardinality(Nullable(String))), toTypeName(CAST(NULL AS LowCardinality(Nullable(String))));
SELECT lc, toString(lc), length(lc) FROM (SELECT toLowCardinality(arrayJoin(['x', 'yy', 'x'])) AS lc);
