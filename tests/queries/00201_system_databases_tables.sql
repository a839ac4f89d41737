CREATE TABLE t1 (a UInt8, b String) ENGINE = Memory;
CREATE VIEW v1 AS SELECT a FROM t1;
SELECT name, engine FROM system.tables WHERE database = currentDatabase() ORDER BY name;
SELECT name FROM system.databases WHERE name IN ('system', 'default', 'INFORMATION_SCHEMA', 'information_schema') ORDER BY name;
SELECT count() > 0 FROM system.tables WHERE database = 'system';
SELECT is_temporary, total_rows FROM system.tables WHERE database = currentDatabase() AND name = 't1';
