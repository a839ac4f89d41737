CREATE TABLE t (a Decimal(9, 2), b Decimal(18, 4), c Decimal(38, 10)) ENGINE = Memory;
INSERT INTO t VALUES (1.5, 2.25, 3.125), (-0.01, -99999999999999.9999, 1234567890123456789012345678.0123456789), (0, 0, 0), (9999999.99, 1, -1);
SELECT a, b, c FROM t ORDER BY a;
SELECT toTypeName(a), toTypeName(b), toTypeName(c) FROM t LIMIT 1;
SELECT a, b, c FROM t ORDER BY a FORMAT JSONEachRow;
SELECT a + b, a * b, toTypeName(a + b), toTypeName(a * b), b / 3 FROM t ORDER BY a;
SELECT toDecimal32(1.23, 2), toDecimal64('3.14159', 5), toDecimal128(1, 20), toDecimal32('1.239', 2), CAST(1.5 AS Decimal(5, 1));
SELECT sum(a), avg(a), min(b), max(c), toTypeName(sum(a)), toTypeName(avg(a)) FROM t;
