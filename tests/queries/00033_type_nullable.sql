CREATE TABLE t (a Nullable(Int32), s Nullable(String)) ENGINE = Memory;
INSERT INTO t VALUES (1, 'x'), (NULL, NULL), (3, NULL), (NULL, '');
SELECT a, s, toTypeName(a), isNull(a), isNotNull(s) FROM t;
SELECT a, s FROM t FORMAT CSV;
SELECT a, s FROM t FORMAT JSONEachRow;
SELECT a, s FROM t FORMAT Values;
SELECT a + 1, a * NULL, count(a), count(), sum(a) FROM t GROUP BY a + 1, a * NULL ORDER BY a + 1;
SELECT NULL, toTypeName(NULL), toTypeName([NULL, 1]), NULL + 1, NULL = NULL, NULL IS NULL;
