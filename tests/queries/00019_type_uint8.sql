CREATE TABLE t (x UInt8) ENGINE = Memory;
INSERT INTO t VALUES (0), (1), (127), (128), (255);
SELECT x, toTypeName(x) FROM t ORDER BY x;
SELECT x FROM t ORDER BY x FORMAT CSV;
SELECT x FROM t ORDER BY x FORMAT JSONEachRow;
SELECT CAST('200' AS UInt8), toUInt8(255) + 1, toTypeName(toUInt8(255) + 1);
SELECT toUInt8(256), toUInt8(-1), toUInt8OrNull('256'), toUInt8OrZero('abc');
