CREATE TABLE t (t Tuple(Int32, String), n Tuple(a UInt8, b Array(String))) ENGINE = Memory;
INSERT INTO t VALUES ((1, 'x'), (5, ['p', 'q'])), ((-2, ''), (0, []));
SELECT t, n, toTypeName(t), toTypeName(n) FROM t ORDER BY t;
SELECT t, n FROM t ORDER BY t FORMAT JSONEachRow;
SELECT t, n FROM t ORDER BY t FORMAT CSV;
SELECT t.1, t.2, n.a, n.b, tupleElement(n, 'a') FROM t ORDER BY t;
SELECT (1, 'a', 2.5), tuple(1), toTypeName((1, 'a')), (1, 2) < (1, 3), (1, 'b') = (1, 'b');
