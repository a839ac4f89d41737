CREATE TABLE t (b Bool) ENGINE = Memory;
INSERT INTO t VALUES (true), (false), (1), (0);
SELECT b, toTypeName(b) FROM t;
SELECT b FROM t FORMAT CSV;
SELECT b FROM t FORMAT JSONEachRow;
SELECT true, false, true AND false, toTypeName(true), CAST(1 AS Bool), CAST('true' AS Bool), CAST('false' AS Bool);
SELECT toBool(1), toBool(0), toBool('true'), true + 1, toTypeName(true + 1);
