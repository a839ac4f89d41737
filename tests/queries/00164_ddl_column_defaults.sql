CREATE TABLE t (id UInt32, d Date DEFAULT '2024-01-01', m UInt32 MATERIALIZED id * 2, a UInt32 ALIAS id + 100, s String DEFAULT concat('id', toString(id)) COMMENT 'generated', c String CODEC(ZSTD(1))) ENGINE = Memory;
INSERT INTO t (id) VALUES (1), (2);
INSERT INTO t (id, d, s, c) VALUES (3, '2025-05-05', 'explicit', 'cc');
SELECT * FROM t ORDER BY id;
SELECT id, m, a FROM t ORDER BY id;
SELECT *, m FROM t ORDER BY id FORMAT TSVWithNames;
DESCRIBE t;
SHOW CREATE TABLE t;
INSERT INTO t (id, m) VALUES (9, 9); -- { serverError ILLEGAL_COLUMN }
