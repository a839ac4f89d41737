SELECT ((1, 'a'), [2, 3]) AS t, t.1.2, t.2[1], toTypeName(t);
CREATE TABLE tt (t Tuple(a UInt8, b Tuple(c String, d Array(UInt8)))) ENGINE = Memory;
INSERT INTO tt VALUES ((1, ('x', [1, 2]))), ((2, ('y', [])));
SELECT t, t.a, t.b.c, t.b.d FROM tt ORDER BY t.a;
SELECT t FROM tt ORDER BY t.a FORMAT JSONEachRow;
