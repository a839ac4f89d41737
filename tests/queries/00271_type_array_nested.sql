SELECT [[1, 2], [3]] AS a, a[1], a[1][2], length(a), arrayFlatten(a), toTypeName(a);
SELECT [['a'], []], [[NULL]], toTypeName([[NULL]]), [[[1]]];
SELECT arrayMap(x -> length(x), [[1], [1, 2], []]), arrayFilter(x -> notEmpty(x), [[1], [], [2]]);
CREATE TABLE t (a Array(Array(String))) ENGINE = Memory;
INSERT INTO t VALUES ([['x', 'y'], []]), ([]);
SELECT a, length(a) FROM t ORDER BY length(a);
