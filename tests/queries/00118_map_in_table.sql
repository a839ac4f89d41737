CREATE TABLE t (id UInt8, m Map(String, Int32)) ENGINE = Memory;
INSERT INTO t VALUES (1, {'x': 1, 'y': 2}), (2, {}), (3, {'x': -5});
SELECT id, m['x'], m['y'], mapKeys(m), length(m) FROM t ORDER BY id;
SELECT id FROM t WHERE m['x'] < 0 OR mapContains(m, 'y') ORDER BY id;
SELECT k, v FROM t ARRAY JOIN mapKeys(m) AS k, mapValues(m) AS v ORDER BY id, k;
