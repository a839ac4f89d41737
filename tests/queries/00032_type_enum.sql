CREATE TABLE t (e Enum8('a' = 1, 'b' = 2, 'c' = -3), f Enum16('x' = 1000, 'y' = -1000)) ENGINE = Memory;
INSERT INTO t VALUES ('a', 'x'), ('c', 'y'), (2, 1000);
SELECT e, f, toTypeName(e), toInt8(e), toInt16(f) FROM t ORDER BY e;
SELECT e, f FROM t ORDER BY e FORMAT JSONEachRow;
SELECT e, f FROM t ORDER BY e FORMAT CSV;
SELECT * FROM t WHERE e = 'a';
SELECT CAST('b' AS Enum8('a' = 1, 'b' = 2)), CAST(1 AS Enum8('a' = 1, 'b' = 2));
INSERT INTO t VALUES ('zzz', 'x'); -- { clientError UNKNOWN_ELEMENT_OF_ENUM }
