CREATE TABLE t (k Nullable(String), v Nullable(Int32)) ENGINE = Memory;
INSERT INTO t VALUES ('a', 1), (NULL, 2), ('a', NULL), (NULL, NULL), ('b', 5);
SELECT k, sum(v), count(v), count() FROM t GROUP BY k ORDER BY k;
SELECT k, v FROM t ORDER BY k NULLS FIRST, v;
SELECT DISTINCT k FROM t ORDER BY k;
SELECT count() FROM t WHERE v > 1;
SELECT count() FROM t WHERE k = NULL;
SELECT uniqExact(k), groupArray(k), any(k) FROM t;
