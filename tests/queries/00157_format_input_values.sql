CREATE TABLE t (a UInt32, s String, d Date, arr Array(UInt8), n Nullable(Int8)) ENGINE = Memory;
INSERT INTO t VALUES (1, 'a', '2024-01-01', [1, 2], NULL), (2, 'b\'c', '2024-01-02', [], -1);
INSERT INTO t (a, s) VALUES (3, 'only');
INSERT INTO t VALUES (4, concat('x', 'y'), toDate('2024-02-01') + 1, [1 + 1], 1 + 1);
SELECT * FROM t ORDER BY a;
INSERT INTO t VALUES (5, 'z', 'not a date', [], NULL); -- { clientError CANNOT_PARSE_DATE }
