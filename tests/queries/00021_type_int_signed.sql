CREATE TABLE t (a Int8, b Int16, c Int32, d Int64) ENGINE = Memory;
INSERT INTO t VALUES (-128, -32768, -2147483648, -9223372036854775808), (127, 32767, 2147483647, 9223372036854775807), (0, 0, 0, 0), (-1, -1, -1, -1);
SELECT * FROM t ORDER BY d;
SELECT * FROM t ORDER BY d FORMAT CSV;
SELECT * FROM t ORDER BY d FORMAT JSONEachRow;
SELECT toTypeName(a), toTypeName(b), toTypeName(c), toTypeName(d) FROM t LIMIT 1;
SELECT toInt8(-129), toInt16('-32768'), toInt32OrNull('x'), toInt64OrZero('12a');
SELECT abs(a), negate(a), toTypeName(negate(a)), toTypeName(abs(a)) FROM t ORDER BY a;
