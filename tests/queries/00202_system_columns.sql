CREATE TABLE t (id UInt32 COMMENT 'the id', s Nullable(String) DEFAULT 'x', arr Array(Int8)) ENGINE = Memory;
SELECT name, type, position, default_kind, default_expression, comment FROM system.columns WHERE database = currentDatabase() AND table = 't' ORDER BY position;
SELECT count() FROM system.columns WHERE database = 'system' AND table = 'one';
