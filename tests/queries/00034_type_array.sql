CREATE TABLE t (a Array(Int32), s Array(String), n Array(Array(Nullable(UInt8)))) ENGINE = Memory;
INSERT INTO t VALUES ([1, 2, 3], ['a', 'b\'c'], [[1, NULL], []]), ([], [], []), ([-1], [''], [[NULL]]);
SELECT a, s, n FROM t;
SELECT a, s, n FROM t FORMAT CSV;
SELECT a, s, n FROM t FORMAT JSONEachRow;
SELECT a, s, n FROM t FORMAT TSVWithNamesAndTypes;
SELECT toTypeName(a), toTypeName(n), length(a), a[1], a[-1], a[10] FROM t;
SELECT [1, 2.5], [[1], [2, 3]], ['x', NULL], toTypeName([1, 2.5]), toTypeName(['x', NULL]), [];
