CREATE TABLE t (s LowCardinality(String), n LowCardinality(Nullable(String))) ENGINE = Memory;
INSERT INTO t VALUES ('a', 'x'), ('b', NULL), ('a', 'x'), ('c', '');
SELECT s, n, toTypeName(s), toTypeName(n) FROM t;
SELECT s, count() FROM t GROUP BY s ORDER BY s;
SELECT s, n FROM t FORMAT JSONEachRow;
SELECT toLowCardinality('x') AS x, toTypeName(x), length(s), upper(s), toTypeName(upper(s)) FROM t LIMIT 2;
