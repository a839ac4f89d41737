CREATE TABLE t (m Map(String, UInt64)) ENGINE = Memory;
INSERT INTO t VALUES ({'a': 1, 'b': 2}), ({}), ({'key with space': 18446744073709551615});
SELECT m, toTypeName(m), m['a'], m['zz'], length(m) FROM t;
SELECT m FROM t FORMAT JSONEachRow;
SELECT m FROM t FORMAT CSV;
SELECT mapKeys(m), mapValues(m), mapContains(m, 'b') FROM t;
SELECT map('x', 1, 'y', 2), map(1, 'a'), toTypeName(map(1, 'a')), map();
