CREATE TABLE t (id UInt8, s String DEFAULT 'd', n Nullable(Int32) DEFAULT 7, arr Array(UInt8) DEFAULT [1, 2]) ENGINE = Memory;
INSERT INTO t (id) VALUES (1);
INSERT INTO t (id, arr) VALUES (2, [9]);
INSERT INTO t VALUES (3, 'x', NULL, []);
INSERT INTO t (id, s) VALUES (4, 'given');
SELECT * FROM t ORDER BY id;
