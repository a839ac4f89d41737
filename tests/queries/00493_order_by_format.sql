-- ORDER BY elements are written back with their direction, ASC included, as ClickHouse formats queries
DROP VIEW IF EXISTS v_ord;
CREATE VIEW v_ord AS SELECT number FROM numbers(3) ORDER BY number;
SHOW CREATE VIEW v_ord;
SELECT as_select FROM system.tables WHERE database = currentDatabase() AND name = 'v_ord';
EXPLAIN SYNTAX SELECT number FROM numbers(3) ORDER BY number, number + 1 DESC;
EXPLAIN SYNTAX SELECT number FROM numbers(3) ORDER BY number NULLS FIRST;
DROP VIEW v_ord;
-- system.tables shows CREATE statements and a view's SELECT on one line
DROP TABLE IF EXISTS t_line;
DROP VIEW IF EXISTS v_line;
CREATE TABLE t_line (x UInt8, s String DEFAULT 'a (b)\n') ENGINE = MergeTree ORDER BY x;
CREATE VIEW v_line AS SELECT x FROM t_line WHERE x IN (SELECT 1) ORDER BY x;
SELECT name, create_table_query, as_select FROM system.tables WHERE database = currentDatabase() AND name IN ('t_line', 'v_line') ORDER BY name FORMAT Vertical;
DROP VIEW v_line;
DROP TABLE t_line;
