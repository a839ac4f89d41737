CREATE TABLE t (d Date, s String, v Nullable(Float64)) ENGINE = Memory;
INSERT INTO t VALUES ('2024-01-02', 'a', 1.5), ('2024-01-03', 'b', NULL);
SELECT s, sum(v), count() FROM t GROUP BY s ORDER BY s;
SELECT * FROM t ORDER BY d;
INSERT INTO t (s) VALUES ('c');
SELECT * FROM t ORDER BY s;
SELECT count() FROM t;
TRUNCATE TABLE t;
SELECT count() FROM t;
DROP TABLE t;
SELECT * FROM t; -- { serverError UNKNOWN_TABLE }
