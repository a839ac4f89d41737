CREATE TABLE t (m Map(String, Array(UInt8)), m2 Map(UInt32, Map(String, String))) ENGINE = Memory;
INSERT INTO t VALUES ({'a': [1, 2], 'b': []}, {1: {'x': 'y'}});
SELECT m, m['a'], m['zz'], m2[1]['x'], m2[2], toTypeName(m2) FROM t;
SELECT m FROM t FORMAT JSONEachRow;
