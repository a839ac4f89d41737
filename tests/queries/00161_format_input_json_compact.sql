CREATE TABLE t (a UInt32, s String) ENGINE = Memory;
INSERT INTO t FORMAT JSONCompactEachRow [1, "a"] [2, "b"]
INSERT INTO t FORMAT JSONCompactEachRow [3, "c"]
SELECT * FROM t ORDER BY a;
