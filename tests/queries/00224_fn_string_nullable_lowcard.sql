CREATE TABLE t (s Nullable(String), lc LowCardinality(String)) ENGINE = Memory;
INSERT INTO t VALUES ('Hello', 'a'), (NULL, 'b'), ('', 'a');
SELECT s, upper(s), length(s), concat(s, '!'), lc, upper(lc), length(lc), toTypeName(upper(lc)), toTypeName(upper(s)) FROM t;
SELECT lc, count() FROM t GROUP BY lc ORDER BY lc;
SELECT s IS NULL, isNull(s), coalesce(s, 'dflt') FROM t;
